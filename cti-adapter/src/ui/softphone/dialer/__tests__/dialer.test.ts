import { createElement } from 'lwc';
import Dialer from '../dialer';
import { choose, feedback, flush, get, recordEvents, typeInto } from '../../__tests__/support/softphone-fixtures';
import type { RaisedEvent } from '../../__tests__/support/softphone-fixtures';
import type { CallerIdNumber } from '../../../../core/ports/telephony-port';
import { DEFAULT_LOCAL_PREFERENCES } from '../../../../core/settings/local-preferences';
import type { LocalPreferences } from '../../../../core/settings/local-preferences';

const CALLER_IDS: readonly CallerIdNumber[] = [
  { phoneNumber: '+16505550100', usageType: 'DirectNumber', primary: true, label: null },
  { phoneNumber: '+16505550120', usageType: 'MainCompanyNumber', primary: false, label: 'Support' },
];

function mount(options: { preferences?: LocalPreferences; disabled?: boolean } = {}): {
  element: HTMLElement;
  events: RaisedEvent[];
} {
  const element = createElement('softphone-dialer', { is: Dialer });
  Object.assign(element, {
    callerIds: CALLER_IDS,
    preferences: options.preferences ?? DEFAULT_LOCAL_PREFERENCES,
    disabled: options.disabled ?? false,
  });
  const events = recordEvents(element);
  document.body.appendChild(element);
  return { element, events };
}

/** What the app passes down while the dial is in flight, then once it is answered (`error`: it failed). */
async function answerDial(element: HTMLElement, error: string | null = null): Promise<void> {
  Object.assign(element, { feedback: feedback({ pending: ['dial'] }) });
  await flush();
  Object.assign(element, { feedback: feedback({ error }) });
  await flush();
}

describe('softphone-dialer', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('dials the typed number (trimmed) and clears the field once the dial succeeds', async () => {
    const { element, events } = mount();
    const call = get<HTMLButtonElement>(element, '.softphone-call');
    expect(call.disabled).toBe(true);
    const number = get<HTMLInputElement>(element, '.softphone-dial-number');
    typeInto(number, ' (650) 555-0101 ');
    await flush();
    expect(call.disabled).toBe(false);
    call.click();
    expect(events).toEqual([{ type: 'dial', detail: { number: '(650) 555-0101' } }]);
    await answerDial(element);
    expect(number.value).toBe('');
  });

  it('builds the number from the keypad and dials on Enter', async () => {
    const { element, events } = mount();
    for (const digit of ['1', '0', '2'])
      get<HTMLButtonElement>(element, `button.softphone-key[data-digit="${digit}"]`).click();
    await flush();
    const number = get<HTMLInputElement>(element, '.softphone-dial-number');
    expect(number.value).toBe('102');
    number.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await flush();
    expect(events).toEqual([{ type: 'dial', detail: { number: '102' } }]);
  });

  it('shows the clear error of an invalid number and keeps the number to correct it', async () => {
    const { element, events } = mount();
    const number = get<HTMLInputElement>(element, '.softphone-dial-number');
    typeInto(number, '12ab');
    await flush();
    get<HTMLButtonElement>(element, '.softphone-call').click();
    await answerDial(element, '"12ab" is not a phone number. Check the number and try again.');
    expect(get(element, '[role="alert"]').textContent).toBe(
      '"12ab" is not a phone number. Check the number and try again.',
    );
    expect(number.value).toBe('12ab');

    typeInto(number, '+16505550101');
    await flush();
    get<HTMLButtonElement>(element, '.softphone-call').click();
    await answerDial(element);
    expect(element.querySelector('[role="alert"]')).toBeNull();
    expect(events.map((e) => e.detail)).toEqual([{ number: '12ab' }, { number: '+16505550101' }]);
  });

  it('does not dial twice while the first dial is in flight', async () => {
    const { element, events } = mount();
    typeInto(get(element, '.softphone-dial-number'), '101');
    await flush();
    const call = get<HTMLButtonElement>(element, '.softphone-call');
    call.click();
    Object.assign(element, { feedback: feedback({ pending: ['dial'] }) });
    await flush();
    expect(call.disabled).toBe(true);
    get(element, '.softphone-dial-number').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(events).toHaveLength(1);
  });

  it('cannot dial while the softphone is not ready', async () => {
    const { element, events } = mount({ disabled: true });
    typeInto(get(element, '.softphone-dial-number'), '101');
    await flush();
    expect(get<HTMLButtonElement>(element, '.softphone-call').disabled).toBe(true);
    get(element, '.softphone-dial-number').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(events).toEqual([]);
  });

  it('lists the caller IDs with their label or usage type and stores the pick', () => {
    const { element, events } = mount({ preferences: { ...DEFAULT_LOCAL_PREFERENCES, callerId: '+16505550120' } });
    const select = get<HTMLSelectElement>(element, '.softphone-caller-id');
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'Default caller ID',
      '+16505550100 · Direct number',
      '+16505550120 · Support',
    ]);
    expect(select.value).toBe('+16505550120');
    choose(select, '+16505550100');
    choose(select, '');
    expect(events).toEqual([
      { type: 'preferenceschange', detail: { patch: { callerId: '+16505550100' } } },
      { type: 'preferenceschange', detail: { patch: { callerId: null } } },
    ]);
  });

  it('switches the calling device between browser and RingOut', () => {
    const { element, events } = mount();
    expect(get<HTMLInputElement>(element, '#softphone-device-browser').checked).toBe(true);
    get<HTMLInputElement>(element, '#softphone-device-ringout').click();
    expect(events).toEqual([{ type: 'preferenceschange', detail: { patch: { callingDevice: 'ringout' } } }]);
  });

  it('says the RingCentral app / desk phone when that is the calling device, and offers the three devices', async () => {
    const { element, events } = mount({
      preferences: { ...DEFAULT_LOCAL_PREFERENCES, callingDevice: 'otherDevice', ringOutNumber: '+16505550177' },
    });
    await Promise.resolve();
    const checked = [...element.querySelectorAll<HTMLInputElement>('input[name="softphone-device"]')].map((i) => [
      i.value,
      i.checked,
      i.labels?.[0]?.textContent,
    ]);
    expect(checked).toEqual([
      ['browser', false, 'This browser'],
      ['ringout', false, 'My phone (RingOut)'],
      ['otherDevice', true, 'RingCentral app / desk phone'],
    ]);
    get<HTMLInputElement>(element, '#softphone-device-browser').click();
    expect(events).toEqual([{ type: 'preferenceschange', detail: { patch: { callingDevice: 'browser' } } }]);
  });
});
