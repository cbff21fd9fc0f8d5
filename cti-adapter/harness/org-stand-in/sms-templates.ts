import { ApexLabels } from './apex-labels';
import type { OrgStore, OrgUser, SObject } from './org-store';
import { RemoteApiError } from './remote-api-error';
import { objectOfId, to18 } from './salesforce-id';

/**
 * The package's SMS template remote actions (`SmsTemplateController` → `SmsTemplateService`, the rules of
 * `SmsTemplateRules`, the files of `SmsTemplateFiles`, the trigger domain `SmsTemplates`), served from the in-memory
 * org: list (offered templates: org-wide ones and the user's own personal ones, searched in name, category and body,
 * filled for a Contact, Lead or Account), save, delete, import preview and apply (adds and changes, never deletes; a
 * file that cannot be read fails whole with its line), export (CSV with the formula guard, JSON). Contract:
 * `docs/contracts/softphone-remote-api.md`, "SMS templates"; pinned with the Apex by `SoftphoneVectorsSmsTemplates.json`.
 * Templates are stored as `SMS_Template__c` rows with the package's field names under the org's namespace. Messages
 * are the Apex's `System.Label.Apex_*` in the running user's language ({@link ApexLabels}), as in the org.
 */
export const SMS_TEMPLATE_METHODS = [
  'listSmsTemplates',
  'saveSmsTemplate',
  'deleteSmsTemplate',
  'previewSmsTemplateImport',
  'applySmsTemplateImport',
  'exportSmsTemplates',
] as const;
export type SmsTemplateMethod = (typeof SMS_TEMPLATE_METHODS)[number];

export const MAX_NAME = 80;
export const MAX_BODY = 1000;
export const MAX_CATEGORY = 40;
export const MAX_ROWS = 500;
export const MAX_CHARS = 600000;
/** Longest search text (`SmsTemplateService.MAX_SEARCH`). */
const MAX_SEARCH = 80;
export const MANAGE_PERMISSION = 'Manage_SMS_Templates';
export const PLACEHOLDERS = ['FirstName', 'LastName', 'Name', 'Company', 'AgentName', 'AgentFirstName'] as const;
const PLACEHOLDER = /\{([A-Za-z]+)\}/g;
const COLUMNS = new Set(['name', 'body', 'category', 'active', 'scope']);

type Scope = 'org' | 'personal';
/** `System.Label.<name>` for the running user, filled as `LabelFormat.format` fills it. */
type Say = (name: string, ...values: readonly (string | number)[]) => string;

interface FileRow {
  line: number | null;
  name: string;
  body: string;
  category: string | null;
  active: boolean;
}

class FileError extends Error {
  constructor(
    readonly line: number | null,
    message: string,
    say: Say,
  ) {
    super(line === null ? message : say('Apex_Sms_file_line', line, message));
  }
}

// ---------------------------------------------------------------- rules (SmsTemplateRules)

function picklistOf(scope: unknown): 'Org' | 'Personal' | null {
  return scope === 'org' ? 'Org' : scope === 'personal' ? 'Personal' : null;
}

function scopeOf(value: unknown): Scope {
  return value === 'Org' ? 'org' : 'personal';
}

function uniqueKey(scope: Scope, ownerId: string, name: string): string {
  const normal = name.trim().toLowerCase();
  return scope === 'org' ? `org:${normal}` : `personal:${to18(ownerId) ?? ownerId}:${normal}`;
}

function canonical(typed: string): string | null {
  return PLACEHOLDERS.find((p) => p.toLowerCase() === typed.toLowerCase()) ?? null;
}

function placeholdersIn(body: string): string[] {
  const found: string[] = [];
  for (const m of body.matchAll(PLACEHOLDER)) if (!found.includes(m[1]!)) found.push(m[1]!);
  return found;
}

function isBlank(v: unknown): boolean {
  return typeof v !== 'string' || v.trim() === '';
}

function bodyError(body: unknown, say: Say): string | null {
  if (isBlank(body)) return say('Apex_Sms_template_body_required');
  const text = body as string;
  if (text.length > MAX_BODY) return say('Apex_Sms_template_body_too_long', text.length, MAX_BODY);
  for (const found of placeholdersIn(text)) {
    if (canonical(found) === null) return say('Apex_Sms_template_unknown_placeholder', `{${found}}`);
  }
  return null;
}

function errorsOf(name: unknown, body: unknown, category: unknown, scope: unknown, say: Say): Map<string, string> {
  const errors = new Map<string, string>();
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed === '') errors.set('name', say('Apex_Sms_template_name_required'));
  else if (trimmed.length > MAX_NAME)
    errors.set('name', say('Apex_Sms_template_name_too_long', trimmed.length, MAX_NAME));
  const b = bodyError(body, say);
  if (b) errors.set('body', b);
  if (typeof category === 'string' && category.trim().length > MAX_CATEGORY)
    errors.set('category', say('Apex_Sms_template_category_too_long', MAX_CATEGORY));
  if (picklistOf(scope) === null) errors.set('scope', say('Apex_Sms_template_scope'));
  return errors;
}

/** `SmsTemplateRules.fill`: a blank or absent value keeps the placeholder as typed and lists it as missing. */
export function fillTemplate(body: string, values: Record<string, string | null>): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = body.replace(PLACEHOLDER, (whole, typed: string) => {
    const name = canonical(typed);
    const value = name === null ? null : values[name];
    if (typeof value !== 'string' || value.trim() === '') {
      if (name !== null && !missing.includes(name)) missing.push(name);
      return whole;
    }
    return value.trim();
  });
  return { text, missing };
}

// ---------------------------------------------------------------- files (SmsTemplateFiles)

function isFormulaStart(value: string): boolean {
  return value !== '' && ['=', '+', '-', '@', '\t', '\r'].includes(value[0]!);
}

function unguard(value: string): string {
  return value.length > 1 && value.startsWith("'") && isFormulaStart(value.slice(1)) ? value.slice(1) : value;
}

/** RFC 4180 records with the line each starts on (the same state machine as the Apex, so the same line numbers). */
function csvRecords(text: string, say: Say): { line: number; values: string[] }[] {
  const records: { line: number; values: string[] }[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let current = { line: 1, values: [] as string[] };
  for (;;) {
    let value: string;
    if (i < n && text[i] === '"') {
      const startLine = line;
      let j = i + 1;
      let out = '';
      let closed = false;
      while (j < n) {
        const c = text[j];
        if (c === '"') {
          if (text[j + 1] === '"') {
            out += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        if (c === '\n') line++;
        out += c;
        j++;
      }
      if (!closed) throw new FileError(startLine, say('Apex_Sms_file_quote_not_closed'), say);
      value = out;
      i = j;
      if (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n')
        throw new FileError(line, say('Apex_Sms_file_text_after_quote'), say);
    } else {
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\r' && text[j] !== '\n') {
        if (text[j] === '"') throw new FileError(line, say('Apex_Sms_file_quote_in_value'), say);
        j++;
      }
      value = text.slice(i, j);
      i = j;
    }
    current.values.push(value);
    if (i < n && text[i] === ',') {
      i++;
      continue;
    }
    if (!(current.values.length === 1 && current.values[0] === '')) records.push(current);
    if (i >= n) break;
    if (text[i] === '\r') i++;
    if (i < n && text[i] === '\n') i++;
    line++;
    if (i >= n) break;
    current = { line, values: [] };
  }
  return records;
}

function activeOf(value: string, line: number, say: Say): boolean {
  const v = value.trim().toLowerCase();
  if (['', 'true', 'yes', '1'].includes(v)) return true;
  if (['false', 'no', '0'].includes(v)) return false;
  throw new FileError(line, say('Apex_Sms_file_active'), say);
}

function readCsv(text: string, say: Say): FileRow[] {
  const records = csvRecords(text, say);
  const header = records[0];
  if (!header) return [];
  const column = new Map<string, number>();
  header.values.forEach((raw, c) => {
    const name = raw.trim().toLowerCase();
    if (!COLUMNS.has(name)) throw new FileError(header.line, say('Apex_Sms_file_unknown_column', raw.trim()), say);
    if (column.has(name)) throw new FileError(header.line, say('Apex_Sms_file_column_twice', name), say);
    column.set(name, c);
  });
  if (!column.has('name') || !column.has('body'))
    throw new FileError(header.line, say('Apex_Sms_file_header_required'), say);
  return records.slice(1).map((record) => {
    if (record.values.length !== header.values.length)
      throw new FileError(
        record.line,
        say('Apex_Sms_file_value_count', record.values.length, header.values.length),
        say,
      );
    const at = (name: string): string | null => (column.has(name) ? record.values[column.get(name)!]! : null);
    return {
      line: record.line,
      name: unguard(at('name')!),
      body: unguard(at('body')!),
      category: column.has('category') ? unguard(at('category')!) : null,
      active: column.has('active') ? activeOf(at('active')!, record.line, say) : true,
    };
  });
}

/** The line of each object whose container is a list, in document order. */
function objectLinesInLists(text: string): number[] {
  const lines: number[] = [];
  const stack: string[] = [];
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      if (c === '{' && stack[stack.length - 1] === '[') lines.push(line);
      stack.push(c);
    } else if ((c === ']' || c === '}') && stack.length > 0) stack.pop();
  }
  return lines;
}

/** The line of a JSON syntax error, from V8's message (`… (line 3 column 7)` or `at position 42`). */
function jsonErrorLine(text: string, message: string): number | null {
  const byLine = /line (\d+)/.exec(message);
  if (byLine) return Number(byLine[1]);
  const byPosition = /position (\d+)/.exec(message);
  if (!byPosition) return null;
  return text.slice(0, Number(byPosition[1])).split('\n').length;
}

function readJson(text: string, say: Say): FileRow[] {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    throw new FileError(
      jsonErrorLine(text, e instanceof Error ? e.message : ''),
      say('Apex_Sms_file_invalid_json'),
      say,
    );
  }
  let items: unknown[];
  if (Array.isArray(root)) items = root;
  else if (root && typeof root === 'object' && Array.isArray((root as { templates?: unknown }).templates))
    items = (root as { templates: unknown[] }).templates;
  else throw new FileError(1, say('Apex_Sms_file_json_shape'), say);
  const lines = objectLinesInLists(text);
  return items.map((item, k) => {
    const line = lines[k] ?? null;
    if (!item || typeof item !== 'object' || Array.isArray(item))
      throw new FileError(line, say('Apex_Sms_file_not_object', k + 1), say);
    const o = item as Record<string, unknown>;
    for (const key of Object.keys(o))
      if (!COLUMNS.has(key)) throw new FileError(line, say('Apex_Sms_file_unknown_key', key), say);
    const textOf = (key: string): string | null => {
      const v = o[key];
      if (v !== undefined && v !== null && typeof v !== 'string')
        throw new FileError(line, say('Apex_Sms_file_not_text', key), say);
      return (v as string | null | undefined) ?? null;
    };
    const name = textOf('name');
    const body = textOf('body');
    const category = textOf('category');
    if (o.active !== undefined && o.active !== null && typeof o.active !== 'boolean')
      throw new FileError(line, say('Apex_Sms_file_active'), say);
    return { line, name: name ?? '', body: body ?? '', category, active: o.active === false ? false : true };
  });
}

function readFile(format: unknown, content: unknown, scope: Scope, say: Say): FileRow[] {
  if (isBlank(content)) throw new FileError(null, say('Apex_Sms_file_empty'), say);
  let text = content as string;
  if (text.length > MAX_CHARS) throw new FileError(null, say('Apex_Sms_file_too_long', text.length, MAX_CHARS), say);
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let rows: FileRow[];
  if (format === 'csv') rows = readCsv(text, say);
  else if (format === 'json') rows = readJson(text, say);
  else throw new FileError(null, say('Apex_Sms_template_format'), say);
  if (rows.length === 0) throw new FileError(null, say('Apex_Sms_file_no_templates'), say);
  if (rows.length > MAX_ROWS) throw new FileError(null, say('Apex_Sms_file_too_many', rows.length, MAX_ROWS), say);
  const lineOfName = new Map<string, number | null>();
  for (const row of rows) {
    const errors = errorsOf(row.name, row.body, row.category, scope, say);
    for (const field of ['name', 'body', 'category']) {
      const message = errors.get(field);
      if (message) throw new FileError(row.line, message, say);
    }
    const key = row.name.trim().toLowerCase();
    if (lineOfName.has(key))
      throw new FileError(
        row.line,
        say('Apex_Sms_file_duplicate_name', row.name.trim(), lineOfName.get(key) ?? ''),
        say,
      );
    lineOfName.set(key, row.line);
    row.name = row.name.trim();
    row.category = isBlank(row.category) ? null : row.category!.trim();
  }
  return rows;
}

function csvValue(value: string | null): string {
  let text = value ?? '';
  if (isFormulaStart(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

// ---------------------------------------------------------------- the service

interface TemplateView {
  id: string;
  name: string;
  body: string;
  scope: Scope;
  category: string | null;
  active: boolean;
  canEdit: boolean;
  filled?: string;
  missing?: string[];
}

export class SmsTemplatesStandIn {
  constructor(
    private readonly store: OrgStore,
    private readonly labels: ApexLabels = new ApexLabels((id) => store.user(id)?.LanguageLocaleKey ?? 'en_US'),
  ) {}

  /** `System.Label` as the Apex reads it for `user`. */
  private say(user: OrgUser): Say {
    return (name, ...values) => this.labels.text(user.Id, name, ...values);
  }

  invoke(method: SmsTemplateMethod, req: Record<string, unknown>, user: OrgUser): Record<string, unknown> {
    switch (method) {
      case 'listSmsTemplates':
        return this.list(req, user);
      case 'saveSmsTemplate':
        return this.save(req, user);
      case 'deleteSmsTemplate':
        return this.remove(req, user);
      case 'previewSmsTemplateImport':
        return this.importFile(req, user, false);
      case 'applySmsTemplateImport':
        return this.importFile(req, user, true);
      case 'exportSmsTemplates':
        return this.exportFile(req, user);
    }
  }

  private field(name: string): string {
    return this.store.namespace.full(name);
  }

  private canManage(user: OrgUser): boolean {
    return user.customPermissions.includes(MANAGE_PERMISSION);
  }

  private rows(): SObject[] {
    return this.store.all('SMS_Template__c');
  }

  private scopeValue(t: SObject): Scope {
    return scopeOf(t[this.field('Scope__c')]);
  }

  /** `SmsTemplatesSelector.selectOffered` / `selectScope`: by name. */
  private byName(rows: SObject[]): SObject[] {
    return [...rows].sort((a, b) => String(a.Name).localeCompare(String(b.Name), 'en', { sensitivity: 'base' }));
  }

  private offered(user: OrgUser, includeInactive: boolean): SObject[] {
    const me = to18(user.Id);
    return this.byName(
      this.rows().filter(
        (t) =>
          (this.scopeValue(t) === 'org' || to18(String(t.OwnerId)) === me) &&
          (includeInactive || t[this.field('Active__c')] !== false),
      ),
    );
  }

  private inScope(scope: Scope, user: OrgUser): SObject[] {
    const me = to18(user.Id);
    return this.byName(
      this.rows().filter((t) => this.scopeValue(t) === scope && (scope === 'org' || to18(String(t.OwnerId)) === me)),
    );
  }

  /** A template the user can see (org-wide: shared with all; personal: the owner, or a user with Modify All). */
  private visible(id: string, user: OrgUser): SObject | undefined {
    const t = this.store.get(id);
    if (!t || t.attributes.type !== 'SMS_Template__c') return undefined;
    if (this.scopeValue(t) === 'org' || to18(String(t.OwnerId)) === to18(user.Id) || this.canManage(user)) return t;
    return undefined;
  }

  private view(t: SObject, user: OrgUser): TemplateView {
    const scope = this.scopeValue(t);
    return {
      id: t.Id,
      name: String(t.Name),
      body: String(t[this.field('Body__c')] ?? ''),
      scope,
      category: (t[this.field('Category__c')] as string | null | undefined) ?? null,
      active: t[this.field('Active__c')] !== false,
      canEdit: scope === 'org' ? this.canManage(user) : to18(String(t.OwnerId)) === to18(user.Id),
    };
  }

  private recordValues(recordId: string, user: OrgUser): Record<string, string | null> {
    const values: Record<string, string | null> = {};
    const record = this.store.get(recordId);
    if (!record || user.objectAccess === 'none') return values;
    const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
    switch (record.attributes.type) {
      case 'Contact': {
        const account = typeof record.AccountId === 'string' ? this.store.get(record.AccountId) : undefined;
        Object.assign(values, {
          FirstName: str(record.FirstName),
          LastName: str(record.LastName),
          Name: str(record.Name),
          Company: str(account?.Name),
        });
        break;
      }
      case 'Lead':
        Object.assign(values, {
          FirstName: str(record.FirstName),
          LastName: str(record.LastName),
          Name: str(record.Name),
          Company: str(record.Company),
        });
        break;
      case 'Account':
        Object.assign(values, { Name: str(record.Name), Company: str(record.Name) });
        break;
    }
    return values;
  }

  private list(req: Record<string, unknown>, user: OrgUser): Record<string, unknown> {
    const search = typeof req.search === 'string' ? req.search.trim().toLowerCase() : '';
    if (search.length > MAX_SEARCH)
      throw invalid('search', this.say(user)('Apex_Sms_template_search_too_long', MAX_SEARCH));
    let values: Record<string, string | null> | null = null;
    if (!isBlank(req.recordId)) {
      const id = to18(String(req.recordId).trim());
      if (!id) throw invalid('recordId', this.say(user)('Apex_Not_a_record_id'));
      values = this.recordValues(id, user);
      values.AgentName = user.Name;
      values.AgentFirstName = user.Name.split(' ')[0] ?? null;
    }
    const templates = this.offered(user, req.includeInactive === true)
      .filter((t) => {
        if (!search) return true;
        const hay = [t.Name, t[this.field('Category__c')], t[this.field('Body__c')]];
        return hay.some((v) => typeof v === 'string' && v.toLowerCase().includes(search));
      })
      .map((t) => {
        const view = this.view(t, user);
        if (!values) return view;
        const filled = fillTemplate(view.body, values);
        return { ...view, filled: filled.text, missing: filled.missing };
      });
    return { canManageOrg: this.canManage(user), templates };
  }

  private requireRights(scope: Scope, existing: SObject | undefined, user: OrgUser): void {
    const org = scope === 'org' || (existing !== undefined && this.scopeValue(existing) === 'org');
    const say = this.say(user);
    if (org && !this.canManage(user))
      throw new RemoteApiError('NO_ACCESS', say('Apex_Sms_template_needs_manage'), 'template.scope');
    if (!org && existing && to18(String(existing.OwnerId)) !== to18(user.Id))
      throw new RemoteApiError('NO_ACCESS', say('Apex_Sms_template_owner_only'), null);
  }

  private templateId(value: unknown, field: string, user: OrgUser): string | null {
    if (isBlank(value)) return null;
    const id = to18(String(value).trim());
    if (!id) throw invalid(field, this.say(user)('Apex_Not_a_record_id'));
    if (objectOfId(id) !== 'SMS_Template__c') throw invalid(field, this.say(user)('Apex_Record_kind_not_accepted'));
    return id;
  }

  private save(req: Record<string, unknown>, user: OrgUser): Record<string, unknown> {
    const input = req.template;
    const say = this.say(user);
    if (!input || typeof input !== 'object') throw invalid('template', say('Apex_Required'));
    const t = input as Record<string, unknown>;
    const errors = errorsOf(t.name, t.body, t.category, t.scope, say);
    for (const field of ['name', 'body', 'category', 'scope']) {
      const message = errors.get(field);
      if (message) throw invalid(`template.${field}`, message);
    }
    const scope = t.scope as Scope;
    const id = this.templateId(t.id, 'template.id', user);
    const existing = id ? this.visible(id, user) : undefined;
    if (id && !existing) throw new RemoteApiError('NOT_FOUND', say('Apex_Sms_template_not_found'), 'template.id');
    this.requireRights(scope, existing, user);
    const owner = existing ? String(existing.OwnerId) : user.Id;
    const key = uniqueKey(scope, owner, String(t.name));
    const sameName = this.rows().find(
      (r) => uniqueKey(this.scopeValue(r), String(r.OwnerId), String(r.Name)) === key && r.Id !== existing?.Id,
    );
    if (sameName)
      throw invalid(
        'template.name',
        say(scope === 'org' ? 'Apex_Sms_template_org_name_used' : 'Apex_Sms_template_personal_name_used'),
      );
    const fields = this.store.namespace.toStore({
      Name: String(t.name).trim(),
      Body__c: t.body,
      Category__c: isBlank(t.category) ? null : String(t.category).trim(),
      Active__c: t.active !== false,
      Scope__c: picklistOf(scope),
      Scope_Name__c: key,
    });
    const saved = existing ? this.store.update(existing.Id, fields) : this.store.insert('SMS_Template__c', fields);
    return { template: this.view(saved, user) };
  }

  private remove(req: Record<string, unknown>, user: OrgUser): Record<string, unknown> {
    const say = this.say(user);
    if (isBlank(req.id)) throw invalid('id', say('Apex_Required'));
    const id = this.templateId(req.id, 'id', user)!;
    const existing = this.visible(id, user);
    if (!existing) throw new RemoteApiError('NOT_FOUND', say('Apex_Sms_template_not_found'), 'id');
    this.requireRights(this.scopeValue(existing), existing, user);
    this.store.delete(existing.Id);
    return {};
  }

  private importFile(req: Record<string, unknown>, user: OrgUser, apply: boolean): Record<string, unknown> {
    const scope = req.scope;
    const say = this.say(user);
    if (picklistOf(scope) === null) throw invalid('scope', say('Apex_Sms_template_scope'));
    if (scope === 'org' && !this.canManage(user))
      throw new RemoteApiError('NO_ACCESS', say('Apex_Sms_template_import_needs_manage'), 'scope');
    let rows: FileRow[];
    try {
      rows = readFile(req.format, req.content, scope as Scope, say);
    } catch (e) {
      if (!(e instanceof FileError)) throw e;
      return { ok: false, error: { code: 'INVALID_INPUT', message: e.message, field: 'content' }, line: e.line };
    }
    const stored = new Map(this.inScope(scope as Scope, user).map((t) => [String(t.Name).trim().toLowerCase(), t]));
    const added: FileRow[] = [];
    const changed: { name: string; line: number | null; fields: string[]; id: string }[] = [];
    const kept: string[] = [];
    for (const row of rows) {
      const existing = stored.get(row.name.toLowerCase());
      stored.delete(row.name.toLowerCase());
      if (!existing) {
        added.push(row);
        continue;
      }
      const fields: string[] = [];
      if (String(existing.Name).trim() !== row.name) fields.push('name');
      if (existing[this.field('Body__c')] !== row.body) fields.push('body');
      if (((existing[this.field('Category__c')] as string | null) ?? '') !== (row.category ?? ''))
        fields.push('category');
      if ((existing[this.field('Active__c')] !== false) !== row.active) fields.push('active');
      if (fields.length === 0) kept.push(String(existing.Name));
      else changed.push({ name: row.name, line: row.line, fields, id: existing.Id });
    }
    if (!apply)
      return {
        added: added.map(({ line, name, body, category, active }) => ({ line, name, body, category, active })),
        changed: changed.map(({ name, line, fields }) => ({ name, line, fields })),
        kept,
        untouched: stored.size,
      };
    const picklist = picklistOf(scope);
    const fieldsOf = (row: FileRow, ownerId: string) =>
      this.store.namespace.toStore({
        Name: row.name,
        Body__c: row.body,
        Category__c: row.category,
        Active__c: row.active,
        Scope__c: picklist,
        Scope_Name__c: uniqueKey(scope as Scope, ownerId, row.name),
      });
    // One statement: every row or none (the checks above are the trigger's; nothing below can fail half way).
    this.store.insertAll(
      'SMS_Template__c',
      added.map((row) => fieldsOf(row, user.Id)),
    );
    for (const c of changed) {
      const row = rows.find((r) => r.name === c.name)!;
      this.store.update(c.id, fieldsOf(row, String(this.store.get(c.id)?.OwnerId ?? user.Id)));
    }
    return { added: added.length, changed: changed.length, kept: kept.length, untouched: stored.size };
  }

  private exportFile(req: Record<string, unknown>, user: OrgUser): Record<string, unknown> {
    const format = req.format;
    const say = this.say(user);
    if (format !== 'csv' && format !== 'json') throw invalid('format', say('Apex_Sms_template_format'));
    if (picklistOf(req.scope) === null) throw invalid('scope', say('Apex_Sms_template_scope'));
    const scope = req.scope as Scope;
    const templates = this.inScope(scope, user).map((t) => this.view(t, user));
    const content =
      format === 'json'
        ? JSON.stringify(
            {
              templates: templates.map((t) => ({ name: t.name, body: t.body, category: t.category, active: t.active })),
            },
            null,
            2,
          )
        : [
            'name,body,category,active',
            ...templates.map((t) =>
              [csvValue(t.name), csvValue(t.body), csvValue(t.category), t.active ? 'true' : 'false'].join(','),
            ),
          ].join('\r\n') + '\r\n';
    return { fileName: `sms-templates-${scope}.${format}`, content, count: templates.length };
  }
}

function invalid(field: string, message: string): RemoteApiError {
  return new RemoteApiError('INVALID_INPUT', message, field);
}
