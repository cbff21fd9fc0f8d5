import {
  STONES,
  callView,
  flush,
  get,
  historyRecord,
  softphoneState,
} from '../../__tests__/support/softphone-fixtures';
import { HOSTILE, loadLazySurfaces, mount, selectedTabs, tab } from './app-harness';

describe('softphone-app', () => {
  beforeAll(loadLazySurfaces);
  let alert: jest.SpyInstance | null = null;
  beforeEach(() => {
    alert = jest.spyOn(window, 'alert').mockImplementation(() => undefined);
  });
  afterEach(() => {
    document.body.replaceChildren();
    alert?.mockRestore();
  });
  it('opens on the Phone tab with the dialer when there is no call', () => {
    const { element } = mount();
    expect(selectedTabs(element)).toEqual(['phone']);
    expect(get(element, '[role="tabpanel"]').id).toBe('softphone-panel-phone');
    expect(element.querySelector('[data-component="softphone-dialer"]')).not.toBeNull();
    expect(get(element, '.softphone-status').textContent).toBe('Ready');
  });
  it('switches tabs by click and by arrow keys, showing one panel at a time', async () => {
    const { element } = mount();
    tab(element, 'history').click();
    await flush();
    expect(selectedTabs(element)).toEqual(['history']);
    expect([...element.querySelectorAll('[role="tabpanel"]')].map((p) => p.id)).toEqual(['softphone-panel-history']);
    expect(element.querySelector('[data-component="softphone-call-history"]')).not.toBeNull();
    expect(element.querySelector('[data-component="softphone-dialer"]')).toBeNull();
    expect(tab(element, 'history').getAttribute('tabindex')).toBe('0');
    expect(tab(element, 'phone').getAttribute('tabindex')).toBe('-1');
    tab(element, 'settings').click();
    await flush();
    expect(selectedTabs(element)).toEqual(['settings']);
    expect(element.querySelector('[data-component="softphone-settings-panel"]')).not.toBeNull();
    tab(element, 'settings').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await flush();
    expect(selectedTabs(element)).toEqual(['phone']);
    tab(element, 'phone').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    await flush();
    expect(selectedTabs(element)).toEqual(['settings']);
    expect(document.activeElement).toBe(tab(element, 'settings'));
  });
  it('counts unresolved calls on the tab and opens the chosen one on the Phone tab', async () => {
    const stones = callView({
      displayName: 'STONE LOGISTICS',
      matches: STONES,
      call: { callId: 'call-2', state: 'ended', remoteNumber: '+16505550102' },
      conflict: 'multiple-matches',
    });
    const ann = callView({ displayName: 'Ann Lee', call: { state: 'ended' } });
    const { element } = mount(
      softphoneState({
        calls: [ann, stones],
        conflicts: [{ callId: 'call-2', reason: 'multiple-matches', displayName: 'STONE LOGISTICS', startedAt: 0 }],
      }),
    );
    expect(get(element, '[data-component="softphone-call-log-form"] h2').textContent).toBe('Inbound call · Ann Lee');
    expect(get(tab(element, 'unresolved'), '.softphone-tab-label').textContent).toBe('Unresolved');
    expect(get(tab(element, 'unresolved'), '.softphone-tab-badge').textContent).toBe('1 1 to log');
    expect(tab(element, 'settings').querySelector('.softphone-tab-badge')).toBeNull();
    tab(element, 'unresolved').click();
    await flush();
    get<HTMLButtonElement>(
      element,
      '[data-component="softphone-unresolved-calls"] button[data-call-id="call-2"]',
    ).click();
    await flush();
    expect(selectedTabs(element)).toEqual(['phone']);
    expect(get(element, '[data-component="softphone-call-log-form"] h2').textContent).toBe(
      'Inbound call · STONE LOGISTICS',
    );
  });
  it('follows the engine: ringing shows the incoming card, answering shows the active call', async () => {
    const { element, controller } = mount();
    controller.publish(softphoneState({ calls: [callView()], activeCallId: 'call-1' }));
    await flush();
    expect(element.querySelector('softphone-incoming-call')).not.toBeNull();
    expect(element.querySelector('[data-component="softphone-dialer"]')).toBeNull();
    controller.publish(
      softphoneState({
        calls: [callView({ call: { state: 'connected', answeredAt: Date.now() } })],
        activeCallId: 'call-1',
      }),
    );
    await flush();
    expect(element.querySelector('softphone-incoming-call')).toBeNull();
    expect(element.querySelector('softphone-active-call')).not.toBeNull();
  });
  it('stops listening to the engine when removed', () => {
    const { element, controller } = mount();
    expect(controller.subscriberCount()).toBe(1);
    element.remove();
    expect(controller.subscriberCount()).toBe(0);
  });
  it('renders a hostile caller name as text on the incoming card, the active call and the log form', async () => {
    const hostile = (state: 'ringing' | 'connected' | 'ended') =>
      softphoneState({
        calls: [callView({ displayName: HOSTILE, call: { state, remoteName: HOSTILE, answeredAt: 1 } })],
        activeCallId: 'call-1',
      });
    const { element, controller } = mount(hostile('ringing'));
    for (const state of ['ringing', 'connected', 'ended'] as const) {
      controller.publish(hostile(state));
      await flush();
      expect(element.querySelector('img')).toBeNull();
      expect(element.textContent).toContain(HOSTILE);
    }
    expect(get(element, '[data-component="softphone-call-log-form"] h2').textContent).toBe(`Inbound call · ${HOSTILE}`);
    expect(alert).not.toHaveBeenCalled();
  });
  it('renders hostile notices, history names and unresolved names as text', async () => {
    const { element } = mount(
      softphoneState({
        notices: [
          {
            id: 1,
            level: 'error',
            code: 'LOG_FAILED',
            params: [HOSTILE, { code: null, message: HOSTILE, params: [] }],
            message: HOSTILE,
            at: 0,
          },
        ],
        history: [
          {
            record: historyRecord({
              sessionId: null,
              duration: 5,
              result: 'Missed',
              from: { phoneNumber: '+16505550199', name: HOSTILE },
              to: { phoneNumber: '+16505550100' },
            }),
            logged: null,
          },
        ],
        conflicts: [{ callId: 'call-9', reason: 'no-match', displayName: HOSTILE, startedAt: 0 }],
      }),
    );
    expect(get(element, '.softphone-notice').textContent).toContain(HOSTILE);
    expect(element.querySelector('img')).toBeNull();
    tab(element, 'history').click();
    await flush();
    expect(get(element, '.softphone-history-row').textContent).toContain(HOSTILE);
    expect(element.querySelector('img')).toBeNull();
    tab(element, 'unresolved').click();
    await flush();
    expect(get(element, '[data-component="softphone-unresolved-calls"]').textContent).toContain(HOSTILE);
    expect(element.querySelector('img')).toBeNull();
    expect(alert).not.toHaveBeenCalled();
  });
  it('dismisses a notice by its id', () => {
    const { element, controller } = mount(
      softphoneState({
        notices: [
          {
            id: 7,
            level: 'warning',
            code: 'MATCH_FAILED',
            params: [1, '+1 650-555-0101', { code: 'NETWORK', message: 'Remoting request failed', params: [] }],
            message: 'Lookup failed.',
            at: 0,
          },
        ],
      }),
    );
    get<HTMLButtonElement>(element, '.softphone-notice button').click();
    expect(controller.dismissNotice).toHaveBeenCalledWith(7);
  });
  it('shows the fix when the web phone is unavailable and signs in when signed out', () => {
    const { element, controller } = mount(
      softphoneState({ phase: 'unavailable', telephony: { state: 'unavailable', reason: 'logged-out' } }),
    );
    expect(get(element, '.softphone-status').textContent).toBe('Signed out');
    expect(get(element, '[data-component="softphone-unavailable"] h2').textContent).toBe('Signed out of RingCentral');
    expect(get<HTMLButtonElement>(element, '[data-component="softphone-dialer"] .softphone-call').disabled).toBe(true);
    get<HTMLButtonElement>(element, '.softphone-login').click();
    expect(controller.login).toHaveBeenCalledTimes(1);
  });

  it('shows why the sign-in ended above the sign-in button', () => {
    const { element } = mount(
      softphoneState({
        phase: 'unavailable',
        telephony: {
          state: 'unavailable',
          reason: 'logged-out',
          detail: 'Your Salesforce session changed since you signed in. Sign in to RingCentral again.',
        },
      }),
    );
    expect(
      [...element.querySelectorAll('[data-component="softphone-unavailable"] .softphone-help-text p')].map(
        (p) => p.textContent,
      ),
    ).toEqual(['Your Salesforce session changed since you signed in. Sign in to RingCentral again.']);
    expect(element.querySelector('.softphone-login')).not.toBeNull();
  });

  it.each([
    [
      'a registered web phone',
      { phase: 'ready', telephony: { state: 'registered' } },
      'on',
      'Listening · calls ring here',
    ],
    [
      'a follower tab (another tab holds the phone: calls show here, their sound plays there)',
      { phase: 'ready', telephony: { state: 'registered' }, phoneInOtherTab: true },
      'on',
      'Listening · calls show here, sound in another tab',
    ],
    [
      'a follower tab with the app / desk phone',
      { phase: 'ready', telephony: { state: 'registered', device: 'other' }, phoneInOtherTab: true },
      'on',
      'Listening · following your app / desk phone',
    ],
    [
      'the app / desk phone followed by its call events',
      { phase: 'ready', telephony: { state: 'registered', device: 'other' } },
      'on',
      'Listening · following your app / desk phone',
    ],
    [
      'the app / desk phone whose call events were lost',
      { phase: 'ready', telephony: { state: 'registered', device: 'other', events: 'lost' } },
      'off',
      'Not listening: call events lost',
    ],
    [
      'a blocked microphone',
      { phase: 'unavailable', telephony: { state: 'unavailable', reason: 'microphone-blocked' } },
      'off',
      'Not listening: microphone blocked',
    ],
    ['the start', { phase: 'starting', telephony: { state: 'starting' } }, 'starting', 'Connecting…'],
  ] as const)('says in the header whether it listens: %s', (_name, state, listening, text) => {
    const { element } = mount(softphoneState(state));
    const line = get(element, '.softphone-listening');
    expect(line.getAttribute('data-listening')).toBe(listening);
    expect(line.textContent?.trim()).toBe(text);
    expect(line.getAttribute('role')).toBe('status');
    if (listening === 'off' && state.phase === 'ready')
      expect(get(element, '.softphone-status').textContent).toBe('Not listening');
  });

  it('shows "Reconnecting…" while the sign-in is renewed, keeps the phone usable and offers no sign-in', () => {
    const { element } = mount(
      softphoneState({
        phase: 'ready',
        telephony: {
          state: 'registered',
          reconnecting: { detail: 'RingCentral is not available right now (HTTP 503).', retryAt: 0 },
        },
      }),
    );
    const status = get(element, '.softphone-status');
    expect(status.textContent).toBe('Reconnecting…');
    expect(status.className).toContain('slds-theme_warning');
    expect(get(element, '[data-component="softphone-unavailable"] h2').textContent).toBe(
      'Reconnecting to RingCentral…',
    );
    expect(get(element, '[data-component="softphone-unavailable"] .softphone-help-text p').textContent).toBe(
      'RingCentral is not available right now (HTTP 503).',
    );
    expect(element.querySelector('.softphone-login')).toBeNull();
    expect(get(element, '.softphone').getAttribute('data-phase')).toBe('ready');
  });

  it('sets presence from the header and shows a failure', async () => {
    const { element, controller } = mount(
      softphoneState({
        presence: {
          userStatus: 'Available',
          dndStatus: 'TakeAllCalls',
          telephonyStatus: 'NoCall',
          presenceStatus: 'Available',
        },
      }),
    );
    controller.setPresence.mockRejectedValue(new Error('Presence could not be changed.'));
    const select = get<HTMLSelectElement>(element, '.softphone-presence');
    expect(select.value).toBe('Available');
    select.value = 'Busy';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await flush();
    expect(controller.setPresence).toHaveBeenCalledWith('Busy');
    expect(element.textContent).toContain('Presence could not be changed.');
  });

  it('offers Available, Busy, Do Not Disturb and Invisible; the status badge follows the presence', async () => {
    const presence = (
      userStatus: 'Available' | 'Busy' | 'Offline',
      dndStatus: 'TakeAllCalls' | 'DoNotAcceptAnyCalls',
    ) => softphoneState({ presence: { userStatus, dndStatus, telephonyStatus: 'NoCall', presenceStatus: userStatus } });
    const { element, controller } = mount(presence('Available', 'TakeAllCalls'));
    const select = get<HTMLSelectElement>(element, '.softphone-presence');
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ['Available', 'Available'],
      ['Busy', 'Busy'],
      ['DoNotDisturb', 'Do Not Disturb'],
      ['Invisible', 'Invisible'],
    ]);
    const badge = () => get(element, '.softphone-status');
    expect(badge().textContent).toBe('Ready');
    expect(badge().className).toContain('slds-theme_success');
    select.value = 'DoNotDisturb';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(controller.setPresence).toHaveBeenCalledWith('DoNotDisturb');
    controller.publish(presence('Busy', 'DoNotAcceptAnyCalls'));
    await flush();
    expect(select.value).toBe('DoNotDisturb');
    expect(badge().textContent).toBe('Do Not Disturb');
    expect(badge().className).toContain('slds-theme_error');
    controller.publish(presence('Offline', 'TakeAllCalls'));
    await flush();
    expect(badge().textContent).toBe('Invisible');
    expect(badge().className).toContain('slds-theme_warning');
  });

  it('lists the audio devices again each time the Settings tab opens', async () => {
    const { element, controller } = mount(softphoneState());
    tab(element, 'settings').click();
    await flush();
    tab(element, 'phone').click();
    tab(element, 'settings').click();
    await flush();
    expect(controller.refreshAudioDevices).toHaveBeenCalledTimes(2);
  });
});
