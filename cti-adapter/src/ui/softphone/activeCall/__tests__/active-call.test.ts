import { createElement } from 'lwc';
import ActiveCall from '../activeCall';
import { callView, deferred, fakeController, flush, get, typeInto } from '../../__tests__/support/softphone-fixtures';
import type { FakeController } from '../../__tests__/support/softphone-fixtures';
import type { CallView } from '../../../../core/engine/softphone-state';

const ANSWERED = 1_700_000_000_000;

function connected(overrides: Parameters<typeof callView>[0] = {}): CallView {
  return callView({
    displayName: 'Ann Lee',
    ...overrides,
    call: { state: 'connected', answeredAt: ANSWERED, ...overrides.call },
  });
}

function mount(call: CallView, controller: FakeController = fakeController()): HTMLElement {
  const element = createElement('softphone-active-call', { is: ActiveCall });
  Object.assign(element, { call, controller, now: ANSWERED + 65_000 });
  document.body.appendChild(element);
  return element;
}

describe('softphone-active-call', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('shows state, caller and talk time', () => {
    const element = mount(connected());
    expect(get(element, '.softphone-call-state').textContent).toBe('Connected');
    expect(get(element, '.softphone-caller-name').textContent).toBe('Ann Lee');
    expect(get(element, '.softphone-timer').textContent).toBe('1:05');
  });

  it('mute toggles: Mute mutes, and on a muted call the button reads Unmute and unmutes', async () => {
    const controller = fakeController();
    const element = mount(connected(), controller);
    const mute = get<HTMLButtonElement>(element, '.softphone-mute');
    expect(mute.getAttribute('aria-pressed')).toBe('false');
    mute.click();
    expect(controller.mute).toHaveBeenLastCalledWith('call-1', true);
    await flush();

    Object.assign(element, { call: connected({ call: { muted: true } }) });
    await flush();
    expect(mute.textContent?.trim()).toBe('Unmute');
    expect(mute.getAttribute('aria-pressed')).toBe('true');
    mute.click();
    expect(controller.mute).toHaveBeenLastCalledWith('call-1', false);
  });

  it('hold toggles: Hold holds, and a held call shows On hold with Resume', async () => {
    const controller = fakeController();
    const element = mount(connected(), controller);
    const hold = get<HTMLButtonElement>(element, '.softphone-hold');
    hold.click();
    expect(controller.hold).toHaveBeenLastCalledWith('call-1', true);
    await flush();

    Object.assign(element, { call: connected({ call: { state: 'held' } }) });
    await flush();
    expect(get(element, '.softphone-call-state').textContent).toBe('On hold');
    expect(hold.textContent?.trim()).toBe('Resume');
    hold.click();
    expect(controller.hold).toHaveBeenLastCalledWith('call-1', false);
  });

  it('disables the call controls except Hang up while dialing', () => {
    const controller = fakeController();
    const element = mount(connected({ call: { state: 'dialing', answeredAt: null } }), controller);
    expect(get(element, '.softphone-call-state').textContent).toBe('Calling…');
    expect(get<HTMLButtonElement>(element, '.softphone-mute').disabled).toBe(true);
    expect(get<HTMLButtonElement>(element, '.softphone-hold').disabled).toBe(true);
    expect(get<HTMLButtonElement>(element, '.softphone-transfer-toggle').disabled).toBe(true);
    const hangup = get<HTMLButtonElement>(element, '.softphone-hangup');
    expect(hangup.disabled).toBe(false);
    hangup.click();
    expect(controller.hangup).toHaveBeenCalledWith('call-1');
  });

  it('disables mute and hold while a command is in flight', async () => {
    const controller = fakeController();
    const hold = deferred();
    controller.hold.mockReturnValue(hold.promise);
    const element = mount(connected(), controller);
    get<HTMLButtonElement>(element, '.softphone-hold').click();
    await flush();
    expect(get<HTMLButtonElement>(element, '.softphone-hold').disabled).toBe(true);
    expect(get<HTMLButtonElement>(element, '.softphone-mute').disabled).toBe(true);
    hold.resolve();
    await flush();
    expect(get<HTMLButtonElement>(element, '.softphone-hold').disabled).toBe(false);
  });

  it('sends every notes keystroke to the controller and shows the stored notes', async () => {
    const controller = fakeController();
    const element = mount(connected({ form: { notes: 'Restored after reload' } }), controller);
    await flush();
    const notes = get<HTMLTextAreaElement>(element, 'textarea.softphone-notes');
    expect(notes.value).toBe('Restored after reload');
    typeInto(notes, 'Restored after reload + more');
    expect(controller.updateForm).toHaveBeenCalledWith('call-1', { notes: 'Restored after reload + more' });
  });

  it('sends DTMF from the keypad and shows the digits sent', async () => {
    const controller = fakeController();
    const element = mount(connected(), controller);
    get<HTMLButtonElement>(element, '.softphone-keypad-toggle').click();
    await flush();
    get<HTMLButtonElement>(element, 'button.softphone-key[data-digit="5"]').click();
    get<HTMLButtonElement>(element, 'button.softphone-key[data-digit="#"]').click();
    await flush();
    expect(controller.sendDtmf.mock.calls).toEqual([
      ['call-1', '5'],
      ['call-1', '#'],
    ]);
    expect(get(element, '.softphone-dtmf').textContent).toBe('5#');
  });

  it('blind-transfers to the trimmed target, only once one is typed', async () => {
    const controller = fakeController();
    const element = mount(connected(), controller);
    get<HTMLButtonElement>(element, '.softphone-transfer-toggle').click();
    await flush();
    const blind = get<HTMLButtonElement>(element, '.softphone-blind-transfer');
    expect(blind.disabled).toBe(true);
    typeInto(get(element, '#softphone-transfer-target'), ' 102 ');
    await flush();
    expect(blind.disabled).toBe(false);
    blind.click();
    expect(controller.transfer).toHaveBeenCalledWith('call-1', '102');
    expect(controller.warmTransfer).not.toHaveBeenCalled();
  });

  it('warm-transfers, then completes the transfer while consulting', async () => {
    const controller = fakeController();
    const element = mount(connected(), controller);
    get<HTMLButtonElement>(element, '.softphone-transfer-toggle').click();
    await flush();
    typeInto(get(element, '#softphone-transfer-target'), '+16505550110');
    await flush();
    get<HTMLButtonElement>(element, '.softphone-warm-transfer').click();
    expect(controller.warmTransfer).toHaveBeenCalledWith('call-1', '+16505550110');
    await flush();
    expect(element.querySelector('.softphone-complete-transfer')).toBeNull();

    Object.assign(element, { call: connected({ call: { state: 'held', transferTarget: '+16505550110' } }) });
    await flush();
    expect(element.textContent).toContain('Consulting +16505550110…');
    get<HTMLButtonElement>(element, '.softphone-complete-transfer').click();
    expect(controller.completeWarmTransfer).toHaveBeenCalledWith('call-1');
  });

  it('shows the reason when a transfer fails', async () => {
    const controller = fakeController();
    controller.transfer.mockRejectedValue(new Error('Extension 999 does not exist.'));
    const element = mount(connected(), controller);
    get<HTMLButtonElement>(element, '.softphone-transfer-toggle').click();
    await flush();
    typeInto(get(element, '#softphone-transfer-target'), '999');
    await flush();
    get<HTMLButtonElement>(element, '.softphone-blind-transfer').click();
    await flush();
    expect(get(element, '[role="alert"]').textContent).toBe('Extension 999 does not exist.');
  });

  it('starts and stops recording', async () => {
    const controller = fakeController();
    const element = mount(connected(), controller);
    get<HTMLButtonElement>(element, '.softphone-record').click();
    expect(controller.setRecording).toHaveBeenLastCalledWith('call-1', true);
    await flush();
    Object.assign(element, { call: connected({ call: { recording: 'on' } }) });
    await flush();
    const record = get<HTMLButtonElement>(element, '.softphone-record');
    expect(record.textContent?.trim()).toBe('Stop recording');
    record.click();
    expect(controller.setRecording).toHaveBeenLastCalledWith('call-1', false);
  });
});
