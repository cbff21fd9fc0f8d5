// Builds the softphone static resource: ES modules in one folder (a zip static resource), loaded by the
// `OpenCTIIndex` Visualforce page as `<script type="module" src="{!URLFOR($Resource.SoftphoneBundle, 'softphone.js')}">`.
//
//   entry   cti-adapter/src/app/main.ts (composition root)
//   output  force-app/main/default/staticresources/SoftphoneBundle/ (git-ignored; its meta file is source):
//           softphone.js, the first-paint chunk (what ringing, answering and the screen pop need), and the chunks
//           the softphone imports later (`import()`: settings, history, log form, dialer, keypad, …; ADR 0018)
//
// and, with it, the sign-in redirect script of the `RingCentralOAuthCallback` page (a second, tiny IIFE):
//
//   entry   cti-adapter/src/app/oauth-callback-page.ts
//   output  force-app/main/default/staticresources/RingCentralOAuthCallback.js (git-ignored; its meta file is source)
//
// Pipeline: resolve TypeScript relative imports → strip TypeScript with Babel (decorators kept, legacy syntax as
// the LWC compiler expects) → LWC compiler (@lwc/rollup-plugin, components of namespace `softphone` in
// cti-adapter/src/ui) → node-resolve (browser field) → commonjs → replace process.env.NODE_ENV → terser.
// Prints the size raw and gzip of the first-paint chunk (the entry and what it imports statically) and of all
// chunks, the heaviest packages/modules (from rollup's per-module `renderedLength`), and fails when the first-paint
// chunk is over BUDGET_GZIP_BYTES or the output contains `eval(` or `new Function` (Salesforce's CSP forbids them).
//
// A successful build (within the budget) writes its stamp (`bundle-stamp.mjs`: a digest of what it was built from and
// of what it wrote), by which the end-to-end specs skip a build of the same sources.
//
// Usage: node scripts/build/build-softphone.mjs [--json [--modules all|N]] [--no-minify]
//   --json          prints the result as JSON (chunks, packages, the 25 heaviest modules)
//   --modules all   with --json: every module of the bundle instead of the 25 heaviest (`--modules N`: the N heaviest)
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { transformAsync } from '@babel/core';
import lwc from '@lwc/rollup-plugin';
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import { BUDGET_GZIP_BYTES } from './bundle-budget.mjs';
import { writeCacheFile } from './cache-file.mjs';
import { writeBundleStamp } from './bundle-stamp.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const args = new Set(argv);
const asJson = args.has('--json');
const minify = !args.has('--no-minify');
/** How many modules `--json` lists, heaviest first: `--modules all` (or `--modules=all`) for all, `--modules N`. */
const moduleLimit = (() => {
  const index = argv.findIndex((a) => a === '--modules' || a.startsWith('--modules='));
  if (index < 0) return 25;
  const value = argv[index].includes('=') ? argv[index].slice('--modules='.length) : argv[index + 1];
  if (value === 'all') return Infinity;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) {
    console.error(`build failed: --modules takes "all" or a number of modules, not ${JSON.stringify(value ?? '')}`);
    process.exit(1);
  }
  return count;
})();

export const ENTRY = join(root, 'cti-adapter/src/app/main.ts');
/**
 * The boot module (`cti-adapter/src/app/boot.ts` and what it imports): its own chunk `softphone-boot.js`, which the
 * page loads as a module script before `softphone.js` and `softphone.js` imports statically — it sends the start's
 * requests before the first-paint chunk is evaluated (ADR 0018, amendment "cold start: the requests leave before the
 * bundle is evaluated"). Part of the first paint (the budget counts both files).
 */
export const BOOT_MODULE = join(root, 'cti-adapter/src/app/boot.ts');
/** The boot chunk's file, next to `softphone.js`. */
export const BOOT_CHUNK = 'softphone-boot';
/**
 * The UI's module (`cti-adapter/src/app/softphone-ui.ts`: the LWC engine and the root component with what it imports
 * statically): a chunk of its own, `softphone-ui.js` (rollup names a dynamically imported module's chunk after it),
 * which `softphone.js` imports dynamically when the UI mounts and the page preloads — its evaluation comes after the
 * engine's start instead of before it (ADR 0018, amendment "bundle downloaded → running"). Part of the first paint: the
 * first render needs it (the budget counts it with the two files above).
 */
export const UI_ENTRY_MODULE = join(root, 'cti-adapter/src/app/softphone-ui.ts');
export const UI_DIR = join(root, 'cti-adapter/src/ui');
/** The static resource's folder (`SoftphoneBundle.resource-meta.xml`: `application/zip`); rewritten by each build. */
export const OUTPUT_DIR = join(root, 'force-app/main/default/staticresources/SoftphoneBundle');
/** The entry module the adapter page loads (the first-paint chunk); its modification time is the build's. */
export const OUTPUT = join(OUTPUT_DIR, 'softphone.js');
/** The single-file bundle of earlier builds: removed by a build, so the resource is never a file and a folder. */
const LEGACY_OUTPUT = join(root, 'force-app/main/default/staticresources/SoftphoneBundle.js');
/** Budget of the first-paint chunk (gzip level 9, `bundle-budget.mjs`): the build fails above it. The lazy chunks are reported, not capped. */
export { BUDGET_GZIP_BYTES };
export const CALLBACK_ENTRY = join(root, 'cti-adapter/src/app/oauth-callback-page.ts');
export const CALLBACK_OUTPUT = join(root, 'force-app/main/default/staticresources/RingCentralOAuthCallback.js');
/**
 * The bundle's package imports, written by each build that writes the bundle: `{bundle, imports: [{package,
 * importer, byPackage, specifier}]}` where `importer` is a package name (`byPackage`) or a repository path of our
 * source. Read by
 * `npm test` (step `dependencies`) to check that every package the bundle ships is a declared runtime dependency.
 */
export const IMPORTS_MANIFEST = join(root, 'node_modules/.cache/softphone-bundle/imports.json');

/** Resolves extension-less relative imports between TypeScript files (`./x` → `./x.ts` or `./x/index.ts`). */
function typescriptRelativeImports() {
  return {
    name: 'softphone-ts-resolve',
    resolveId(importee, importer) {
      if (!importer || !(importee.startsWith('./') || importee.startsWith('../'))) return null;
      const importerFile = importer.split('?')[0];
      if (!/\.m?ts$/.test(importerFile)) return null;
      if (/\.(html|css|js|mjs|json)$/.test(importee)) return null;
      const base = resolve(dirname(importerFile), importee);
      for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
        if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
      }
      return null;
    },
  };
}

/**
 * `@ringcentral/sdk` imports Node's `crypto` for PKCE; the browser gets the RingCentral layer's synchronous shim
 * (`cti-adapter/src/ringcentral/auth/sdk-crypto-shim.ts`, see its TSDoc).
 */
function browserCryptoShim() {
  const shim = join(root, 'cti-adapter/src/ringcentral/auth/sdk-crypto-shim.ts');
  return {
    name: 'softphone-crypto-shim',
    resolveId(importee) {
      return importee === 'crypto' || importee === 'node:crypto' ? shim : null;
    },
  };
}

/**
 * `fast-xml-parser` (imported by `ringcentral-web-phone` only for its `<Msg><Hdr/><Bdy/></Msg>` codec) is replaced by
 * the RingCentral layer's stand-in `cti-adapter/src/ringcentral/web-phone/rc-xml-shim.ts` (checked against the real
 * library by its tests): the library and its dependencies cost ≈ 25 KB gzip, over the 120 KB budget.
 * Set SOFTPHONE_REAL_XML=1 to bundle the real library.
 */
function xmlParserShim() {
  const shim = join(root, 'cti-adapter/src/ringcentral/web-phone/rc-xml-shim.ts');
  return {
    name: 'softphone-xml-shim',
    resolveId(importee) {
      return importee === 'fast-xml-parser' && process.env.SOFTPHONE_REAL_XML !== '1' ? shim : null;
    },
  };
}

/**
 * `blueimp-md5` (imported by `ringcentral-web-phone` only for the SIP Digest response) is replaced by
 * `cti-adapter/src/ringcentral/web-phone/md5-shim.ts`, the same function on `@noble/hashes` (checked against the real
 * library and Node's `crypto` by its tests). Since the PKCE challenge moved to WebCrypto (ADR 0018), `@noble/hashes`
 * ships only this MD5, ≈ 0.1 KB gzip less than `blueimp-md5`; both are well-kept libraries, and MD5 is not written here.
 */
function md5Shim() {
  const shim = join(root, 'cti-adapter/src/ringcentral/web-phone/md5-shim.ts');
  return {
    name: 'softphone-md5-shim',
    resolveId(importee) {
      return importee === 'blueimp-md5' ? shim : null;
    },
  };
}

/**
 * `@ringcentral/sdk`'s `Platform` imports its `Discovery` (brand entry points) statically and creates it only with
 * `enableDiscovery: true`, which the softphone never sets: the import resolves to
 * `cti-adapter/src/ringcentral/auth/sdk-discovery-off.ts`, which throws if it is ever created (≈ 2.5 KB gzip less;
 * checked against the SDK by `sdk-discovery-off.test.ts`).
 */
function sdkDiscoveryOff() {
  const shim = join(root, 'cti-adapter/src/ringcentral/auth/sdk-discovery-off.ts');
  return {
    name: 'softphone-sdk-discovery-off',
    resolveId(importee, importer) {
      if (importee !== './Discovery' || !importer) return null;
      return importer.split(sep).join('/').includes('/node_modules/@ringcentral/sdk/') ? shim : null;
    },
  };
}

/**
 * Node's `events` module (imported by `@ringcentral/sdk` only to extend `EventEmitter` with `on` and `emit` of its own
 * named events, never `error`) is resolved to `eventemitter3`, a browser EventEmitter with the same `on`/`once`/`off`/
 * `emit` contract (listeners called synchronously, in order, with the emitter as `this`): the `events` polyfill costs
 * ≈ 3.8 KB gzip, `eventemitter3` ≈ 1 KB. Checked against the SDK by its tests (`sdk-events.test.ts`).
 */
function eventsShim() {
  return {
    name: 'softphone-events-shim',
    async resolveId(importee, importer) {
      const alias = PACKAGE_ALIASES.get(importee);
      return alias ? this.resolve(alias, importer, { skipSelf: true }) : null;
    },
  };
}

/** Bare specifiers the build resolves to another package (what ships, and must be declared, is the other one). */
const PACKAGE_ALIASES = new Map([['events', 'eventemitter3']]);

/**
 * `@ringcentral/sdk` as ES modules: its browser entry (`browser`: `lib/SDK.js`) is CommonJS; the package ships the
 * same entry compiled to ES modules (`es6/SDK.js`), which rollup links without CommonJS wrappers.
 */
function sdkEsModules() {
  return {
    name: 'softphone-sdk-es-modules',
    resolveId(importee) {
      return importee === '@ringcentral/sdk' ? join(root, 'node_modules/@ringcentral/sdk/es6/SDK.js') : null;
    },
  };
}

/**
 * JSON imports (`@ringcentral/sdk` reads its version from its package.json). A package.json contributes only
 * `name` and `version`; `@rollup/plugin-json` is not installed and this is all the bundle needs.
 */
function jsonModules() {
  return {
    name: 'softphone-json',
    transform(code, id) {
      if (!id.endsWith('.json')) return null;
      const data = JSON.parse(code);
      const value = id.endsWith('package.json') ? { name: data.name, version: data.version } : data;
      return { code: `export default ${JSON.stringify(value)};`, map: null };
    },
  };
}

/**
 * The LWC plugin resolves every relative import itself, which hides `package.json` `sideEffects: false` from
 * rollup (node-resolve reports it) and defeats tree-shaking of libraries (libphonenumber-js kept AsYouType and
 * the matcher). Here it resolves only imports made from the components and the LWC engine.
 */
function lwcOnlyForComponents(options) {
  const plugin = lwc(options);
  const resolveId = plugin.resolveId;
  plugin.resolveId = function (importee, importer) {
    if (importer && importer.includes(`${sep}node_modules${sep}`) && !importer.includes(`${sep}@lwc${sep}`))
      return null;
    return resolveId.call(this, importee, importer);
  };
  return plugin;
}

/**
 * Strips TypeScript with Babel; keeps decorators (`@api`, `@track`) for the LWC compiler that runs next. Also used by
 * the harness's Lightning host build (its stand-in modules).
 */
export function stripTypeScript() {
  return {
    name: 'softphone-strip-typescript',
    async transform(code, id) {
      const file = id.split('?')[0];
      if (!/\.m?ts$/.test(file) || file.includes(`${sep}node_modules${sep}`)) return null;
      const result = await transformAsync(code, {
        filename: file,
        babelrc: false,
        configFile: false,
        sourceMaps: false,
        presets: [['@babel/preset-typescript', { onlyRemoveTypeImports: false }]],
        plugins: [['@babel/plugin-syntax-decorators', { legacy: true }]],
      });
      return { code: result.code, map: null };
    },
  };
}

/** Package name of a module id inside node_modules, or null for our own source and virtual modules. */
export function nodeModulesPackage(id) {
  const clean = id.replace(/^\0/, '').split('?')[0];
  const idx = clean.lastIndexOf(`node_modules${sep}`);
  if (idx < 0) return null;
  const parts = clean.slice(idx + 13).split(sep);
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/**
 * Every import of a package by a module of the bundle, from rollup's module cache (`resolvedIds`): the package a
 * bare specifier names (`lwc`, even though the LWC plugin resolves it to `@lwc/engine-dom`), or for a resolved
 * path inside node_modules (commonjs wrappers) the package that holds it; a specifier the build aliases
 * ({@link PACKAGE_ALIASES}) counts as the package it ships. Imports inside one package are left out.
 */
function packageImports(cache) {
  const seen = new Map();
  for (const module of cache?.modules ?? []) {
    const importerPackage = nodeModulesPackage(module.id);
    const importer = importerPackage ?? relative(root, module.id.replace(/^\0/, '').split('?')[0]).split(sep).join('/');
    for (const [specifier, resolved] of Object.entries(module.resolvedIds ?? {})) {
      if (!resolved || resolved.external) continue;
      const bare = /^(?:@[^/\0]+\/)?[^./\0][^/]*/.exec(specifier);
      const named = bare && !specifier.startsWith('\0') ? bare[0] : nodeModulesPackage(resolved.id);
      const name = PACKAGE_ALIASES.get(named) ?? named;
      if (!name || name === importerPackage || !nodeModulesPackage(resolved.id)) continue;
      const shown =
        bare && !specifier.startsWith('\0') ? specifier : relative(root, resolved.id.replace(/^\0/, '').split('?')[0]);
      seen.set(`${importer} ${name}`, {
        package: name,
        importer,
        byPackage: importerPackage !== null,
        specifier: shown.split(sep).join('/'),
      });
    }
  }
  return [...seen.values()].sort((a, b) => `${a.package} ${a.importer}`.localeCompare(`${b.package} ${b.importer}`));
}

function packageOf(id) {
  const clean = id.replace(/^\0/, '').split('?')[0];
  const idx = clean.lastIndexOf(`node_modules${sep}`);
  if (idx < 0) {
    const rel = relative(root, clean);
    return rel.startsWith('cti-adapter') ? rel.split(sep).slice(0, 3).join('/') : rel;
  }
  const parts = clean.slice(idx + 13).split(sep);
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** The forbidden-constructs check of Salesforce's CSP (no `eval`, no `Function` constructor); throws naming them. */
function assertCspSafe(code, what) {
  const forbidden = [/\beval\s*\(/, /\bnew\s+Function\s*\(/, /[^.\w$]Function\s*\(\s*["'`]/].filter((re) =>
    re.test(code),
  );
  if (forbidden.length > 0) {
    throw new Error(`${what} contains code Salesforce's CSP forbids: ${forbidden.map(String).join(', ')}`);
  }
}

/**
 * Builds the OAuth callback page's script (our source only: no package, no LWC) and writes it when `write`.
 * Returns its size in bytes.
 */
export async function buildOAuthCallback({ write = true, minified = true } = {}) {
  const bundle = await rollup({
    input: CALLBACK_ENTRY,
    plugins: [
      typescriptRelativeImports(),
      stripTypeScript(),
      ...(minified ? [terser({ format: { comments: false } })] : []),
    ],
  });
  const { output } = await bundle.generate({ format: 'iife', sourcemap: false });
  await bundle.close();
  const code = output.find((o) => o.type === 'chunk').code;
  assertCspSafe(code, 'the OAuth callback script');
  if (write) {
    mkdirSync(dirname(CALLBACK_OUTPUT), { recursive: true });
    writeFileSync(CALLBACK_OUTPUT, code);
  }
  return { file: relative(root, CALLBACK_OUTPUT), bytes: Buffer.byteLength(code) };
}

/**
 * The chunk files the page loads before its first paint: the entry chunk and, transitively, the chunks it imports
 * statically: the entry and the boot chunk (`softphone-boot.js`); rollup hoists code shared with the lazy chunks into
 * the entry. The UI chunk (`softphone-ui.js`, {@link UI_ENTRY_MODULE}) and its static imports count too: the entry
 * imports it dynamically so that it is evaluated after the engine's start, but the first render cannot happen without
 * it (the page preloads it with the entry). `product`: the softphone's own build (the bench's floor and libraries-alone
 * builds have no UI chunk).
 */
function firstPaintFiles(output, product) {
  const chunks = output.filter((o) => o.type === 'chunk');
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const entry = chunks.find((o) => o.isEntry);
  const files = new Set();
  const visit = (name) => {
    if (files.has(name) || !byName.has(name)) return;
    files.add(name);
    for (const imported of byName.get(name).imports) visit(imported);
  };
  visit(entry.fileName);
  if (!product) return files;
  const isUiEntry = (id) => (id ?? '').replace(/^\0/, '').split('?')[0] === UI_ENTRY_MODULE;
  const ui = chunks.find((c) => isUiEntry(c.facadeModuleId) || Object.keys(c.modules).some(isUiEntry));
  if (!ui) throw new Error(`the UI's chunk (${relative(root, UI_ENTRY_MODULE)}) is missing from the build`);
  visit(ui.fileName);
  return files;
}

/**
 * Runs the build. Returns `{file, bytes, gzipBytes, budgetGzipBytes, total, chunks, packages, modules, imports,
 * warnings}`; sizes in bytes, gzip at level 9:
 * - `bytes` / `gzipBytes`: the first-paint chunk (the entry module and the chunks it imports statically), what the
 *   budget applies to; `total`: `{bytes, gzipBytes}` of every chunk (each file gzipped on its own, as it is sent);
 * - `chunks`: `[{file, bytes, gzipBytes, firstPaint, dynamicImports}]`, the entry first;
 * - `imports` as in {@link IMPORTS_MANIFEST} (all chunks); `loaded`: the ids of every module rollup loaded (for
 *   the build's stamp, `bundle-stamp.mjs`);
 * - `packages` and `modules`: the rollup `renderedLength` (after tree-shaking, before minification) and the gzip size
 *   of that rendered code on its own — an attribution, not an exact share of the minified files; each module names
 *   its `chunk` and whether that chunk is first-paint (`firstPaint`).
 * `entry`, `output` (the entry file; other chunks are written next to it) and `plugins` (run before the build's own)
 * let `npm run bench` build its floor pages and the libraries-alone bundle with exactly these settings; the product
 * build uses the defaults.
 */
export async function buildSoftphone({
  write = true,
  minified = true,
  entry = ENTRY,
  output: outputFile = OUTPUT,
  plugins = [],
} = {}) {
  const warnings = [];
  const bundle = await rollup({
    input: entry,
    onwarn(warning) {
      if (warning.code === 'CIRCULAR_DEPENDENCY' && /node_modules/.test(warning.message)) return;
      if (warning.code === 'THIS_IS_UNDEFINED') return;
      warnings.push(`${warning.code ?? 'WARN'}: ${warning.message}`);
    },
    plugins: [
      ...plugins,
      browserCryptoShim(),
      xmlParserShim(),
      md5Shim(),
      sdkDiscoveryOff(),
      eventsShim(),
      sdkEsModules(),
      typescriptRelativeImports(),
      stripTypeScript(),
      jsonModules(),
      lwcOnlyForComponents({
        rootDir: UI_DIR,
        modules: [{ dir: UI_DIR }],
        // Only the components go through the LWC compiler (plus its implicit empty template/style modules).
        exclude: ['**/node_modules/**', `${root}/cti-adapter/src/{app,core,opencti,ringcentral,salesforce}/**`],
        // Components use light DOM (global SLDS styles apply), so the synthetic shadow polyfill is not shipped.
        disableSyntheticShadowSupport: true,
        // `<lwc:component lwc:is={…}>`: the surfaces first paint does not need come from lazy chunks (ADR 0018).
        enableDynamicComponents: true,
      }),
      nodeResolve({ browser: true, preferBuiltins: false, extensions: ['.mjs', '.js', '.ts', '.json'] }),
      commonjs({ transformMixedEsModules: true }),
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
      ...(minified
        ? [terser({ ecma: 2020, format: { comments: false, wrap_func_args: false }, compress: { passes: 3 } })]
        : []),
    ],
  });
  const { output } = await bundle.generate({
    format: 'es',
    entryFileNames: basename(outputFile),
    chunkFileNames: '[name].js',
    // The product's boot chunk (its static dependencies follow it into the chunk unless another chunk needs them).
    ...(entry === ENTRY ? { manualChunks: (id) => (id === BOOT_MODULE ? BOOT_CHUNK : undefined) } : {}),
    sourcemap: false,
    generatedCode: 'es2015',
  });
  const imports = packageImports(bundle.cache);
  const loaded = (bundle.cache?.modules ?? []).map((module) => module.id);
  await bundle.close();
  const chunks = output.filter((o) => o.type === 'chunk');
  for (const chunk of chunks) assertCspSafe(chunk.code, chunk.fileName);
  const firstPaint = firstPaintFiles(output, entry === ENTRY);
  const chunkFigures = chunks
    .map((chunk) => ({
      file: chunk.fileName,
      bytes: Buffer.byteLength(chunk.code),
      gzipBytes: gzipSync(chunk.code, { level: 9 }).length,
      firstPaint: firstPaint.has(chunk.fileName),
      dynamicImports: chunk.dynamicImports,
    }))
    .sort((a, b) => Number(b.firstPaint) - Number(a.firstPaint) || b.gzipBytes - a.gzipBytes);
  const sum = (list, key) => list.reduce((total, c) => total + c[key], 0);
  const painted = chunkFigures.filter((c) => c.firstPaint);
  const perPackage = new Map();
  const modules = [];
  for (const chunk of chunks) {
    for (const [id, info] of Object.entries(chunk.modules)) {
      if (!info.code || info.renderedLength === 0) continue;
      const pkg = packageOf(id);
      const entry = perPackage.get(pkg) ?? { package: pkg, renderedBytes: 0, code: '' };
      entry.renderedBytes += info.renderedLength;
      entry.code += info.code;
      perPackage.set(pkg, entry);
      modules.push({
        module: relative(root, id.replace(/^\0/, '')),
        renderedBytes: info.renderedLength,
        chunk: chunk.fileName,
        firstPaint: firstPaint.has(chunk.fileName),
      });
    }
  }
  const packages = [...perPackage.values()]
    .map((p) => ({ package: p.package, renderedBytes: p.renderedBytes, gzipBytes: gzipSync(p.code).length }))
    .sort((a, b) => b.renderedBytes - a.renderedBytes);
  modules.sort((a, b) => b.renderedBytes - a.renderedBytes);
  if (write) {
    const outDir = dirname(outputFile);
    if (outputFile === OUTPUT) {
      rmSync(OUTPUT_DIR, { recursive: true, force: true });
      rmSync(LEGACY_OUTPUT, { force: true });
    }
    mkdirSync(outDir, { recursive: true });
    // The entry last: its modification time says the whole folder is written (start-harness's staleness check).
    for (const chunk of [...chunks].sort((a, b) => Number(a.isEntry) - Number(b.isEntry))) {
      writeFileSync(join(outDir, chunk.fileName), chunk.code);
    }
    // The manifest and the sign-in callback script belong to the product bundle only (the bench builds other
    // entries with these settings).
    if (outputFile === OUTPUT) {
      mkdirSync(dirname(IMPORTS_MANIFEST), { recursive: true });
      writeCacheFile(IMPORTS_MANIFEST, `${JSON.stringify({ bundle: relative(root, OUTPUT_DIR), imports }, null, 2)}\n`);
      await buildOAuthCallback({ write, minified });
    }
  }
  return {
    file: relative(root, outputFile),
    bytes: sum(painted, 'bytes'),
    gzipBytes: sum(painted, 'gzipBytes'),
    budgetGzipBytes: BUDGET_GZIP_BYTES,
    total: { bytes: sum(chunkFigures, 'bytes'), gzipBytes: sum(chunkFigures, 'gzipBytes') },
    chunks: chunkFigures,
    packages,
    modules,
    imports,
    loaded,
    warnings,
  };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const started = Date.now();
  try {
    const result = await buildSoftphone({ minified: minify });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const within = result.gzipBytes <= BUDGET_GZIP_BYTES;
    if (asJson) {
      const shown = { ...result, modules: result.modules.slice(0, moduleLimit) };
      delete shown.loaded; // the stamp's input list, not a figure
      console.log(JSON.stringify(shown, null, 2));
    } else {
      for (const w of result.warnings) console.warn(`warning ${w}`);
      const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
      console.log(`built ${relative(root, dirname(OUTPUT))}/ in ${seconds} s`);
      console.log(
        `first paint (${result.chunks
          .filter((c) => c.firstPaint)
          .map((c) => c.file)
          .join(
            ' + ',
          )}): ${result.bytes} bytes raw (${kb(result.bytes)}), ${result.gzipBytes} bytes gzip (${kb(result.gzipBytes)})`,
      );
      console.log(
        `all ${result.chunks.length} chunks: ${result.total.bytes} bytes raw (${kb(result.total.bytes)}), ${result.total.gzipBytes} bytes gzip (${kb(result.total.gzipBytes)})`,
      );
      for (const c of result.chunks.filter((chunk) => !chunk.firstPaint)) {
        console.log(`  lazy ${c.file.padEnd(40)} ${kb(c.gzipBytes).padStart(10)} gzip`);
      }
      console.log(`budget of the first paint: ${kb(BUDGET_GZIP_BYTES)} gzip → ${within ? 'within' : 'OVER'}`);
      console.log('heaviest packages (rendered before minification / gzip of that code alone):');
      for (const p of result.packages.slice(0, 12)) {
        console.log(`  ${p.package.padEnd(48)} ${kb(p.renderedBytes).padStart(10)} ${kb(p.gzipBytes).padStart(10)}`);
      }
    }
    if (within) {
      // What this build was made from, so that callers that need the bundle skip a build of the same sources.
      writeBundleStamp(root, {
        outputDir: OUTPUT_DIR,
        callbackOutput: CALLBACK_OUTPUT,
        loaded: result.loaded,
        options: { minified: minify },
      });
    } else {
      console.error(
        `build failed: the first-paint chunk is ${result.gzipBytes} bytes gzip, over the budget of ${BUDGET_GZIP_BYTES} (scripts/build/build-softphone.mjs BUDGET_GZIP_BYTES): move what ringing, answering and the screen pop do not need to a lazy chunk (ADR 0018)`,
      );
      process.exitCode = 1;
    }
  } catch (error) {
    console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
    if (error && error.frame) console.error(error.frame);
    process.exitCode = 1;
  }
}
