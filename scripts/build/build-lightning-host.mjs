// Builds the harness's Lightning host: the package's Lightning web components (force-app/main/default/lwc) with
// the open-source base components (npm `lightning-base-components`), compiled by the LWC compiler the softphone uses
// (LWC OSS 8.28.2) into ONE script the console stand-in loads. It exposes `window.harnessLightning.mount(host, tag,
// props)`; the console mounts the components its Lightning pages place (flexipages of the package).
//
//   output  node_modules/.cache/lightning-host/lightning-host.js (+ .json: the sources' newest mtime, the tags and the
//           package imports — rollup's module list, as the softphone build writes its own — which `npm test`'s
//           `dependencies` step reads: these packages run in `npm start`'s browser)
//
// Module resolution, in order:
//   @salesforce/apex/<Class>.<method>        → a function calling the org stand-in (harness/apexTransport), also a
//                                               wire adapter
//   @salesforce/schema/<Object>.<field…>      → `{objectApiName, fieldApiName}` (the package's fields namespaced as the org
//                                               names them: harness/schemaTokens)
//   @salesforce/messageChannel/<Name>__c      → `{channelName}` of a channel of the package (messageChannels/), named as
//                                               the org names it (harness/messageChannels); another name fails the build
//   @salesforce/customPermission/<Name>       → `true` when the console's signed-in user has it, else `undefined`
//   @salesforce/user/Id, @salesforce/user/isGuest → the signed-in user
//   @salesforce/label/c.<Name>                → the package's Custom Label in the signed-in user's language (the console
//                                               puts them on `window.harnessSession.labels`); a name the labels file
//                                               lacks fails the build, as saving the component fails in an org
//   lightning/uiRecordApi, messageService, platformShowToastEvent, navigation, primitiveIcon and a closed base-component gate
//                                             → the harness's stand-ins (cti-adapter/harness/lightning-host/modules)
//   c/<component>                             → force-app/main/default/lwc/<component>
//   lightning/*                               → lightning-base-components
// Synthetic shadow (@lwc/synthetic-shadow, as Lightning Experience uses) is loaded first: the base components need it.
//
// Usage: node scripts/build/build-lightning-host.mjs [--if-stale]
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import lwc from '@lwc/rollup-plugin';
import nodeResolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import { rollup } from 'rollup';
import { nodeModulesPackage, stripTypeScript } from './build-softphone.mjs';
import { writeCacheFile } from './cache-file.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const COMPONENTS_DIR = join(root, 'force-app/main/default/lwc');
export const STAND_INS_DIR = join(root, 'cti-adapter/harness/lightning-host/modules');
export const MESSAGE_CHANNELS_DIR = join(root, 'force-app/main/default/messageChannels');
export const LABELS_FILE = join(root, 'force-app/main/default/labels/CustomLabels.labels-meta.xml');
export const OUTPUT = join(root, 'node_modules/.cache/lightning-host/lightning-host.js');
export const MANIFEST = join(root, 'node_modules/.cache/lightning-host/lightning-host.json');
/** What the output is built from (its staleness is the newest mtime below these). */
export const SOURCES = [
  COMPONENTS_DIR,
  STAND_INS_DIR,
  MESSAGE_CHANNELS_DIR,
  LABELS_FILE,
  fileURLToPath(import.meta.url),
];
const ENTRY = '\0lightning-host-entry';

/** Newest modification time (ms) of the files under `path`, ignoring `__tests__` folders. */
export function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === '__tests__' || entry.name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** True when the output is missing or older than its sources. */
export function isStale() {
  if (!existsSync(OUTPUT) || !existsSync(MANIFEST)) return true;
  const built = JSON.parse(readFileSync(MANIFEST, 'utf8')).sourcesMtimeMs ?? 0;
  return Math.max(...SOURCES.map(newestMtime)) > built;
}

/** The package's modules: folder names with a `<name>.js`. */
function modules() {
  return readdirSync(COMPONENTS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(COMPONENTS_DIR, d.name, `${d.name}.js`)))
    .map((d) => d.name)
    .sort();
}

/** The modules that are components (they have a template): what a page can mount. */
function components(names) {
  return names.filter((n) => existsSync(join(COMPONENTS_DIR, n, `${n}.html`)));
}

/** `softphoneAdmin` → `c-softphone-admin`. */
function tagOf(name) {
  return `c-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** The API names of the package's Custom Labels (`<fullName>` of each `<labels>` entry of the labels file). */
function packageLabelNames() {
  const xml = readFileSync(LABELS_FILE, 'utf8');
  return new Set([...xml.matchAll(/<labels>\s*<fullName>(\w+)<\/fullName>/g)].map((m) => m[1]));
}

/** The scoped imports of the platform (`@salesforce/…`) as modules the harness can run. */
function salesforceScopedImports() {
  const transport = join(STAND_INS_DIR, 'harness/apexTransport/apexTransport.ts');
  const schemaTokens = join(STAND_INS_DIR, 'harness/schemaTokens/schemaTokens.ts');
  const channels = join(STAND_INS_DIR, 'harness/messageChannels/messageChannels.ts');
  const modules = {
    messageChannel(name) {
      const file = join(MESSAGE_CHANNELS_DIR, `${name.replace(/__c$/, '')}.messageChannel-meta.xml`);
      if (!name.endsWith('__c') || !existsSync(file))
        throw new Error(
          `@salesforce/messageChannel/${name}: the package has no such message channel (messageChannels/)`,
        );
      return [
        `import { messageChannelToken } from ${JSON.stringify(channels)};`,
        `export default messageChannelToken(${JSON.stringify(name)});`,
      ].join('\n');
    },
    apex(name) {
      const [classname, method] = name.split('.');
      if (!classname || !method) throw new Error(`@salesforce/apex/${name}: expected <Class>.<method>`);
      return [
        `import { callApex, apexWireAdapter } from ${JSON.stringify(transport)};`,
        `const method = (params) => callApex(${JSON.stringify(classname)}, ${JSON.stringify(method)}, params);`,
        `method.adapter = apexWireAdapter(${JSON.stringify(classname)}, ${JSON.stringify(method)});`,
        'export default method;',
      ].join('\n');
    },
    schema(name) {
      const [objectApiName, ...field] = name.split('.');
      return [
        `import { schemaToken } from ${JSON.stringify(schemaTokens)};`,
        `export default schemaToken(${JSON.stringify(objectApiName)}, ${JSON.stringify(field.join('.') || null)});`,
      ].join('\n');
    },
    customPermission(name) {
      return `export default (window.harnessSession?.customPermissions ?? []).includes(${JSON.stringify(name)}) ? true : undefined;`;
    },
    user(name) {
      if (name === 'Id') return 'export default window.harnessSession?.userId;';
      if (name === 'isGuest') return 'export default false;';
      throw new Error(`@salesforce/user/${name}: the harness knows Id and isGuest`);
    },
    label(name) {
      const label = name.slice('c.'.length);
      if (!/^\w+$/.test(label) || !packageLabelNames().has(label))
        throw new Error(
          `@salesforce/label/${name}: the package has no such Custom Label (labels/CustomLabels.labels-meta.xml)`,
        );
      return `export default window.harnessSession?.labels?.[${JSON.stringify(label)}] ?? ${JSON.stringify(name)};`;
    },
  };
  return {
    name: 'harness-salesforce-scoped-imports',
    resolveId(importee) {
      // `@salesforce/label/<Component>.<key>` of the base components resolve to their own modules; only the
      // package's labels (`c.`) are ours.
      const match = /^@salesforce\/(apex|schema|messageChannel|customPermission|user|label)\/(.+)$/.exec(importee);
      if (!match || (match[1] === 'label' && !match[2].startsWith('c.'))) return null;
      return `\0sf:${match[1]}:${match[2]}`;
    },
    load(id) {
      const match = /^\0sf:(\w+):(.+)$/.exec(id);
      return match ? modules[match[1]](match[2]) : null;
    },
  };
}

/** The entry: synthetic shadow, the LWC engine and every component of the package, mounted by tag. */
function entry(names) {
  return {
    name: 'harness-lightning-entry',
    resolveId(importee) {
      return importee === ENTRY ? ENTRY : null;
    },
    load(id) {
      if (id !== ENTRY) return null;
      return [
        "import '@lwc/synthetic-shadow';",
        "import { createElement } from 'lwc';",
        ...names.map((n, i) => `import C${i} from 'c/${n}';`),
        `const COMPONENTS = { ${names.map((n, i) => `${JSON.stringify(tagOf(n))}: C${i}`).join(', ')} };`,
        'window.harnessLightning = {',
        '  tags: Object.keys(COMPONENTS),',
        '  mount(host, tag, props) {',
        '    const ctor = COMPONENTS[tag];',
        "    if (!ctor) throw new Error('No Lightning component ' + tag + ' in the package');",
        '    const element = createElement(tag, { is: ctor });',
        '    Object.assign(element, props || {});',
        '    host.appendChild(element);',
        '    return element;',
        '  },',
        '};',
      ].join('\n');
    },
  };
}

/**
 * Every import of a package by a module of the host, from rollup's module cache: `{package, importer, byPackage,
 * specifier}` as the softphone build's manifest has them. A bare specifier that names an installed package counts as
 * that package (`lwc`, which the LWC plugin resolves into `@lwc/engine-dom`); a module specifier of the LWC module
 * system (`lightning/button`, `@salesforce/label/…`) counts as the package whose file it resolved to
 * (`lightning-base-components`). Imports inside one package are left out.
 */
function hostPackageImports(cache) {
  const seen = new Map();
  for (const module of cache?.modules ?? []) {
    const importerPackage = nodeModulesPackage(module.id);
    const importer = importerPackage ?? relative(root, module.id.replace(/^\0/, '').split('?')[0]).split(sep).join('/');
    for (const [specifier, resolved] of Object.entries(module.resolvedIds ?? {})) {
      if (!resolved || resolved.external || specifier.startsWith('\0')) continue;
      const filePackage = nodeModulesPackage(resolved.id);
      if (!filePackage) continue;
      const bare = /^(?:@[^/]+\/)?[^./][^/]*/.exec(specifier)?.[0];
      const installed = bare && existsSync(join(root, 'node_modules', bare, 'package.json'));
      const name = installed ? bare : filePackage;
      if (name === importerPackage) continue;
      seen.set(`${importer} ${name}`, { package: name, importer, byPackage: importerPackage !== null, specifier });
    }
  }
  return [...seen.values()].sort((a, b) => `${a.package} ${a.importer}`.localeCompare(`${b.package} ${b.importer}`));
}

/** Builds the host; returns `{file, bytes, tags, seconds}`. */
export async function buildLightningHost() {
  const started = Date.now();
  const sourcesMtimeMs = Math.max(...SOURCES.map(newestMtime));
  const names = modules();
  const mountable = components(names);
  const warnings = [];
  const bundle = await rollup({
    input: ENTRY,
    onwarn(warning) {
      // The base components' own templates carry compiler warnings (duplicate slots in lightning-card, …).
      if (warning.plugin === 'rollup-plugin-lwc-compiler' && /lightning-base-components/.test(warning.message)) return;
      if (warning.code === 'CIRCULAR_DEPENDENCY' && /node_modules/.test(warning.message)) return;
      warnings.push(`${warning.code ?? 'WARN'}: ${warning.message}`);
    },
    plugins: [
      entry(mountable),
      salesforceScopedImports(),
      stripTypeScript(),
      replace({
        preventAssignment: true,
        values: { 'import.meta.env.SSR': 'false', 'process.env.NODE_ENV': JSON.stringify('production') },
      }),
      lwc({
        rootDir: root,
        modules: [
          { dir: STAND_INS_DIR },
          {
            name: '@salesforce/gate/bc.260.enableComboboxElementInternals',
            path: join(STAND_INS_DIR, 'harness/closedGate/closedGate.ts'),
          },
          ...names.map((n) => ({ name: `c/${n}`, path: join(COMPONENTS_DIR, n, `${n}.js`) })),
          { npm: 'lightning-base-components' },
        ],
      }),
      nodeResolve({ browser: true, extensions: ['.mjs', '.js', '.ts'] }),
    ],
  });
  const { output } = await bundle.generate({ format: 'iife', inlineDynamicImports: true, sourcemap: false });
  const imports = hostPackageImports(bundle.cache);
  await bundle.close();
  const code = output[0].code;
  mkdirSync(dirname(OUTPUT), { recursive: true });
  writeCacheFile(OUTPUT, code);
  const tags = mountable.map(tagOf);
  writeCacheFile(MANIFEST, `${JSON.stringify({ sourcesMtimeMs, tags, imports }, null, 2)}\n`);
  return {
    file: relative(root, OUTPUT),
    bytes: Buffer.byteLength(code),
    tags,
    warnings,
    seconds: (Date.now() - started) / 1000,
  };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  if (process.argv.includes('--if-stale') && !isStale()) {
    console.log('lightning host is up to date');
  } else {
    try {
      const result = await buildLightningHost();
      for (const w of result.warnings) console.warn(`warning ${w}`);
      console.log(
        `built ${result.file} (${(result.bytes / 1024).toFixed(0)} KB, ${result.tags.length} components) in ${result.seconds.toFixed(1)} s`,
      );
    } catch (error) {
      console.error(`lightning host build failed: ${error instanceof Error ? error.message : String(error)}`);
      if (error && error.frame) console.error(error.frame);
      process.exitCode = 1;
    }
  }
}
