/**
 * The agent's console stays the front tab of its window while customers call, so the softphone's idle work runs when
 * the page is idle, not at its timeout (ADR 0018, amendment "the agent's tab in front: idle callbacks in the harness").
 *
 * Why: a page opened in the agent's browser context is a tab of the agent's window in front of the console. Playwright's
 * focus emulation keeps the console saying `visible`, but Chromium gives the tab behind about one frame a second; every
 * rendering change of the softphone then waits for that frame, no idle period starts meanwhile, and the idle callbacks
 * of the start (`whenIdle`: the ringtone's audio set-up, the lazy chunks) ran at their timeout in the bench's traces —
 * what an agent's browser, whose Salesforce tab is in front, never does. The customer phones open in a window of their
 * own (`customerPhone`), also when a caller (the bench) hands them the agent's context.
 *
 * No time is asserted: only which window a page is in, and that idle callbacks did not time out.
 */
import type { Browser, Page } from 'playwright-core';
import { customerPhone, useSoftphoneWorld } from './support/softphone-world';

jest.setTimeout(150_000);

const spec = useSoftphoneWorld();
const ANN = '+16505550101';
const INITECH = '+16505550107';

/** The id of the browser window that shows `page` (DevTools `Browser.getWindowForTarget`). */
async function windowOf(browser: Browser, page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  const { targetInfo } = await session.send('Target.getTargetInfo');
  await session.detach();
  const browserSession = await browser.newBrowserCDPSession();
  const { windowId } = await browserSession.send('Browser.getWindowForTarget', { targetId: targetInfo.targetId });
  await browserSession.detach();
  return windowId;
}

/** Opens Ann's phone through the world and Initech's through the agent's own context, as the bench does. */
async function openCallers(): Promise<Page[]> {
  const ann = await spec.caller(ANN);
  const initech = await customerPhone({ harness: spec.world.harness, callerContext: spec.world.context }, INITECH);
  return [ann, initech];
}

test("customer phones open in a window of their own, also when handed the agent's context", async () => {
  const [ann, initech] = await openCallers();
  try {
    const agentWindow = await windowOf(spec.world.browser, spec.world.console);
    expect(await windowOf(spec.world.browser, ann!)).not.toBe(agentWindow);
    expect(await windowOf(spec.world.browser, initech!)).not.toBe(agentWindow);
    // Nothing was opened over the console in the agent's window.
    expect(spec.world.context.pages()).toEqual([spec.world.console]);
  } finally {
    await initech?.close();
  }
});

test("after a cold start with the customers' phones open, idle callbacks in the softphone's frame run before their timeout", async () => {
  const [, initech] = await openCallers();
  try {
    await spec.world.console.reload();
    const phone = await spec.openPhone();
    await phone.waitForFunction(
      () => performance.getEntriesByName('softphone:initialization-complete', 'mark').length > 0,
      undefined,
      { timeout: 30_000 },
    );
    // Each round changes what the frame renders (a frame is then due) and asks for an idle callback with the shortest
    // timeout the softphone's own idle work uses (`whenIdle(1000)`, the ringtone's audio set-up).
    const timedOut = await phone.evaluate(async () => {
      const probe = document.body.appendChild(document.createElement('output'));
      probe.style.cssText = 'position:absolute;left:-100px;top:0';
      const rounds: boolean[] = [];
      for (let round = 0; round < 5; round += 1) {
        probe.textContent = String(round);
        rounds.push(
          await new Promise<boolean>((resolve) =>
            requestIdleCallback((deadline) => resolve(deadline.didTimeout), { timeout: 1000 }),
          ),
        );
      }
      probe.remove();
      return rounds;
    });
    expect(timedOut).toEqual([false, false, false, false, false]);
  } finally {
    await initech?.close();
  }
});
