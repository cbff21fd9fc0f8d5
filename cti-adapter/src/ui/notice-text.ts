import type { NoticeParam, NoticeReason } from '../core/engine/notices';
import { formatLabel, labels } from './labels';
import { formatInteger } from './locale';
import { settingListText } from './setting-labels';

/** What {@link noticeText} reads of a notice (`EngineNotice`, `MessagesNotice`). @public */
export interface NoticeSource {
  readonly code: string;
  readonly params?: readonly NoticeParam[];
  readonly message: string;
}

/**
 * A notice in the agent's language (ADR 0032, amendment "Notices by code"): the Custom Label named after its code by
 * rule — `Notice_<CODE>`, or `Notice_<CODE>_one` when its first parameter is the count 1 and that label exists — with
 * `{0}`, `{1}`… filled from its parameters, a reason by its own `Reason_<CODE>` label (else its message), a number
 * in the user's locale and settings by their labels as a list of the user's language ({@link settingListText}). No table: the page's label block carries the texts, the bundle only this rule. A code the page
 * has no label for shows the notice's English message. The Messages tab's texts (`MessagesText` of the messaging
 * core) follow the same rule with the prefix `Sms_`, do-not-call's sentence (`DoNotCallText`) with `Dnc_`.
 * @public
 */
export function noticeText(notice: NoticeSource, prefix: 'Notice_' | 'Sms_' | 'Dnc_' = 'Notice_'): string {
  const params = notice.params ?? [];
  const template =
    (params[0] === 1 ? labelOf(`${prefix}${notice.code}_one`) : undefined) ?? labelOf(`${prefix}${notice.code}`);
  return template === undefined ? notice.message : formatLabel(template, ...params.map(paramText));
}

function paramText(param: NoticeParam): string {
  if (typeof param === 'number') return formatInteger(param);
  if (typeof param === 'string') return param;
  return 'settings' in param ? settingListText(param.settings) : reasonText(param);
}

/** A reason in the agent's language: `Reason_<CODE>` with its parameters, else the reason's own message. @public */
export function reasonText(reason: NoticeReason): string {
  const template = reason.code === null ? undefined : labelOf(`Reason_${reason.code}`);
  return template === undefined ? reason.message : formatLabel(template, ...reason.params);
}

/** A label the page passed, by a name built at run time (`undefined` when it has none, or an empty one). */
function labelOf(name: string): string | undefined {
  return (labels as Readonly<Record<string, string | undefined>>)[name] || undefined;
}
