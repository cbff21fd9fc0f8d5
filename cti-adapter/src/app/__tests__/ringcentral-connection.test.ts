import type { TelephonyStatus } from '../../core/ports/telephony-port';
import { TypedEmitter } from '../../core/support/typed-emitter';
import type { AuthState } from '../../ringcentral/auth/auth-state';
import { MapStorage } from '../../../test-support/map-storage';
import { DeferredTelephony } from '../deferred-telephony';
import { LocalStorageStore } from '../local-storage-store';
import { DEFAULT_LOCAL_PREFERENCES } from '../../core/settings/local-preferences';
import { readPageConfig, rememberRingCentralSettings, type RingCentralSettings } from '../page-config';
import { connectRingCentral } from '../ringcentral-connection';
import { deferred } from '../../../test-support/deferred';
import { PKCE_NOT_READY_MESSAGE } from '../../ringcentral/auth/auth-state';
import { ENGLISH_LABELS } from '../../ui/labels.generated';
import { installLabels } from '../../ui/labels';

/**
 * The composition of the sign-in (ADR 0016: the session over the package's token endpoints) with the start order of
 * ADR 0018 (remembered call center settings, the web phone first, its extras later). The RingCentral session, web
 * phone and extras are recorded fakes; what is under test is the order and the wiring between them.
 */

interface MockSessionOptions extends RingCentralSettings {
  readonly orgId: string;
  readonly userId: string;
  readonly broker: unknown;
  readonly keeper: unknown;
  readonly handedRenewal: unknown;
}

const mockLog: string[] = [];

class MockSession {
  static created: MockSession[] = [];
  static restoreResult: () => Promise<boolean> = () => Promise.resolve(true);
  readonly events = new TypedEmitter<{ state: AuthState }>();
  readonly api = { fake: 'api' };
  readonly mediaServer = 'https://media.example';
  state: AuthState = { name: 'logged-out', reason: 'initial' };
  disposed = false;
  constructor(readonly options: MockSessionOptions) {
    MockSession.created.push(this);
    mockLog.push(`session ${options.server}`);
  }
  on(type: 'state', listener: (state: AuthState) => void): () => void {
    return this.events.on(type, listener);
  }
  restore(): Promise<boolean> {
    mockLog.push(`restore ${this.options.server}`);
    return MockSession.restoreResult();
  }
  emit(state: AuthState): void {
    this.state = state;
    this.events.emit('state', state);
  }
  dispose(): void {
    this.disposed = true;
    mockLog.push(`dispose session ${this.options.server}`);
  }
  logout(): Promise<void> {
    return Promise.resolve();
  }
  static loginResult: () => Promise<void> = () => Promise.resolve();
  loginWithPopup(): Promise<void> {
    return MockSession.loginResult();
  }
  /** Requests of the sign-in paths' chunk (ADR 0018). */
  prefetches = 0;
  prefetchSignIn(): void {
    this.prefetches += 1;
  }
}

class MockPhone {
  static created: MockPhone[] = [];
  readonly emitter = new TypedEmitter<{ status: TelephonyStatus }>();
  status: TelephonyStatus = { state: 'starting' };
  disposed: string | null = null;
  constructor(readonly options: { api: unknown; events: unknown }) {
    MockPhone.created.push(this);
    mockLog.push('phone');
  }
  on(type: string, listener: (event: TelephonyStatus) => void): () => void {
    return type === 'status' ? this.emitter.on('status', listener) : () => undefined;
  }
  start(): Promise<void> {
    mockLog.push('phone start');
    this.status = { state: 'registered' };
    this.emitter.emit('status', this.status);
    return Promise.resolve();
  }
  dispose(reason: string): Promise<void> {
    this.disposed = reason;
    mockLog.push('dispose phone');
    return Promise.resolve();
  }
  setRingerEnabled(enabled: boolean): void {
    mockLog.push(`ringer ${enabled}`);
  }
  /** The audio devices applied, in order. */
  readonly audio: unknown[] = [];
  setAudioDevices(devices: unknown): Promise<void> {
    this.audio.push(devices);
    return Promise.resolve();
  }
}

// Getters: the factories run when the module under test is imported, before the classes above are initialized.
jest.mock('../../ringcentral/auth/ringcentral-session', () => ({
  get RingCentralSession() {
    return MockSession;
  },
}));
jest.mock('../../ringcentral/web-phone/ringcentral-telephony', () => ({
  get RingCentralTelephony() {
    return MockPhone;
  },
}));
jest.mock('../../ringcentral/web-phone/web-audio-ringtone', () => ({ WebAudioRingtone: class {} }));
jest.mock('../ringcentral-extras', () => ({
  startRingCentralExtras: () => {
    mockLog.push('extras');
    return {
      presence: { get: () => Promise.resolve(null), set: () => Promise.resolve(), on: () => () => undefined },
      history: { list: () => Promise.resolve([]) },
      // The page's one subscription (the connection starts it and hands it to the Messages feature, ADR 0019).
      events: { start: () => Promise.resolve(), on: () => () => undefined, dispose: () => Promise.resolve() },
      dispose: () => Promise.resolve(),
    };
  },
}));

const PAGE = readPageConfig({
  getAttribute: (name: string) =>
    ({
      'data-org-id': '00D1',
      'data-user-id': '005A',
      'data-refresh-ringcentral-token': 'SoftphoneController.refreshRingCentralToken',
    })[name] ?? null,
});
const PAGE_URL = 'https://acme--rcsp.vf.force.com/apex/OpenCTIIndex';
const CALL_CENTER = { '/rcSettings/rcServerUrl': 'https://platform.new', '/rcSettings/rcClientId': 'client-new' };
const REMEMBERED: RingCentralSettings = {
  server: 'https://platform.old',
  clientId: 'client-old',
  redirectUri: 'https://acme--rcsp.vf.force.com/apex/RingCentralOAuthCallback',
};

function setup(
  remembered: RingCentralSettings | null = null,
  handover?: Parameters<typeof connectRingCentral>[0]['handover'],
  afterStart?: () => Promise<unknown>,
) {
  const store = new LocalStorageStore({ storage: new MapStorage() });
  if (remembered) rememberRingCentralSettings(store, PAGE, remembered);
  const callCenter = deferred<Record<string, string>>();
  const telephony = new DeferredTelephony();
  const connection = connectRingCentral({
    bridge: {
      getCallCenterSettings: () => {
        mockLog.push('getCallCenterSettings');
        return callCenter.promise;
      },
    },
    config: PAGE,
    store,
    telephony,
    pageUrl: PAGE_URL,
    ...(handover ? { handover } : {}),
    ...(afterStart ? { afterStart } : {}),
  });
  return { store, callCenter, telephony, connection };
}

/** Lets pending promise callbacks and the next task (the extras wait for an idle moment) run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

beforeEach(() => {
  mockLog.length = 0;
  MockSession.created = [];
  MockPhone.created = [];
  MockSession.restoreResult = () => Promise.resolve(true);
  MockSession.loginResult = () => Promise.resolve();
});

describe('connectRingCentral', () => {
  it('without remembered settings waits for the call center, signs in over the token broker, then starts the web phone and later its extras', async () => {
    const { callCenter, telephony, connection, store } = setup();
    const started = connection.start();
    await settle();
    expect(mockLog).toEqual(['getCallCenterSettings']);
    callCenter.resolve(CALL_CENTER);
    await started;
    await settle();
    expect(mockLog).toEqual([
      'getCallCenterSettings',
      'session https://platform.new',
      'restore https://platform.new',
      'phone',
      'phone start',
      'extras',
    ]);
    const session = MockSession.created[0]!;
    expect(session.options).toMatchObject({
      server: 'https://platform.new',
      clientId: 'client-new',
      redirectUri: 'https://acme--rcsp.vf.force.com/apex/RingCentralOAuthCallback',
      orgId: '00D1',
      userId: '005A',
    });
    expect(session.options.broker).toBeDefined();
    expect(telephony.status.state).toBe('registered');
    expect(store.get('softphone.rcSettings.00D1.005A')).toContain('https://platform.new');
  });

  it('with remembered settings signs in at once, while getCallCenterSettings is still running', async () => {
    const { callCenter, telephony, connection } = setup({
      ...REMEMBERED,
      server: 'https://platform.new',
      clientId: 'client-new',
    });
    const started = connection.start();
    await settle();
    expect(mockLog.slice(0, 5)).toEqual([
      'getCallCenterSettings',
      'session https://platform.new',
      'restore https://platform.new',
      'phone',
      'phone start',
    ]);
    expect(telephony.status.state).toBe('registered');
    callCenter.resolve(CALL_CENTER);
    await started;
    expect(MockSession.created).toHaveLength(1);
    expect(MockPhone.created[0]!.disposed).toBeNull();
  });

  it('hands the boot module’s renewal to the first session only, and its keeper to every session (ADR 0018)', async () => {
    const keeper = { the: 'boot keeper' } as never;
    const renewal = Promise.resolve({ accessToken: 'a' }) as never;
    const { callCenter, connection } = setup(REMEMBERED, { keeper, renewal });
    const started = connection.start();
    await settle();
    callCenter.resolve(CALL_CENTER); // other settings: a second session
    await started;
    const [first, second] = MockSession.created;
    expect(first!.options).toMatchObject({ server: 'https://platform.old', keeper, handedRenewal: renewal });
    expect(second!.options).toMatchObject({ server: 'https://platform.new', keeper, handedRenewal: null });
  });

  it('requests the sign-in paths’ chunk once the start is over and the page is idle, not before (ADR 0018)', async () => {
    const startOver = deferred<void>();
    const { callCenter, connection } = setup(REMEMBERED, undefined, () => startOver.promise);
    const started = connection.start();
    callCenter.resolve({ '/rcSettings/rcServerUrl': REMEMBERED.server, '/rcSettings/rcClientId': REMEMBERED.clientId });
    await started;
    await settle();
    const session = MockSession.created[0]!;
    expect(session.state.name).toBe('logged-out'); // the fake restored a sign-in without changing its state
    expect(session.prefetches).toBe(0); // a restored sign-in never waits for it, nor competes with the start
    startOver.resolve();
    await settle();
    expect(session.prefetches).toBe(1);
  });

  it('a session replaced before the start is over requests nothing for the sign-in', async () => {
    const startOver = deferred<void>();
    const { callCenter, connection } = setup(REMEMBERED, undefined, () => startOver.promise);
    const started = connection.start();
    await settle();
    callCenter.resolve(CALL_CENTER); // other settings: the first session is replaced
    await settle();
    startOver.resolve(); // its web phone's extras waited for it: the teardown goes on
    await started;
    await settle();
    const [first, second] = MockSession.created;
    expect(first!.prefetches).toBe(0);
    expect(second!.prefetches).toBe(1);
  });

  it('a sign-in clicked before it was ready says so in the agent’s language; other failures pass as they are', async () => {
    installLabels({ Sign_in_not_ready_here: 'La connexion à RingCentral n’est pas encore prête.' });
    try {
      const { callCenter, connection } = setup();
      const started = connection.start();
      callCenter.resolve(CALL_CENTER);
      await started;
      MockSession.loginResult = () => Promise.reject(new Error(PKCE_NOT_READY_MESSAGE));
      await expect(connection.login()).rejects.toThrow('La connexion à RingCentral n’est pas encore prête.');
      const closed = new Error('Login window is closed');
      MockSession.loginResult = () => Promise.reject(closed);
      await expect(connection.login()).rejects.toBe(closed);
    } finally {
      installLabels(ENGLISH_LABELS);
    }
  });

  it('without a boot module each session makes its own keeper and renews itself', async () => {
    const { callCenter, connection } = setup(REMEMBERED);
    const started = connection.start();
    callCenter.resolve({ '/rcSettings/rcServerUrl': REMEMBERED.server, '/rcSettings/rcClientId': REMEMBERED.clientId });
    await started;
    expect(MockSession.created[0]!.options).toMatchObject({ keeper: null, handedRenewal: null });
  });

  it('starts anew when the call center answers other settings: the first session is disposed and its web phone stopped', async () => {
    const { callCenter, connection, store } = setup(REMEMBERED);
    const started = connection.start();
    await settle();
    callCenter.resolve(CALL_CENTER);
    await started;
    await settle();
    const [first, second] = MockSession.created;
    expect(first!.options.server).toBe('https://platform.old');
    expect(first!.disposed).toBe(true);
    expect(MockPhone.created[0]!.disposed).toBe('logged-out');
    expect(second!.options.server).toBe('https://platform.new');
    expect(second!.disposed).toBe(false);
    expect(mockLog.indexOf('dispose session https://platform.old')).toBeLessThan(
      mockLog.indexOf('session https://platform.new'),
    );
    expect(MockPhone.created).toHaveLength(2);
    expect(MockPhone.created[1]!.disposed).toBeNull();
    // A state of the replaced session changes nothing any more.
    first!.emit({ name: 'logged-out', reason: 'refresh-failed', message: 'expired' });
    await settle();
    expect(MockPhone.created[1]!.disposed).toBeNull();
    expect(store.get('softphone.rcSettings.00D1.005A')).toContain('https://platform.new');
  });

  it('keeps the running sign-in when the console does not answer getCallCenterSettings', async () => {
    const { callCenter, telephony, connection } = setup(REMEMBERED);
    const started = connection.start();
    callCenter.reject(new Error('console gone'));
    await started;
    expect(MockSession.created).toHaveLength(1);
    expect(MockSession.created[0]!.disposed).toBe(false);
    expect(telephony.status.state).toBe('registered');
  });

  it('keeps the web phone while the sign-in reconnects, and stops it with the reason when the sign-in ends', async () => {
    const { callCenter, telephony, connection } = setup();
    const started = connection.start();
    callCenter.resolve(CALL_CENTER);
    await started;
    const session = MockSession.created[0]!;
    session.emit({ name: 'reconnecting', ownerId: null, attempt: 1, retryAt: 1_000, message: 'RingCentral is busy' });
    expect(telephony.status).toMatchObject({
      state: 'registered',
      reconnecting: { detail: 'RingCentral is busy', retryAt: 1_000 },
    });
    session.emit({ name: 'logged-out', reason: 'session-ended', message: 'Sign in again' });
    await settle();
    expect(MockPhone.created[0]!.disposed).toBe('logged-out');
    expect(telephony.status).toEqual({ state: 'unavailable', reason: 'logged-out', detail: 'Sign in again' });
  });

  it('shows the signed-out state when nothing is stored to renew', async () => {
    MockSession.restoreResult = () => Promise.resolve(false);
    const { callCenter, telephony, connection } = setup();
    const started = connection.start();
    callCenter.resolve(CALL_CENTER);
    await started;
    expect(MockPhone.created).toHaveLength(0);
    expect(telephony.status).toEqual({ state: 'unavailable', reason: 'logged-out' });
  });

  it('applies the audio devices in use and the ringer volume to the web phone, and to the next one signed in', async () => {
    const { callCenter, connection } = setup();
    const prefs = { ...DEFAULT_LOCAL_PREFERENCES, ringerVolume: 0.4 };
    const devices = { microphoneId: 'mic-2', speakerId: 'spk-1', ringerDeviceId: 'spk-2' };
    connection.applyPreferences(prefs, devices);
    const started = connection.start();
    callCenter.resolve(CALL_CENTER);
    await started;
    const applied = { microphoneId: 'mic-2', speakerId: 'spk-1', ringer: { deviceId: 'spk-2', volume: 0.4 } };
    expect(MockPhone.created[0]!.audio).toEqual([applied]);
    connection.applyPreferences(prefs, devices);
    expect(MockPhone.created[0]!.audio).toHaveLength(1);
    connection.applyPreferences(prefs, { ...devices, microphoneId: null });
    expect(MockPhone.created[0]!.audio).toEqual([applied, { ...applied, microphoneId: null }]);
    await settle();
  });
});
