/**
 * Builds for `npm run bench`, all with the softphone's own build (`scripts/build/build-softphone.mjs`, same plugins,
 * same minifier, same gzip level):
 * - the product bundle (as `npm run build`): its first-paint chunk and its lazy chunks, while a rollup plugin collects
 *   every import our own modules make of a third-party package (after the LWC compiler, so the engine functions
 *   compiled templates import are included);
 * - the "libraries alone" bundle: an entry that imports exactly the bindings the modules of the first-paint chunk
 *   import and keeps them alive — the floor of the first-paint chunk's size (LWC engine, web phone, SDK,
 *   libphonenumber and its metadata — the part of it the first paint holds, {@link LIBRARY_DATA_MODULES} —, …);
 * - the floor page's script (`floor/bench-floor.ts`) as the static resource `BenchFloorBundle`.
 * Generated files go to `scripts/bench/.cache/` (git-ignored).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'rollup';
import { librariesEntrySource, type LibraryImport } from './bench-report';

export const BENCH_DIR = __dirname;
export const REPO_ROOT = join(__dirname, '..', '..');
export const CACHE_DIR = join(__dirname, '.cache');
/** Static resources served to the current harness before the package's (the floor page's script). */
export const FLOOR_RESOURCES_DIR = join(CACHE_DIR, 'staticresources');
export const FLOOR_PAGES_DIR = join(__dirname, 'floor', 'pages');
export const FLOOR_PAGE = 'BenchFloor';

interface BuildResult {
  /** The first-paint chunk (the entry and the chunks it imports statically). */
  bytes: number;
  gzipBytes: number;
  /** Every chunk (builds before the chunk split have none of these). */
  total?: { bytes: number; gzipBytes: number };
  chunks?: { file: string; bytes: number; gzipBytes: number; firstPaint: boolean }[];
  modules?: { module: string; firstPaint?: boolean }[];
}

type BuildFn = (options?: {
  write?: boolean;
  minified?: boolean;
  entry?: string;
  output?: string;
  plugins?: Plugin[];
}) => Promise<BuildResult>;

async function buildFunction(root: string): Promise<BuildFn> {
  const module = (await import(pathToFileURL(join(root, 'scripts/build/build-softphone.mjs')).href)) as {
    buildSoftphone: BuildFn;
  };
  return module.buildSoftphone;
}

/** A module's repository path as the build lists it, without rollup's `\0` prefix or query. */
function modulePath(id: string): string {
  return relative(REPO_ROOT, id.replace(/^\0/, '').split('?')[0] ?? '')
    .split(sep)
    .join('/');
}

/**
 * Modules of ours that are a library's data, derived from it at build time: counted with the libraries, not as our
 * code. The first paint's phone-number metadata is `libphonenumber-js`'s `min` metadata without its formats
 * (`scripts/build/generate-phone-metadata.ts`, ADR 0018).
 */
export const LIBRARY_DATA_MODULES: readonly string[] = [
  'cti-adapter/src/core/phone-number/phone-metadata-parsing.generated.json',
];

function isBare(specifier: string): boolean {
  return !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.startsWith('\0');
}

function inNodeModules(id: string): boolean {
  return id.includes(`${sep}node_modules${sep}`);
}

interface AstNode {
  type: string;
  [key: string]: unknown;
}

/**
 * A rollup plugin that records, for every module of ours (not under `node_modules`, not virtual), each import of a
 * package that resolves into `node_modules`: the specifier as written and the bindings (`default`, `*`, names).
 * `imports(importedBy)` lists them, keeping only the bindings imported by a module `importedBy` accepts (a repository
 * path, e.g. the modules of the first-paint chunk).
 */
export function libraryImportCollector(): {
  plugin: Plugin;
  imports: (importedBy?: (module: string) => boolean) => LibraryImport[];
} {
  /** specifier → binding → the modules (repository paths) that import it. */
  const bySpecifier = new Map<string, Map<string, Set<string>>>();
  const add = (specifier: string, binding: string | null, importer: string): void => {
    const bindings = bySpecifier.get(specifier) ?? new Map<string, Set<string>>();
    const key = binding ?? '';
    bindings.set(key, (bindings.get(key) ?? new Set<string>()).add(importer));
    bySpecifier.set(specifier, bindings);
  };
  const plugin: Plugin = {
    name: 'bench-library-imports',
    async moduleParsed(info) {
      if (info.id.startsWith('\0') || inNodeModules(info.id) || !info.ast) return;
      const found: { specifier: string; bindings: (string | null)[] }[] = [];
      const visit = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        if (Array.isArray(node)) return node.forEach(visit);
        const n = node as AstNode;
        const source = (n.source as { value?: unknown } | undefined)?.value;
        if (n.type === 'ImportDeclaration' && typeof source === 'string') {
          const specifiers = (n.specifiers as AstNode[]) ?? [];
          found.push({
            specifier: source,
            bindings:
              specifiers.length === 0
                ? [null]
                : specifiers.map((s) =>
                    s.type === 'ImportDefaultSpecifier'
                      ? 'default'
                      : s.type === 'ImportNamespaceSpecifier'
                        ? '*'
                        : String(
                            (s.imported as { name?: string; value?: string }).name ??
                              (s.imported as { value?: string }).value,
                          ),
                  ),
          });
        } else if (n.type === 'ExportNamedDeclaration' && typeof source === 'string') {
          found.push({
            specifier: source,
            bindings: ((n.specifiers as AstNode[]) ?? []).map((s) => String((s.local as { name?: string }).name)),
          });
        } else if (n.type === 'ExportAllDeclaration' && typeof source === 'string') {
          found.push({ specifier: source, bindings: ['*'] });
        } else if (n.type === 'ImportExpression' && typeof source === 'string') {
          found.push({ specifier: source, bindings: ['*'] });
        }
        for (const [key, value] of Object.entries(n)) if (key !== 'source') visit(value);
      };
      visit(info.ast);
      for (const { specifier, bindings } of found) {
        if (!isBare(specifier)) {
          const data = specifier.endsWith('.json') ? await this.resolve(specifier, info.id, { skipSelf: true }) : null;
          if (data && LIBRARY_DATA_MODULES.includes(modulePath(data.id))) {
            for (const b of bindings) add(data.id, b, modulePath(info.id));
          }
          continue;
        }
        const resolved = await this.resolve(specifier, info.id, { skipSelf: true });
        if (!resolved || resolved.external || !inNodeModules(resolved.id)) continue;
        for (const b of bindings) add(specifier, b, modulePath(info.id));
      }
    },
  };
  const imports = (importedBy: (module: string) => boolean = () => true): LibraryImport[] =>
    [...bySpecifier.entries()]
      .map(([specifier, bindings]) => {
        const used = [...bindings.entries()].filter(([, importers]) => [...importers].some(importedBy));
        return {
          specifier,
          imports: used
            .map(([binding]) => binding)
            .filter(Boolean)
            .sort(),
          used: used.length > 0,
        };
      })
      .filter((entry) => entry.used)
      .map(({ specifier, imports: names }) => ({ specifier, imports: names }))
      .sort((a, b) => a.specifier.localeCompare(b.specifier));
  return { plugin, imports };
}

export interface BenchBuilds {
  /** The first-paint chunk (`bytes`, `gzipBytes`), every chunk (`total…`) and the lazy chunks. */
  product: BuildResult & {
    totalBytes: number;
    totalGzipBytes: number;
    lazyChunks: { file: string; gzipBytes: number }[];
  };
  libraries: BuildResult & { imports: LibraryImport[] };
  floor: BuildResult;
}

const BUILDS_FILE = join(CACHE_DIR, 'builds.json');

/**
 * Builds the product bundle (written where `npm run build` writes it), the libraries alone and the floor page. With
 * `reuseProduct` (`--no-build`, while developing the bench) only the floor page is built and the product and
 * libraries figures are those of the last build (they must exist from an earlier run).
 */
export async function buildForBench(options: { reuseProduct?: boolean } = {}): Promise<BenchBuilds> {
  const build = await buildFunction(REPO_ROOT);
  mkdirSync(FLOOR_RESOURCES_DIR, { recursive: true });
  const floorBuild = (): Promise<BuildResult> =>
    build({
      entry: join(BENCH_DIR, 'floor', 'bench-floor.ts'),
      output: join(FLOOR_RESOURCES_DIR, 'BenchFloorBundle.js'),
    });
  if (options.reuseProduct) {
    if (!existsSync(BUILDS_FILE)) throw new Error('--no-build: no earlier build (run npm run bench once without it)');
    const last = JSON.parse(readFileSync(BUILDS_FILE, 'utf8')) as BenchBuilds;
    const floor = await floorBuild();
    return { ...last, floor: { bytes: floor.bytes, gzipBytes: floor.gzipBytes } };
  }
  const collector = libraryImportCollector();
  const product = await build({ plugins: [collector.plugin] });
  // The libraries of the first-paint chunk only: what the lazy chunks import is not in the first paint either.
  const painted = new Set(
    (product.modules ?? []).filter((m) => m.firstPaint !== false).map((m) => m.module.split('?')[0] ?? ''),
  );
  const imports = collector.imports((module) => painted.has(module));
  const entry = join(CACHE_DIR, 'libraries-entry.mjs');
  writeFileSync(entry, librariesEntrySource(imports));
  const libraries = await build({ entry, output: join(CACHE_DIR, 'LibrariesAlone.js') });
  const floor = await floorBuild();
  const builds: BenchBuilds = {
    product: {
      bytes: product.bytes,
      gzipBytes: product.gzipBytes,
      totalBytes: product.total?.bytes ?? product.bytes,
      totalGzipBytes: product.total?.gzipBytes ?? product.gzipBytes,
      lazyChunks: (product.chunks ?? [])
        .filter((c) => !c.firstPaint)
        .map((c) => ({ file: c.file, gzipBytes: c.gzipBytes })),
    },
    libraries: { bytes: libraries.bytes, gzipBytes: libraries.gzipBytes, imports },
    floor: { bytes: floor.bytes, gzipBytes: floor.gzipBytes },
  };
  writeFileSync(BUILDS_FILE, JSON.stringify(builds, null, 2));
  return builds;
}
