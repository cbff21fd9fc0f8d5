import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { bundleStampStatus, writeBundleStamp } from '../bundle-stamp.mjs';

/**
 * The stamp by which the e2e specs skip a softphone build of the same sources (`bundle-stamp.mjs`): a bundle passes
 * for current only when neither what it was built from nor what it wrote changed.
 */
describe('bundle stamp (build once, reuse while the sources are the same)', () => {
  let root: string;
  const write = (file: string, text: string): void => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  const where = (): { outputDir: string; callbackOutput: string } => ({
    outputDir: join(root, 'out/SoftphoneBundle'),
    callbackOutput: join(root, 'out/Callback.js'),
  });
  const stamp = (loaded: string[] = [join(root, 'node_modules/lib/index.js'), '\0virtual']): void =>
    writeBundleStamp(root, { ...where(), loaded, options: { minified: true } });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'bundle-stamp-'));
    write('cti-adapter/src/app/main.ts', 'export const a = 1;\n');
    write('cti-adapter/src/app/__tests__/main.test.ts', 'test\n');
    write('scripts/build/build-softphone.mjs', '// build\n');
    write('package.json', '{}\n');
    write('package-lock.json', '{}\n');
    write('node_modules/.package-lock.json', '{}\n');
    write('node_modules/lib/index.js', 'module.exports = 1;\n');
    write('out/SoftphoneBundle/softphone.js', 'bundle\n');
    write('out/SoftphoneBundle/lazy.js', 'lazy\n');
    write('out/Callback.js', 'callback\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is current right after a stamped build, and not before any', () => {
    expect(bundleStampStatus(root, where())).toEqual({ current: false, reason: 'no stamp of a successful build' });
    stamp();
    expect(bundleStampStatus(root, where()).current).toBe(true);
  });

  it('is stale when a source, a build script, the installed packages or a loaded package module changed', () => {
    for (const [file, text] of [
      ['cti-adapter/src/app/main.ts', 'export const a = 2;\n'],
      ['cti-adapter/src/ui/new-file.ts', 'export {};\n'],
      ['scripts/build/build-softphone.mjs', '// build, changed\n'],
      ['node_modules/.package-lock.json', '{"changed":true}\n'],
      ['node_modules/lib/index.js', 'module.exports = 2;\n'],
    ] as const) {
      stamp();
      write(file, text);
      expect([file, bundleStampStatus(root, where())]).toEqual([
        file,
        { current: false, reason: 'the sources, build scripts or installed packages changed' },
      ]);
    }
  });

  it('is stale when an output file was changed or removed after the build', () => {
    stamp();
    write('out/SoftphoneBundle/lazy.js', 'other\n');
    expect(bundleStampStatus(root, where()).reason).toBe('the output files changed since the build');
    stamp();
    rmSync(join(root, 'out/Callback.js'));
    expect(bundleStampStatus(root, where()).current).toBe(false);
  });

  it('is stale for a build with other options (an unminified build is not the product bundle)', () => {
    stamp();
    expect(bundleStampStatus(root, { ...where(), options: { minified: false } })).toEqual({
      current: false,
      reason: 'built with other options',
    });
  });

  it('ignores unit tests (never bundled), so editing one does not cost a build', () => {
    stamp();
    write('cti-adapter/src/app/__tests__/main.test.ts', 'test, edited\n');
    expect(bundleStampStatus(root, where()).current).toBe(true);
  });
});
