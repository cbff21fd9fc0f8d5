import { CALLING_DEVICES, USER_SETTING_KEYS, type Settings, type UserSettingKey, type UserSettings } from './settings';

/**
 * The agent's own choices of user-level settings (calling device, ringer, auto-log of calls and of text messages, screen
 * pop per direction and what pops on several matches or none), kept in the browser: only the keys the agent changed.
 * Over the server's settings they apply to every key an admin has not locked; a locked key keeps the admin's value
 * (ADR 0014).
 * @public
 */
export type AgentChoices = Partial<UserSettings>;

/**
 * The settings in force: the server's settings with the agent's choices for keys that are not locked (pure).
 * @param settings the server's settings (the admin's values are the defaults of user-level keys)
 * @param choices what the agent chose
 * @param locked keys the agent cannot change
 * @public
 */
export function applyAgentChoices(
  settings: Settings,
  choices: AgentChoices,
  locked: readonly UserSettingKey[],
): Settings {
  const out: Record<string, unknown> = { ...settings };
  for (const key of USER_SETTING_KEYS) {
    const value = choices[key];
    if (value !== undefined && !locked.includes(key)) out[key] = value;
  }
  return out as unknown as Settings;
}

/**
 * Reads stored choices, keeping only known keys with values of the right kind (a corrupt or old entry is ignored).
 * @public
 */
export function parseAgentChoices(value: unknown): AgentChoices {
  if (typeof value !== 'object' || value === null) return {};
  const raw = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const oneOf = (key: UserSettingKey, allowed: readonly unknown[]): void => {
    if (allowed.includes(raw[key])) out[key] = raw[key];
  };
  oneOf('callingDevice', CALLING_DEVICES);
  oneOf('ringerEnabled', [true, false]);
  oneOf('autoLog', [true, false]);
  oneOf('inboundPop', ['ringing', 'answer', 'off']);
  oneOf('outboundPop', ['ringing', 'answer', 'off']);
  oneOf('autoLogSms', [true, false]);
  oneOf('multipleMatchPop', ['search', 'first', 'none']);
  oneOf('noMatchPop', ['newContact', 'newLead', 'search', 'none']);
  oneOf('smsNotesPrompt', [true, false]);
  return out as AgentChoices;
}
