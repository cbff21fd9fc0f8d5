import { endedCallView, flush, softphoneState } from '../../__tests__/support/softphone-fixtures';
import { LAZY_SURFACES, loadedSurfaces } from '../../../lazy-surfaces';
import { mount, tab } from './app-harness';

// The app before its lazy surfaces are loaded (ADR 0018): what the first paint shows, what it loads on demand, and
// the prefetch once the softphone has started. The other app tests load every surface first. The tests of this file
// share one module registry — what one loads stays loaded — so they run in this order.

const STARTING = { phase: 'starting', telephony: { state: 'starting' } } as const;

/** Lets the dynamic imports and the idle prefetch (a timer in jsdom) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    await flush();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

describe('softphone-app lazy surfaces', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('shows "Loading…" for the log form of a restored call while starting, then the form; nothing else loads', async () => {
    const { element } = mount(softphoneState({ ...STARTING, calls: [endedCallView()] }));
    expect(element.querySelector('.softphone-loading')?.textContent).toBe('Loading the call log…');
    expect(element.querySelector('[data-component="softphone-call-log-form"]')).toBeNull();
    await settle();
    expect(element.querySelector('[data-component="softphone-call-log-form"] h2')?.textContent).toContain(
      'Inbound call',
    );
    expect(element.querySelector('.softphone-loading')).toBeNull();
    expect(Object.keys(loadedSurfaces())).toEqual(['logQueue', 'phoneIdle', 'callLogForm']);
  });

  it('loads a tab the agent opens before the prefetch: the Settings tab with what the admin locked', async () => {
    const { element, controller } = mount(softphoneState({ ...STARTING, lockedSettings: ['autoLog'] }));
    tab(element, 'settings').click();
    await settle();
    expect(element.querySelector('[data-component="softphone-settings-panel"]')).not.toBeNull();
    expect(Object.keys(loadedSurfaces()).sort()).toEqual([
      'callLogForm',
      'logQueue',
      'phoneIdle',
      'settingsPanel',
      'tabPanels',
    ]);
    const autoLog = element.querySelector<HTMLInputElement>('#softphone-auto-log');
    expect(autoLog?.disabled).toBe(true);
    expect(element.querySelector('#softphone-auto-log-lock')?.textContent?.trim()).toBe('Set by your admin');
    // Data down into the lazily loaded panel: an unlock reaches it like any other state change.
    controller.publish(softphoneState({ ...STARTING, lockedSettings: [] }));
    await settle();
    expect(element.querySelector<HTMLInputElement>('#softphone-auto-log')?.disabled).toBe(false);
    expect(element.querySelector('#softphone-auto-log-lock')).toBeNull();
  });

  it('shows no dialer while starting; once started, the dialer and a prefetch of every surface', async () => {
    const { element, controller } = mount(softphoneState(STARTING));
    await settle();
    expect(element.querySelector('[data-component="softphone-dialer"]')).toBeNull();
    expect(element.querySelector('.softphone-loading')).toBeNull();
    expect(loadedSurfaces().dialer).toBeUndefined();

    controller.publish(softphoneState());
    await settle();
    expect(element.querySelector('[data-component="softphone-dialer"] .softphone-call')).not.toBeNull();
    expect(element.querySelector('.softphone-loading')).toBeNull();
    expect(Object.keys(loadedSurfaces()).sort()).toEqual([...LAZY_SURFACES].sort());
  });
});
