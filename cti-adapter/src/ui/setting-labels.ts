import type { UserSettingKey } from '../core/settings/settings';
import type { LabelName } from './labels.generated';
import { labels } from './labels';
import { currentLocale } from './locale';

/**
 * The Custom Label of each user-level setting (ADR 0014): the Settings tab's control names it, and a notice naming
 * a setting (`SETTING_LOCKED`) uses the same words, so the agent finds it by what the notice says (ADR 0032). The
 * type makes every `UserSettingKey` have one.
 * @public
 */
export const SETTING_LABELS: Readonly<Record<UserSettingKey, LabelName>> = {
  callingDevice: 'Calling_device',
  autoLog: 'Log_calls_automatically',
  closeCallViewOnHangUp: 'Close_call_view_on_hang_up',
  autoLogSms: 'Log_texts_automatically',
  smsNotesPrompt: 'Ask_note_after_text',
  inboundPop: 'Pop_caller_record',
  outboundPop: 'Pop_dialled_record',
  multipleMatchPop: 'Pop_several_match',
  noMatchPop: 'Pop_no_match',
  ringerEnabled: 'Ring_for_incoming_calls',
};

/**
 * The settings' names in the agent's language, joined as that language writes a list ("A, B and C", « A, B et C »):
 * `Intl.ListFormat` (ECMA-402) of the user's language, conjunction. A key without a label (a newer engine) shows
 * as is.
 * @public
 */
export function settingListText(keys: readonly string[]): string {
  const names = keys.map((key) => {
    const name = (SETTING_LABELS as Readonly<Record<string, LabelName | undefined>>)[key];
    return (name && labels[name]) || key;
  });
  return new Intl.ListFormat(currentLocale().language, { style: 'long', type: 'conjunction' }).format(names);
}
