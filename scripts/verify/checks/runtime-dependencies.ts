import path from 'node:path';
import { builtinModules } from 'node:module';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../lib/finding';
import { projectRoot, relative } from '../lib/paths';

/** One import of an npm package: by our source (a repository path) or by another package (its name). */
export interface PackageImport {
  package: string;
  importer: string;
  /** True when `importer` is a package name, false when it is our source (or `package.json` for the loader). */
  byPackage: boolean;
  specifier: string;
}

/** What the check compares; gathered by {@link collectDependencyFacts}, or written by hand in the self-tests. */
export interface DependencyFacts {
  /** The project's package.json (absolute), whose `dependencies` and `devDependencies` are checked. */
  packageJsonFile: string;
  /** Package imports of the softphone bundle (rollup's module list, see `scripts/build`). */
  bundleImports: PackageImport[];
  /**
   * Packages the `npm start` process runs (its loader), imports, or reads files of (`require.resolve`,
   * `node_modules/x`), and those of the Lightning host its console serves.
   */
  startImports: PackageImport[];
  /** Declared `dependencies`, `optionalDependencies` and `peerDependencies` of each importing package. */
  declaredBy: Record<string, string[]>;
}

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  bin?: string | Record<string, string>;
  name?: string;
}

const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

const readJson = (file: string): PackageJson => JSON.parse(readFileSync(file, 'utf8')) as PackageJson;

/** Line of `"name":` inside the `"section": {` block of package.json, or of the block itself. */
function lineIn(text: string, section: string, name?: string): number {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.includes(`"${section}":`));
  if (start < 0) return 1;
  if (name) {
    for (let index = start + 1; index < lines.length && !/^\s*}/.test(lines[index] ?? ''); index += 1) {
      if (lines[index]?.includes(`"${name}":`)) return index + 1;
    }
  }
  return start + 1;
}

/**
 * Checks the runtime `dependencies` of package.json against what really runs: the packages the softphone bundle
 * ships (rollup's module list) and what `npm start` runs (its loader, the harness's imports, files it serves from
 * node_modules). Build and test tools are `devDependencies`; `npm start` spawns the build (dev tools) only when
 * the bundle is missing or stale. Rules, reported at the package.json line:
 * - `UndeclaredRuntimeDependency`: our bundled or `npm start` code imports a package that is not in
 *   `dependencies` (missing, or only a devDependency);
 * - `UndeclaredTransitiveDependency`: a package in the bundle or `npm start` imports one that it does not declare
 *   itself (e.g. `@ringcentral/sdk` imports Node's `events`, which the build resolves to the npm package
 *   `eventemitter3`) and that `dependencies` does not declare either: it is there only because some other tool
 *   happened to install it;
 * - `UnusedRuntimeDependency`: a `dependencies` entry neither shipped nor used by `npm start` (a devDependency);
 * - `InexactVersion`: a dependency not pinned to one exact version.
 */
export function checkRuntimeDependencies(facts: DependencyFacts): { findings: Finding[]; runtimeCount: number } {
  const text = readFileSync(facts.packageJsonFile, 'utf8');
  const manifest = JSON.parse(text) as PackageJson;
  const runtime = manifest.dependencies ?? {};
  const dev = manifest.devDependencies ?? {};
  const file = relative(projectRoot, facts.packageJsonFile);
  const findings: Finding[] = [];
  const report = (line: number, rule: string, message: string): void => {
    findings.push({ check: 'dependencies', file, line, rule, message });
  };
  const uses = [
    ...facts.bundleImports.map((use) => ({ ...use, where: 'the softphone bundle ships it' })),
    ...facts.startImports.map((use) => ({ ...use, where: '`npm start` uses it' })),
  ];
  const reported = new Set<string>();
  for (const use of uses) {
    if (use.package in runtime) continue;
    if (use.byPackage && (facts.declaredBy[use.importer] ?? []).includes(use.package)) continue;
    if (reported.has(use.package)) continue;
    reported.add(use.package);
    const isDev = use.package in dev;
    const line = isDev ? lineIn(text, 'devDependencies', use.package) : lineIn(text, 'dependencies');
    if (use.byPackage) {
      report(
        line,
        'UndeclaredTransitiveDependency',
        `${use.package} is imported by ${use.importer} (${use.specifier}), which does not declare it, and ${use.where}: declare it in dependencies with an exact version`,
      );
    } else {
      report(
        line,
        'UndeclaredRuntimeDependency',
        `${use.package} is used by ${use.importer} and ${use.where}, but it is ${isDev ? 'a devDependency' : 'not declared'}: move it to dependencies`,
      );
    }
  }
  const used = new Set(uses.map((use) => use.package));
  for (const name of Object.keys(runtime)) {
    if (used.has(name)) continue;
    report(
      lineIn(text, 'dependencies', name),
      'UnusedRuntimeDependency',
      `${name} is neither in the softphone bundle nor used by \`npm start\`: move it to devDependencies`,
    );
  }
  for (const section of ['dependencies', 'devDependencies'] as const) {
    for (const [name, version] of Object.entries(manifest[section] ?? {})) {
      if (EXACT_VERSION.test(version)) continue;
      report(lineIn(text, section, name), 'InexactVersion', `${name} "${version}" is not one exact version`);
    }
  }
  return { findings, runtimeCount: Object.keys(runtime).length };
}

/** `name` of the package a file inside node_modules belongs to, or null. */
function packageOfFile(file: string): string | null {
  const parts = file.split(path.sep);
  const index = parts.lastIndexOf('node_modules');
  if (index < 0) return null;
  const first = parts[index + 1] ?? '';
  return first.startsWith('@') ? `${first}/${parts[index + 2] ?? ''}` : first || null;
}

/** The bare package name of an import specifier (`@noble/hashes/sha2.js` → `@noble/hashes`), or null. */
function bareName(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return null;
  const name = /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*/i.exec(specifier)?.[0] ?? null;
  return name && !builtinModules.includes(name) ? name : null;
}

/**
 * What `npm start` runs: the loader of its script (`tsx <entry>` → the package that provides the `tsx` command),
 * the packages the entry's import graph imports (esbuild's metafile, packages left external), and packages whose
 * files that code reads from node_modules (`require.resolve('x')`, `node_modules/x/…`).
 */
async function startImports(root: string, manifest: PackageJson): Promise<PackageImport[]> {
  const command = (manifest.scripts?.start ?? '').trim().split(/\s+/);
  const [loader, entry] = command;
  const found: PackageImport[] = [];
  if (!loader || !entry) return found;
  const loaderBin = path.join(root, 'node_modules', '.bin', loader);
  const loaderPackage = existsSync(loaderBin) ? packageOfFile(realpathSync(loaderBin)) : null;
  if (loaderPackage) {
    found.push({ package: loaderPackage, importer: 'the start script', byPackage: false, specifier: loader });
  }
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
    loader: { '.html': 'text', '.css': 'text', '.svg': 'text' },
  });
  for (const [input, info] of Object.entries(result.metafile.inputs)) {
    for (const use of info.imports) {
      const name = use.external ? bareName(use.path) : null;
      if (name) found.push({ package: name, importer: input, byPackage: false, specifier: use.path });
    }
    const source = existsSync(path.join(root, input)) ? readFileSync(path.join(root, input), 'utf8') : '';
    for (const match of source.matchAll(
      /require\.resolve\(\s*['"]([^'"]+)['"]|node_modules\/((?:@[\w.-]+\/)?[\w.-]+)/g,
    )) {
      const name = bareName(match[1] ?? match[2] ?? '');
      if (name) found.push({ package: name, importer: input, byPackage: false, specifier: match[0] });
    }
  }
  return found;
}

/** The bundle's package imports: the manifest of the last build when it is not older than the bundle, else a build. */
async function bundleImports(root: string): Promise<PackageImport[]> {
  const buildScript = path.join(root, 'scripts/build/build-softphone.mjs');
  const build = (await import(pathToFileURL(buildScript).href)) as {
    IMPORTS_MANIFEST: string;
    OUTPUT: string;
    buildSoftphone: (options: { write: boolean; minified: boolean }) => Promise<{ imports: unknown[] }>;
  };
  const fresh =
    existsSync(build.IMPORTS_MANIFEST) &&
    existsSync(build.OUTPUT) &&
    statSync(build.IMPORTS_MANIFEST).mtimeMs >= statSync(build.OUTPUT).mtimeMs;
  const imports = fresh
    ? (JSON.parse(readFileSync(build.IMPORTS_MANIFEST, 'utf8')) as { imports: unknown[] }).imports
    : (await build.buildSoftphone({ write: false, minified: false })).imports;
  return imports as PackageImport[];
}

/**
 * The package imports of the harness's Lightning host (the package's Lightning web components with the base
 * components, which `npm start`'s console serves to the browser): the manifest of its last build when that build is
 * not stale, else a build (`scripts/build/build-lightning-host.mjs`).
 */
async function lightningHostImports(root: string): Promise<PackageImport[]> {
  const buildScript = path.join(root, 'scripts/build/build-lightning-host.mjs');
  if (!existsSync(buildScript)) return [];
  const build = (await import(pathToFileURL(buildScript).href)) as {
    MANIFEST: string;
    isStale: () => boolean;
    buildLightningHost: () => Promise<unknown>;
  };
  if (build.isStale()) await build.buildLightningHost();
  const manifest = JSON.parse(readFileSync(build.MANIFEST, 'utf8')) as { imports?: PackageImport[] };
  return manifest.imports ?? [];
}

/** Gathers the {@link DependencyFacts} of the repository (builds the bundle's module list when it is stale). */
export async function collectDependencyFacts(root: string = projectRoot): Promise<DependencyFacts> {
  const packageJsonFile = path.join(root, 'package.json');
  const manifest = readJson(packageJsonFile);
  const facts: DependencyFacts = {
    packageJsonFile,
    bundleImports: await bundleImports(root),
    startImports: [...(await startImports(root, manifest)), ...(await lightningHostImports(root))],
    declaredBy: {},
  };
  for (const use of [...facts.bundleImports, ...facts.startImports]) {
    if (!use.byPackage || use.importer in facts.declaredBy) continue;
    const file = path.join(root, 'node_modules', use.importer, 'package.json');
    const declared = existsSync(file) ? readJson(file) : {};
    facts.declaredBy[use.importer] = Object.keys({
      ...declared.dependencies,
      ...declared.optionalDependencies,
      ...declared.peerDependencies,
    });
  }
  return facts;
}
