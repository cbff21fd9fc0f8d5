import type { UserSettingKey } from './settings';

/**
 * The user-level settings as the agent reads them, for the notice of a change refused because an admin locked the
 * setting (ADR 0014). A lazy chunk of its own (ADR 0018): the first paint never needs it.
 */
const USER_SETTING_NAMES: Readonly<Record<UserSettingKey, string>> = {
  callingDevice: 'Calling device',
  ringerEnabled: 'Ring for incoming calls',
  autoLog: 'Log calls automatically',
  inboundPop: 'Open the record of incoming calls',
  outboundPop: 'Open the record of dialled numbers',
  autoLogSms: 'Log text messages automatically',
  multipleMatchPop: 'When several records match',
  noMatchPop: 'When no record matches',
  smsNotesPrompt: 'Ask for a note after sending a text',
  closeCallViewOnHangUp: 'Close the call view on hang up',
};

/**
 * The names of `keys`, in their order, comma separated ("Log calls automatically, Calling device").
 * @public
 */
export function userSettingNames(keys: readonly UserSettingKey[]): string {
  return keys.map((key) => USER_SETTING_NAMES[key]).join(', ');
}
