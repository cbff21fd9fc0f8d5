import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { startHarness, type HarnessHandle, type HarnessOptions } from '../../../start-harness';

/** Chromium flags from the toolchain note (root, headless, offline, fake media, loopback WebRTC). */
export const CHROMIUM_ARGS = [
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
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export const FIXTURES = join(__dirname, '..', 'fixtures');

/** A harness without the simulator, seeded from the fixtures, framing the test adapter page. */
export function startTestHarness(
  callCenterFile = 'HarnessTest.callCenter-meta.xml',
  extra: HarnessOptions = {},
): Promise<HarnessHandle> {
  return startHarness({
    consolePort: 0,
    adapterPort: 0,
    rcPlatform: false,
    dataDir: join(FIXTURES, 'data'),
    callCenter: join(FIXTURES, 'call-centers', callCenterFile),
    extraPagesDirs: [join(FIXTURES, 'pages')],
    extraStaticResourcesDirs: [join(FIXTURES, 'staticresources')],
    ...extra,
  });
}

/** Opens a console page and waits for the softphone frame to report initialization. */
export async function openConsole(page: Page, url: string): Promise<Frame> {
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('hc-softphone-frame')?.dataset.state === 'ready');
  const frame = page.frames().find((f) => f.url().includes('/apex/HarnessTestAdapter'));
  if (!frame) throw new Error('softphone frame not found');
  return frame;
}

/** Calls `sforce.opencti.<method>` in the adapter frame and resolves with what its callback received. */
export function cti(frame: Frame, method: string, args: Record<string, unknown> = {}): Promise<any> {
  return frame.evaluate(
    ([m, a]) =>
      new Promise((resolve, reject) => {
        const parts = m.split('.');
        let target: any = (window as any).sforce.opencti;
        for (const p of parts.slice(0, -1)) target = target[p];
        try {
          target[parts[parts.length - 1]!]({ ...a, callback: resolve });
        } catch (e) {
          reject(e);
        }
      }),
    [method, args] as const,
  );
}
