import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE, chromiumArgs, chromiumLaunchOptions } from '../chromium';

describe('shared Chromium launch options', () => {
  it('uses the Debian executable with the offline, fake-media and loopback WebRTC flags', () => {
    const options = chromiumLaunchOptions();
    expect(options.executablePath).toBe('/usr/bin/chromium');
    expect(CHROMIUM_EXECUTABLE).toBe('/usr/bin/chromium');
    expect(options.args).toEqual([
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--allow-loopback-in-peer-connection',
      '--autoplay-policy=no-user-gesture-required',
    ]);
  });

  it('adds no certificate flags unless a simulator certificate is trusted', () => {
    expect(chromiumArgs().some((flag) => flag.startsWith('--ignore-certificate-errors'))).toBe(false);
  });

  it('trusts the simulator certificate by its SPKI hash and keeps the verifier override after it', () => {
    const args = chromiumArgs({ trustedSpki: 'abc+/=' });
    expect(args.slice(0, CHROMIUM_ARGS.length)).toEqual([...CHROMIUM_ARGS]);
    expect(args.slice(CHROMIUM_ARGS.length)).toEqual([
      '--ignore-certificate-errors-spki-list=abc+/=',
      '--ignore-certificate-errors',
    ]);
  });

  it('returns a fresh list each call (callers may append their own flags)', () => {
    const first = chromiumArgs();
    first.push('--extra');
    expect(chromiumArgs()).not.toContain('--extra');
  });
});
