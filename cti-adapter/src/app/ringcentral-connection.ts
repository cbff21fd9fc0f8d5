import type { CallHistoryPort } from '../core/ports/call-history-port';
import type { KeyValueStore } from '../core/ports/key-value-store';
import type { PresencePort } from '../core/ports/presence-port';
import type { TelephonyStatus } from '../core/ports/telephony-port';
import type { AudioDevicesInUse } from '../core/engine/flows/audio-devices-view';
import type { LocalPreferences } from '../core/settings/local-preferences';
import type { OpenCtiBridge } from '../opencti/open-cti-bridge';
import { TypedEmitter } from '../core/support/typed-emitter';
import { whenIdle } from '../core/support/when-idle';
import { PKCE_NOT_READY_MESSAGE, type AuthState } from '../ringcentral/auth/auth-state';
import { RingCentralSession } from '../ringcentral/auth/ringcentral-session';
import type {
  RingCentralSubscription,
  RingCentralSubscriptionEventMap,
} from '../ringcentral/subscriptions/ringcentral-subscription';
import { RingCentralTelephony } from '../ringcentral/web-phone/ringcentral-telephony';
import { WebAudioRingtone } from '../ringcentral/web-phone/web-audio-ringtone';
import { RemotingTokenBroker } from '../salesforce/remoting-token-broker';
import type { AccessGrant } from '../ringcentral/auth/token-broker';
import type { TokenKeeper } from '../ringcentral/auth/token-keeper';
import { DeferredCallHistory } from './deferred-call-history';
import { DeferredPresence } from './deferred-presence';
import type { DeferredTelephony } from './deferred-telephony';
import type { SessionCommands } from './engine-controller';
import type { TabSignInTarget } from './tabs/sign-in-offers';
import { mark } from './marks';
import type { PageConfig, RingCentralSettings } from './page-config';
import {
  rememberedRingCentralSettings,
  rememberRingCentralSettings,
  resolveRingCentralSettings,
  sameRingCentralSettings,
} from './page-config';
import type { RingCentralExtras } from './ringcentral-extras';
import { ReasonError } from '../core/engine/notices';
import { labels } from '../ui/labels';

/** @public */
export interface RingCentralConnectionOptions {
  readonly bridge: Pick<OpenCtiBridge, 'getCallCenterSettings'>;
  readonly config: PageConfig;
  readonly store: KeyValueStore;
  readonly telephony: DeferredTelephony;
  readonly pageUrl: string;
  /**
   * Told the signed-in session (REST client and the page's one subscription) once the subscription is created (with
   * the RingCentral extras, after the web phone's start settled, ADR 0018), and `null` at sign-out: the Messages
   * feature runs over it (ADR 0019).
   */
  readonly onSession?: (session: { api: RingCentralSession['api']; events: RingCentralSubscription } | null) => void;
  /**
   * What `onSession`'s listener needs loaded before the subscription starts (the Messages loader's chunk, so that no
   * message event comes before it listens): awaited with the extras' chunk; a failure is ignored (`onSession` is still
   * told).
   */
  readonly beforeSession?: () => Promise<unknown>;
  /**
   * Resolves once the softphone's start is over (the console answered `notifyInitializationComplete`): the extras wait
   * for it, then for the page to be idle, so that their chunk and requests never compete with the notice (ADR 0018).
   * Called after the web phone's start settled, and by the web phone at each registration (the look for calls already
   * ringing, `RingCentralTelephonyOptions.afterStart`). Default: at once.
   */
  readonly afterStart?: () => Promise<unknown>;
  /**
   * What the web phone's REGISTER waits for besides its microphone check and SIP provisioning (the number rules' lazy
   * chunk: no call rings before its lookup can be sent, ADR 0018); a failure is ignored. Default: nothing.
   */
  readonly beforeRegister?: () => Promise<unknown>;
  /**
   * What the page's boot module started (ADR 0018, `boot.ts`): the keeper of the sealed sign-in, used by every session
   * of this page, and its renewal of the stored sign-in, taken by the first session's restore (`null`: none left).
   */
  readonly handover?: { readonly keeper: TokenKeeper; readonly renewal: Promise<AccessGrant> | null };
}

/**
 * Wires the RingCentral layer into the running softphone: reads the server URL and client id (call center
 * `rcSettings` section, else page config), creates the {@link RingCentralSession} over the package's Apex token
 * endpoints ({@link RemotingTokenBroker}, ADR 0016) and picks up the stored sign-in. A start does not wait for the
 * call center when it has read it before: it signs in with the settings kept from the last read
 * ({@link rememberedRingCentralSettings}) while `getCallCenterSettings` runs, and starts anew with the answer if the
 * admin changed them. While the session is `reconnecting` the web phone keeps running and the status says so; a
 * sign-in that ended (refused, Salesforce session changed) shows the logged-out state with the reason.
 * Once logged in it creates the {@link RingCentralTelephony} web phone and attaches it to the engine; once the web
 * phone's start has settled, the event subscription, the presence and the call history follow from a chunk of their own
 * ({@link RingCentralExtras}, ADR 0018: not on the registration path) and are attached to the engine's deferred
 * ports. Signing out disposes the web phone (REGISTER expires=0) and the subscription and shows the logged-out
 * state; signing in again starts anew.
 * @public
 */
export interface RingCentralConnection extends SessionCommands, TabSignInTarget {
  /** Presence of the signed-in agent (REST `…/presence`, live changes from the WebSocket subscription). */
  readonly presence: PresencePort;
  /** The agent's RingCentral call log (Call history tab). */
  readonly history: CallHistoryPort;
  start(): Promise<void>;
  /**
   * Applies the agent's ringer setting and volume and the audio devices in use (`SoftphoneState.audio.inUse`) to the
   * web phone, now and to every web phone signed in later.
   */
  applyPreferences(preferences: LocalPreferences, devices?: AudioDevicesInUse, liveCalls?: boolean): void;
}

/** The audio devices of a web phone: calls' microphone and speaker, the ringer's output and volume. */
type PhoneAudio = Parameters<RingCentralTelephony['setAudioDevices']>[0];

/** Creates the {@link RingCentralConnection}. Never throws; failures become the telephony status. @public */
export function connectRingCentral(options: RingCentralConnectionOptions): RingCentralConnection {
  const { bridge, config, store, telephony, pageUrl } = options;
  let session: RingCentralSession | null = null;
  /** The settings `session` was created with. */
  let settingsInUse: RingCentralSettings | null = null;
  let phone: RingCentralTelephony | null = null;
  let extras: Promise<RingCentralExtras | null> | null = null;
  let ringerEnabled = true;
  let audio: PhoneAudio = { microphoneId: null, speakerId: null, ringer: { deviceId: null, volume: 1 } };
  const presence = new DeferredPresence();
  const history = new DeferredCallHistory();
  // Where the agent's calls are (ADR 0029), remembered per agent so the next start does not register a web phone
  // before the settings have said `otherDevice`.
  const deviceKey = `softphone.device:${config.orgId}:${config.userId}`;
  let device: 'browser' | 'other' = store.get(deviceKey) === 'other' ? 'other' : 'browser';
  /** The boot module's renewal, until the first session takes it. */
  let handedRenewal = options.handover?.renewal ?? null;

  async function startPhone(active: RingCentralSession): Promise<void> {
    if (phone) return;
    // The subscription's telephony events reach the web phone's RingOut calls through `relay` once it exists.
    const relay = new TypedEmitter<RingCentralSubscriptionEventMap>();
    const current = new RingCentralTelephony({
      api: active.api,
      store,
      mediaServer: active.mediaServer,
      ringerEnabled,
      ringtone: new WebAudioRingtone(),
      onOfferReady: () => mark('softphone:offer-ready'),
      ...(options.beforeRegister ? { beforeRegister: options.beforeRegister } : {}),
      // Calls already ringing are looked for once the start is over, not in REGISTER's 200 task (ADR 0018).
      ...(options.afterStart ? { afterStart: options.afterStart } : {}),
      events: relay,
      device,
    });
    phone = current;
    // Calls on another device are known only from the subscription's events: its state is part of listening (ADR 0034).
    if (device === 'other') {
      telephony.setEvents('connecting');
      relay.on('state', ({ state }) => {
        if (phone === current)
          telephony.setEvents(state === 'reconnecting' ? 'lost' : state === 'connecting' ? state : null);
      });
    }
    void current.setAudioDevices(audio);
    telephony.attach(current);
    const registration = current.start();
    const pending = registration.then(() => startExtras(active, current, relay));
    extras = pending;
    history.attach(pending.then((started) => started?.history ?? null));
    await registration;
  }

  /**
   * The subscription, presence and call history, started once the web phone's start settled (registered, or
   * unavailable: presence and the call history need only the REST session) and the page is idle; `null` when signed
   * out meanwhile.
   */
  async function startExtras(
    active: RingCentralSession,
    current: RingCentralTelephony,
    relay: TypedEmitter<RingCentralSubscriptionEventMap>,
  ): Promise<RingCentralExtras | null> {
    // Not in the tasks that follow the registration (the initialization's answer, a first call): once the start is
    // over and the page is idle.
    await options.afterStart?.().catch(() => undefined);
    await whenIdle();
    if (phone !== current) return null;
    try {
      const [{ startRingCentralExtras }] = await Promise.all([
        import('./ringcentral-extras'),
        options.beforeSession?.().catch(() => undefined),
      ]);
      if (phone !== current) return null;
      const started = startRingCentralExtras({ api: active.api, mediaServer: active.mediaServer, relay });
      started.events.start().catch(() => lostEvents(current));
      presence.attach(started.presence);
      // The Messages feature runs over the same REST client and the page's one subscription (ADR 0019).
      options.onSession?.({ api: active.api, events: started.events });
      return started;
    } catch (error) {
      console.warn('RingCentral presence and call history are unavailable', error);
      lostEvents(current);
      return null;
    }
  }

  /** The call events of `current` could not be subscribed: not listening with another device. */
  function lostEvents(current: RingCentralTelephony): void {
    if (phone === current && device === 'other') telephony.setEvents('lost');
  }

  async function stopPhone(why?: string): Promise<void> {
    await teardownPhone({ state: 'unavailable', reason: 'logged-out', ...(why ? { detail: why } : {}) });
  }

  /**
   * Detaches and disposes the phone of this page and its subscription, showing `status` meanwhile (sign-out, or a
   * change of calling device).
   */
  async function teardownPhone(status: TelephonyStatus): Promise<void> {
    const current = phone;
    const started = extras;
    phone = null;
    extras = null;
    presence.detach();
    history.attach(null);
    options.onSession?.(null);
    telephony.detach();
    telephony.setEvents(null);
    telephony.setStatus(status);
    if (current) await current.dispose('logged-out');
    const events = await started?.catch(() => null);
    if (events) await events.dispose();
  }

  /**
   * The calling device changed between the web phone and the RingCentral app / desk phone: the phone of this page
   * starts anew in the other mode (unregistering the web phone, or registering it), with a new subscription.
   */
  async function switchDevice(): Promise<void> {
    const active = session;
    if (!phone || !active) return;
    await teardownPhone({ state: 'starting' });
    if (session === active && active.state.name !== 'logged-out') await startPhone(active);
  }

  /** The telephony status for a session state (the web phone keeps running while the sign-in reconnects). */
  function followSession(active: RingCentralSession, state: AuthState): void {
    if (session !== active) return;
    if (state.name === 'logged-in') {
      telephony.setReconnecting(null);
      void startPhone(active);
    } else if (state.name === 'reconnecting') {
      if (phone) telephony.setReconnecting({ detail: state.message, retryAt: state.retryAt });
      else telephony.setStatus({ state: 'unavailable', reason: 'network', detail: state.message });
    } else if (state.name === 'logged-out') {
      telephony.setReconnecting(null);
      void stopPhone(state.reason === 'refresh-failed' || state.reason === 'session-ended' ? state.message : undefined);
    }
  }

  /** The call center's settings, or `read: false` (and the page's fallbacks) when the console did not answer. */
  async function readCallCenter(): Promise<{ settings: RingCentralSettings | null; read: boolean }> {
    try {
      return {
        settings: resolveRingCentralSettings(await bridge.getCallCenterSettings(), config, pageUrl),
        read: true,
      };
    } catch {
      return { settings: resolveRingCentralSettings(null, config, pageUrl), read: false };
    }
  }

  /** Creates the session for `rc` and picks up the stored login (starting the web phone), or shows why it cannot. */
  async function run(rc: RingCentralSettings | null): Promise<void> {
    if (!rc) {
      telephony.setStatus({
        state: 'unavailable',
        reason: 'registration-failed',
        detail: 'The call center has no RingCentral server URL / client id (rcSettings section).',
      });
      return;
    }
    const active = new RingCentralSession({
      ...rc,
      orgId: config.orgId,
      userId: config.userId,
      store,
      broker: new RemotingTokenBroker(config.actions),
      keeper: options.handover?.keeper ?? null,
      handedRenewal,
    });
    handedRenewal = null;
    session = active;
    settingsInUse = rc;
    active.on('state', (state) => followSession(active, state));
    // The sign-in paths are a chunk of their own (ADR 0018): requested when the sign-in is offered, else once the
    // start is over and the page is idle, so that a sign-in ending later finds them loaded.
    void (options.afterStart?.() ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => whenIdle())
      .then(() => {
        if (session === active) active.prefetchSignIn();
      });
    try {
      const loggedIn = await active.restore();
      mark('softphone:rc-session');
      if (session !== active) return;
      if (loggedIn) await startPhone(active);
      else followSession(active, active.state);
    } catch (error) {
      if (session !== active) return;
      telephony.setStatus({
        state: 'unavailable',
        reason: 'logged-out',
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  }

  return {
    presence,
    history,

    async start(): Promise<void> {
      const remembered = rememberedRingCentralSettings(store, config);
      const fresh = readCallCenter().then(({ settings, read }) => {
        if (read) rememberRingCentralSettings(store, config, settings);
        return { settings, read };
      });
      if (!remembered) {
        await run((await fresh).settings);
        return;
      }
      const running = run(remembered);
      const { settings, read } = await fresh;
      // The console did not answer: keep what runs. The admin changed the settings: start anew with them.
      if (read && !sameRingCentralSettings(settings, remembered)) {
        const replaced = session;
        session = null;
        replaced?.dispose();
        await running.catch(() => undefined);
        await stopPhone();
        await run(settings);
        return;
      }
      await running;
    },

    login(): Promise<void> {
      if (!session)
        return Promise.reject(
          new ReasonError('RINGCENTRAL_NOT_CONFIGURED', 'RingCentral is not configured for this call center.'),
        );
      // A click before the sign-in was ready (its PKCE challenge, the SDK's or the sign-in paths' chunk, ADR 0018):
      // the session's English text is the label's default; the agent reads it in their language (ADR 0032).
      return session.loginWithPopup().catch((error: unknown) => {
        throw error instanceof Error && error.message === PKCE_NOT_READY_MESSAGE
          ? new Error(labels.Sign_in_not_ready_here)
          : error;
      });
    },

    signInSettings(): RingCentralSettings | null {
      return session?.state.name === 'logged-out' ? settingsInUse : null;
    },

    signInWithCode(code: string, codeVerifier: string): Promise<void> {
      if (!session)
        return Promise.reject(
          new ReasonError('RINGCENTRAL_NOT_CONFIGURED', 'RingCentral is not configured for this call center.'),
        );
      return session.signInWithCode(code, codeVerifier);
    },

    async logout(): Promise<void> {
      if (session) await session.logout();
      await stopPhone();
    },

    applyPreferences(preferences: LocalPreferences, devices?: AudioDevicesInUse, liveCalls = false): void {
      const wanted = preferences.callingDevice === 'otherDevice' ? 'other' : 'browser';
      // Never while a call is up: the switch would end it on this page.
      if (wanted !== device && !liveCalls) {
        device = wanted;
        store.set(deviceKey, wanted);
        void switchDevice();
      }
      if (preferences.ringerEnabled !== ringerEnabled) {
        ringerEnabled = preferences.ringerEnabled;
        phone?.setRingerEnabled(ringerEnabled);
      }
      const next: PhoneAudio = {
        microphoneId: devices?.microphoneId ?? null,
        speakerId: devices?.speakerId ?? null,
        ringer: { deviceId: devices?.ringerDeviceId ?? null, volume: preferences.ringerVolume },
      };
      if (
        next.microphoneId === audio.microphoneId &&
        next.speakerId === audio.speakerId &&
        next.ringer.deviceId === audio.ringer.deviceId &&
        next.ringer.volume === audio.ringer.volume
      )
        return;
      audio = next;
      void phone?.setAudioDevices(audio);
    },
  };
}
