// The stamp of the last successful softphone build: what it was built from and what it wrote, so that a caller that
// needs the bundle (each end-to-end spec, through `cti-adapter/e2e/support/softphone-world.ts`) builds it only when
// it is not current, instead of once per spec (one build costs ~40 s of CPU; `npm test` ran it 27 times).
//
//   file    node_modules/.cache/softphone-bundle/stamp.json (written as a new file, `cache-file.mjs`)
//   inputs  a SHA-256 over the path and content of: every file under cti-adapter/src (but `__tests__`), every file of
//           scripts/build, package.json, package-lock.json, node_modules/.package-lock.json (what npm installed),
//           every other file rollup loaded (its module ids that are files: the packages' modules), the build's options
//           and the environment it reads (`SOFTPHONE_REAL_XML`)
//   outputs a SHA-256 of every file of the static resource folder and of the sign-in callback script
//
// The bundle is current when the stamp's inputs and outputs both equal what is on disk now: an edited source, a
// package reinstalled, a build with other options or a hand-edited output each make it stale. Content, not
// modification times: a checkout or a copy that keeps old times (`cp -a`, a restored cache) cannot pass for current.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { writeCacheFile } from './cache-file.mjs';

/** Where the stamp is kept (under `node_modules/.cache`, like the build's imports manifest). */
export function stampFile(root) {
  return join(root, 'node_modules/.cache/softphone-bundle/stamp.json');
}

/** Every file under `dir`, sorted, skipping `__tests__` folders (tests are not bundled). Missing `dir`: none. */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) return [dir];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '__tests__' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}

/** SHA-256 (hex) over `files` (absolute), each as its repository path and its content; a missing file counts too. */
function digest(root, files) {
  const hash = createHash('sha256');
  for (const file of [...new Set(files)].sort()) {
    hash.update(relative(root, file).split(sep).join('/'));
    hash.update('\0');
    hash.update(existsSync(file) ? readFileSync(file) : Buffer.from('(missing)'));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The files every build reads whatever it imports: the sources, the build scripts, what npm installed. */
function fixedInputs(root) {
  return [
    ...filesUnder(join(root, 'cti-adapter/src')),
    ...filesUnder(join(root, 'scripts/build')),
    join(root, 'package.json'),
    join(root, 'package-lock.json'),
    join(root, 'node_modules/.package-lock.json'),
  ];
}

/** The files the build wrote: the static resource folder and the sign-in callback script. */
function outputs(root, outputDir, callbackOutput) {
  return [...filesUnder(outputDir), callbackOutput];
}

/** The options and environment a build depends on besides files. */
function settings(options) {
  return JSON.stringify({ minified: options.minified, realXml: process.env.SOFTPHONE_REAL_XML === '1' });
}

/**
 * Writes the stamp after a successful build. `loaded`: the files rollup loaded (absolute paths; virtual modules and
 * ids that are not files are dropped), `options`: `{minified}`.
 */
export function writeBundleStamp(root, { outputDir, callbackOutput, loaded, options }) {
  const extra = loaded
    .filter((id) => !id.startsWith('\0') && existsSync(id) && statSync(id).isFile())
    .map((id) => relative(root, id).split(sep).join('/'))
    .sort();
  const stamp = {
    settings: settings(options),
    extraInputs: [...new Set(extra)],
    inputs: digest(root, [...fixedInputs(root), ...extra.map((file) => join(root, file))]),
    outputs: digest(root, outputs(root, outputDir, callbackOutput)),
  };
  mkdirSync(dirname(stampFile(root)), { recursive: true });
  writeCacheFile(stampFile(root), `${JSON.stringify(stamp, null, 2)}\n`);
}

/**
 * Whether the bundle on disk is what a build with `options` (`{minified}`, default minified) of the current sources
 * would write, by the stamp of the last successful build. Returns `{current, reason}`: `reason` says why not
 * (no stamp, the sources or options changed, the output changed).
 */
export function bundleStampStatus(root, { outputDir, callbackOutput, options = { minified: true } }) {
  const file = stampFile(root);
  if (!existsSync(file)) return { current: false, reason: 'no stamp of a successful build' };
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { current: false, reason: 'the stamp is not JSON' };
  }
  if (stamp.settings !== settings(options)) return { current: false, reason: 'built with other options' };
  const extra = Array.isArray(stamp.extraInputs) ? stamp.extraInputs.map((f) => join(root, f)) : [];
  if (stamp.inputs !== digest(root, [...fixedInputs(root), ...extra]))
    return { current: false, reason: 'the sources, build scripts or installed packages changed' };
  if (stamp.outputs !== digest(root, outputs(root, outputDir, callbackOutput)))
    return { current: false, reason: 'the output files changed since the build' };
  return { current: true, reason: 'built from these sources' };
}
