import {
  callView,
  deferred,
  flush,
  get,
  historyRecord,
  softphoneState,
  typeInto,
} from '../../__tests__/support/softphone-fixtures';
import type { FakeController } from '../../__tests__/support/softphone-fixtures';
import type { SoftphoneState } from '../../../../core/engine/softphone-state';
import type { SearchRecord } from '../../../../core/crm/crm-record';
import type { SoftphoneController } from '../../../softphone-controller';
import type { SoftphoneEventName, SoftphoneEvents } from '../../../softphone-events';
import { CONNECTED, ENDED, RINGING, SIGNED_OUT, loadLazySurfaces, mount, raiseOn, tab } from './app-harness';

beforeAll(loadLazySurfaces);

/** Ann Lee on the line (call-1), a second caller waiting (call-2): the call-waiting card. */
const WAITING = (): SoftphoneState =>
  softphoneState({
    calls: [
      callView({ call: { callId: 'call-2', remoteNumber: '+16505550103', startedAt: 2 } }),
      callView({ call: { callId: 'call-1', state: 'connected', answeredAt: 1, startedAt: 1 } }),
    ],
  });

type Forwarded = {
  [K in SoftphoneEventName]: [
    child: string,
    state: () => SoftphoneState,
    tab: string,
    event: K,
    detail: SoftphoneEvents[K],
    command: keyof SoftphoneController,
    args: readonly unknown[],
  ];
}[SoftphoneEventName];

/** Every event a child raises that the app forwards, and the controller call it must become. */
const FORWARDED: readonly Forwarded[] = [
  ['softphone-incoming-call', RINGING, 'phone', 'answer', { callId: 'call-1' }, 'answer', ['call-1']],
  ['softphone-incoming-call', RINGING, 'phone', 'decline', { callId: 'call-1' }, 'decline', ['call-1']],
  ['softphone-incoming-call', RINGING, 'phone', 'tovoicemail', { callId: 'call-1' }, 'toVoicemail', ['call-1']],
  ...(['holdandanswer', 'tovoicemail', 'ignore'] as const).map((event): Forwarded => [
    '[data-component="softphone-call-waiting"]',
    WAITING,
    'phone',
    event,
    { callId: 'call-2' },
    ({ holdandanswer: 'holdAndAnswer', tovoicemail: 'toVoicemail', ignore: 'ignore' } as const)[event],
    ['call-2'],
  ]),
  [
    'softphone-incoming-call',
    RINGING,
    'phone',
    'chooserecord',
    { callId: 'call-1', recordId: '003000000000002AAA' },
    'chooseRecord',
    ['call-1', '003000000000002AAA'],
  ],
  ['softphone-active-call', CONNECTED, 'phone', 'mute', { callId: 'call-1', muted: true }, 'mute', ['call-1', true]],
  ['softphone-active-call', CONNECTED, 'phone', 'hold', { callId: 'call-1', held: false }, 'hold', ['call-1', false]],
  [
    'softphone-active-call',
    CONNECTED,
    'phone',
    'recording',
    { callId: 'call-1', on: true },
    'setRecording',
    ['call-1', true],
  ],
  ['softphone-active-call', CONNECTED, 'phone', 'hangup', { callId: 'call-1' }, 'hangup', ['call-1']],
  ['softphone-active-call', CONNECTED, 'phone', 'dtmf', { callId: 'call-1', digits: '#' }, 'sendDtmf', ['call-1', '#']],
  [
    'softphone-active-call',
    CONNECTED,
    'phone',
    'transfer',
    { callId: 'call-1', target: '102' },
    'transfer',
    ['call-1', '102'],
  ],
  [
    'softphone-active-call',
    CONNECTED,
    'phone',
    'warmtransfer',
    { callId: 'call-1', target: '+16505550110' },
    'warmTransfer',
    ['call-1', '+16505550110'],
  ],
  [
    'softphone-active-call',
    CONNECTED,
    'phone',
    'completetransfer',
    { callId: 'call-1' },
    'completeWarmTransfer',
    ['call-1'],
  ],
  [
    'softphone-active-call',
    CONNECTED,
    'phone',
    'formchange',
    { callId: 'call-1', patch: { notes: 'Asked about the renewal' } },
    'updateForm',
    ['call-1', { notes: 'Asked about the renewal' }],
  ],
  [
    '[data-component="softphone-call-log-form"]',
    ENDED,
    'phone',
    'formchange',
    { callId: 'call-1', patch: { disposition: null } },
    'updateForm',
    ['call-1', { disposition: null }],
  ],
  [
    '[data-component="softphone-call-log-form"]',
    ENDED,
    'phone',
    'chooserecord',
    { callId: 'call-1', recordId: '003000000000003AAA' },
    'chooseRecord',
    ['call-1', '003000000000003AAA'],
  ],
  [
    '[data-component="softphone-call-log-form"]',
    ENDED,
    'phone',
    'createplaceholder',
    { callId: 'call-1', name: 'Pat Doe' },
    'createPlaceholder',
    ['call-1', 'Pat Doe'],
  ],
  [
    '[data-component="softphone-call-log-form"]',
    ENDED,
    'phone',
    'recordsearch',
    { callId: 'call-1', term: 'Ini', objectTypes: ['Account', 'Opportunity', 'Case'] },
    'searchRecords',
    ['Ini', ['Account', 'Opportunity', 'Case']],
  ],
  [
    '[data-component="softphone-call-log-form"]',
    ENDED,
    'phone',
    'cancelautolog',
    { callId: 'call-1' },
    'cancelAutoLog',
    ['call-1'],
  ],
  ['[data-component="softphone-call-log-form"]', ENDED, 'phone', 'save', { callId: 'call-1' }, 'saveLog', ['call-1']],
  [
    '[data-component="softphone-call-log-form"]',
    ENDED,
    'phone',
    'discard',
    { callId: 'call-1' },
    'discard',
    ['call-1'],
  ],
  [
    '[data-component="softphone-dialer"]',
    softphoneState,
    'phone',
    'dial',
    { number: '(650) 555-0101' },
    'dial',
    ['(650) 555-0101'],
  ],
  [
    '[data-component="softphone-dialer"]',
    softphoneState,
    'phone',
    'preferenceschange',
    { patch: { callingDevice: 'ringout' } },
    'setPreferences',
    [{ callingDevice: 'ringout' }],
  ],
  ['[data-component="softphone-call-history"]', softphoneState, 'history', 'refresh', {}, 'refreshHistory', []],
  [
    '[data-component="softphone-call-history"]',
    softphoneState,
    'history',
    'logpastcall',
    { recordId: 'rec-2' },
    'logPastCall',
    ['rec-2'],
  ],
  [
    '[data-component="softphone-settings-panel"]',
    softphoneState,
    'settings',
    'preferenceschange',
    { patch: { ringerVolume: 0.4 } },
    'setPreferences',
    [{ ringerVolume: 0.4 }],
  ],
  ['[data-component="softphone-settings-panel"]', softphoneState, 'settings', 'logout', {}, 'logout', []],
  [
    '[data-component="softphone-settings-panel"]',
    softphoneState,
    'settings',
    'testsound',
    { sound: 'ringer' },
    'playTestSound',
    ['ringer'],
  ],
  [
    '[data-component="softphone-settings-panel"]',
    softphoneState,
    'settings',
    'queuecalls',
    { on: false },
    'setQueueCalls',
    [false],
  ],
  ['[data-component="softphone-unavailable"]', SIGNED_OUT, 'phone', 'login', {}, 'login', []],
];

describe('softphone-app: children raise events, the app calls the controller', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });
  it.each(FORWARDED)('%s %s: %s %o → controller.%s', async (child, state, tabId, type, detail, command, args) => {
    const { element, controller } = mount(state());
    if (tabId !== 'phone') {
      tab(element, tabId).click();
      await flush();
    }
    const before = (controller[command] as jest.Mock).mock.calls.length;
    raiseOn(element, child, type, detail);
    const mock = controller[command] as jest.Mock;
    expect(mock.mock.calls.length - before).toBe(1);
    expect(mock.mock.lastCall).toEqual(args);
  });
  it('gives no child the controller', async () => {
    const { element } = mount(RINGING());
    const children = () =>
      [...element.querySelectorAll<HTMLElement>('*')].filter((e) => e.tagName.includes('-') || e.dataset.component);
    const seen = new Set<string>();
    for (const state of [RINGING(), CONNECTED(), ENDED(), softphoneState(), SIGNED_OUT()]) {
      (element as unknown as { controller: FakeController }).controller.publish(state);
      await flush();
      for (const id of ['phone', 'history', 'unresolved', 'settings']) {
        tab(element, id).click();
        await flush();
        for (const child of children()) {
          seen.add(child.dataset.component ?? child.tagName.toLowerCase());
          expect(child).not.toHaveProperty('controller');
        }
      }
      tab(element, 'phone').click();
      await flush();
    }
    expect([...seen].sort()).toEqual([
      'softphone-active-call',
      'softphone-call-history',
      'softphone-call-log-form',
      'softphone-desktop-notifications',
      'softphone-dialer',
      'softphone-icon',
      'softphone-incoming-call',
      'softphone-keypad',
      'softphone-log-queue',
      'softphone-notices',
      'softphone-phone-idle',
      'softphone-settings-panel',
      'softphone-tab-panels',
      'softphone-typeahead',
      'softphone-unavailable',
      'softphone-unresolved-calls',
    ]);
  });
});

describe('softphone-app: what the controller answers comes back down to the child', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });
  it('answers once on a double click: the buttons stay disabled until the engine answers', async () => {
    const { element, controller } = mount(RINGING());
    const answer = deferred();
    controller.answer.mockReturnValue(answer.promise);
    const button = get<HTMLButtonElement>(element, '.softphone-answer');
    button.click();
    await flush();
    expect(button.disabled).toBe(true);
    expect(get<HTMLButtonElement>(element, '.softphone-voicemail').disabled).toBe(true);
    button.click();
    get<HTMLButtonElement>(element, '.softphone-decline').click();
    expect(controller.answer).toHaveBeenCalledTimes(1);
    expect(controller.decline).not.toHaveBeenCalled();
    answer.resolve();
    await flush();
    expect(button.disabled).toBe(false);
  });
  it('shows why answering failed on the incoming card', async () => {
    const { element, controller } = mount(RINGING());
    controller.answer.mockRejectedValue(new Error('Microphone access is blocked.'));
    get<HTMLButtonElement>(element, '.softphone-answer').click();
    await flush();
    expect(get(element, 'softphone-incoming-call [role="alert"]').textContent).toBe('Microphone access is blocked.');
  });
  it('shows why a transfer failed on the active call, and not on the log form once the call ends', async () => {
    const { element, controller } = mount(CONNECTED());
    controller.transfer.mockRejectedValue(new Error('Extension 999 does not exist.'));
    get<HTMLButtonElement>(element, '.softphone-transfer-toggle').click();
    await flush();
    typeInto(get(element, '#softphone-transfer-target'), ' 999 ');
    await flush();
    get<HTMLButtonElement>(element, '.softphone-blind-transfer').click();
    await flush();
    expect(controller.transfer).toHaveBeenCalledWith('call-1', '999');
    expect(get(element, 'softphone-active-call [role="alert"]').textContent).toBe('Extension 999 does not exist.');
    controller.publish(ENDED());
    await flush();
    expect(element.querySelector('[data-component="softphone-call-log-form"]')).not.toBeNull();
    expect(element.querySelector('.softphone-log-error')).toBeNull();
  });
  it('disables the call controls while hold is in flight', async () => {
    const { element, controller } = mount(CONNECTED());
    const hold = deferred();
    controller.hold.mockReturnValue(hold.promise);
    get<HTMLButtonElement>(element, '.softphone-hold').click();
    await flush();
    expect(controller.hold).toHaveBeenCalledWith('call-1', true);
    expect(get<HTMLButtonElement>(element, '.softphone-mute').disabled).toBe(true);
    expect(get<HTMLButtonElement>(element, '.softphone-hangup').disabled).toBe(false);
    hold.resolve();
    await flush();
    expect(get<HTMLButtonElement>(element, '.softphone-mute').disabled).toBe(false);
  });
  it('saves once while Save is in flight and shows why Save was refused', async () => {
    const { element, controller } = mount(ENDED());
    const save = deferred();
    controller.saveLog.mockReturnValue(save.promise);
    const button = get<HTMLButtonElement>(element, '.softphone-log-save');
    button.click();
    await flush();
    expect(button.disabled).toBe(true);
    expect(button.textContent?.trim()).toBe('Saving…');
    button.click();
    expect(controller.saveLog).toHaveBeenCalledTimes(1);
    const message = 'Notes are 32010 characters long; the limit is 32000. Shorten them by 10 characters.';
    save.reject(new Error(message));
    await flush();
    expect(button.disabled).toBe(false);
    expect(get(element, '.softphone-log-error').textContent).toBe(message);
    controller.saveLog.mockResolvedValue(undefined);
    button.click();
    await flush();
    expect(controller.saveLog).toHaveBeenCalledTimes(2);
    expect(element.querySelector('.softphone-log-error')).toBeNull();
  });
  it('keeps Save in flight across a tab switch', async () => {
    const { element, controller } = mount(ENDED());
    const save = deferred();
    controller.saveLog.mockReturnValue(save.promise);
    get<HTMLButtonElement>(element, '.softphone-log-save').click();
    await flush();
    tab(element, 'history').click();
    await flush();
    tab(element, 'phone').click();
    await flush();
    const button = get<HTMLButtonElement>(element, '.softphone-log-save');
    expect(button.disabled).toBe(true);
    expect(button.textContent?.trim()).toBe('Saving…');
    save.resolve();
    await flush();
    expect(button.disabled).toBe(false);
  });
  it('shows why the placeholder could not be created', async () => {
    const { element, controller } = mount(ENDED({ matches: [], chosenRecordId: null }));
    controller.createPlaceholder.mockRejectedValue(new Error('The Contact could not be created: name too long.'));
    typeInto(get(element, '.softphone-placeholder-name'), ' Pat Doe ');
    await flush();
    get<HTMLButtonElement>(element, '.softphone-placeholder-create').click();
    await flush();
    expect(controller.createPlaceholder).toHaveBeenCalledWith('call-1', 'Pat Doe');
    expect(get(element, '.softphone-log-error').textContent).toBe('The Contact could not be created: name too long.');
    expect(get<HTMLButtonElement>(element, '.softphone-placeholder-create').disabled).toBe(false);
  });
  it('dials, clearing the number once the dial succeeds, and keeps an invalid number with the reason', async () => {
    const { element, controller } = mount();
    const number = get<HTMLInputElement>(element, '.softphone-dial-number');
    controller.dial.mockRejectedValueOnce(new Error('"12ab" is not a phone number. Check the number and try again.'));
    typeInto(number, '12ab');
    await flush();
    get<HTMLButtonElement>(element, '.softphone-call').click();
    await flush();
    expect(controller.dial).toHaveBeenLastCalledWith('12ab');
    expect(get(element, '[data-component="softphone-dialer"] [role="alert"]').textContent).toBe(
      '"12ab" is not a phone number. Check the number and try again.',
    );
    expect(number.value).toBe('12ab');
    typeInto(number, ' +16505550101 ');
    await flush();
    get<HTMLButtonElement>(element, '.softphone-call').click();
    await flush();
    expect(controller.dial).toHaveBeenLastCalledWith('+16505550101');
    expect(number.value).toBe('');
    expect(element.querySelector('[data-component="softphone-dialer"] [role="alert"]')).toBeNull();
  });
  it('refreshes the history each time the History tab opens and shows a refresh failure', async () => {
    const { element, controller } = mount();
    const refresh = deferred();
    controller.refreshHistory.mockReturnValueOnce(refresh.promise);
    tab(element, 'history').click();
    await flush();
    expect(controller.refreshHistory).toHaveBeenCalledTimes(1);
    expect(get(element, '[data-component="softphone-call-history"]').textContent).toContain('Loading…');
    refresh.reject(new Error('RingCentral is unreachable.'));
    await flush();
    expect(get(element, '[data-component="softphone-call-history"]').textContent).toContain('No calls.');
    expect(get(element, '[data-component="softphone-call-history"] [role="alert"]').textContent).toBe(
      'RingCentral is unreachable.',
    );
    tab(element, 'history').click();
    await flush();
    expect(controller.refreshHistory).toHaveBeenCalledTimes(1);
    tab(element, 'phone').click();
    await flush();
    tab(element, 'history').click();
    await flush();
    expect(controller.refreshHistory).toHaveBeenCalledTimes(2);
    expect(element.querySelector('[data-component="softphone-call-history"] [role="alert"]')).toBeNull();
  });
  it('shows why a past call could not be logged', async () => {
    const history = [
      {
        record: historyRecord({
          id: 'rec-2',
          direction: 'Outbound',
          result: 'Call connected',
          from: { phoneNumber: '+16505550100' },
          to: { phoneNumber: '+16505550199' },
        }),
        logged: null,
      },
    ];
    const { element, controller } = mount(softphoneState({ history }));
    controller.logPastCall.mockRejectedValue(new Error('This call is no longer in the call log.'));
    tab(element, 'history').click();
    await flush();
    get<HTMLButtonElement>(element, '.softphone-history-log').click();
    await flush();
    expect(controller.logPastCall).toHaveBeenCalledWith('rec-2');
    expect(get(element, '[data-component="softphone-call-history"] [role="alert"]').textContent).toBe(
      'This call is no longer in the call log.',
    );
  });
  it("searches Related To from two characters, shows the latest term's results and clears them after a pick", async () => {
    const { element, controller } = mount(ENDED());
    const initech: SearchRecord[] = [
      { id: '006000000000001AAA', objectType: 'Opportunity', name: 'Initech — Renewal', detail: 'Initech' },
    ];
    const slow = deferred<readonly SearchRecord[]>();
    const fast = deferred<readonly SearchRecord[]>();
    controller.searchRecords.mockReturnValueOnce(slow.promise).mockReturnValueOnce(fast.promise);
    const search = get<HTMLInputElement>(element, '#softphone-related-search');
    typeInto(search, 'I');
    await flush();
    expect(controller.searchRecords).not.toHaveBeenCalled();
    typeInto(search, 'In');
    typeInto(search, 'Ini ');
    expect(controller.searchRecords.mock.calls).toEqual([
      ['In', ['Account', 'Opportunity', 'Case']],
      ['Ini', ['Account', 'Opportunity', 'Case']],
    ]);
    fast.resolve(initech);
    await flush();
    slow.resolve([{ id: '001000000000009AAA', objectType: 'Account', name: 'Inland Freight', detail: null }]);
    await flush();
    expect(element.querySelector('[role="option"][data-id="001000000000009AAA"]')).toBeNull();
    const option = get<HTMLButtonElement>(element, '[role="option"][data-id="006000000000001AAA"]');
    expect(option.textContent).toContain('Opportunity · Initech');
    option.click();
    await flush();
    expect(controller.updateForm).toHaveBeenCalledWith('call-1', {
      whatId: '006000000000001AAA',
      whatName: 'Initech — Renewal',
      whatObjectType: 'Opportunity',
    });
    expect(element.querySelector('[role="option"]')).toBeNull();
    expect(search.value).toBe('');
  });
  it('shows why the Related To search failed', async () => {
    const { element, controller } = mount(ENDED());
    controller.searchRecords.mockRejectedValue(new Error('Salesforce is unreachable.'));
    typeInto(get(element, '#softphone-related-search'), 'Ini');
    await flush();
    expect(get(element, '.softphone-log-error').textContent).toBe('Salesforce is unreachable.');
  });
  it('shows why signing out failed', async () => {
    const { element, controller } = mount();
    controller.logout.mockRejectedValue(new Error('RingCentral is unreachable.'));
    tab(element, 'settings').click();
    await flush();
    get<HTMLButtonElement>(element, '[data-component="softphone-settings-panel"] .softphone-logout').click();
    await flush();
    expect(controller.logout).toHaveBeenCalledTimes(1);
    expect(get(element, '.softphone > [role="alert"]').textContent).toBe('RingCentral is unreachable.');
  });
});
