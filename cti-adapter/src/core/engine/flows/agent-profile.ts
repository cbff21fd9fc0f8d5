import type { KeyValueStore } from '../../ports/key-value-store';
import type { Presence, PresencePort } from '../../ports/presence-port';
import {
  acceptsQueueCalls,
  isPresenceMode,
  presenceFieldsFor,
  presenceModeOf,
  type PresenceMode,
} from '../../presence/presence-mode';
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
import { messageOf, reasonOf, type EngineContext } from './engine-context';
import { ReasonError } from '../notices';

const PREFERENCES_KEY = 'softphone.preferences';
const CHOICES_KEY = 'softphone.choices';
/** The agent's last call-queue choice, kept while Do Not Disturb (which turns queue calls off) is on. */
const QUEUE_CALLS_KEY = 'softphone.queueCalls';

/**
 * A change the agent makes on the Settings tab or the dialer: browser-only preferences and user-level settings
 * (the latter are refused while an admin locks them).
 * @public
 */
export type PreferencesPatch = Partial<LocalPreferences> & Partial<UserSettings>;

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
  private queueChoice: boolean;

  constructor(
    private readonly ctx: EngineContext,
    private readonly store: KeyValueStore,
    private readonly presencePort: PresencePort | undefined,
    settings: Settings,
  ) {
    this.serverSettings = settings;
    this.localPreferences = this.loadPreferences();
    this.choices = this.loadChoices();
    this.queueChoice = this.store.get(QUEUE_CALLS_KEY) !== 'false';
  }

  /**
   * Whether the agent's call queues ring this agent: what the presence says, except during Do Not Disturb (no calls
   * at all), when it is the agent's last choice — restored when Do Not Disturb ends.
   */
  get queueCalls(): boolean {
    const presence = this.presence;
    return presence && presenceModeOf(presence) !== 'DoNotDisturb' ? acceptsQueueCalls(presence) : this.queueChoice;
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
      this.ctx.notify('warning', 'SETTINGS_FAILED', `Using default settings: ${messageOf(error)}`, reasonOf(error));
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
    if (presence) this.showPresence(presence);
    this.ctx.changed();
  }

  /** Follows live presence changes (`PresencePort` `changed`), e.g. a change made in another RingCentral app. */
  followPresence(): Unsubscribe | null {
    return (
      this.presencePort?.on('changed', (presence) => {
        this.showPresence(presence);
        this.ctx.changed();
      }) ?? null
    );
  }

  /**
   * Sets the agent's presence mode (`PUT …/presence` with the fields of {@link presenceFieldsFor}), keeping the
   * call-queue choice. No-op without presence.
   * @throws Error for a value that is not a {@link PresenceMode}; the presence port's error
   */
  async setPresence(mode: PresenceMode): Promise<void> {
    if (!isPresenceMode(mode)) throw new Error(`Unknown presence: ${String(mode)}`);
    if (!this.presencePort) return;
    this.showPresence(await this.presencePort.set(presenceFieldsFor(mode, this.queueCalls)));
    this.ctx.changed();
  }

  /**
   * Turns the agent's call-queue calls on or off (`dndStatus` `TakeAllCalls` / `DoNotAcceptDepartmentCalls`),
   * keeping the presence mode. The choice is kept in this browser too.
   * @throws Error during Do Not Disturb (no calls at all: end it first), before the presence is known, or the presence
   *   port's error
   */
  async setQueueCalls(on: boolean): Promise<void> {
    if (!this.presencePort) return;
    const presence = this.presence;
    if (!presence)
      throw new ReasonError(
        'PRESENCE_NOT_LOADED',
        'Your RingCentral presence is not loaded yet. Try again in a moment.',
      );
    const mode = presenceModeOf(presence);
    if (mode === 'DoNotDisturb')
      throw new ReasonError('DND_TAKES_NO_CALLS', 'Do Not Disturb takes no calls: choose Available first.');
    this.showPresence(await this.presencePort.set(presenceFieldsFor(mode, on)));
    this.ctx.changed();
  }

  /** Takes a presence from the platform; outside Do Not Disturb its queue setting is the agent's choice, kept. */
  private showPresence(presence: Presence): void {
    this.presence = presence;
    if (presenceModeOf(presence) === 'DoNotDisturb') return;
    const queueCalls = acceptsQueueCalls(presence);
    if (queueCalls === this.queueChoice) return;
    this.queueChoice = queueCalls;
    this.persist(QUEUE_CALLS_KEY, queueCalls, 'Call queue choice');
  }

  /**
   * Changes the agent's preferences: browser-only ones (caller ID, RingOut number, ringer volume) and user-level
   * settings (calling device, ringer, auto-log, screen pop, closing the call view on hang up), both persisted in the
   * store (a failure is a notice). A user-level key an admin locked is not changed: a notice says so, naming the
   * settings by key (`SETTING_LOCKED`).
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
      // By key: the UI names each setting by its label in the agent's language (ADR 0032); the English message (logs,
      // and the fallback) names the keys.
      this.ctx.notify('warning', 'SETTING_LOCKED', `${refused.join(', ')}: set by your admin.`, { settings: refused });
    }
    this.ctx.changed();
    return this.preferences;
  }

  private persist(key: string, value: object | boolean, what: string): void {
    try {
      this.store.set(key, JSON.stringify(value));
    } catch (error) {
      this.ctx.notify('warning', 'STORE_FAILED', `${what} not saved: ${messageOf(error)}`, reasonOf(error));
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
