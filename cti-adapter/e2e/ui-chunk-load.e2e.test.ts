/**
 * ADR 0018, amendment "bundle downloaded → running": the softphone's UI (the LWC engine and the components) is a chunk
 * of its own, `softphone-ui.js`, evaluated when the UI mounts. In headless Chromium through the whole harness: when
 * that chunk cannot be fetched, the engine still starts (Open CTI's initialization is answered), the panel says what
 * did not load (the `Could_not_load_part` label, without the UI), and once the chunk can be fetched again the retry
 * mounts the UI — the message gone, the softphone ready. No time is asserted. Saves
 * `docs/screenshots/softphone-ui-not-loaded.png` (360 × 560, the panel while the chunk cannot load).
 */
import {
  adapterFrame,
  buildBundle,
  screenshotSoftphone,
  startSoftphoneWorld,
  type SoftphoneWorld,
} from './support/softphone-world';

jest.setTimeout(150_000);

let world: SoftphoneWorld;

beforeAll(async () => {
  buildBundle();
  world = await startSoftphoneWorld();
}, 600_000);

afterAll(async () => {
  await world?.stop();
});

const UI_CHUNK = /\/resource\/(\d+\/)?SoftphoneBundle\/softphone-ui\.js/;

test('a UI chunk that cannot load is told in the panel, the engine starts anyway, and the retry mounts the UI', async () => {
  const context = world.console.context();
  let refused = 0;
  await context.route(UI_CHUNK, async (route) => {
    refused += 1;
    await route.abort('failed');
  });
  await world.console.reload();
  const phone = await adapterFrame(world.console);
  const alert = await phone.waitForSelector('#softphone-root > [role="alert"]', { timeout: 30_000 });
  expect(await alert.textContent()).toMatch(
    /^The softphone could not load part of its screen \(softphone: .+\)\. Reload the page\.$/,
  );
  // The telephony did not wait for the UI: the console's initialization notice was answered.
  await phone.waitForFunction(
    () => performance.getEntriesByName('softphone:initialization-complete').length > 0,
    null,
    {
      timeout: 30_000,
    },
  );
  expect(await phone.$('softphone-app')).toBeNull();
  expect(refused).toBeGreaterThan(0);
  await screenshotSoftphone(world, 'softphone-ui-not-loaded');

  await context.unroute(UI_CHUNK);
  await phone.waitForSelector('softphone-app .softphone[data-phase="ready"]', { timeout: 60_000 });
  expect(await phone.$('#softphone-root > [role="alert"]')).toBeNull();
  expect(await phone.$$('softphone-app')).toHaveLength(1);
});
