import type { KeyValueStore } from '../../ports/key-value-store';
import type { Presence, PresencePort, UserStatus } from '../../ports/presence-port';
import type { CallerIdNumber } from '../../ports/telephony-port';
import { DEFAULT_LOCAL_PREFERENCES, type LocalPreferences } from '../../settings/local-preferences';
import type { Settings } from '../../settings/settings';
import type { Unsubscribe } from '../../support/typed-emitter';
import type { SoftphoneState } from '../softphone-state';
import { messageOf, type EngineContext } from './engine-context';

const PREFERENCES_KEY = 'softphone.preferences';

/**
 * The agent's side of the softphone: the org settings and the user (`getSoftphoneSettings`, one round trip at start),
 * the per-browser preferences (kept in the store), the RingCentral presence and the caller IDs. Presence and caller
 * IDs can only be read once the web phone is registered, so the engine reloads them on every change to
 * `registered`.
 * @public
 */
export class AgentProfile {
  settings: Settings;
  settingsLoaded = false;
  user: SoftphoneState['user'] = null;
  canEditSettings = false;
  preferences: LocalPreferences;
  presence: Presence | null = null;
  callerIds: readonly CallerIdNumber[] = [];

  constructor(
    private readonly ctx: EngineContext,
    private readonly store: KeyValueStore,
    private readonly presencePort: PresencePort | undefined,
    settings: Settings,
  ) {
    this.settings = settings;
    this.preferences = this.loadPreferences();
  }

  /** Loads the settings for the running user; on failure keeps the defaults and shows a notice. Never rejects. */
  async loadSettings(): Promise<void> {
    try {
      const response = await this.ctx.crm.getSoftphoneSettings();
      this.settings = response.settings;
      this.user = response.user;
      this.canEditSettings = response.canEditSettings;
    } catch (error) {
      this.ctx.notify('warning', 'SETTINGS_FAILED', `Using default settings: ${messageOf(error)}`);
    }
    this.settingsLoaded = true;
  }

  /** Reads the caller IDs and the presence (each keeps its last value on failure), then publishes once. */
  async loadPresenceAndCallerIds(): Promise<void> {
    const [callerIds, presence] = await Promise.all([
      this.ctx.telephony.listCallerIds().catch(() => null),
      this.presencePort ? this.presencePort.get().catch(() => null) : null,
    ]);
    if (callerIds) this.callerIds = callerIds;
    if (presence) this.presence = presence;
    this.ctx.changed();
  }

  /** Follows live presence changes (`PresencePort` `changed`). */
  followPresence(): Unsubscribe | null {
    return (
      this.presencePort?.on('changed', (presence) => {
        this.presence = presence;
        this.ctx.changed();
      }) ?? null
    );
  }

  /** Sets the agent's RingCentral status (no-op without presence). @throws the presence port's error */
  async setPresence(userStatus: UserStatus): Promise<void> {
    if (!this.presencePort) return;
    this.presence = await this.presencePort.set({ userStatus });
    this.ctx.changed();
  }

  /** Changes local preferences (calling device, caller ID, ringer); persisted in the store (a failure is a notice). */
  setPreferences(patch: Partial<LocalPreferences>): LocalPreferences {
    this.preferences = { ...this.preferences, ...patch };
    try {
      this.store.set(PREFERENCES_KEY, JSON.stringify(this.preferences));
    } catch (error) {
      this.ctx.notify('warning', 'STORE_FAILED', `Preferences not saved: ${messageOf(error)}`);
    }
    this.ctx.changed();
    return this.preferences;
  }

  private loadPreferences(): LocalPreferences {
    try {
      const text = this.store.get(PREFERENCES_KEY);
      return text
        ? { ...DEFAULT_LOCAL_PREFERENCES, ...(JSON.parse(text) as Partial<LocalPreferences>) }
        : DEFAULT_LOCAL_PREFERENCES;
    } catch {
      return DEFAULT_LOCAL_PREFERENCES;
    }
  }
}
