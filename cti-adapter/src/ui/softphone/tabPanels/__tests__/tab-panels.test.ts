import { createElement } from 'lwc';
import TabPanels from '../tabPanels';
import { flush, get, recordEvents, softphoneState } from '../../__tests__/support/softphone-fixtures';
import { loadSurface } from '../../../lazy-surfaces';
import type { SoftphoneEventName, SoftphoneEvents } from '../../../softphone-events';

function mount(tab: string, surfaces: Record<string, unknown> = {}): HTMLElement {
  const element = createElement('softphone-tab-panels', { is: TabPanels });
  Object.assign(element, { tab, state: softphoneState(), surfaces });
  document.body.appendChild(element);
  return element;
}

describe('softphone-tab-panels', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it("shows the selected tab's panel, with its Loading… line until its surface is there", async () => {
    const element = mount('history');
    const panel = get(element, '#softphone-panel-history');
    expect(panel.getAttribute('role')).toBe('tabpanel');
    expect(panel.getAttribute('aria-labelledby')).toBe('softphone-tab-history');
    expect(panel.querySelector('.softphone-loading')?.textContent).toBe('Loading the call history…');
    expect(element.querySelectorAll('[role="tabpanel"]')).toHaveLength(1);
    Object.assign(element, { tab: 'phone' });
    await flush();
    expect(element.querySelectorAll('[role="tabpanel"]')).toHaveLength(0);
  });

  it('raises again on its host each event of its panels, same name and detail', async () => {
    const callHistory = await loadSurface('callHistory');
    const settingsPanel = await loadSurface('settingsPanel');
    const element = mount('history', { callHistory, settingsPanel });
    await flush();
    const raised = recordEvents(element);
    const raise = <K extends SoftphoneEventName>(selector: string, type: K, detail: SoftphoneEvents[K]) =>
      get(element, selector).dispatchEvent(new CustomEvent(type, { detail }));
    raise('[data-component="softphone-call-history"]', 'logpastcall', { recordId: 'rc-1' });
    Object.assign(element, { tab: 'settings' });
    await flush();
    raise('[data-component="softphone-settings-panel"]', 'queuecalls', { on: true });
    expect(raised).toEqual([
      { type: 'logpastcall', detail: { recordId: 'rc-1' } },
      { type: 'queuecalls', detail: { on: true } },
    ]);
  });
});
