/**
 * Builds for `npm run bench`, all with the softphone's own build (`scripts/build/build-softphone.mjs`, same plugins,
 * same minifier, same gzip level):
 * - the product bundle (as `npm run build`), while a rollup plugin collects every import our own modules make of a
 *   third-party package (after the LWC compiler, so the engine functions compiled templates import are included);
 * - the "libraries alone" bundle: an entry that imports exactly those bindings and keeps them alive — the floor of
 *   the bundle size (LWC engine, web phone, SDK, libphonenumber and its metadata, …);
 * - the floor page's script (`floor/bench-floor.ts`) as the static resource `BenchFloorBundle`.
 * Generated files go to `scripts/bench/.cache/` (git-ignored).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
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
  bytes: number;
  gzipBytes: number;
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
 */
export function libraryImportCollector(): { plugin: Plugin; imports: () => LibraryImport[] } {
  const bySpecifier = new Map<string, Set<string>>();
  const add = (specifier: string, binding: string | null): void => {
    const set = bySpecifier.get(specifier) ?? new Set<string>();
    if (binding) set.add(binding);
    bySpecifier.set(specifier, set);
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
        if (!isBare(specifier)) continue;
        const resolved = await this.resolve(specifier, info.id, { skipSelf: true });
        if (!resolved || resolved.external || !inNodeModules(resolved.id)) continue;
        for (const b of bindings) add(specifier, b);
      }
    },
  };
  const imports = (): LibraryImport[] =>
    [...bySpecifier.entries()]
      .map(([specifier, set]) => ({ specifier, imports: [...set].sort() }))
      .sort((a, b) => a.specifier.localeCompare(b.specifier));
  return { plugin, imports };
}

export interface BenchBuilds {
  product: BuildResult;
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
  const imports = collector.imports();
  const entry = join(CACHE_DIR, 'libraries-entry.mjs');
  writeFileSync(entry, librariesEntrySource(imports));
  const libraries = await build({ entry, output: join(CACHE_DIR, 'LibrariesAlone.js') });
  const floor = await floorBuild();
  const builds: BenchBuilds = {
    product: { bytes: product.bytes, gzipBytes: product.gzipBytes },
    libraries: { bytes: libraries.bytes, gzipBytes: libraries.gzipBytes, imports },
    floor: { bytes: floor.bytes, gzipBytes: floor.gzipBytes },
  };
  writeFileSync(BUILDS_FILE, JSON.stringify(builds, null, 2));
  return builds;
}
