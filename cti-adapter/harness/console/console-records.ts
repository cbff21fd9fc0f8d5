import { ORG_SCHEMA, type OrgObject } from '../org-stand-in/org-schema';
import type { OrgStore, SObject } from '../org-stand-in/org-store';
import { storedPhoneDigits } from '../org-stand-in/phone-match-rule';
import type { ClickToDialContext, FieldView, RecordView, RelatedRowView, SearchHit } from './console-types';

/**
 * Builds the console's record pages, lists and searches from the in-memory org. This is the console's own
 * read path (what Lightning shows), separate from the package's remote API so it adds no round trips.
 */
export class ConsoleRecords {
  constructor(private readonly store: OrgStore) {}

  /** The click-to-dial context of a record (Open CTI `onClickToDial` / `getAppViewInfo` fields). */
  contextOf(r: SObject): ClickToDialContext {
    const type = r.attributes.type;
    const ctx: ClickToDialContext = { recordId: r.Id, recordName: nameOf(r), objectType: type, personAccount: false };
    if (type === 'Contact' && typeof r.AccountId === 'string') ctx.accountId = r.AccountId;
    if (type === 'Account' && r.IsPersonAccount === true) {
      ctx.personAccount = true;
      if (typeof r.PersonContactId === 'string') ctx.contactId = r.PersonContactId;
    }
    return ctx;
  }

  /** Record page data; a person contact id shows its person account, as Lightning redirects it. */
  view(id: string): RecordView | null {
    const r = this.store.get(id) ?? this.store.personAccountByContactId(id);
    if (!r) return null;
    const type = r.attributes.type;
    const schema = ORG_SCHEMA[type];
    const ctx = this.contextOf(r);
    const names = [...schema.detailFields];
    const phones = [...schema.phoneFields, ...(r.IsPersonAccount === true ? (schema.personPhoneFields ?? []) : [])];
    const fields: FieldView[] = [];
    for (const name of names) {
      const v = r[name];
      if (v === undefined || v === null || v === '') continue;
      if (/Id$/.test(name) && typeof v === 'string') {
        const ref = this.store.get(v);
        fields.push({ name, label: labelOf(name), value: ref ? nameOf(ref) : v, kind: 'reference', refId: v });
      } else fields.push({ name, label: labelOf(name), value: String(v), kind: 'text' });
    }
    for (const name of phones) {
      const v = r[name];
      if (typeof v === 'string' && v !== '') fields.push({ name, label: labelOf(name), value: v, kind: 'phone' });
    }
    if (type === 'Task') {
      for (const [k, v] of Object.entries(r)) {
        if (k === 'attributes' || names.includes(k) || v === null || v === undefined || typeof v === 'object') continue;
        fields.push({ name: k, label: k, value: String(v), kind: 'text' });
      }
    }
    return {
      id: r.Id,
      objectType: type,
      objectLabel: schema.label,
      name: nameOf(r),
      context: ctx,
      fields,
      related: this.relatedOf(r),
    };
  }

  private relatedOf(r: SObject): RecordView['related'] {
    const type = r.attributes.type;
    const rows = (records: SObject[]): RelatedRowView[] => records.map((x) => this.row(x));
    const related: RecordView['related'] = [];
    if (type === 'Account') {
      related.push({ title: 'Contacts', rows: rows(this.store.all('Contact').filter((c) => c.AccountId === r.Id)) });
      related.push({
        title: 'Opportunities',
        rows: rows(this.store.all('Opportunity').filter((o) => o.AccountId === r.Id)),
      });
      related.push({ title: 'Cases', rows: rows(this.store.all('Case').filter((c) => c.AccountId === r.Id)) });
    }
    if (type === 'Contact')
      related.push({ title: 'Cases', rows: rows(this.store.all('Case').filter((c) => c.ContactId === r.Id)) });
    if (type !== 'Task' && type !== 'User') {
      const ids = new Set([r.Id, r.PersonContactId].filter((x): x is string => typeof x === 'string'));
      const tasks = this.store.all('Task').filter((t) => ids.has(String(t.WhoId)) || ids.has(String(t.WhatId)));
      related.push({ title: 'Activity History', rows: rows(tasks) });
    }
    return related;
  }

  row(r: SObject): RelatedRowView {
    const type = r.attributes.type;
    const schema = ORG_SCHEMA[type];
    const phones = [...schema.phoneFields, ...(r.IsPersonAccount === true ? (schema.personPhoneFields ?? []) : [])]
      .filter((f) => typeof r[f] === 'string' && r[f] !== '')
      .map((f) => ({ field: f, value: String(r[f]), context: this.contextOf(r) }));
    return { id: r.Id, name: nameOf(r), objectType: type, detail: detailOf(r, this.store), phones };
  }

  list(type: OrgObject): RelatedRowView[] {
    return this.store.all(type).map((r) => this.row(r));
  }

  /** Console search: every word is a prefix of a word of the record, or the digits equal/end a phone value. */
  search(
    term: string,
    types: readonly OrgObject[] = ['Account', 'Contact', 'Lead', 'Opportunity', 'Case'],
  ): SearchHit[] {
    const digits = term.replace(/\D/g, '');
    const phoneLike = digits.length >= 7 && /^[\d\s()+.-]+$/.test(term.trim());
    const tokens = term.toLowerCase().split(/\s+/).filter(Boolean);
    const hits: SearchHit[] = [];
    for (const type of types) {
      for (const r of this.store.all(type)) {
        const schema = ORG_SCHEMA[type];
        let hit: boolean;
        if (phoneLike) {
          const fields = [
            ...schema.phoneFields,
            ...(r.IsPersonAccount === true ? (schema.personPhoneFields ?? []) : []),
          ];
          hit = fields.some((f) => {
            const d = typeof r[f] === 'string' ? storedPhoneDigits(r[f] as string) : '';
            return d.length >= 7 && (d === digits || d.endsWith(digits) || digits.endsWith(d));
          });
        } else {
          const words = [r.Name, r.Company, r.Subject, r.CaseNumber, r.Email]
            .filter((v): v is string => typeof v === 'string')
            .join(' ')
            .toLowerCase()
            .split(/[^\p{L}\p{N}]+/u);
          hit = tokens.every((t) => words.some((w) => w.startsWith(t)));
        }
        if (hit) hits.push({ id: r.Id, objectType: type, name: nameOf(r), detail: detailOf(r, this.store), raw: r });
      }
    }
    return hits;
  }
}

export function nameOf(r: SObject): string {
  if (r.attributes.type === 'Case') return [r.CaseNumber, r.Subject].filter(Boolean).join(' — ');
  if (r.attributes.type === 'Task') return String(r.Subject ?? 'Task');
  return String(r.Name ?? r.Id);
}

function detailOf(r: SObject, store: OrgStore): string {
  const type = r.attributes.type;
  if ((type === 'Contact' || type === 'Opportunity' || type === 'Case') && typeof r.AccountId === 'string')
    return String(store.get(r.AccountId)?.Name ?? '');
  if (type === 'Lead') return String(r.Company ?? '');
  if (type === 'Task') return [r.CallType, r.Status].filter(Boolean).join(' · ');
  return '';
}

export function labelOf(apiName: string): string {
  if (apiName === 'AccountId') return 'Account Name';
  if (apiName === 'ContactId') return 'Contact Name';
  return apiName
    .replace(/Id$/, '')
    .replace(/__c$/, '')
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim();
}
