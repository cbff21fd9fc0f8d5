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

const BOTH = [true, false] as const;
const POP_MOMENTS = ['ringing', 'answer', 'off'] as const;

/** The values each user-level setting may take (one entry per key: the compiler asks for a new key's values). */
const ALLOWED_CHOICES: Readonly<Record<UserSettingKey, readonly unknown[]>> = {
  callingDevice: CALLING_DEVICES,
  ringerEnabled: BOTH,
  autoLog: BOTH,
  inboundPop: POP_MOMENTS,
  outboundPop: POP_MOMENTS,
  autoLogSms: BOTH,
  multipleMatchPop: ['search', 'first', 'none'],
  noMatchPop: ['newContact', 'newLead', 'search', 'none'],
  smsNotesPrompt: BOTH,
  closeCallViewOnHangUp: BOTH,
};

/**
 * Reads stored choices, keeping only known keys with values of the right kind (a corrupt or old entry is ignored).
 * @public
 */
export function parseAgentChoices(value: unknown): AgentChoices {
  if (typeof value !== 'object' || value === null) return {};
  const raw = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of USER_SETTING_KEYS) if (ALLOWED_CHOICES[key].includes(raw[key])) out[key] = raw[key];
  return out as AgentChoices;
}
