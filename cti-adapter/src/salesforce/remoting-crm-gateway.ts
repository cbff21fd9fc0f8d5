import type { SentCallLog, UpsertCallLogResult } from '../core/call-log/call-log';
import { CrmError, type CrmErrorCode } from '../core/crm/crm-error';
import type { CrmMatch, LoggedCallStatus, NumberMatchResult, SearchRecord } from '../core/crm/crm-record';
import type {
  CreatePlaceholderRequest,
  CrmGateway,
  MatchNumbersOptions,
  SaveSettingsRequest,
  SearchRecordsRequest,
  SoftphoneSettingsResponse,
} from '../core/ports/crm-gateway';
import type { PhoneNumberParts } from '../core/phone-number/phone-number';
import { mergeSettings, USER_SETTING_KEYS, type Settings, type UserSettingKey } from '../core/settings/settings';
import { readRemoteActionNames, type RemoteActionNames } from './remote-action-names';
import {
  APEX_FAILURE_MESSAGE,
  envelopeOf,
  isTransportFailure,
  RemoteActionCaller,
  type RemoteAnswer,
} from './remote-action-caller';

export { APEX_FAILURE_MESSAGE } from './remote-action-caller';
import type { RemotingEvent, VisualforceRemotingManager } from './visualforce-remoting';

/** Options of {@link RemotingCrmGateway}. @public */
export interface RemotingCrmGatewayOptions {
  /** Remote action names (default: read from `document.getElementById('softphone-config')`). */
  readonly actions?: RemoteActionNames;
  /** Returns the remoting manager; read lazily (default `window.Visualforce.remoting.Manager`). */
  readonly resolveManager?: () => VisualforceRemotingManager | undefined;
  /** Remoting timeout in ms (contract: 30000). */
  readonly timeoutMs?: number;
  /** Called after every round trip (endpoint name, ms) — used by the benchmark to count round trips. */
  readonly onRoundTrip?: (endpoint: keyof RemoteActionNames, elapsedMs: number) => void;
  /**
   * Answers of requests sent before the gateway existed (the page's boot module sends `getSoftphoneSettings` before
   * the first-paint chunk is evaluated, ADR 0018), by endpoint, with when they left (epoch ms): the endpoint's next
   * call takes its answer instead of a round trip (once; its request must be the one that was sent, `{}`).
   */
  readonly handedOver?: Partial<Record<keyof RemoteActionNames, HandedOverRequest>>;
}

/** A remote action's answer on its way, sent before the gateway existed. @public */
export interface HandedOverRequest {
  readonly answer: Promise<RemoteAnswer>;
  /** When it left, epoch ms. */
  readonly sentAt: number;
}

const ERROR_CODES: readonly CrmErrorCode[] = ['INVALID_INPUT', 'NO_ACCESS', 'NOT_FOUND', 'LIMIT_EXCEEDED', 'INTERNAL'];

/**
 * {@link CrmGateway} over Visualforce JavaScript remoting to `SoftphoneController` (contract:
 * `docs/contracts/softphone-remote-api.md`). Each method is one `invokeAction` with one JSON request object and
 * `{buffer: false, escape: false, timeout}`; the response envelope `{ok: true, …}` resolves with its payload,
 * `{ok: false, error}` rejects with {@link CrmError} `{code, message, field, reference}`. A remoting failure
 * (`event.status === false`) rejects with `INTERNAL` ({@link APEX_FAILURE_MESSAGE}, never the Apex text) or
 * `NETWORK` (no answer / timeout / communication failure).
 *
 * Names of Task fields travel as the server writes them (docs/adr/0011-namespace-neutral-wire.md): a log's `fields`
 * are keyed by the `apiName`s of `settings.logFields`, unchanged, so the softphone never needs the package's
 * namespace; the page gives the namespaced remote action names (`data-*` of `#softphone-config`).
 * @public
 */
export class RemotingCrmGateway implements CrmGateway {
  private readonly actions: RemoteActionNames;
  private readonly caller: RemoteActionCaller;
  private readonly onRoundTrip: RemotingCrmGatewayOptions['onRoundTrip'];
  private readonly handedOver: Map<keyof RemoteActionNames, HandedOverRequest>;

  constructor(options: RemotingCrmGatewayOptions = {}) {
    this.actions = options.actions ?? readRemoteActionNames(defaultConfigElement());
    this.caller = new RemoteActionCaller({
      ...(options.resolveManager ? { resolveManager: options.resolveManager } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
    this.onRoundTrip = options.onRoundTrip;
    this.handedOver = new Map(
      Object.entries(options.handedOver ?? {}) as [keyof RemoteActionNames, HandedOverRequest][],
    );
  }

  async matchNumbers(
    numbers: readonly PhoneNumberParts[],
    options: MatchNumbersOptions = {},
  ): Promise<NumberMatchResult[]> {
    const request = {
      numbers: numbers.map((n) => ({
        e164: n.e164,
        countryCallingCode: n.countryCallingCode,
        nationalNumber: n.nationalNumber,
      })),
      ...(options.sms ? { sms: true } : {}),
    };
    const payload = await this.invoke('matchNumbers', request);
    return arrayOf<NumberMatchResult>(payload['results'], 'results');
  }

  async upsertCallLogs(logs: readonly SentCallLog[]): Promise<UpsertCallLogResult[]> {
    const payload = await this.invoke('upsertCallLogs', { logs });
    return arrayOf<UpsertCallLogResult>(payload['results'], 'results').map(alreadyLoggedOutOfSight);
  }

  async getCallLogStatus(telephonySessionIds: readonly string[]): Promise<Record<string, LoggedCallStatus>> {
    const payload = await this.invoke('getCallLogStatus', { telephonySessionIds });
    const logged = payload['logged'];
    if (!logged || typeof logged !== 'object') return {};
    const out: Record<string, LoggedCallStatus> = {};
    for (const [id, value] of Object.entries(logged as Record<string, unknown>)) {
      const entry = loggedCallOf(value);
      if (entry) out[id] = entry;
    }
    return out;
  }

  async createPlaceholder(request: CreatePlaceholderRequest): Promise<{ record: CrmMatch; created: boolean }> {
    const payload = await this.invoke('createPlaceholder', request);
    if (!payload['record'] || typeof payload['record'] !== 'object') throw malformed('record');
    return { record: payload['record'] as CrmMatch, created: payload['created'] === true };
  }

  /**
   * `searchRecords`; a search of the object type `User` alone is the server's `searchUsers` `{term, limit}` →
   * `{users: [{id, name, title}]}` (active Standard users by name, ADR 0033), each as a `User` record whose `detail`
   * is the title.
   */
  async searchRecords(request: SearchRecordsRequest): Promise<SearchRecord[]> {
    if (request.objectTypes.join() === 'User') {
      const payload = await this.invoke('searchUsers', { term: request.term, limit: request.limit });
      return arrayOf<{ id: string; name: string; title: string | null }>(payload['users'], 'users').map((u) => ({
        id: u.id,
        objectType: 'User',
        name: u.name,
        detail: u.title,
      }));
    }
    const payload = await this.invoke('searchRecords', request);
    return arrayOf<SearchRecord>(payload['records'], 'records');
  }

  async getSoftphoneSettings(): Promise<SoftphoneSettingsResponse> {
    const payload = await this.invoke('getSoftphoneSettings', {});
    const user = (payload['user'] ?? { id: '', name: '' }) as { id: string; name: string };
    const locked = Array.isArray(payload['locked'])
      ? (payload['locked'] as unknown[]).filter((k): k is UserSettingKey =>
          (USER_SETTING_KEYS as readonly unknown[]).includes(k),
        )
      : [];
    const sources =
      payload['sources'] && typeof payload['sources'] === 'object'
        ? (payload['sources'] as SoftphoneSettingsResponse['sources'])
        : {};
    return {
      settings: mergeSettings(payload['settings'] as Partial<Settings> | undefined),
      user,
      canEditSettings: payload['canEditSettings'] === true,
      locked,
      sources,
    };
  }

  async saveSoftphoneSettings(request: SaveSettingsRequest): Promise<Settings> {
    const payload = await this.invoke('saveSoftphoneSettings', request);
    return mergeSettings(payload['settings'] as Partial<Settings> | undefined);
  }

  /**
   * One round trip to a remote action: resolves with the envelope's payload, rejects with {@link CrmError}. The
   * page's other gateways (the Messages tab's) go through it, so every endpoint shares one transport and one error
   * mapping.
   */
  async invoke(endpoint: keyof RemoteActionNames, request: object): Promise<Record<string, unknown>> {
    const handed = this.handedOver.get(endpoint);
    this.handedOver.delete(endpoint);
    const started = handed?.sentAt ?? Date.now();
    const { result, event } = await (handed?.answer ?? this.caller.call(this.actions[endpoint], request));
    this.onRoundTrip?.(endpoint, Date.now() - started);
    return readEnvelope(result, event);
  }
}

/**
 * Reads a remoting answer: failure event → `CrmError` (`NETWORK` with the transport's text, or `INTERNAL` with
 * {@link APEX_FAILURE_MESSAGE}), envelope `ok: false` → `CrmError` with its code, message, field and reference,
 * `ok: true` → the payload. Accepts the envelope as an object or a JSON string.
 * @public
 */
export function readEnvelope(result: unknown, event: RemotingEvent | undefined): Record<string, unknown> {
  if (!event || event.status !== true) {
    if (isTransportFailure(event)) throw new CrmError('NETWORK', event?.message ?? 'Remoting request failed');
    throw new CrmError('INTERNAL', APEX_FAILURE_MESSAGE);
  }
  const body = envelopeOf(result);
  if (!body) throw malformed('envelope');
  if (body['ok'] === true) return body;
  if (body['ok'] === false) {
    const error = (body['error'] ?? {}) as { code?: unknown; message?: unknown; field?: unknown; reference?: unknown };
    const code = ERROR_CODES.includes(error.code as CrmErrorCode) ? (error.code as CrmErrorCode) : 'INTERNAL';
    throw new CrmError(
      code,
      typeof error.message === 'string' ? error.message : 'Request failed',
      typeof error.field === 'string' ? error.field : null,
      typeof error.reference === 'string' ? error.reference : null,
    );
  }
  throw malformed('ok');
}

/**
 * A queue call every member missed that another member logged on a Task this agent cannot see (`alreadyLogged`
 * without `taskId`, ADR 0025): nothing to open and nothing to retry, so the log fails at once with `NO_ACCESS` and a
 * message saying who has it; the agent can dismiss it. Other results pass unchanged.
 */
function alreadyLoggedOutOfSight(result: UpsertCallLogResult): UpsertCallLogResult {
  if (!result.ok || result.taskId || !result.alreadyLogged) return result;
  return {
    telephonySessionId: result.telephonySessionId,
    ok: false,
    error: {
      code: 'NO_ACCESS',
      message: 'Another member of the call queue already logged this missed call, on a Task you cannot open.',
      field: null,
    },
  };
}

function malformed(what: string): CrmError {
  return new CrmError('INTERNAL', `Malformed response from Salesforce (${what})`);
}

function arrayOf<T>(value: unknown, what: string): T[] {
  if (!Array.isArray(value)) throw malformed(what);
  return value as T[];
}

function defaultConfigElement(): { getAttribute(name: string): string | null } | null {
  const doc = (
    globalThis as { document?: { getElementById(id: string): { getAttribute(n: string): string | null } | null } }
  ).document;
  return doc?.getElementById('softphone-config') ?? null;
}

/**
 * One entry of `getCallLogStatus`'s `logged` map, with every field a string or `null` (a server of an earlier
 * version sends no `whoName` / `whatName`: the names are then unknown); `null` for an entry without a Task id.
 */
function loggedCallOf(value: unknown): LoggedCallStatus | null {
  if (!value || typeof value !== 'object') return null;
  const entry = value as Record<string, unknown>;
  const text = (key: string): string | null => (typeof entry[key] === 'string' ? (entry[key] as string) : null);
  const taskId = text('taskId');
  if (!taskId) return null;
  return {
    taskId,
    subject: text('subject'),
    whoId: text('whoId'),
    whoName: text('whoName'),
    whatId: text('whatId'),
    whatName: text('whatName'),
  };
}
