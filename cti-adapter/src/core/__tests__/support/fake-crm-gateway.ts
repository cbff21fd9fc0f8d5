import type { CallLog, SentCallLog, UpsertCallLogResult } from '../../call-log/call-log';
import { CrmError, type CrmErrorCode } from '../../crm/crm-error';
import type { CrmMatch, LoggedCallStatus, NumberMatchResult, SearchRecord } from '../../crm/crm-record';
import type {
  CreatePlaceholderRequest,
  CrmGateway,
  MatchNumbersOptions,
  SaveSettingsRequest,
  SearchRecordsRequest,
  SoftphoneSettingsResponse,
} from '../../ports/crm-gateway';
import type { PhoneNumberParts } from '../../phone-number/phone-number';
import type { LogUpsertResult } from '../../call-log/log-outbox';
import type { SmsLog, SmsLogMessage } from '../../messaging/sms-log';
import { DEFAULT_SETTINGS, mergeSettings, type Settings, type UserSettingKey } from '../../settings/settings';

/** A Task the fake org holds (subset of the contract's Task mapping) and the revision last applied. */
export interface FakeTask {
  readonly id: string;
  readonly log: CallLog;
  readonly revision: number | null;
}

/**
 * Fake {@link CrmGateway}: matches are looked up by E.164 in a table the test fills; upserts are idempotent by
 * telephony session id (the fake has one agent, so that is its log key) and refuse older revisions like the
 * contract says; every request is counted. `hold()` makes upserts wait until `release()`; `failWhen` fails whole
 * upsert requests the test picks (a request over the server's heap, a log the server cannot handle).
 */
export class FakeCrmGateway implements CrmGateway {
  settings: Settings = DEFAULT_SETTINGS;
  /** User-level settings the fake org locks (answered by `getSoftphoneSettings`). */
  locked: UserSettingKey[] = [];
  readonly requests: { endpoint: string; request: unknown }[] = [];
  readonly tasks = new Map<string, FakeTask>();
  readonly placeholders: CrmMatch[] = [];
  /** Record names by Id, answered as `whoName` / `whatName` by `getCallLogStatus` (absent = not readable). */
  readonly recordNames = new Map<string, string>();
  private readonly matchTable = new Map<string, CrmMatch[]>();
  private taskSeq = 0;
  private failures: { endpoint: string; code: CrmErrorCode }[] = [];
  private requestFailure: ((logs: readonly SentCallLog[]) => CrmErrorCode | null) | null = null;
  private followUpRefusal: { code: string; reason: string; field?: string; message?: string } | null = null;
  private held: (() => void)[] | null = null;

  /** SMS Tasks by `<conversationId>:<day>` (one agent): the messages logged, each once, and the Who/What. */
  readonly smsTasks = new Map<
    string,
    { id: string; messages: SmsLogMessage[]; whoId: string | null; whatId: string | null; revision: number }
  >();

  /** `upsertSmsLogs` as the contract says: one Task per conversation and day, messages appended once, newest revision. */
  async upsertSmsLogs(logs: readonly (SmsLog & { readonly revision: number })[]): Promise<LogUpsertResult[]> {
    await this.begin('upsertSmsLogs', { logs });
    return logs.map((log) => {
      const key = `${log.conversationId}:${log.day}`;
      const existing = this.smsTasks.get(key);
      const id = existing?.id ?? `00T${String(++this.taskSeq).padStart(15, '0')}`;
      if (existing && log.revision < existing.revision) return { ok: true as const, taskId: id };
      const known = new Set(existing?.messages.map((m) => m.id) ?? []);
      const messages = [...(existing?.messages ?? []), ...log.messages.filter((m) => !known.has(m.id))];
      const agent = log.source === 'agent';
      this.smsTasks.set(key, {
        id,
        messages,
        whoId: agent ? log.whoId : (existing?.whoId ?? log.whoId),
        whatId: agent ? log.whatId : (existing?.whatId ?? log.whatId),
        revision: log.revision,
      });
      return { ok: true as const, taskId: id };
    });
  }

  setMatches(e164: string, matches: CrmMatch[]): void {
    this.matchTable.set(e164, matches);
  }

  /** The next call to `endpoint` rejects with `code`. */
  failNext(endpoint: string, code: CrmErrorCode): void {
    this.failures.push({ endpoint, code });
  }

  /** Every later upsert request for which `rule` names a code fails as a whole with it (`null`: no rule). */
  failWhen(rule: ((logs: readonly SentCallLog[]) => CrmErrorCode | null) | null): void {
    this.requestFailure = rule;
  }

  /**
   * While set, the follow-up Task of every log that has one is refused with `code` after its call Task is written, as
   * the server answers a follow-up that fails alone (contract, `upsertCallLogs`): `ok: false`, the call's `taskId`,
   * "The call is logged, but its follow-up task could not be saved: <reason>" (or `message`: the server's text in
   * another language, Custom Labels).
   */
  refuseFollowUps(refusal: { code: string; reason: string; field?: string; message?: string } | null): void {
    this.followUpRefusal = refusal;
  }

  /** The logs of each upsert request, in order. */
  upsertBatches(): (readonly SentCallLog[])[] {
    return this.requests
      .filter((r) => r.endpoint === 'upsertCallLogs')
      .map((r) => (r.request as { logs: readonly SentCallLog[] }).logs);
  }

  count(endpoint: string): number {
    return this.requests.filter((r) => r.endpoint === endpoint).length;
  }

  hold(): void {
    this.held = [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const resume of held) resume();
  }

  private async begin(endpoint: string, request: unknown): Promise<void> {
    this.requests.push({ endpoint, request });
    const index = this.failures.findIndex((f) => f.endpoint === endpoint);
    if (index >= 0) {
      const [failure] = this.failures.splice(index, 1);
      throw new CrmError(failure?.code ?? 'INTERNAL', `fake ${endpoint} failure`);
    }
  }

  async matchNumbers(
    numbers: readonly PhoneNumberParts[],
    options: MatchNumbersOptions = {},
  ): Promise<NumberMatchResult[]> {
    await this.begin('matchNumbers', { numbers, ...options });
    return numbers.map((n) => ({ e164: n.e164, matches: this.matchTable.get(n.e164) ?? [] }));
  }

  async upsertCallLogs(logs: readonly SentCallLog[]): Promise<UpsertCallLogResult[]> {
    await this.begin('upsertCallLogs', { logs });
    if (this.held) await new Promise<void>((resolve) => this.held?.push(resolve));
    const failure = this.requestFailure?.(logs) ?? null;
    if (failure) throw new CrmError(failure, 'fake upsertCallLogs request failure');
    return logs.map((sent) => {
      const { revision, ...log } = sent;
      const id = log.telephonySessionId;
      const existing = this.tasks.get(id);
      const taskId = existing?.id ?? `00T${String(++this.taskSeq).padStart(15, '0')}`;
      if (existing && existing.revision !== null && revision < existing.revision) {
        return { telephonySessionId: id, ok: true as const, taskId, created: false, superseded: true };
      }
      this.tasks.set(id, { id: taskId, log: existing ? mergeForFake(existing.log, log) : log, revision });
      const refusal = log.followUp ? this.followUpRefusal : null;
      if (refusal) {
        const message =
          refusal.message ?? `The call is logged, but its follow-up task could not be saved: ${refusal.reason}`;
        return {
          telephonySessionId: id,
          ok: false as const,
          taskId,
          error: { code: refusal.code, message, field: refusal.field ?? null },
        };
      }
      return { telephonySessionId: id, ok: true as const, taskId, created: !existing, superseded: false };
    });
  }

  async getCallLogStatus(telephonySessionIds: readonly string[]): Promise<Record<string, LoggedCallStatus>> {
    await this.begin('getCallLogStatus', { telephonySessionIds });
    const out: Record<string, LoggedCallStatus> = {};
    for (const id of telephonySessionIds) {
      const task = this.tasks.get(id);
      if (task)
        out[id] = {
          taskId: task.id,
          subject: task.log.subject,
          whoId: task.log.whoId,
          whoName: task.log.whoId ? (this.recordNames.get(task.log.whoId) ?? null) : null,
          whatId: task.log.whatId,
          whatName: task.log.whatId ? (this.recordNames.get(task.log.whatId) ?? null) : null,
        };
    }
    return out;
  }

  async createPlaceholder(request: CreatePlaceholderRequest): Promise<{ record: CrmMatch; created: boolean }> {
    await this.begin('createPlaceholder', request);
    const existing = this.placeholders.find((p) => p.name === request.name && p.phone === request.phone);
    if (existing) return { record: existing, created: false };
    const prefix = request.objectType === 'Lead' ? '00Q' : '003';
    const record = match({
      id: `${prefix}PLACEHOLDER${String(this.placeholders.length + 1).padStart(4, '0')}`,
      objectType: request.objectType,
      name: request.name,
      phone: request.phone,
      phoneField: 'Phone',
      company: request.company,
    });
    this.placeholders.push(record);
    return { record, created: true };
  }

  async searchRecords(request: SearchRecordsRequest): Promise<SearchRecord[]> {
    await this.begin('searchRecords', request);
    return [];
  }

  async getSoftphoneSettings(): Promise<SoftphoneSettingsResponse> {
    await this.begin('getSoftphoneSettings', {});
    return {
      settings: this.settings,
      user: { id: '005000000000001AAA', name: 'Alex Agent' },
      canEditSettings: false,
      locked: this.locked,
      sources: {},
    };
  }

  async saveSoftphoneSettings(request: SaveSettingsRequest): Promise<Settings> {
    await this.begin('saveSoftphoneSettings', request);
    this.settings = mergeSettings(request.settings, this.settings);
    return this.settings;
  }
}

function mergeForFake(previous: CallLog, next: CallLog): CallLog {
  if (next.source === 'agent') return next;
  const merged: Record<string, unknown> = { ...next };
  for (const key of ['subject', 'notes', 'disposition', 'whoId', 'whatId'] as const) {
    if (previous[key]) merged[key] = previous[key];
  }
  return merged as unknown as CallLog;
}

/** Builds a `Match` with defaults. */
export function match(partial: Partial<CrmMatch> & Pick<CrmMatch, 'id' | 'objectType' | 'name'>): CrmMatch {
  return {
    isPersonAccount: false,
    personContactId: null,
    phoneField: 'Phone',
    phone: '',
    accountId: null,
    accountName: null,
    title: null,
    company: null,
    lastModifiedDate: '2026-11-01T00:00:00.000Z',
    related: [],
    ...partial,
  };
}
