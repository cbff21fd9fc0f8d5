import type { NumberMatchResult } from '../crm/crm-record';
import type { DoNotCallMode } from '../settings/settings';
import { doNotCallRecord } from './do-not-call-record';
import { doNotCallText, type DoNotCallText } from './do-not-call-text';

/**
 * Do-not-call (ADR 0031), the pure rules shared by calls (`do-not-call-guard.ts`) and text messages
 * (`messaging/sms-consent.ts`). A number is restricted when the package's do-not-contact list holds it
 * (`Do_Not_Contact__c`, answered by `matchNumbers` as `doNotContact`) or when the record it belongs to has Do Not Call
 * checked (`DoNotCall` of Contacts and Leads, `PersonDoNotCall` of person accounts; `CrmMatch.doNotCall`). The
 * admin's mode says what a restriction does to what the agent starts: nothing (`off`), a warning the agent confirms
 * (`warn`) or no call / no message (`block`). Incoming calls and emergency numbers are never stopped.
 * @public
 */
export interface DoNotCallRestriction {
  /** The record with Do Not Call, or `null` when the number is restricted by the list alone. */
  readonly recordName: string | null;
  /**
   * What the agent is told: who is restricted and why (record name and object, or the list's reason), by code: the
   * UI words it with the `Dnc_<CODE>` label (ADR 0032, seventh amendment).
   */
  readonly reason: DoNotCallText;
}

/** What happens to a call or text message the agent starts. @public */
export type DoNotCallVerdict =
  { readonly action: 'allow' } | { readonly action: 'warn' | 'block'; readonly restriction: DoNotCallRestriction };

const ALLOW: DoNotCallVerdict = Object.freeze({ action: 'allow' });

/**
 * Emergency numbers as dialled, by country (ITU-T E.161 / the national plans: 112 and 911 everywhere GSM phones
 * reach them, 999 UK/IE, 000 AU, 111 NZ, 110/119 JP/CN/KR/DE/TW, 100–102/108 IN, 15/17/18 FR, 113/115/118 IT, 190/192/193
 * BR, 122 AT/EG). Hand-written: libphonenumber-js, the phone library the softphone ships, has no
 * short-number metadata (only Google's full libphonenumber does, 10× its size). These numbers are short codes the
 * dialer sends as typed, never E.164, so they are never looked up; the list keeps them exempt whatever is dialled.
 */
const EMERGENCY_NUMBERS: ReadonlySet<string> = new Set([
  '000',
  '100',
  '101',
  '102',
  '108',
  '110',
  '111',
  '112',
  '113',
  '115',
  '118',
  '119',
  '122',
  '15',
  '17',
  '18',
  '190',
  '192',
  '193',
  '911',
  '999',
]);

/**
 * Whether a dialled string is an emergency number (its digits, `+` and separators ignored, equal one of the
 * emergency numbers). @public
 */
export function isEmergencyNumber(dialled: string): boolean {
  return EMERGENCY_NUMBERS.has(dialled.replace(/\D/g, ''));
}

/**
 * The restriction of a number, or `null`: the list's entry first (it names the number itself), else the first record
 * with Do Not Call among the deciding records — the chosen one when the agent chose (or clicked) a record, else
 * every match (any of them restricts: the agent has not said who the number is for).
 * @param number the number as the agent reads it (`+1 650 555 0199`)
 * @param result the number's `matchNumbers` answer
 * @param chosenRecordId the record the agent chose or clicked, else `null`
 * @public
 */
export function restrictionOf(
  number: string,
  result: Pick<NumberMatchResult, 'matches' | 'doNotContact'>,
  chosenRecordId: string | null,
): DoNotCallRestriction | null {
  const listed = result.doNotContact;
  if (listed) {
    const why = listed.reason?.trim();
    const reason = why
      ? doNotCallText('NUMBER_LISTED_BECAUSE', `${number} is on the Do Not Contact list: ${why}`, number, why)
      : doNotCallText('NUMBER_LISTED', `${number} is on the Do Not Contact list.`, number);
    return { recordName: null, reason };
  }
  const restricted = doNotCallRecord(result.matches, chosenRecordId);
  if (!restricted) return null;
  const name = restricted.name;
  if (restricted.isPersonAccount) {
    const message = `${name} (Person Account) is marked Do Not Call.`;
    return { recordName: name, reason: doNotCallText('PERSON_ACCOUNT_MARKED', message, name) };
  }
  const object = restricted.objectLabel || restricted.objectType;
  const message = `${name} (${object}) is marked Do Not Call.`;
  return { recordName: name, reason: doNotCallText('RECORD_MARKED', message, name, object) };
}

/**
 * What the admin's mode does to a call or text message with this restriction (pure).
 * @param input.direction `inbound` calls are never stopped (the agent did not start them)
 * @param input.dialled what is called or texted, as dialled (emergency numbers are never stopped)
 * @public
 */
export function doNotCallVerdict(input: {
  readonly mode: DoNotCallMode;
  readonly direction: 'inbound' | 'outbound';
  readonly dialled: string;
  readonly restriction: DoNotCallRestriction | null;
}): DoNotCallVerdict {
  const { mode, restriction } = input;
  if (mode === 'off' || input.direction === 'inbound' || !restriction || isEmergencyNumber(input.dialled)) return ALLOW;
  return { action: mode, restriction };
}
