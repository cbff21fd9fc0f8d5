/**
 * The panel as it fits a 360 × 560 utility item (issue "The agent's day"): one surface at a time on the Phone tab with
 * the count of calls to log, the confirmation toast linking to the saved Task, History → Log showing the form, the
 * status badge following calls and the sign-in, the signed-out state, RingOut's missing number.
 */
import {
  callView,
  endedCallView,
  flush,
  get,
  historyRecord,
  softphoneState,
} from '../../__tests__/support/softphone-fixtures';
import { DEFAULT_LOCAL_PREFERENCES } from '../../../../core/settings/local-preferences';
import { DEFAULT_SETTINGS } from '../../../../core/settings/settings';
import { CONNECTED, SIGNED_OUT, loadLazySurfaces, mount, raiseOn, selectedTabs, tab } from './app-harness';

const FORM = '[data-component="softphone-call-log-form"]';
const DIALER = '[data-component="softphone-dialer"]';

/** Three ended calls to log, newest first. */
function threeToLog() {
  return [
    endedCallView({ displayName: 'Ann Lee', call: { callId: 'c-ann' } }),
    endedCallView({ displayName: 'Bob Ray', call: { callId: 'c-bob' } }),
    endedCallView({ displayName: 'Carla Stone', call: { callId: 'c-carla' } }),
  ];
}

async function microtasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('softphone-app: the panel', () => {
  beforeAll(loadLazySurfaces);
  afterEach(() => {
    document.body.replaceChildren();
    jest.useRealTimers();
  });

  it('shows one log form at a time with the count of calls to log, never under the dialer', async () => {
    const { element } = mount(softphoneState({ calls: threeToLog() }));
    expect(element.querySelectorAll(FORM)).toHaveLength(1);
    expect(element.querySelector(DIALER)).toBeNull();
    expect(get(element, '.softphone-log-count').textContent).toBe('3 calls to log');
    expect(get(element, `${FORM} h2`).textContent).toBe('Inbound call · Ann Lee');

    get<HTMLButtonElement>(element, '.softphone-log-next').click();
    await flush();
    expect(element.querySelectorAll(FORM)).toHaveLength(1);
    expect(get(element, `${FORM} h2`).textContent).toBe('Inbound call · Bob Ray');

    // "Dialer": the form gives way to the dialer; the count stays and "Log" brings the form back.
    get<HTMLButtonElement>(element, '.softphone-show-dialer').click();
    await flush();
    expect(element.querySelector(FORM)).toBeNull();
    expect(element.querySelector(DIALER)).not.toBeNull();
    expect(get(element, '.softphone-log-count').textContent).toBe('3 calls to log');
    get<HTMLButtonElement>(element, '.softphone-show-log').click();
    await flush();
    expect(get(element, `${FORM} h2`).textContent).toBe('Inbound call · Bob Ray');
    expect(element.querySelector(DIALER)).toBeNull();
  });

  it('shows only the live call while calls wait to be logged (one Notes box), with their count', async () => {
    const live = CONNECTED({ displayName: 'Dan Live', call: { callId: 'c-live' } });
    const { element } = mount(softphoneState({ calls: [...live.calls, ...threeToLog()], activeCallId: 'c-live' }));
    expect(element.querySelector('softphone-active-call')).not.toBeNull();
    expect(element.querySelector(FORM)).toBeNull();
    expect(element.querySelector(DIALER)).toBeNull();
    expect(element.querySelectorAll('textarea.softphone-notes')).toHaveLength(1);
    expect(get(element, '.softphone-log-count').textContent).toBe('3 calls to log');
    expect(element.querySelector('.softphone-log-next, .softphone-show-dialer, .softphone-show-log')).toBeNull();
  });

  it('a call that ends shows its form again after the agent chose the dialer', async () => {
    const { element, controller } = mount(softphoneState({ calls: [endedCallView({ call: { callId: 'c-old' } })] }));
    expect(get(element, '.softphone-log-count').textContent).toBe('1 call to log');
    get<HTMLButtonElement>(element, '.softphone-show-dialer').click();
    await flush();
    expect(element.querySelector(DIALER)).not.toBeNull();
    controller.publish(
      softphoneState({
        calls: [
          endedCallView({ displayName: 'New Caller', call: { callId: 'c-new' } }),
          endedCallView({ call: { callId: 'c-old' } }),
        ],
      }),
    );
    await flush();
    expect(get(element, `${FORM} h2`).textContent).toBe('Inbound call · New Caller');
    expect(get(element, '.softphone-log-count').textContent).toBe('2 calls to log');
  });

  it('with "Close the call view on hang up", a call that ends gives way to the dialer and waits in the log queue', async () => {
    const closing = { ...DEFAULT_SETTINGS, closeCallViewOnHangUp: true };
    const live = CONNECTED({ displayName: 'Dan Live', call: { callId: 'c-live' } });
    const { element, controller } = mount(softphoneState({ ...live, settings: closing, activeCallId: 'c-live' }));
    expect(element.querySelector('softphone-active-call')).not.toBeNull();
    controller.publish(
      softphoneState({
        settings: closing,
        calls: [endedCallView({ displayName: 'Dan Live', autoLogAt: Date.now() + 10_000, call: { callId: 'c-live' } })],
      }),
    );
    await flush();
    expect(element.querySelector('softphone-active-call')).toBeNull();
    expect(element.querySelector(FORM)).toBeNull();
    expect(element.querySelector(DIALER)).not.toBeNull();
    expect(get(element, '.softphone-log-count').textContent).toBe('1 call to log');
    // The log stays one click away, and the auto-log countdown is the engine's: the app does not cancel it.
    expect(controller.cancelAutoLog).not.toHaveBeenCalled();
    get<HTMLButtonElement>(element, '.softphone-show-log').click();
    await flush();
    expect(get(element, `${FORM} h2`).textContent).toBe('Inbound call · Dan Live');
  });

  it('with the setting off (the default), a call that ends keeps its view: its log form', async () => {
    const live = CONNECTED({ displayName: 'Dan Live', call: { callId: 'c-live' } });
    const { element, controller } = mount(softphoneState({ ...live, activeCallId: 'c-live' }));
    controller.publish(
      softphoneState({ calls: [endedCallView({ displayName: 'Dan Live', call: { callId: 'c-live' } })] }),
    );
    await flush();
    expect(get(element, `${FORM} h2`).textContent).toBe('Inbound call · Dan Live');
    expect(element.querySelector(DIALER)).toBeNull();
  });

  it('with "Close the call view on hang up", History → Log still opens the past call’s form', async () => {
    const closing = { ...DEFAULT_SETTINGS, closeCallViewOnHangUp: true };
    const record = historyRecord({ id: 'rec-9', telephonySessionId: 's-9' });
    const { element, controller } = mount(softphoneState({ settings: closing, history: [{ record, logged: null }] }));
    controller.logPastCall.mockImplementation(async () => {
      controller.publish(
        softphoneState({
          settings: closing,
          calls: [endedCallView({ displayName: 'Past Caller', fromHistory: true, call: { callId: 'history:s-9' } })],
          history: [{ record, logged: null }],
        }),
      );
      return 'history:s-9';
    });
    tab(element, 'history').click();
    await flush();
    get<HTMLButtonElement>(element, '.softphone-history-log').click();
    await flush();
    expect(selectedTabs(element)).toEqual(['phone']);
    expect(get(element, `${FORM} h2`).textContent).toBe('Inbound call · Past Caller');
  });

  it('confirms a saved log with a toast whose link opens the Task (Open CTI screenPop)', async () => {
    const { element, controller } = mount(softphoneState({ calls: [endedCallView()] }));
    controller.saveLog.mockResolvedValue({ taskId: '00T000000000042AAA' });
    // Fake timers from the save on (the toast's own timer); the answer and the render are microtasks.
    jest.useFakeTimers();
    raiseOn(element, FORM, 'save', { callId: 'call-1' });
    await microtasks();
    expect(controller.saveLog).toHaveBeenCalledWith('call-1');
    const toast = get(element, '.softphone-toast [role="status"]');
    expect(toast.textContent).toContain('Call logged to Salesforce.');
    get<HTMLAnchorElement>(element, '.softphone-toast-link').click();
    await microtasks();
    expect(controller.openRecord).toHaveBeenCalledWith('00T000000000042AAA');
    // It stays long enough to reach the link, then goes.
    jest.advanceTimersByTime(9_000);
    await microtasks();
    expect(element.querySelector('.softphone-toast')).not.toBeNull();
    jest.advanceTimersByTime(1_000);
    await microtasks();
    expect(element.querySelector('.softphone-toast')).toBeNull();
  });

  it('closes the toast with its close button', async () => {
    const { element } = mount(softphoneState({ calls: [endedCallView()] }));
    raiseOn(element, FORM, 'save', { callId: 'call-1' });
    await flush();
    get<HTMLButtonElement>(element, '.softphone-toast-close').click();
    await flush();
    expect(element.querySelector('.softphone-toast')).toBeNull();
  });

  it('shows no toast when the save fails (the form shows why)', async () => {
    const { element, controller } = mount(softphoneState({ calls: [endedCallView()] }));
    controller.saveLog.mockRejectedValue(new Error('Choose a call disposition.'));
    raiseOn(element, FORM, 'save', { callId: 'call-1' });
    await flush();
    expect(element.querySelector('.softphone-toast')).toBeNull();
    expect(get(element, `${FORM} .softphone-log-error`).textContent).toBe('Choose a call disposition.');
  });

  it('History → Log switches to the Phone tab and shows that call’s form', async () => {
    const record = historyRecord({ id: 'rec-9', telephonySessionId: 's-9' });
    const { element, controller } = mount(
      softphoneState({ calls: [endedCallView({ call: { callId: 'c-other' } })], history: [{ record, logged: null }] }),
    );
    controller.logPastCall.mockImplementation(async () => {
      controller.publish(
        softphoneState({
          calls: [
            endedCallView({ call: { callId: 'c-other' } }),
            endedCallView({ displayName: 'Past Caller', fromHistory: true, call: { callId: 'history:s-9' } }),
          ],
          history: [{ record, logged: null }],
        }),
      );
      return 'history:s-9';
    });
    tab(element, 'history').click();
    await flush();
    get<HTMLButtonElement>(element, '.softphone-history-log').click();
    await flush();
    expect(controller.logPastCall).toHaveBeenCalledWith('rec-9');
    expect(selectedTabs(element)).toEqual(['phone']);
    expect(get(element, `${FORM} h2`).textContent).toBe('Inbound call · Past Caller');
    expect(get(element, '.softphone-log-count').textContent).toBe('2 calls to log');
  });

  it.each([
    ['ringing', softphoneState({ calls: [callView()], activeCallId: 'call-1' }), 'Ringing'],
    [
      'calling',
      softphoneState({ calls: [callView({ call: { direction: 'outbound', state: 'dialing' } })] }),
      'Calling…',
    ],
    ['on call', CONNECTED(), 'On call'],
    ['on hold', CONNECTED({ call: { state: 'held' } }), 'On hold'],
    [
      'busy',
      softphoneState({
        presence: {
          userStatus: 'Busy',
          dndStatus: 'TakeAllCalls',
          telephonyStatus: 'NoCall',
          presenceStatus: 'Busy',
        },
      }),
      'Busy',
    ],
    ['ready', softphoneState(), 'Ready'],
    ['signed out', SIGNED_OUT(), 'Signed out'],
  ])('the status badge follows the softphone: %s', (_name, state, label) => {
    const { element } = mount(state);
    expect(get(element, '.softphone-status').textContent).toBe(label);
  });

  it('signed out: the badge, presence and dialer agree (nothing can call)', () => {
    const { element } = mount({
      ...SIGNED_OUT(),
      presence: {
        userStatus: 'Available',
        dndStatus: 'TakeAllCalls',
        telephonyStatus: 'NoCall',
        presenceStatus: 'Available',
      },
    });
    expect(get(element, '.softphone-status').textContent).toBe('Signed out');
    const presence = get<HTMLSelectElement>(element, '.softphone-presence');
    expect(presence.disabled).toBe(true);
    expect(presence.value).toBe('Offline');
    const dialer = get(element, DIALER);
    const controls = [
      ...dialer.querySelectorAll<HTMLInputElement | HTMLButtonElement | HTMLSelectElement>('input, button, select'),
    ];
    expect(controls.length).toBeGreaterThan(12);
    expect(controls.filter((c) => !c.disabled).map((c) => c.className || c.id)).toEqual([]);
  });

  it('RingOut without a number: one message saying where to set it, Call disabled, the link opens Settings', async () => {
    const { element } = mount(
      softphoneState({ preferences: { ...DEFAULT_LOCAL_PREFERENCES, callingDevice: 'ringout', ringOutNumber: null } }),
    );
    const message = get(element, `${DIALER} .softphone-ringout-missing`);
    expect(message.textContent).toContain('RingOut rings your phone first. No number is set for it yet.');
    expect(element.textContent).not.toContain('ringOutFrom');
    get<HTMLButtonElement>(element, '.softphone-ringout-settings').click();
    await flush();
    expect(selectedTabs(element)).toEqual(['settings']);
  });
});
