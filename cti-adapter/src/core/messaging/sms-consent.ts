import type { CrmMatch, NumberMatchResult } from '../crm/crm-record';
import { doNotCallVerdict, restrictionOf } from '../do-not-call/do-not-call';
import type { DoNotCallMode } from '../settings/settings';
import { messagesText, type MessagesText } from './messages-text';

/**
 * Whether the agent may text a number, and why not (pure). The rules (issue "SMS"; the Contact fields `SMS_Number__c`
 * and `SendSMS__c` the package ships):
 * - a Contact whose Send SMS (`SendSMS__c`) is unchecked has not agreed to receive text messages: no SMS goes to it;
 * - a Contact with an SMS number (`SMS_Number__c`) receives text messages on that number only: texting it on another
 *   of its numbers is refused, and the softphone offers its SMS number instead (`useNumber`);
 * - when several records share the number and none is chosen, any Contact among them that has not agreed blocks the
 *   send until the agent picks the record the conversation is with;
 * - records without SMS facts (Leads, Accounts, objects the agent cannot read the fields of) do not block;
 * - do-not-call (ADR 0031), with the admin's `dncSmsMode`: a number on the package's do-not-contact list, or a
 *   deciding record with Do Not Call, blocks the send (`block`) or waits for the agent's "Send anyway" (`warn`:
 *   `warn` is true until the agent confirmed).
 * @public
 */
export interface SmsConsent {
  readonly allowed: boolean;
  /** What the agent is told when `allowed` is false (a code the UI words, ADR 0032), else `null`. */
  readonly reason: MessagesText | null;
  /** The number the chosen Contact wants text messages on, when it is not the conversation's number. */
  readonly useNumber: string | null;
  /** A do-not-call warning the agent may override with "Send anyway" (`allowed` is false until then). */
  readonly warn?: boolean;
}

/** The do-not-call side of a text message (ADR 0031). @public */
export interface SmsDoNotCall {
  readonly mode: DoNotCallMode;
  /** The number's entry on the do-not-contact list (`matchNumbers` `doNotContact`), else `null`. */
  readonly listed: NumberMatchResult['doNotContact'];
  /** The agent chose "Send anyway" for this conversation. */
  readonly confirmed: boolean;
}

const ALLOWED: SmsConsent = Object.freeze({ allowed: true, reason: null, useNumber: null });

/**
 * @param number the conversation's number (E.164)
 * @param matches the records matched for it (`matchNumbers` with SMS facts)
 * @param chosenRecordId the record the agent picked (or the record the agent texted from), else `null`
 * @param toE164 reads a stored number (any format, as the Contact's SMS Number may be typed) as E.164, `null` when it
 * is no phone number (then it is compared by its digits)
 * @param doNotCall the admin's do-not-call mode for text messages, the list's entry and the agent's confirmation;
 * absent: no do-not-call rule
 * @public
 */
export function smsConsent(
  number: string,
  matches: readonly CrmMatch[],
  chosenRecordId: string | null,
  toE164: (raw: string) => string | null,
  doNotCall?: SmsDoNotCall,
): SmsConsent {
  if (doNotCall) {
    const verdict = doNotCallVerdict({
      mode: doNotCall.mode,
      direction: 'outbound',
      dialled: number,
      restriction: restrictionOf(number, { matches, doNotContact: doNotCall.listed }, chosenRecordId),
    });
    if (verdict.action === 'block') {
      const why = verdict.restriction.reason;
      const reason = messagesText(
        'DO_NOT_CALL_BLOCKED',
        `${why.message} Your admin blocks text messages to restricted numbers.`,
        why,
      );
      return { allowed: false, reason, useNumber: null };
    }
    if (verdict.action === 'warn' && !doNotCall.confirmed) {
      const why = verdict.restriction.reason;
      return {
        allowed: false,
        reason: messagesText('DO_NOT_CALL_WARNING', why.message, why),
        useNumber: null,
        warn: true,
      };
    }
  }
  const chosen = chosenRecordId ? matches.find((m) => m.id === chosenRecordId) : undefined;
  const deciding = chosen ? [chosen] : matches.length === 1 ? [matches[0] as CrmMatch] : matches;
  const refusing = deciding.find((m) => m.sms && !m.sms.allowed);
  if (refusing) {
    const several = deciding.length > 1;
    return {
      allowed: false,
      reason: several
        ? messagesText(
            'NOT_AGREED_SEVERAL',
            `Several records share this number and ${refusing.name} has not agreed to receive text messages (Send SMS is unchecked). Choose the record this conversation is with.`,
            refusing.name,
          )
        : messagesText(
            'NOT_AGREED',
            `${refusing.name} has not agreed to receive text messages (Send SMS is unchecked on the Contact).`,
            refusing.name,
          ),
      useNumber: null,
    };
  }
  const single = deciding.length === 1 ? deciding[0] : undefined;
  const smsNumber = single?.sms?.phoneNumber?.trim() || null;
  const smsE164 = smsNumber ? (toE164(smsNumber) ?? smsNumber.replace(/[^\d+]/g, '')) : null;
  if (single && smsNumber && smsE164 && smsE164 !== number) {
    return {
      allowed: false,
      reason: messagesText(
        'SMS_NUMBER_ELSEWHERE',
        `${single.name} receives text messages on ${smsNumber} (SMS Number on the Contact), not on this number.`,
        single.name,
        smsNumber,
      ),
      useNumber: smsE164,
    };
  }
  return ALLOWED;
}
