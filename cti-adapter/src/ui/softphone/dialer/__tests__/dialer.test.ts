import { createElement } from 'lwc';
import Dialer from '../dialer';
import { choose, deferred, fakeController, flush, get, typeInto } from '../../__tests__/support/softphone-fixtures';
import type { FakeController } from '../../__tests__/support/softphone-fixtures';
import type { CallerIdNumber } from '../../../../core/ports/telephony-port';
import { DEFAULT_LOCAL_PREFERENCES } from '../../../../core/settings/local-preferences';
import type { LocalPreferences } from '../../../../core/settings/local-preferences';

const CALLER_IDS: readonly CallerIdNumber[] = [
  { phoneNumber: '+16505550100', usageType: 'DirectNumber', primary: true, label: null },
  { phoneNumber: '+16505550120', usageType: 'MainCompanyNumber', primary: false, label: 'Support' },
];

function mount(options: { controller?: FakeController; preferences?: LocalPreferences; disabled?: boolean } = {}): {
  element: HTMLElement;
  controller: FakeController;
} {
  const controller = options.controller ?? fakeController();
  const element = createElement('softphone-dialer', { is: Dialer });
  Object.assign(element, {
    controller,
    callerIds: CALLER_IDS,
    preferences: options.preferences ?? DEFAULT_LOCAL_PREFERENCES,
    disabled: options.disabled ?? false,
  });
  document.body.appendChild(element);
  return { element, controller };
}

describe('softphone-dialer', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('dials the typed number (trimmed) and clears the field', async () => {
    const { element, controller } = mount();
    const call = get<HTMLButtonElement>(element, '.softphone-call');
    expect(call.disabled).toBe(true);
    const number = get<HTMLInputElement>(element, '.softphone-dial-number');
    typeInto(number, ' (650) 555-0101 ');
    await flush();
    expect(call.disabled).toBe(false);
    call.click();
    await flush();
    expect(controller.dial).toHaveBeenCalledWith('(650) 555-0101');
    expect(number.value).toBe('');
  });

  it('builds the number from the keypad and dials on Enter', async () => {
    const { element, controller } = mount();
    for (const digit of ['1', '0', '2'])
      get<HTMLButtonElement>(element, `button.softphone-key[data-digit="${digit}"]`).click();
    await flush();
    const number = get<HTMLInputElement>(element, '.softphone-dial-number');
    expect(number.value).toBe('102');
    number.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await flush();
    expect(controller.dial).toHaveBeenCalledWith('102');
  });

  it('shows the clear error of an invalid number and keeps the number to correct it', async () => {
    const controller = fakeController();
    controller.dial.mockRejectedValue(new Error('"12ab" is not a phone number. Check the number and try again.'));
    const { element } = mount({ controller });
    const number = get<HTMLInputElement>(element, '.softphone-dial-number');
    typeInto(number, '12ab');
    await flush();
    get<HTMLButtonElement>(element, '.softphone-call').click();
    await flush();
    expect(get(element, '[role="alert"]').textContent).toBe(
      '"12ab" is not a phone number. Check the number and try again.',
    );
    expect(number.value).toBe('12ab');

    controller.dial.mockResolvedValue(undefined);
    typeInto(number, '+16505550101');
    await flush();
    get<HTMLButtonElement>(element, '.softphone-call').click();
    await flush();
    expect(element.querySelector('[role="alert"]')).toBeNull();
  });

  it('does not dial twice while the first dial is in flight', async () => {
    const controller = fakeController();
    const dial = deferred();
    controller.dial.mockReturnValue(dial.promise);
    const { element } = mount({ controller });
    typeInto(get(element, '.softphone-dial-number'), '101');
    await flush();
    const call = get<HTMLButtonElement>(element, '.softphone-call');
    call.click();
    await flush();
    expect(call.disabled).toBe(true);
    get(element, '.softphone-dial-number').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(controller.dial).toHaveBeenCalledTimes(1);
    dial.resolve();
    await flush();
  });

  it('cannot dial while the softphone is not ready', async () => {
    const { element, controller } = mount({ disabled: true });
    typeInto(get(element, '.softphone-dial-number'), '101');
    await flush();
    expect(get<HTMLButtonElement>(element, '.softphone-call').disabled).toBe(true);
    expect(controller.dial).not.toHaveBeenCalled();
  });

  it('lists the caller IDs with their label or usage type and stores the pick', () => {
    const { element, controller } = mount({ preferences: { ...DEFAULT_LOCAL_PREFERENCES, callerId: '+16505550120' } });
    const select = get<HTMLSelectElement>(element, '.softphone-caller-id');
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'Default caller ID',
      '+16505550100 (DirectNumber)',
      '+16505550120 (Support)',
    ]);
    expect(select.value).toBe('+16505550120');
    choose(select, '+16505550100');
    choose(select, '');
    expect(controller.setPreferences.mock.calls).toEqual([[{ callerId: '+16505550100' }], [{ callerId: null }]]);
  });

  it('switches the calling device between browser and RingOut', () => {
    const { element, controller } = mount();
    expect(get<HTMLInputElement>(element, '#softphone-device-browser').checked).toBe(true);
    get<HTMLInputElement>(element, '#softphone-device-ringout').click();
    expect(controller.setPreferences).toHaveBeenCalledWith({ callingDevice: 'ringout' });
  });
});
