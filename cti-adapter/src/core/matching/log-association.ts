import type { CrmMatch } from '../crm/crm-record';
import { isWhoMatch } from '../crm/crm-record';
import type { ClickToDialEvent, NavigationContext } from '../ports/cti-host-port';
import type { Settings } from '../settings/settings';

/**
 * Where a call log goes: Who (Contact/Lead/person account's PersonContactId) and What (Account, Opportunity,
 * Case, custom). Names are for display. A Lead never has a What (Salesforce rule for Tasks on Leads).
 * @public
 */
export interface LogAssociation {
  readonly whoId: string | null;
  readonly whoName: string | null;
  readonly whoObjectType: string | null;
  readonly whatId: string | null;
  readonly whatName: string | null;
  readonly whatObjectType: string | null;
}

/** @public */
export const EMPTY_ASSOCIATION: LogAssociation = Object.freeze({
  whoId: null,
  whoName: null,
  whoObjectType: null,
  whatId: null,
  whatName: null,
  whatObjectType: null,
});

/** Objects that can be a Task's What from a click-to-dial page. @public */
export const WHAT_OBJECTS: readonly string[] = Object.freeze(['Account', 'Case', 'Opportunity']);

/**
 * Who/What for a matched (or chosen) record:
 * - Contact → Who; What = its Account when `autoFillRelatedTo`;
 * - Lead → Who, no What;
 * - person account → `personAccountAssociation: 'name'` → Who = PersonContactId (What = the Account when
 *   `autoFillRelatedTo`); `'relatedTo'` → What = the Account only;
 * - business Account / other objects → What only.
 * @public
 */
export function associationForMatch(
  match: CrmMatch,
  settings: Pick<Settings, 'personAccountAssociation' | 'autoFillRelatedTo'>,
): LogAssociation {
  if (match.isPersonAccount) {
    if (settings.personAccountAssociation === 'relatedTo' || !match.personContactId) {
      return { ...EMPTY_ASSOCIATION, whatId: match.id, whatName: match.name, whatObjectType: 'Account' };
    }
    return {
      whoId: match.personContactId,
      whoName: match.name,
      whoObjectType: 'Contact',
      whatId: settings.autoFillRelatedTo ? match.id : null,
      whatName: settings.autoFillRelatedTo ? match.name : null,
      whatObjectType: settings.autoFillRelatedTo ? 'Account' : null,
    };
  }
  if (match.objectType === 'Lead') {
    return { ...EMPTY_ASSOCIATION, whoId: match.id, whoName: match.name, whoObjectType: 'Lead' };
  }
  if (isWhoMatch(match)) {
    const fill = settings.autoFillRelatedTo && match.accountId !== null;
    return {
      whoId: match.id,
      whoName: match.name,
      whoObjectType: match.objectType,
      whatId: fill ? match.accountId : null,
      whatName: fill ? match.accountName : null,
      whatObjectType: fill ? 'Account' : null,
    };
  }
  return { ...EMPTY_ASSOCIATION, whatId: match.id, whatName: match.name, whatObjectType: match.objectType };
}

/**
 * Who/What for an outbound call started by click-to-dial from a record page:
 * - clicked Contact/Lead → Who (a Contact's Account fills What when `autoFillRelatedTo`);
 * - clicked Account/Case/Opportunity → What (a person account → Who = PersonContactId per
 *   `personAccountAssociation`, when the host gave the contact id);
 * - anything else (custom objects) → What.
 * @public
 */
export function associationFromClickContext(
  context: ClickToDialEvent | NavigationContext,
  settings: Pick<Settings, 'personAccountAssociation' | 'autoFillRelatedTo'>,
): LogAssociation {
  const { recordId, objectType } = context;
  if (!recordId || !objectType) return EMPTY_ASSOCIATION;
  const name = context.recordName;
  if (objectType === 'Lead') return { ...EMPTY_ASSOCIATION, whoId: recordId, whoName: name, whoObjectType: 'Lead' };
  if (objectType === 'Contact') {
    const fill = settings.autoFillRelatedTo && !!context.accountId;
    return {
      ...EMPTY_ASSOCIATION,
      whoId: recordId,
      whoName: name,
      whoObjectType: 'Contact',
      whatId: fill ? context.accountId : null,
      whatObjectType: fill ? 'Account' : null,
    };
  }
  if (objectType === 'Account' && context.personAccount && context.contactId) {
    if (settings.personAccountAssociation === 'name') {
      return {
        whoId: context.contactId,
        whoName: name,
        whoObjectType: 'Contact',
        whatId: settings.autoFillRelatedTo ? recordId : null,
        whatName: settings.autoFillRelatedTo ? name : null,
        whatObjectType: settings.autoFillRelatedTo ? 'Account' : null,
      };
    }
  }
  return { ...EMPTY_ASSOCIATION, whatId: recordId, whatName: name, whatObjectType: objectType };
}

/**
 * Why a call cannot be logged automatically (the "unresolved" conflict queue), or `null` when it can:
 * - `no-match`: nobody matched and the agent chose nobody;
 * - `multiple-matches`: several people matched and none was chosen;
 * - `multiple-associations`: one person, but several non-person records (e.g. two Accounts) could be the What;
 * - `lookup-failed`: Salesforce could not be searched for the number (after the retries), so nobody is known;
 * - `disposition-required`: the admin made a disposition mandatory and none was chosen (only the agent can);
 * - `fields-required`: a required admin log field is empty.
 * The first three are App Connect's categories (seed `001_2ba24ca0b1856a49.txt`, "How to resolve logging
 * conflicts"); the others are the same rule — a log automatic logging cannot complete waits for the agent.
 * @public
 */
export type ConflictReason =
  | 'no-match'
  | 'multiple-matches'
  | 'multiple-associations'
  | 'lookup-failed'
  | 'disposition-required'
  | 'fields-required';

/** Classifies a set of matches for automatic logging (see {@link ConflictReason}). @public */
export function classifyForAutoLog(matches: readonly CrmMatch[]): ConflictReason | null {
  const whos = matches.filter(isWhoMatch);
  const whats = matches.filter((m) => !isWhoMatch(m));
  if (whos.length === 0 && whats.length === 0) return 'no-match';
  if (whos.length > 1) return 'multiple-matches';
  if (whos.length === 0 && whats.length > 1) return 'multiple-matches';
  const who = whos[0];
  const unrelatedWhats = whats.filter((w) => !who || w.id !== who.accountId);
  if (who && unrelatedWhats.length > 1) return 'multiple-associations';
  return null;
}
