// The app when the chunk of a lazy surface that holds part of its template does not load (ADR 0018, first paint: the
// root template holds only the first paint's surfaces): the panel is never blank — it keeps its "Loading…" line and
// the header's alert says what could not be loaded — and the next need loads it. (jest.doMock stands in for a chunk
// the network did not deliver.)

let chunkFails = true;
const failing = (path: string) => () => {
  if (chunkFails) throw new Error('Failed to fetch dynamically imported module');
  return jest.requireActual(path);
};
jest.doMock('../../phoneIdle/phoneIdle', failing('../../phoneIdle/phoneIdle'));
jest.doMock('../../tabPanels/tabPanels', failing('../../tabPanels/tabPanels'));
jest.doMock('../../logQueue/logQueue', failing('../../logQueue/logQueue'));

import { endedCallView, flush, softphoneState } from '../../__tests__/support/softphone-fixtures';
import { mount, tab } from './app-harness';

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    await flush();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

const alertText = (element: HTMLElement) => element.querySelector('[role="alert"]')?.textContent ?? null;

describe('softphone-app: a lazy part of its template that does not load', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('keeps the Phone tab\'s "Loading…" for a call to log when its bar and form do not load, and says why', async () => {
    const { element } = mount(softphoneState({ calls: [endedCallView()] }));
    await settle();
    expect(element.querySelector('.softphone-log-queue')).toBeNull();
    expect(element.querySelector('#softphone-panel-phone .softphone-loading')?.textContent).toBe(
      'Loading the call log…',
    );
    expect(alertText(element)).toContain('could not load part of its screen (');
    expect(alertText(element)).toContain('Failed to fetch dynamically imported module');
  });

  it('keeps "Loading…" in the Phone tab and in a tab panel, says why, and loads them on the next need', async () => {
    const { element } = mount(softphoneState());
    await settle();
    expect(element.querySelector('#softphone-panel-phone .softphone-loading')?.textContent).toBe('Loading the dialer…');
    expect(alertText(element)).toBe(
      'The softphone could not load part of its screen (phoneIdle: Failed to fetch dynamically imported module). Reload the page.',
    );

    tab(element, 'history').click();
    await settle();
    const panel = element.querySelector<HTMLElement>('#softphone-panel-history');
    expect(panel?.getAttribute('role')).toBe('tabpanel');
    expect(panel?.getAttribute('aria-labelledby')).toBe('softphone-tab-history');
    expect(panel?.querySelector('.softphone-loading')?.textContent).toBe('Loading the call history…');
    expect(alertText(element)).toContain('(tabPanels: Failed to fetch dynamically imported module)');

    chunkFails = false;
    tab(element, 'settings').click();
    await settle();
    expect(element.querySelector('[data-component="softphone-settings-panel"]')).not.toBeNull();
    expect(element.querySelector('#softphone-panel-settings .softphone-loading')).toBeNull();
    expect(alertText(element)).toBeNull();

    tab(element, 'phone').click();
    await settle();
    expect(element.querySelector('[data-component="softphone-dialer"] .softphone-call')).not.toBeNull();
    expect(element.querySelector('.softphone-loading')).toBeNull();
    expect(alertText(element)).toBeNull();
  });

  it('shows the log queue bar once its chunk loads on the next need', async () => {
    const { element, controller } = mount(softphoneState({ calls: [endedCallView()] }));
    controller.publish(softphoneState({ calls: [endedCallView()] }));
    await settle();
    expect(element.querySelector('.softphone-log-queue .softphone-log-count')?.textContent).toBe('1 call to log');
    expect(alertText(element)).toBeNull();
  });
});
