import { createElement } from 'lwc';
import PhoneIdle from '../phoneIdle';
import { endedCallView, flush, get, recordEvents, softphoneState } from '../../__tests__/support/softphone-fixtures';
import { loadSurface } from '../../../lazy-surfaces';

function mount(props: Record<string, unknown>): HTMLElement {
  const element = createElement('softphone-phone-idle', { is: PhoneIdle });
  Object.assign(element, { state: softphoneState(), ...props });
  document.body.appendChild(element);
  return element;
}

describe('softphone-phone-idle', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('says it loads the log form or the dialer until its surface is there; nothing for the dialer while starting', async () => {
    const element = mount({ logCall: endedCallView() });
    expect(get(element, '.softphone-loading').textContent).toBe('Loading the call log…');
    Object.assign(element, { logCall: null });
    await flush();
    expect(get(element, '.softphone-loading').textContent).toBe('Loading the dialer…');
    Object.assign(element, { state: softphoneState({ phase: 'starting', telephony: { state: 'starting' } }) });
    await flush();
    expect(element.querySelector('.softphone-loading')).toBeNull();
  });

  it("passes the form its call's feedback and search, and raises its events again on its host", async () => {
    const callLogForm = await loadSurface('callLogForm');
    const call = endedCallView();
    const callId = call.call.callId;
    const element = mount({
      logCall: call,
      surfaces: { callLogForm },
      feedback: { [`log:${callId}`]: { pending: ['save'], error: null }, dialer: { pending: [], error: 'x' } },
      searches: { [callId]: { term: 'Ac', records: [], searching: true, error: null } },
    });
    await flush();
    const form = get(element, '[data-component="softphone-call-log-form"]') as HTMLElement & {
      feedback: unknown;
      recordSearch: unknown;
    };
    expect(form.feedback).toEqual({ pending: ['save'], error: null });
    expect(form.recordSearch).toEqual({ term: 'Ac', records: [], searching: true, error: null });
    const raised = recordEvents(element);
    form.dispatchEvent(new CustomEvent('save', { detail: { callId } }));
    expect(raised).toEqual([{ type: 'save', detail: { callId } }]);
  });
});
