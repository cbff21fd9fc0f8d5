import { createElement } from 'lwc';
import CallWaiting from '../callWaiting';
import {
  STONES,
  callView,
  contactMatch,
  feedback,
  flush,
  get,
  recordEvents,
} from '../../__tests__/support/softphone-fixtures';
import type { CallView } from '../../../../core/engine/softphone-state';
import type { CommandFeedback } from '../../../softphone-events';

describe('softphone-call-waiting', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  function mountWaiting(call: CallView, state: CommandFeedback = feedback()): HTMLElement {
    const element = createElement('softphone-call-waiting', { is: CallWaiting });
    Object.assign(element, { call, feedback: state });
    document.body.appendChild(element);
    return element;
  }

  it('puts the caller on one line, the match on another, and the three actions in one row', async () => {
    const element = mountWaiting(
      callView({
        displayName: 'Ann Lee',
        matches: [contactMatch()],
        call: { queueName: 'Gold Queue' },
      }),
    );
    await flush();
    expect(get(element, '.softphone-incoming-title').textContent).toBe('Call waiting');
    expect(get(element, '.softphone-caller-name').textContent).toBe('Ann Lee');
    expect(get(element, '.softphone-caller-number').textContent).toBe('(650) 555-0101');
    expect(get(element, '.softphone-match').textContent).toBe('Ann Lee · Contact · Acme Corp · via Gold Queue');
    expect(element.querySelector('.slds-box, .slds-card__body')).toBeNull();
    expect(get(element, '.softphone-incoming').dataset.waiting).toBe('true');
    const row = get(element, '.softphone-waiting-actions');
    expect([...row.children].map((b) => b.textContent?.trim())).toEqual(['Hold and answer', 'To voicemail', 'Ignore']);
  });

  it('counts several matches instead of listing them (the agent chooses on the call or its log)', async () => {
    const element = mountWaiting(callView({ displayName: '+1 650 555 0102', matches: STONES }));
    await flush();
    expect(get(element, '.softphone-waiting-detail').textContent).toBe('2 records match this number');
    expect(element.querySelector('input[type="radio"]')).toBeNull();
  });

  it('says when nothing matched, or while the lookup runs; Ignore is disabled while a command is in flight', async () => {
    const element = mountWaiting(callView(), feedback({ pending: ['ignore'] }));
    await flush();
    expect(get(element, '.softphone-waiting-detail').textContent).toBe('No matching record in Salesforce.');
    expect(get<HTMLButtonElement>(element, '.softphone-ignore').disabled).toBe(true);
    document.body.replaceChildren();
    const looking = mountWaiting(callView({ matchStatus: 'pending' }));
    await flush();
    expect(get(looking, '.softphone-waiting-detail').textContent).toBe('Looking up the caller…');
  });

  it.each([
    ['.softphone-hold-answer', 'holdandanswer'],
    ['.softphone-voicemail', 'tovoicemail'],
    ['.softphone-ignore', 'ignore'],
  ])('%s raises %s with the call id', async (selector, type) => {
    const element = mountWaiting(callView());
    const events = recordEvents(element);
    await flush();
    get<HTMLButtonElement>(element, selector).click();
    expect(events).toEqual([{ type, detail: { callId: 'call-1' } }]);
  });
});
