import { ORG_SCHEMA } from './org-schema';
import type { OrgStore, SObject } from './org-store';
import { candidateDigits, phoneMatches, type RequestedNumber } from './phone-match-rule';
import { compareApexText } from '../support/apex-text-order';

/** A record that carries a number, and the first of its phone fields that does. */
export interface PhoneMatch {
  readonly record: SObject;
  readonly phoneField: string;
}

/** Objects the stand-in matches numbers in (the package matches any object with fields of type Phone). */
const MATCHABLE = new Set(['Contact', 'Lead', 'Account']);

/**
 * The records of `objects` that carry a number, as the package's matching finds them (contract `matchNumbers`,
 * ADR 0002): the digit rule of `phone-match-rule.ts` on every phone field (fax fields left out: the package's
 * PhoneMatchSelector ignores them), converted Leads skipped, ordered by `priority` (objects missing from it follow),
 * then `LastModifiedDate` descending, then id descending. Used by `matchNumbers` and by the CRM routing endpoint.
 */
export function findPhoneMatches(
  store: OrgStore,
  number: RequestedNumber,
  objects: readonly string[],
  priority: readonly string[],
): PhoneMatch[] {
  const candidates = candidateDigits(number);
  const matches: PhoneMatch[] = [];
  for (const objectName of objects) {
    if (!MATCHABLE.has(objectName)) continue;
    const schema = ORG_SCHEMA[objectName as 'Contact' | 'Lead' | 'Account'];
    for (const record of store.all(objectName as 'Contact' | 'Lead' | 'Account')) {
      if (objectName === 'Lead' && record.IsConverted === true) continue;
      const fields = [
        ...schema.phoneFields,
        ...(record.IsPersonAccount === true ? (schema.personPhoneFields ?? []) : []),
      ].filter((f) => !/fax/i.test(f));
      const field = fields.find((f) => phoneMatches(record[f], candidates));
      if (field) matches.push({ record, phoneField: field });
    }
  }
  const rank = (t: string): number => (priority.includes(t) ? priority.indexOf(t) : priority.length);
  return matches.sort(
    (a, b) =>
      rank(a.record.attributes.type) - rank(b.record.attributes.type) ||
      compareApexText(String(b.record.LastModifiedDate ?? ''), String(a.record.LastModifiedDate ?? '')) ||
      compareApexText(b.record.Id, a.record.Id),
  );
}
