import type { CallHistoryPort } from '../core/ports/call-history-port';
import type { KeyValueStore } from '../core/ports/key-value-store';
import type { PresencePort } from '../core/ports/presence-port';
import type { LocalPreferences } from '../core/settings/local-preferences';
import type { OpenCtiBridge } from '../opencti/open-cti-bridge';
import { RingCentralSession } from '../ringcentral/auth/ringcentral-session';
import { RingCentralCallHistory } from '../ringcentral/call-log/ringcentral-call-history';
import { RingCentralPresence } from '../ringcentral/presence/ringcentral-presence';
import { RingCentralSubscription } from '../ringcentral/subscriptions/ringcentral-subscription';
import { WsgSubscriptionChannel } from '../ringcentral/subscriptions/wsg-subscription-channel';
import { RingCentralTelephony } from '../ringcentral/web-phone/ringcentral-telephony';
import { WebAudioRingtone } from '../ringcentral/web-phone/web-audio-ringtone';
import { DeferredCallHistory } from './deferred-call-history';
import { DeferredPresence } from './deferred-presence';
import type { DeferredTelephony } from './deferred-telephony';
import type { SessionCommands } from './engine-controller';
import { mark } from './marks';
import type { PageConfig } from './page-config';
import { resolveRingCentralSettings } from './page-config';

/** @public */
export interface RingCentralConnectionOptions {
  readonly bridge: Pick<OpenCtiBridge, 'getCallCenterSettings'>;
  readonly config: PageConfig;
  readonly store: KeyValueStore;
  readonly telephony: DeferredTelephony;
  readonly pageUrl: string;
  /**
   * Told the signed-in session (REST client and the page's one subscription) when RingCentral signs in, and `null`
   * at sign-out: the Messages feature runs over it (ADR 0019).
   */
  readonly onSession?: (session: { api: RingCentralSession['api']; events: RingCentralSubscription } | null) => void;
}

/**
 * Wires the RingCentral layer into the running softphone: reads the server URL and client id (call center
 * `rcSettings` section, else page config), creates the {@link RingCentralSession} and picks up the stored login.
 * Once logged in it creates ONE {@link RingCentralSubscription} over the small `WsgSubscriptionChannel`
 * (telephony sessions + presence events), the {@link RingCentralTelephony} web phone fed by it, the
 * {@link RingCentralPresence} (REST + live changes from the same subscription) and the
 * {@link RingCentralCallHistory}, and attaches them to the engine's deferred ports. Signing out disposes the web
 * phone (REGISTER expires=0) and the subscription and shows the logged-out state; signing in again starts anew.
 * @public
 */
export interface RingCentralConnection extends SessionCommands {
  /** Presence of the signed-in agent (REST `…/presence`, live changes from the WebSocket subscription). */
  readonly presence: PresencePort;
  /** The agent's RingCentral call log (Call history tab). */
  readonly history: CallHistoryPort;
  start(): Promise<void>;
  applyPreferences(preferences: LocalPreferences): void;
}

/** Creates the {@link RingCentralConnection}. Never throws; failures become the telephony status. @public */
export function connectRingCentral(options: RingCentralConnectionOptions): RingCentralConnection {
  const { bridge, config, store, telephony, pageUrl } = options;
  let session: RingCentralSession | null = null;
  let phone: RingCentralTelephony | null = null;
  let subscription: RingCentralSubscription | null = null;
  let ringerEnabled = true;
  const presence = new DeferredPresence();
  const history = new DeferredCallHistory();

  async function startPhone(active: RingCentralSession): Promise<void> {
    if (phone) return;
    // ONE WebSocket subscription (telephony sessions + detailed presence) feeds the web phone (RingOut ids,
    // session events) and presence. The small WSG channel, never the official one (≈ 68 KB gzip).
    const events = new RingCentralSubscription({ channel: new WsgSubscriptionChannel({ api: active.api }) });
    subscription = events;
    phone = new RingCentralTelephony({
      api: active.api,
      store,
      mediaServer: active.mediaServer,
      ringerEnabled,
      ringtone: new WebAudioRingtone(),
      events,
    });
    telephony.attach(phone);
    presence.attach(new RingCentralPresence({ api: active.api, subscription: events }));
    history.attach(new RingCentralCallHistory({ api: active.api, mediaServer: active.mediaServer }));
    options.onSession?.({ api: active.api, events });
    // The subscription is not on the registration path: a refused or unreachable WebSocket leaves calls working
    // (presence then falls back to REST reads) and does not delay the cold start.
    events.start().catch((error: unknown) => {
      console.warn('RingCentral event subscription failed', error);
    });
    await phone.start();
  }

  async function stopPhone(): Promise<void> {
    const current = phone;
    const events = subscription;
    phone = null;
    subscription = null;
    presence.detach();
    history.attach(null);
    options.onSession?.(null);
    telephony.detach();
    telephony.setStatus({ state: 'unavailable', reason: 'logged-out' });
    if (current) await current.dispose('logged-out');
    if (events) await events.dispose().catch(() => undefined);
  }

  async function readCallCenter(): Promise<Record<string, string> | null> {
    try {
      return await bridge.getCallCenterSettings();
    } catch {
      return null;
    }
  }

  return {
    presence,
    history,

    async start(): Promise<void> {
      const rc = resolveRingCentralSettings(await readCallCenter(), config, pageUrl);
      if (!rc) {
        telephony.setStatus({
          state: 'unavailable',
          reason: 'registration-failed',
          detail: 'The call center has no RingCentral server URL / client id (rcSettings section).',
        });
        return;
      }
      session = new RingCentralSession({ ...rc, orgId: config.orgId, userId: config.userId, store });
      const active = session;
      active.on('state', (state) => {
        if (state.name === 'logged-in') void startPhone(active);
        else if (state.name === 'logged-out') void stopPhone();
      });
      try {
        const loggedIn = await active.restore();
        mark('softphone:rc-session');
        if (loggedIn) await startPhone(active);
        else telephony.setStatus({ state: 'unavailable', reason: 'logged-out' });
      } catch (error) {
        telephony.setStatus({
          state: 'unavailable',
          reason: 'logged-out',
          detail: error instanceof Error ? error.message : String(error),
        });
      }
    },

    login(): Promise<void> {
      if (!session) return Promise.reject(new Error('RingCentral is not configured for this call center.'));
      return session.loginWithPopup();
    },

    async logout(): Promise<void> {
      if (session) await session.logout();
      await stopPhone();
    },

    applyPreferences(preferences: LocalPreferences): void {
      if (preferences.ringerEnabled === ringerEnabled) return;
      ringerEnabled = preferences.ringerEnabled;
      phone?.setRingerEnabled(ringerEnabled);
    },
  };
}
