import { createElement } from 'lwc';
import IncomingCall from '../incomingCall';
import {
  STONES,
  callView,
  contactMatch,
  feedback,
  flush,
  get,
  recordEvents,
} from '../../__tests__/support/softphone-fixtures';
import type { RaisedEvent } from '../../__tests__/support/softphone-fixtures';
import type { CallView } from '../../../../core/engine/softphone-state';
import type { CommandFeedback } from '../../../softphone-events';

function mount(call: CallView, state: CommandFeedback = feedback()): HTMLElement {
  return mountRecording(call, state).element;
}

function mountRecording(
  call: CallView,
  state: CommandFeedback = feedback(),
): { element: HTMLElement; events: RaisedEvent[] } {
  const element = createElement('softphone-incoming-call', { is: IncomingCall });
  Object.assign(element, { call, feedback: state });
  const events = recordEvents(element);
  document.body.appendChild(element);
  return { element, events };
}

describe('softphone-incoming-call', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('shows the matched record name, not the caller-ID name, when one record matches', () => {
    const element = mount(callView({ displayName: 'Ann Lee', matches: [contactMatch()], chosenRecordId: null }));
    expect(get(element, '.softphone-caller-name').textContent).toBe('Ann Lee');
    expect(get(element, '.softphone-caller-number').textContent).toBe('(650) 555-0101');
    expect(get(element, '.softphone-match').textContent).toContain('Contact · Acme Corp · (650) 555-0101');
    expect(element.querySelector('.softphone-no-match')).toBeNull();
    expect(element.querySelector('.softphone-match-chooser')).toBeNull();
  });

  it('shows the call queue a call came through, and nothing for a direct call', () => {
    const queued = mount(
      callView({ displayName: 'Ann Lee', matches: [contactMatch()], call: { queueName: 'Gold Queue' } }),
    );
    expect(get(queued, '.softphone-call-queue').textContent).toBe('via Gold Queue');
    document.body.replaceChildren();
    const direct = mount(callView({ displayName: 'Ann Lee', matches: [contactMatch()] }));
    expect(direct.querySelector('.softphone-call-queue')).toBeNull();
  });

  it('flags a caller whose record is marked Do Not Call, and answering stays offered (ADR 0031: never blocked)', () => {
    const flagged = mount(
      callView({ displayName: 'Ann Lee', matches: [{ ...contactMatch(), doNotCall: true }], chosenRecordId: null }),
    );
    expect(get(flagged, '.softphone-dnc-flag').textContent).toContain('Do Not Call');
    expect(get(flagged, '.softphone-dnc-flag').textContent).toContain(
      'Ann Lee is marked Do Not Call. Incoming calls are never blocked; do not call this person back.',
    );
    expect(flagged.querySelector('.softphone-answer')).not.toBeNull();
    document.body.replaceChildren();
    const plain = mount(callView({ displayName: 'Ann Lee', matches: [{ ...contactMatch(), doNotCall: false }] }));
    expect(plain.querySelector('.softphone-dnc-flag')).toBeNull();
  });

  it('with several matches, the chosen record decides the Do Not Call flag', () => {
    const restricted = { ...contactMatch(), id: '003000000000002AAA', name: 'Dana Lee', doNotCall: true };
    const element = mount(
      callView({ displayName: 'Ann Lee', matches: [contactMatch(), restricted], chosenRecordId: null }),
    );
    expect(get(element, '.softphone-dnc-flag').textContent).toContain('Dana Lee is marked Do Not Call.');
    document.body.replaceChildren();
    const chosen = mount(
      callView({ displayName: 'Ann Lee', matches: [contactMatch(), restricted], chosenRecordId: contactMatch().id }),
    );
    expect(chosen.querySelector('.softphone-dnc-flag')).toBeNull();
  });

  it('shows the carrier caller-ID name and "no matching record" when nothing matched', () => {
    const element = mount(callView({ displayName: 'LEE ANN', matches: [] }));
    expect(get(element, '.softphone-caller-name').textContent).toBe('LEE ANN');
    expect(get(element, '.softphone-caller-id-name').textContent).toBe('LEE ANN');
    expect(get(element, '.softphone-no-match').textContent).toContain('No matching record in Salesforce.');
  });

  it('falls back to the number when there is neither a match nor a caller-ID name', () => {
    const element = mount(
      callView({
        displayName: '(650) 555-0199',
        matches: [],
        call: { remoteName: null, remoteNumber: '+16505550199' },
      }),
    );
    expect(get(element, '.softphone-caller-id-name').textContent).toBe('No caller ID name');
    expect(get(element, '.softphone-caller-name').textContent).toBe('(650) 555-0199');
  });

  it('shows the raw number when it could not be normalized', () => {
    const element = mount(callView({ phone: null, call: { remoteNumber: '101' } }));
    expect(get(element, '.softphone-caller-number').textContent).toBe('101');
  });

  it('says it is looking up the caller while matching, and that the search failed when it did', () => {
    const pending = mount(callView({ matchStatus: 'pending' }));
    expect(pending.textContent).toContain('Looking up the caller…');
    expect(pending.querySelector('.softphone-no-match')).toBeNull();
    document.body.replaceChildren();
    const failed = mount(callView({ matchStatus: 'failed' }));
    expect(failed.textContent).toContain('Salesforce could not be searched for this number.');
  });

  it('offers a chooser when several records match and raises the choice', () => {
    const { element, events } = mountRecording(
      callView({ displayName: 'STONE LOGISTICS', matches: STONES, call: { remoteNumber: '+16505550102' } }),
    );
    const chooser = get(element, '.softphone-match-chooser');
    expect(get(chooser, 'legend').textContent).toBe('2 records match this number. Choose one:');
    const radios = [...chooser.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((r) => r.value)).toEqual(['003000000000002AAA', '003000000000003AAA']);
    expect(radios.every((r) => !r.checked)).toBe(true);
    expect(chooser.textContent).toContain('Carla Stone');

    radios[1]?.click();
    expect(events).toEqual([{ type: 'chooserecord', detail: { callId: 'call-1', recordId: '003000000000003AAA' } }]);
  });

  it('marks the record already chosen', () => {
    const element = mount(callView({ matches: STONES, chosenRecordId: '003000000000002AAA' }));
    const checked = [...element.querySelectorAll<HTMLInputElement>('input[type="radio"]')].filter((r) => r.checked);
    expect(checked.map((r) => r.value)).toEqual(['003000000000002AAA']);
  });

  it('shows the error when the choice fails, leaving Answer enabled', () => {
    const element = mount(callView({ matches: STONES }), feedback({ error: 'Screen pop failed.' }));
    expect(get(element, '[role="alert"]').textContent).toBe('Screen pop failed.');
    expect(get<HTMLButtonElement>(element, '.softphone-answer').disabled).toBe(false);
  });

  it('keeps Answer enabled while a record choice is in flight', () => {
    const element = mount(callView({ matches: STONES }), feedback({ pending: ['chooserecord'] }));
    expect(get<HTMLButtonElement>(element, '.softphone-answer').disabled).toBe(false);
  });

  it.each([
    ['.softphone-answer', 'answer'],
    ['.softphone-decline', 'decline'],
    ['.softphone-voicemail', 'tovoicemail'],
  ] as const)('%s raises %s with the call id, and nothing else', (selector, type) => {
    const { element, events } = mountRecording(callView());
    get<HTMLButtonElement>(element, selector).click();
    expect(events).toEqual([{ type, detail: { callId: 'call-1' } }]);
  });

  it('disables the buttons while a command is in flight (a double click answers once)', async () => {
    const { element, events } = mountRecording(callView());
    const button = get<HTMLButtonElement>(element, '.softphone-answer');
    button.click();
    Object.assign(element, { feedback: feedback({ pending: ['answer'] }) });
    await flush();
    expect(button.disabled).toBe(true);
    expect(get<HTMLButtonElement>(element, '.softphone-decline').disabled).toBe(true);
    expect(get<HTMLButtonElement>(element, '.softphone-voicemail').disabled).toBe(true);
    button.click();
    get<HTMLButtonElement>(element, '.softphone-decline').click();
    expect(events).toEqual([{ type: 'answer', detail: { callId: 'call-1' } }]);
    Object.assign(element, { feedback: feedback() });
    await flush();
    expect(button.disabled).toBe(false);
  });

  it('shows the reason when answering fails', () => {
    const element = mount(callView(), feedback({ error: 'Microphone access is blocked.' }));
    expect(get(element, '[role="alert"]').textContent).toBe('Microphone access is blocked.');
    expect(get<HTMLButtonElement>(element, '.softphone-answer').disabled).toBe(false);
  });
});
