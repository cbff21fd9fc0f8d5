import type { CallHistoryPort } from '../core/ports/call-history-port';
import type { KeyValueStore } from '../core/ports/key-value-store';
import type { PresencePort } from '../core/ports/presence-port';
import type { LocalPreferences } from '../core/settings/local-preferences';
import type { OpenCtiBridge } from '../opencti/open-cti-bridge';
import { RingCentralSession } from '../ringcentral/auth/ringcentral-session';
import { RingCentralCallHistory } from '../ringcentral/call-log/ringcentral-call-history';
import { RingCentralPresence } from '../ringcentral/presence/ringcentral-presence';
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
}

/**
 * Wires the RingCentral layer into the running softphone: reads the server URL and client id (call center
 * `rcSettings` section, else page config), creates the {@link RingCentralSession}, picks up the stored login (or
 * the harness JWT), then creates and starts the {@link RingCentralTelephony} web phone and attaches it to the
 * engine's {@link DeferredTelephony}. Signing out disposes the web phone (REGISTER expires=0) and shows the
 * logged-out state; signing in again starts a new one.
 * @public
 */
export interface RingCentralConnection extends SessionCommands {
  /** Presence of the signed-in agent (REST `…/presence`; live changes not subscribed yet). */
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
  let ringerEnabled = true;
  const presence = new DeferredPresence();
  const history = new DeferredCallHistory();

  async function startPhone(active: RingCentralSession): Promise<void> {
    if (phone) return;
    phone = new RingCentralTelephony({ api: active.api, store, ringerEnabled, ringtone: new WebAudioRingtone() });
    telephony.attach(phone);
    presence.attach(new RingCentralPresence({ api: active.api }));
    history.attach(new RingCentralCallHistory({ api: active.api }));
    await phone.start();
  }

  async function stopPhone(): Promise<void> {
    const current = phone;
    phone = null;
    presence.detach();
    history.attach(null);
    telephony.detach();
    telephony.setStatus({ state: 'unavailable', reason: 'logged-out' });
    if (current) await current.dispose('logged-out');
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
        let loggedIn = await active.restore();
        if (!loggedIn && config.rcJwt) {
          await active.loginWithJwt(config.rcJwt);
          loggedIn = true;
        }
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
