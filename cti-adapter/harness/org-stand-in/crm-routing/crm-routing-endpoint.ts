import { randomBytes } from 'node:crypto';
import { loadSystemLabels, runningAs, systemLabel } from '../apex-labels';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import {
  decideRoute,
  decisionText,
  DESTINATION_OF_PICKLIST,
  OPERATOR_OF_PICKLIST,
  type IsVoicemail,
  type RoutingDecision,
  type RoutingRow,
} from '../../crm-routing/routing-rows';
import { ROUTING_SECRET_HEADER, routingSecretMatches } from '../../crm-routing/routing-secret';
import type { OrgStore, OrgUser, SObject } from '../org-store';
import { findPhoneMatches } from '../phone-matches';
import type { RequestedNumber } from '../phone-match-rule';
import { to18 } from '../salesforce-id';
import {
  isDtmfLookupField,
  isNumberField,
  isRoutableField,
  routingValueText,
  type RoutingFieldCatalog,
  type RoutingFieldInfo,
} from './routing-field-catalog';

/**
 * The package's CRM routing endpoint (`CrmRoutingResource` → `CrmRoutingService`, `docs/contracts/crm-routing.md`),
 * served from the in-memory org for the simulator's PBX and pinned with the Apex code by the contract vectors
 * (`unpackaged/main/default/staticresources/CrmRoutingVectors.json`). Same order of checks as the package: size, path,
 * secret, rate, parameters, CRM To Use, field name, module and fields, lookup; one audit record
 * (`CRM_Routing_Request__c`) per request within the limits of ADR 0017. In an org with the package's namespace the
 * package's fields are stored as `<ns>__Name__c` (`store.namespace`): the endpoint reads its rules, rows, secrets and
 * audit records through their local names and writes the audit record under the stored names, as the package's
 * compiled references do. Every message is the Custom Label the Apex class reads (`Apex_CrmRouting_*`, `Apex_Routing_*`,
 * through {@link systemLabel}) in the running user's language — the Site guest user's — as `System.Label` answers in
 * the org (ADR 0032, sixth amendment).
 */
export interface SiteRequest {
  readonly method: string;
  /** The path after `/services/apexrest`, e.g. `/crm-routing/v1/rules/customer-status`. */
  readonly path: string;
  /** Query parameters, decoded (`+` as a space, as URL rules say). */
  readonly params: Readonly<Record<string, string>>;
  /** Header names in any case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer | null;
  readonly remoteAddress?: string;
}

export interface SiteReply {
  status: number;
  contentType: string;
  headers: Record<string, string>;
  body: string;
}

export interface CrmRoutingEndpointOptions {
  store: OrgStore;
  fields: RoutingFieldCatalog;
  /** The Site guest user the endpoint runs as (CRM Routing Endpoint permission set). */
  runAsUserId: string;
  now?: () => Date;
}

/** Error codes and their HTTP statuses (the contract's table). */
export const ROUTING_ERROR_STATUS: Readonly<Record<string, number>> = {
  INVALID_REQUEST: 400,
  INVALID_JSON: 400,
  FIELD_REQUIRED: 400,
  INVALID_CALLER: 400,
  CALLER_REQUIRED: 400,
  INVALID_DTMF: 400,
  UNAUTHORIZED: 401,
  FIELD_NOT_CONFIGURED: 403,
  NO_ACCESS: 403,
  RULE_NOT_SERVED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  MODULE_UNAVAILABLE: 422,
  UNKNOWN_FIELD: 422,
  FIELD_NOT_ROUTABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export const MAX_ROUTING_BODY_BYTES = 8192;
export const DEFAULT_REQUESTS_PER_MINUTE = 60;
export const UNVERIFIED_AUDITS_PER_MINUTE = 120;
const WINDOW_MS = 60_000;
/** The most characters of a parameter's value (`CrmRoutingRequestParser.MAX_PARAMETER_LENGTH`). */
const MAX_PARAMETER_LENGTH = 255;
/** The most characters of `dtmf`, the end key included (`CrmRoutingParamReader.MAX_DTMF_LENGTH`). */
const MAX_DTMF_LENGTH = 32;
const KEYS = ['field_name', 'dtmf', 'caller_id', 'callerid', 'phone', 'format'] as const;
const CALLER_KEYS = ['caller_id', 'callerid', 'phone'] as const;
const RULE_PATH = /^(?:\/[A-Za-z0-9_]+)?\/crm-routing\/v1\/rules\/([^/]+)\/?$/;
const URL_NAME = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
const TEXT = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

class RoutingError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Params {
  fieldName: string | null;
  dtmf: string | null;
  dtmfLength: number;
  caller: RequestedNumber | null;
  callerText: string | null;
  json: boolean;
}

interface Outcome {
  code: string;
  value: string | null;
  matched: boolean;
  matchCount: number;
  recordId: string | null;
  decision: RoutingDecision | null;
}

export class CrmRoutingEndpoint {
  private readonly now: () => Date;

  constructor(private readonly options: CrmRoutingEndpointOptions) {
    this.now = options.now ?? (() => new Date());
    // The PBX waits a few seconds: the labels are read at start, not on the first refused request.
    loadSystemLabels();
  }

  /**
   * Answers one request; never throws. Its messages are in the running user's language (`LanguageLocaleKey`).
   * @param runAsUserId the running user (default: the Site guest user of the options)
   */
  handle(request: SiteRequest, runAsUserId: string = this.options.runAsUserId): SiteReply {
    const language = this.options.store.user(runAsUserId)?.LanguageLocaleKey;
    return runningAs(language, () => this.handleAs(request, runAsUserId));
  }

  /**
   * The answer to a body too large to read at all (the Site's HTTP layer stops reading it): `PAYLOAD_TOO_LARGE` with
   * the message `CrmRoutingRequestParser.checkSize` answers, in the Site guest user's language; not audited.
   */
  tooLargeToRead(request: Pick<SiteRequest, 'params' | 'headers'>): SiteReply {
    const user = this.options.store.user(this.options.runAsUserId);
    return runningAs(user?.LanguageLocaleKey, () =>
      errorReply(
        'PAYLOAD_TOO_LARGE',
        systemLabel('Apex_CrmRouting_body_too_large', MAX_ROUTING_BODY_BYTES),
        null,
        formatOf({ ...request, method: 'POST', path: '', body: null }),
      ),
    );
  }

  private handleAs(request: SiteRequest, runAsUserId: string): SiteReply {
    const started = Date.now();
    const store = this.options.store;
    const user = store.user(runAsUserId);
    let json = formatOf(request);
    let urlName: string | null = null;
    let rule: SObject | null = null;
    let verified = false;
    let params: Params | null = null;
    let outcome: Outcome | null = null;
    let skipAudit = false;
    let retryAfter: number | null = null;
    let reply: SiteReply;
    let failure: RoutingError | null = null;
    try {
      if (request.body && request.body.length > MAX_ROUTING_BODY_BYTES)
        throw new RoutingError(
          'PAYLOAD_TOO_LARGE',
          systemLabel('Apex_CrmRouting_body_too_large', MAX_ROUTING_BODY_BYTES),
        );
      urlName = parseUrlName(request.path);
      rule = this.verify(urlName, request);
      verified = true;
      const recent = this.countVerified(urlName);
      const limit = numberOr(rule.Requests_Per_Minute__c, DEFAULT_REQUESTS_PER_MINUTE);
      if (recent >= limit) {
        skipAudit = recent > limit;
        retryAfter = 60;
        throw new RoutingError('RATE_LIMITED', systemLabel('Apex_CrmRouting_rate_limited', limit));
      }
      params = readParams(request);
      json = params.json;
      outcome = this.answer(rule, params, user);
      reply = success(outcome, rule, json);
    } catch (e) {
      failure = e instanceof RoutingError ? e : internalFailure(e);
      outcome = null;
      reply = errorReply(failure.code, failure.message, retryAfter, json);
    }
    if (!skipAudit && (verified || this.countUnverified() < UNVERIFIED_AUDITS_PER_MINUTE)) {
      const previous = store.currentUserId;
      store.currentUserId = user?.Id ?? null;
      try {
        store.insert(
          'CRM_Routing_Request__c',
          store.namespace.toStore({
            URL_Name__c: urlName,
            Outcome__c: failure ? failure.code : (outcome?.code ?? 'OK'),
            Status_Code__c: reply.status,
            Method__c: request.method.slice(0, 10),
            Mode__c: typeof rule?.Mode__c === 'string' ? rule.Mode__c : null,
            Verified__c: verified,
            Caller_Number__c: params?.callerText ?? null,
            DTMF_Length__c: params?.dtmfLength ?? null,
            Record_Id__c: outcome?.recordId ?? null,
            Match_Count__c: outcome?.matchCount ?? 0,
            Destination__c: outcome?.decision ? decisionText(outcome.decision).replace(':', ' ') : null,
            Remote_Address__c: request.remoteAddress?.slice(0, 45) ?? null,
            Body_Bytes__c: request.body?.length ?? 0,
            Duration_Ms__c: Date.now() - started,
            Reason__c: failure ? failure.message.slice(0, 255) : null,
          }),
        );
      } catch (auditFailure) {
        // As the package: nothing is disclosed that is not audited.
        const unaudited = internalFailure(auditFailure, 'Apex_CrmRouting_not_audited');
        reply = errorReply(unaudited.code, unaudited.message, null, json);
      } finally {
        store.currentUserId = previous;
      }
    }
    return reply;
  }

  private verify(urlName: string, request: SiteRequest): SObject {
    const rule = routingRuleByUrlName(this.options.store, urlName) ?? null;
    const secret = rule
      ? packageRecords(this.options.store, 'CRM_Routing_Secret__c').find((s) => to18(String(s.Name)) === rule.Id)
      : undefined;
    const presented = header(request.headers, ROUTING_SECRET_HEADER);
    if (!rule || !routingSecretMatches(presented, str(secret?.Salt__c), str(secret?.Hash__c)))
      throw new RoutingError('UNAUTHORIZED', systemLabel('Apex_CrmRouting_unauthorized', ROUTING_SECRET_HEADER));
    return rule;
  }

  private countVerified(urlName: string): number {
    const since = this.now().getTime() - WINDOW_MS;
    return packageRecords(this.options.store, 'CRM_Routing_Request__c').filter(
      (r) => r.URL_Name__c === urlName && r.Verified__c === true && Date.parse(String(r.CreatedDate)) >= since,
    ).length;
  }

  private countUnverified(): number {
    const since = this.now().getTime() - WINDOW_MS;
    return packageRecords(this.options.store, 'CRM_Routing_Request__c').filter(
      (r) => r.Verified__c !== true && Date.parse(String(r.CreatedDate)) >= since,
    ).length;
  }

  private answer(rule: SObject, params: Params, user: OrgUser | undefined): Outcome {
    if (rule.CRM_To_Use__c === 'CRM_Integration')
      throw new RoutingError('RULE_NOT_SERVED', systemLabel('Apex_CrmRouting_rule_not_served'));
    const decisionMode = rule.Mode__c === 'Decision';
    if (params.fieldName === null && !decisionMode)
      throw new RoutingError('FIELD_REQUIRED', systemLabel('Apex_CrmRouting_field_required'));
    if (params.fieldName !== null && params.fieldName.toLowerCase() !== String(rule.Field_Name__c ?? '').toLowerCase())
      throw new RoutingError('FIELD_NOT_CONFIGURED', systemLabel('Apex_CrmRouting_field_not_configured'));
    const fields = this.options.fields;
    const module = fields.module(str(rule.Module__c));
    if (!module) throw new RoutingError('MODULE_UNAVAILABLE', systemLabel('Apex_Routing_module_unknown'));
    if (!user || user.objectAccess === 'none')
      throw new RoutingError('NO_ACCESS', systemLabel('Apex_Routing_module_unreadable'));
    const field = readableField(fields, module, str(rule.Field_Name__c));
    if (!isRoutableField(field))
      throw new RoutingError('FIELD_NOT_ROUTABLE', systemLabel('Apex_CrmRouting_field_not_routable'));
    const matches = this.find(rule, module, params);
    const best = matches[0] ?? null;
    const value = best ? routingValueText(best[this.options.store.namespace.full(field.apiName)], field) : null;
    const decision = decisionMode
      ? decideRoute(
          value,
          rowsOf(this.options.store, rule),
          str(rule.Default_Destination__c) ?? '',
          (str(rule.Is_Voicemail__c) ?? 'Not_Set') as IsVoicemail,
        )
      : null;
    return {
      code: best ? 'OK' : 'NO_MATCH',
      value,
      matched: best !== null,
      matchCount: matches.length,
      recordId: best?.Id ?? null,
      decision,
    };
  }

  private find(rule: SObject, module: string, params: Params): SObject[] {
    const store = this.options.store;
    if (rule.Location__c === 'IVR' && str(rule.DTMF_Field__c) && params.dtmf !== null) {
      const field = readableField(this.options.fields, module, str(rule.DTMF_Field__c));
      if (!isDtmfLookupField(field))
        throw new RoutingError('FIELD_NOT_ROUTABLE', systemLabel('Apex_Routing_dtmf_field_type'));
      const digits = params.dtmf;
      const stored = store.namespace.full(field.apiName);
      if (isNumberField(field) && !/^\d+$/.test(digits)) return [];
      return store
        .all(module as 'Contact')
        .filter((r) => module !== 'Lead' || r.IsConverted !== true)
        .filter((r) =>
          isNumberField(field)
            ? Number(r[stored]) === Number(digits) && r[stored] !== null && r[stored] !== undefined
            : r[stored] === digits,
        )
        .sort((a, b) => compareDesc(String(a.LastModifiedDate), String(b.LastModifiedDate)) || compareDesc(a.Id, b.Id));
    }
    if (!params.caller) throw new RoutingError('CALLER_REQUIRED', systemLabel('Apex_Routing_caller_required'));
    return findPhoneMatches(store, params.caller, [module], [module]).map((m) => m.record);
  }
}

/**
 * An unexpected failure as the package answers it (`CrmRoutingService`, ADR 0012): a fixed message naming a Softphone
 * Error Log reference, never the exception's text; the stand-in keeps the details on stderr instead of a log record.
 * @param label what could not be done: `Apex_CrmRouting_not_answered` or `Apex_CrmRouting_not_audited` (`{0}` the
 *   reference)
 */
function internalFailure(error: unknown, label = 'Apex_CrmRouting_not_answered'): RoutingError {
  const reference = `SP-${randomBytes(4).toString('hex').toUpperCase()}`;
  console.error(`CRM routing endpoint ${reference}:`, error);
  return new RoutingError('INTERNAL', systemLabel(label, reference));
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

function readableField(fields: RoutingFieldCatalog, module: string, apiName: string | undefined): RoutingFieldInfo {
  const field = fields.field(module, apiName);
  if (!field) throw new RoutingError('UNKNOWN_FIELD', systemLabel('Apex_Routing_unknown_field', apiName ?? ''));
  return field;
}

/**
 * The records of one of the package's CRM routing objects keyed by local field names (`URL_Name__c`), whatever the
 * org's namespace stores them as: copies, for reading.
 */
export function packageRecords(
  store: OrgStore,
  type: 'CRM_Routing_Rule__c' | 'CRM_Routing_Row__c' | 'CRM_Routing_Secret__c' | 'CRM_Routing_Request__c',
): SObject[] {
  return store.all(type).map((record) => store.namespace.fromStore(record));
}

/** The rule with this URL name, keyed by local field names (see {@link packageRecords}). */
export function routingRuleByUrlName(store: OrgStore, urlName: string): SObject | undefined {
  return packageRecords(store, 'CRM_Routing_Rule__c').find((r) => r.URL_Name__c === urlName);
}

/** The rule's rows (`CRM_Routing_Row__c`) as the evaluator reads them. */
export function rowsOf(store: OrgStore, rule: SObject): RoutingRow[] {
  return packageRecords(store, 'CRM_Routing_Row__c')
    .filter((row) => row.Rule__c === rule.Id)
    .map((row) => ({
      order: numberOr(row.Order__c, 1000),
      operator: OPERATOR_OF_PICKLIST[String(row.Operator__c)] ?? '=',
      value: str(row.Value__c) ?? '',
      destination: DESTINATION_OF_PICKLIST[String(row.Destination__c)] ?? 'queue',
      option: str(row.Destination_Option__c) ?? '',
    }));
}

function parseUrlName(path: string): string {
  const match = RULE_PATH.exec(path);
  const name = match?.[1];
  if (!name || !URL_NAME.test(name))
    throw new RoutingError('INVALID_REQUEST', systemLabel('Apex_CrmRouting_path_invalid'));
  return name;
}

function header(headers: SiteRequest['headers'], name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

function formatOf(request: SiteRequest): boolean {
  const format = request.params.format?.trim().toLowerCase();
  if (format === 'json' || format === 'text') return format === 'json';
  return (header(request.headers, 'Accept') ?? '').toLowerCase().includes('application/json');
}

function readParams(request: SiteRequest): Params {
  const values: Record<string, string> = {};
  for (const key of KEYS) if (typeof request.params[key] === 'string') values[key] = request.params[key];
  Object.assign(values, bodyValues(request));
  for (const [key, value] of Object.entries(values))
    if (value.length > MAX_PARAMETER_LENGTH)
      throw new RoutingError(
        'INVALID_REQUEST',
        systemLabel('Apex_CrmRouting_value_too_long', key, MAX_PARAMETER_LENGTH),
      );
  const fieldName = values.field_name?.trim() ? values.field_name.trim() : null;
  const format = values.format?.trim().toLowerCase();
  if (format && format !== 'json' && format !== 'text')
    throw new RoutingError('INVALID_REQUEST', systemLabel('Apex_CrmRouting_format_invalid'));
  const json = format ? format === 'json' : formatOf(request);
  const dtmfRaw = (values.dtmf ?? '').trim();
  if (!/^[0-9*#]*$/.test(dtmfRaw) || dtmfRaw.length > MAX_DTMF_LENGTH)
    throw new RoutingError('INVALID_DTMF', systemLabel('Apex_CrmRouting_dtmf_invalid', MAX_DTMF_LENGTH));
  const digits = dtmfRaw.endsWith('#') ? dtmfRaw.slice(0, -1) : dtmfRaw;
  const rawCaller = CALLER_KEYS.map((k) => values[k]).find((v) => typeof v === 'string' && v.trim() !== '');
  let caller: RequestedNumber | null = null;
  let callerText: string | null = null;
  if (rawCaller !== undefined) {
    const text = rawCaller.startsWith(' ') ? `+${rawCaller.trim()}` : rawCaller.trim();
    const compact = text.replace(/[\s().-]/g, '');
    callerText = compact.slice(0, 40);
    caller = splitE164(compact);
    if (!caller) throw new RoutingError('INVALID_CALLER', systemLabel('Apex_CrmRouting_caller_invalid'));
  }
  return { fieldName, dtmf: digits === '' ? null : digits, dtmfLength: dtmfRaw.length, caller, callerText, json };
}

/** An E.164 number split by country calling code (libphonenumber-js; the package uses the ITU list, `CallingCodes`). */
function splitE164(text: string): RequestedNumber | null {
  if (!/^\+[1-9]\d{6,14}$/.test(text)) return null;
  const parsed = parsePhoneNumberFromString(text);
  if (!parsed || parsed.nationalNumber.length < 4) return null;
  return { e164: text, countryCallingCode: parsed.countryCallingCode, nationalNumber: parsed.nationalNumber };
}

function bodyValues(request: SiteRequest): Record<string, string> {
  if (request.method !== 'POST' || !request.body || request.body.length === 0) return {};
  const contentType = header(request.headers, 'Content-Type');
  if (!contentType || !contentType.trim().toLowerCase().startsWith('application/json'))
    throw new RoutingError('UNSUPPORTED_MEDIA_TYPE', systemLabel('Apex_CrmRouting_body_not_json'));
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body.toString('utf8'));
  } catch {
    throw new RoutingError('INVALID_JSON', systemLabel('Apex_CrmRouting_body_unparsable'));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new RoutingError('INVALID_JSON', systemLabel('Apex_CrmRouting_body_not_object'));
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!(KEYS as readonly string[]).includes(key) || value === null) continue;
    if (typeof value === 'string') values[key] = value;
    else if (typeof value === 'number') values[key] = String(value);
    else throw new RoutingError('INVALID_REQUEST', systemLabel('Apex_CrmRouting_value_not_text', key));
  }
  return values;
}

function success(outcome: Outcome, rule: SObject, json: boolean): SiteReply {
  const reply: SiteReply = {
    status: 200,
    contentType: json ? JSON_TYPE : TEXT,
    headers: { 'Cache-Control': 'no-store' },
    body: '',
  };
  if (rule.Mode__c === 'Decision' && outcome.decision) {
    reply.body = json
      ? JSON.stringify({
          ok: true,
          rule: rule.URL_Name__c,
          matched: outcome.matched,
          matchCount: outcome.matchCount,
          destination: outcome.decision.destination,
          option: outcome.decision.option,
          row: outcome.decision.row,
          voicemail: outcome.decision.voicemail,
        })
      : decisionText(outcome.decision);
  } else {
    reply.body = json
      ? JSON.stringify({
          ok: true,
          rule: rule.URL_Name__c,
          field_name: rule.Field_Name__c,
          value: outcome.value,
          matched: outcome.matched,
          matchCount: outcome.matchCount,
        })
      : (outcome.value ?? '');
  }
  return reply;
}

function errorReply(code: string, message: string, retryAfter: number | null, json: boolean): SiteReply {
  return {
    status: ROUTING_ERROR_STATUS[code] ?? 500,
    contentType: json ? JSON_TYPE : TEXT,
    headers: {
      'Cache-Control': 'no-store',
      'X-CRM-Routing-Error': code,
      ...(retryAfter !== null ? { 'Retry-After': String(retryAfter) } : {}),
    },
    body: json ? JSON.stringify({ ok: false, error: { code, message } }) : `${code}: ${message}`,
  };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
