/**
 * Records exchanged with the Salesforce side, as defined by the remote API contract
 * (`docs/contracts/softphone-remote-api.md`). Ids are 15/18-character Salesforce ids.
 */

/**
 * A record related to a match, offered for Related To (WhatId): the record's Account, the Account's open
 * Opportunities, open Cases.
 * @public
 */
export interface RelatedRecord {
  readonly id: string;
  readonly objectType: string;
  /**
   * The object's label in the agent's language (`Schema.DescribeSObjectResult.getLabel()`: `Opportunité` for a French
   * user); absent from a server or a stored draft older than the field — the UI then shows the API name.
   */
  readonly objectLabel?: string | null;
  readonly name: string;
}

/**
 * A record whose phone field matched a number (`matchNumbers` `Match`). Person accounts come as
 * `objectType: 'Account'` with `isPersonAccount: true` and `personContactId` set.
 * @public
 */
export interface CrmMatch {
  readonly id: string;
  /** The object's API name (`Contact`, `Lead`, `Account`, `Invoice__c`): a key, never shown. */
  readonly objectType: string;
  /**
   * The object's label in the agent's language, from the describe the server already does for the match
   * (`Schema.DescribeSObjectResult.getLabel()`: `Piste` for a Lead and a French user, a custom object's translated
   * label); absent from a server or a stored draft older than the field — the UI then shows the API name. A person
   * account's is the Account's: the UI says "Person Account" itself.
   */
  readonly objectLabel?: string | null;
  readonly name: string;
  readonly isPersonAccount: boolean;
  readonly personContactId: string | null;
  /** API name of the phone field that matched, e.g. `MobilePhone`. */
  readonly phoneField: string;
  /** The stored value, as stored (any format). */
  readonly phone: string;
  readonly accountId: string | null;
  readonly accountName: string | null;
  readonly title: string | null;
  /** `Lead.Company`, `Contact.Account.Name`. */
  readonly company: string | null;
  /** ISO 8601 UTC. */
  readonly lastModifiedDate: string;
  readonly related: readonly RelatedRecord[];
  /**
   * Contacts, when asked for SMS (`matchNumbers` with `sms: true`): the Contact's SMS number (`SMS_Number__c`, as
   * stored) and whether it agreed to receive text messages (`SendSMS__c`); absent or `null` otherwise (no rule).
   */
  readonly sms?: { readonly phoneNumber: string | null; readonly allowed: boolean } | null;
  /** First name of a Contact, Lead or person account (placeholders `{FirstName}`), when the server sent it. */
  readonly firstName?: string | null;
  /**
   * Do Not Call of a Contact or Lead (`DoNotCall`) or a person account (`PersonDoNotCall`); `null` or absent for
   * other records and when the agent cannot read the field (ADR 0031).
   */
  readonly doNotCall?: boolean | null;
}

/**
 * The matches of one requested number (`matchNumbers` result, in request order; matches ordered by
 * object priority, then `lastModifiedDate` descending, then id).
 * @public
 */
export interface NumberMatchResult {
  readonly e164: string;
  readonly matches: readonly CrmMatch[];
  /**
   * The number's entry on the package's do-not-contact list (`Do_Not_Contact__c`) with the reason agents are told;
   * `null` or absent when it is not listed, or while the admin has do-not-call off (ADR 0031).
   */
  readonly doNotContact?: { readonly reason: string | null } | null;
}

/**
 * One `searchRecords` hit (Who picker, Related To search).
 * @public
 */
export interface SearchRecord {
  readonly id: string;
  readonly objectType: string;
  /** The object's label in the agent's language (as {@link CrmMatch.objectLabel}); absent from an older server. */
  readonly objectLabel?: string | null;
  readonly name: string;
  /** Account name (Contacts/Opportunities), Company (Leads), CaseNumber + Subject (Cases). */
  readonly detail: string | null;
}

/**
 * A call already logged as a Task (`getCallLogStatus`).
 * @public
 */
export interface LoggedCallStatus {
  readonly taskId: string;
  readonly subject: string | null;
  readonly whoId: string | null;
  /** The Who's record name (Contact/Lead Name); `null` when unset or not readable by the agent (sharing, FLS). */
  readonly whoName: string | null;
  readonly whatId: string | null;
  /** The What's record name (Account/Opportunity Name, a Case's CaseNumber); `null` when unset or not readable. */
  readonly whatName: string | null;
}

/**
 * Objects that may be a Task's WhoId (Contact, Lead; person accounts through their PersonContactId).
 * @public
 */
export const WHO_OBJECTS: readonly string[] = Object.freeze(['Contact', 'Lead']);

/**
 * Returns whether a match is a "person" (a Task Who): a Contact, a Lead or a person account.
 * @public
 */
export function isWhoMatch(match: Pick<CrmMatch, 'objectType' | 'isPersonAccount'>): boolean {
  return WHO_OBJECTS.includes(match.objectType) || match.isPersonAccount;
}
