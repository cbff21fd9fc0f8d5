import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { startHarness, type HarnessHandle, type HarnessOptions } from '../../../start-harness';
import type { ConsoleShell } from '../../console-types';

type CtiArg = Record<string, unknown>;
type CtiMethod = (arg: CtiArg) => void;

/** The parts of `sforce.opencti` the tests call directly inside the adapter frame. */
export interface OpenCtiTestApi {
  SCREENPOP_TYPE: Record<string, string>;
  CALL_TYPE: Record<string, string>;
  hvs: { onWorkStart: CtiMethod; completeWork: CtiMethod };
  onClickToDial: CtiMethod;
  onNavigationChange: CtiMethod;
  subscribe: CtiMethod;
  getAppViewInfo: CtiMethod;
  getCallCenterSettings: CtiMethod;
}

/** Globals of the console page and the adapter frame as the tests use them (cast `window` to this). */
export interface TestGlobals {
  sforce: { opencti: OpenCtiTestApi };
  Visualforce: { remoting: { Manager: { invokeAction(action: string, ...rest: unknown[]): void } } };
  harnessConsole: ConsoleShell;
  __clicks: unknown[];
  __nav: Record<string, unknown>[];
  __lms: unknown[];
  __work: unknown[];
  __seen: unknown[];
  __pwned?: unknown;
}

/** What an Open CTI callback receives; `T` is the expected `returnValue`. */
export interface CtiResult<T = unknown> {
  success: boolean;
  returnValue: T;
  errors: { code: string; description: string; details: unknown[] }[];
}

/** Chromium flags and launcher shared by every browser test (`cti-adapter/test-support/chromium.ts`). */
export { CHROMIUM_ARGS, launchChromium } from '../../../../test-support/chromium';

export const FIXTURES = join(__dirname, '..', 'fixtures');

/** A harness without the simulator, seeded from the fixtures, framing the test adapter page. */
export function startTestHarness(
  callCenterFile = 'HarnessTest.callCenter-meta.xml',
  extra: HarnessOptions = {},
): Promise<HarnessHandle> {
  return startHarness({
    consolePort: 0,
    adapterPort: 0,
    sitePort: 0,
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
export function cti<T = unknown>(frame: Frame, method: string, args: CtiArg = {}): Promise<CtiResult<T>> {
  return frame.evaluate(
    ([m, a]) =>
      new Promise<CtiResult<T>>((resolve, reject) => {
        const parts = m.split('.');
        let target = (window as unknown as TestGlobals).sforce.opencti as unknown as Record<string, unknown>;
        for (const p of parts.slice(0, -1)) target = target[p] as Record<string, unknown>;
        try {
          (target[parts[parts.length - 1]!] as CtiMethod)({ ...a, callback: resolve });
        } catch (e) {
          reject(e);
        }
      }),
    [method, args] as const,
  );
}
