import type { KeyValueStore } from '../../ports/key-value-store';
import type { Presence, PresencePort, UserStatus } from '../../ports/presence-port';
import type { CallerIdNumber } from '../../ports/telephony-port';
import { applyAgentChoices, parseAgentChoices, type AgentChoices } from '../../settings/agent-choices';
import { DEFAULT_LOCAL_PREFERENCES, type LocalPreferences } from '../../settings/local-preferences';
import {
  USER_SETTING_KEYS,
  type Settings,
  type SettingsSource,
  type UserSettingKey,
  type UserSettings,
} from '../../settings/settings';
import type { Unsubscribe } from '../../support/typed-emitter';
import type { SoftphoneState } from '../softphone-state';
import { messageOf, type EngineContext } from './engine-context';

const PREFERENCES_KEY = 'softphone.preferences';
const CHOICES_KEY = 'softphone.choices';

/**
 * A change the agent makes on the Settings tab or the dialer: browser-only preferences and user-level settings
 * (the latter are refused while an admin locks them).
 * @public
 */
export type PreferencesPatch = Partial<LocalPreferences> & Partial<UserSettings>;

/** Labels of the user-level settings, for the notice of a refused change. */
const USER_SETTING_LABELS: Readonly<Record<UserSettingKey, string>> = {
  callingDevice: 'Calling device',
  ringerEnabled: 'Ring for incoming calls',
  autoLog: 'Log calls automatically',
  inboundPop: 'Open the record of incoming calls',
  outboundPop: 'Open the record of dialled numbers',
  autoLogSms: 'Log text messages automatically',
};

/**
 * The agent's side of the softphone: the org settings and the user (`getSoftphoneSettings`, one round trip at start),
 * the user-level settings an admin locked and the agent's own choices of the others (kept in the store, ADR 0014),
 * the per-browser preferences (kept in the store), the RingCentral presence and the caller IDs. Presence and caller
 * IDs can only be read once the web phone is registered, so the engine reloads them on every change to
 * `registered`.
 * @public
 */
export class AgentProfile {
  /** The server's settings (the admin's values: defaults of the user-level keys). */
  serverSettings: Settings;
  settingsLoaded = false;
  user: SoftphoneState['user'] = null;
  canEditSettings = false;
  /** User-level settings the admin locked for this user. */
  locked: readonly UserSettingKey[] = [];
  /** Where each server value comes from. */
  sources: Readonly<Partial<Record<keyof Settings, SettingsSource>>> = {};
  presence: Presence | null = null;
  callerIds: readonly CallerIdNumber[] = [];
  private choices: AgentChoices;
  private localPreferences: LocalPreferences;

  constructor(
    private readonly ctx: EngineContext,
    private readonly store: KeyValueStore,
    private readonly presencePort: PresencePort | undefined,
    settings: Settings,
  ) {
    this.serverSettings = settings;
    this.localPreferences = this.loadPreferences();
    this.choices = this.loadChoices();
  }

  /** The settings in force: the server's, with the agent's choices for the user-level keys an admin did not lock. */
  get settings(): Settings {
    return applyAgentChoices(this.serverSettings, this.choices, this.locked);
  }

  /** The preferences in force: browser-only ones, and the calling device and ringer of {@link settings}. */
  get preferences(): LocalPreferences {
    const settings = this.settings;
    return { ...this.localPreferences, callingDevice: settings.callingDevice, ringerEnabled: settings.ringerEnabled };
  }

  /** Loads the settings for the running user; on failure keeps the defaults and shows a notice. Never rejects. */
  async loadSettings(): Promise<void> {
    try {
      const response = await this.ctx.crm.getSoftphoneSettings();
      this.serverSettings = response.settings;
      this.user = response.user;
      this.canEditSettings = response.canEditSettings;
      this.locked = response.locked;
      this.sources = response.sources;
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

  /**
   * Changes the agent's preferences: browser-only ones (caller ID, RingOut number, ringer volume) and user-level
   * settings (calling device, ringer, auto-log, screen pop), both persisted in the store (a failure is a notice). A
   * user-level key an admin locked is not changed: a notice says so.
   */
  setPreferences(patch: PreferencesPatch): LocalPreferences {
    const local: Record<string, unknown> = {};
    const choices: Record<string, unknown> = { ...this.choices };
    const refused: UserSettingKey[] = [];
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if ((USER_SETTING_KEYS as readonly string[]).includes(key)) {
        if (this.locked.includes(key as UserSettingKey)) refused.push(key as UserSettingKey);
        else choices[key] = value;
      } else {
        local[key] = value;
      }
    }
    this.localPreferences = { ...this.localPreferences, ...local };
    this.choices = parseAgentChoices(choices);
    this.persist(PREFERENCES_KEY, this.localPreferences, 'Preferences');
    this.persist(CHOICES_KEY, this.choices, 'Settings');
    if (refused.length > 0) {
      const names = refused.map((key) => USER_SETTING_LABELS[key]).join(', ');
      this.ctx.notify('warning', 'SETTING_LOCKED', `${names}: set by your admin.`);
    }
    this.ctx.changed();
    return this.preferences;
  }

  private persist(key: string, value: object, what: string): void {
    try {
      this.store.set(key, JSON.stringify(value));
    } catch (error) {
      this.ctx.notify('warning', 'STORE_FAILED', `${what} not saved: ${messageOf(error)}`);
    }
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

  /**
   * The agent's stored choices. Before user-level settings existed the calling device and the ringer were stored
   * with the other preferences: a value there that differs from the old default was the agent's choice and is kept.
   */
  private loadChoices(): AgentChoices {
    try {
      const text = this.store.get(CHOICES_KEY);
      if (text) return parseAgentChoices(JSON.parse(text));
    } catch {
      return {};
    }
    const legacy: Record<string, unknown> = {};
    if (this.localPreferences.callingDevice !== DEFAULT_LOCAL_PREFERENCES.callingDevice)
      legacy.callingDevice = this.localPreferences.callingDevice;
    if (this.localPreferences.ringerEnabled !== DEFAULT_LOCAL_PREFERENCES.ringerEnabled)
      legacy.ringerEnabled = this.localPreferences.ringerEnabled;
    return parseAgentChoices(legacy);
  }
}
