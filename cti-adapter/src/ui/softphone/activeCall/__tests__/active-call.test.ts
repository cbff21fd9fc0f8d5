import { createElement } from 'lwc';
import ActiveCall from '../activeCall';
import { callView, feedback, flush, get, recordEvents, typeInto } from '../../__tests__/support/softphone-fixtures';
import type { RaisedEvent } from '../../__tests__/support/softphone-fixtures';
import type { CallView } from '../../../../core/engine/softphone-state';
import type { CommandFeedback } from '../../../softphone-events';

const ANSWERED = 1_700_000_000_000;

function connected(overrides: Parameters<typeof callView>[0] = {}): CallView {
  return callView({
    displayName: 'Ann Lee',
    ...overrides,
    call: { state: 'connected', answeredAt: ANSWERED, ...overrides.call },
  });
}

function mount(call: CallView, state: CommandFeedback = feedback()): { element: HTMLElement; events: RaisedEvent[] } {
  const element = createElement('softphone-active-call', { is: ActiveCall });
  Object.assign(element, { call, feedback: state, now: ANSWERED + 65_000 });
  const events = recordEvents(element);
  document.body.appendChild(element);
  return { element, events };
}

describe('softphone-active-call', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('shows state, caller and talk time', () => {
    const { element } = mount(connected());
    expect(get(element, '.softphone-call-state').textContent).toBe('Connected');
    expect(get(element, '.softphone-caller-name').textContent).toBe('Ann Lee');
    expect(get(element, '.softphone-timer').textContent).toBe('1:05');
  });

  it('counts the call from its start (ringing included), as the call log, the log form and the Task do', () => {
    const { element } = mount(connected({ call: { startedAt: ANSWERED - 10_000 } }));
    expect(get(element, '.softphone-timer').textContent).toBe('1:15');
  });

  it('RingOut: says the agent’s phone rings first and disables what only the web phone can do', () => {
    const { element } = mount(callView({ call: { direction: 'outbound', state: 'dialing', device: 'ringout' } }));
    expect(get(element, '.softphone-call-state').textContent).toBe('Ringing your phone first…');
    document.body.replaceChildren();
    const live = mount(connected({ call: { direction: 'outbound', device: 'ringout' } })).element;
    for (const control of ['mute', 'hold', 'keypad-toggle', 'transfer-toggle', 'record'])
      expect(get<HTMLButtonElement>(live, `.softphone-${control}`).disabled).toBe(true);
    expect(get<HTMLButtonElement>(live, '.softphone-hangup').disabled).toBe(false);
    expect(get(live, '.softphone-ringout-note').textContent).toContain('You talk on your phone');
  });

  it('a RingOut on the app / desk phone: "Ringing your phone first…", then "Calling…" once the callee rings', () => {
    const dialing = { direction: 'outbound', state: 'dialing', device: 'other' } as const;
    const { element } = mount(callView({ call: dialing }));
    expect(get(element, '.softphone-call-state').textContent).toBe('Ringing your phone first…');
    document.body.replaceChildren();
    const ringing = mount(callView({ call: { ...dialing, remoteRinging: true } })).element;
    expect(get(ringing, '.softphone-call-state').textContent).toBe('Calling…');
    document.body.replaceChildren();
    const webPhone = mount(callView({ call: { direction: 'outbound', state: 'dialing' } })).element;
    expect(get(webPhone, '.softphone-call-state').textContent).toBe('Calling…');
  });

  it('shows every control as an SLDS sprite icon with its label', () => {
    const { element } = mount(connected());
    const icons = [...element.querySelectorAll('[role="group"] button svg[data-icon]')].map((svg) =>
      svg.getAttribute('data-icon'),
    );
    expect(icons).toEqual(['muted', 'pause', 'keypad', 'forward', 'record', 'end_call']);
    expect(get(element, '.softphone-hangup use').getAttribute('xlink:href')).toBe('#end_call');
  });

  it('mute toggles: Mute raises mute, and on a muted call the button reads Unmute and unmutes', async () => {
    const { element, events } = mount(connected());
    const mute = get<HTMLButtonElement>(element, '.softphone-mute');
    expect(mute.getAttribute('aria-pressed')).toBe('false');
    mute.click();
    expect(events.at(-1)).toEqual({ type: 'mute', detail: { callId: 'call-1', muted: true } });
    await flush();

    Object.assign(element, { call: connected({ call: { muted: true } }) });
    await flush();
    expect(mute.textContent?.trim()).toBe('Unmute');
    expect(mute.getAttribute('aria-pressed')).toBe('true');
    mute.click();
    expect(events.at(-1)).toEqual({ type: 'mute', detail: { callId: 'call-1', muted: false } });
    expect(events).toHaveLength(2);
  });

  it('hold toggles: Hold holds, and a held call shows On hold with Resume', async () => {
    const { element, events } = mount(connected());
    const hold = get<HTMLButtonElement>(element, '.softphone-hold');
    hold.click();
    expect(events.at(-1)).toEqual({ type: 'hold', detail: { callId: 'call-1', held: true } });
    await flush();

    Object.assign(element, { call: connected({ call: { state: 'held' } }) });
    await flush();
    expect(get(element, '.softphone-call-state').textContent).toBe('On hold');
    expect(hold.textContent?.trim()).toBe('Resume');
    hold.click();
    expect(events.at(-1)).toEqual({ type: 'hold', detail: { callId: 'call-1', held: false } });
  });

  it('disables the call controls except Hang up while dialing', () => {
    const { element, events } = mount(connected({ call: { state: 'dialing', answeredAt: null } }));
    expect(get(element, '.softphone-call-state').textContent).toBe('Calling…');
    expect(get<HTMLButtonElement>(element, '.softphone-mute').disabled).toBe(true);
    expect(get<HTMLButtonElement>(element, '.softphone-hold').disabled).toBe(true);
    expect(get<HTMLButtonElement>(element, '.softphone-transfer-toggle').disabled).toBe(true);
    const hangup = get<HTMLButtonElement>(element, '.softphone-hangup');
    expect(hangup.disabled).toBe(false);
    hangup.click();
    expect(events).toEqual([{ type: 'hangup', detail: { callId: 'call-1' } }]);
  });

  it('disables mute and hold (not Hang up) while a command is in flight', async () => {
    const { element } = mount(connected(), feedback({ pending: ['hold'] }));
    expect(get<HTMLButtonElement>(element, '.softphone-hold').disabled).toBe(true);
    expect(get<HTMLButtonElement>(element, '.softphone-mute').disabled).toBe(true);
    expect(get<HTMLButtonElement>(element, '.softphone-hangup').disabled).toBe(false);
    Object.assign(element, { feedback: feedback() });
    await flush();
    expect(get<HTMLButtonElement>(element, '.softphone-hold').disabled).toBe(false);
  });

  it('raises every notes keystroke as formchange and shows the stored notes', async () => {
    const { element, events } = mount(connected({ form: { notes: 'Restored after reload' } }));
    await flush();
    const notes = get<HTMLTextAreaElement>(element, 'textarea.softphone-notes');
    expect(notes.value).toBe('Restored after reload');
    typeInto(notes, 'Restored after reload + more');
    expect(events).toEqual([
      { type: 'formchange', detail: { callId: 'call-1', patch: { notes: 'Restored after reload + more' } } },
    ]);
  });

  it('raises DTMF from the keypad and shows the digits sent', async () => {
    const { element, events } = mount(connected());
    get<HTMLButtonElement>(element, '.softphone-keypad-toggle').click();
    await flush();
    get<HTMLButtonElement>(element, 'button.softphone-key[data-digit="5"]').click();
    get<HTMLButtonElement>(element, 'button.softphone-key[data-digit="#"]').click();
    await flush();
    expect(events).toEqual([
      { type: 'dtmf', detail: { callId: 'call-1', digits: '5' } },
      { type: 'dtmf', detail: { callId: 'call-1', digits: '#' } },
    ]);
    expect(get(element, '.softphone-dtmf').textContent).toBe('5#');
  });

  it('blind-transfers to the trimmed target, only once one is typed', async () => {
    const { element, events } = mount(connected());
    get<HTMLButtonElement>(element, '.softphone-transfer-toggle').click();
    await flush();
    const blind = get<HTMLButtonElement>(element, '.softphone-blind-transfer');
    expect(blind.disabled).toBe(true);
    typeInto(get(element, '#softphone-transfer-target'), ' 102 ');
    await flush();
    expect(blind.disabled).toBe(false);
    blind.click();
    expect(events).toEqual([{ type: 'transfer', detail: { callId: 'call-1', target: '102' } }]);
  });

  it('warm-transfers, then completes the transfer while consulting', async () => {
    const { element, events } = mount(connected());
    get<HTMLButtonElement>(element, '.softphone-transfer-toggle').click();
    await flush();
    typeInto(get(element, '#softphone-transfer-target'), '+16505550110');
    await flush();
    get<HTMLButtonElement>(element, '.softphone-warm-transfer').click();
    expect(events).toEqual([{ type: 'warmtransfer', detail: { callId: 'call-1', target: '+16505550110' } }]);
    await flush();
    expect(element.querySelector('.softphone-complete-transfer')).toBeNull();

    Object.assign(element, { call: connected({ call: { state: 'held', transferTarget: '+16505550110' } }) });
    await flush();
    expect(element.textContent).toContain('Consulting +16505550110…');
    get<HTMLButtonElement>(element, '.softphone-complete-transfer').click();
    expect(events.at(-1)).toEqual({ type: 'completetransfer', detail: { callId: 'call-1' } });
  });

  it('shows the reason when a transfer fails, keeping the target to correct it', async () => {
    const { element, events } = mount(connected());
    get<HTMLButtonElement>(element, '.softphone-transfer-toggle').click();
    await flush();
    typeInto(get(element, '#softphone-transfer-target'), '999');
    await flush();
    get<HTMLButtonElement>(element, '.softphone-blind-transfer').click();
    expect(events).toEqual([{ type: 'transfer', detail: { callId: 'call-1', target: '999' } }]);
    Object.assign(element, { feedback: feedback({ error: 'Extension 999 does not exist.' }) });
    await flush();
    expect(get(element, '[role="alert"]').textContent).toBe('Extension 999 does not exist.');
    expect(get<HTMLInputElement>(element, '#softphone-transfer-target').value).toBe('999');
  });

  it('starts and stops recording', async () => {
    const { element, events } = mount(connected());
    get<HTMLButtonElement>(element, '.softphone-record').click();
    expect(events.at(-1)).toEqual({ type: 'recording', detail: { callId: 'call-1', on: true } });
    await flush();
    Object.assign(element, { call: connected({ call: { recording: 'on' } }) });
    await flush();
    const record = get<HTMLButtonElement>(element, '.softphone-record');
    expect(record.textContent?.trim()).toBe('Stop rec.');
    record.click();
    expect(events.at(-1)).toEqual({ type: 'recording', detail: { callId: 'call-1', on: false } });
  });
});
