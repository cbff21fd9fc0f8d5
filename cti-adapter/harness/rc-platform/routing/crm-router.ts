import { decideRoute, decisionText, parseDecisionText, type RoutingDecision } from '../../crm-routing/routing-rows';
import type { SeedCrmRule } from '../seed/seed';
import { callCrm, type CrmResult } from './crm-client';

/**
 * The simulator's PBX side of CRM routing (seed `002_dfbb423dce69a7d6.txt`, PBXware "CRM Routing"): for a call to a
 * routed DID, or the digits an IVR collected, it calls the rule's CRM URL, evaluates the rows itself (`value` mode,
 * with the same rule as the package: `crm-routing/routing-rows.ts`) or reads the destination back (`decision` mode),
 * and falls back to the default destination — with the reason in the routing log — when the CRM is down, slow (past
 * the rule's timeout), refuses the request (401 and any other status but 200) or answers something unreadable.
 */

/** Where the PBX sends a call. */
export interface RouteTo {
  readonly kind: 'queue' | 'ivr' | 'recording' | 'default' | 'voicemail';
  /** Queue, IVR or extension number; the recording name. */
  readonly option: string;
}

/** One routing decision, as the control API's `GET /routing/log` shows it. */
export interface RoutingLogEntry {
  readonly time: string;
  readonly rule: string;
  readonly location: 'DID' | 'IVR';
  /** The DID or IVR number the call reached. */
  readonly entry: string;
  readonly telephonySessionId: string | null;
  readonly caller: string;
  readonly dtmf: string | null;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  /** The CRM's HTTP status, or null when it did not answer. */
  readonly status: number | null;
  /** The CRM's error code (`X-CRM-Routing-Error`), or the client failure (`timeout`, `unreachable`). */
  readonly error: string | null;
  /** Value mode: the value read; decision mode: the decision text. */
  readonly answer: string | null;
  readonly routedTo: RouteTo;
  /** Why the call went where it went, in words. */
  readonly reason: string;
  readonly durationMs: number;
}

/** Changes to a rule (control API `PUT /routing/rules/{key}`; the harness sets the URL and the header). */
export type CrmRulePatch = Partial<Pick<SeedCrmRule, 'mode' | 'defaultDestination' | 'isVoicemail' | 'rows'>> & {
  crm?: Partial<SeedCrmRule['crm']>;
};

/** A call to route: the rule, where the call is (the DID or IVR number), the caller's E.164 number, the IVR's digits. */
export interface RouteInput {
  readonly ruleKey: string;
  readonly location: 'DID' | 'IVR';
  readonly entry: string;
  readonly caller: string;
  /** Null on a DID. */
  readonly dtmf: string | null;
  readonly telephonySessionId?: string;
}

export interface CrmRouterOptions {
  rules: readonly SeedCrmRule[];
  /** PEM certificates the PBX trusts for CRM URLs (the harness's self-signed Site). */
  trustedCertificates?: () => readonly string[];
  log?: (line: string) => void;
  now?: () => Date;
}

const MAX_LOG = 200;

export class CrmRouter {
  private readonly rules = new Map<string, SeedCrmRule>();
  private readonly entries: RoutingLogEntry[] = [];
  private readonly now: () => Date;

  constructor(private readonly options: CrmRouterOptions) {
    for (const rule of options.rules) this.rules.set(rule.key, structuredClone(rule));
    this.now = options.now ?? (() => new Date());
  }

  /** The rules, as configured now. */
  list(): SeedCrmRule[] {
    return [...this.rules.values()].map((r) => structuredClone(r));
  }

  rule(key: string): SeedCrmRule | undefined {
    const rule = this.rules.get(key);
    return rule ? structuredClone(rule) : undefined;
  }

  /**
   * Changes a rule.
   * @throws Error for an unknown rule or a CRM URL that does not start with https://
   */
  configure(key: string, patch: CrmRulePatch): SeedCrmRule {
    const rule = this.rules.get(key);
    if (!rule) throw new Error(`no CRM routing rule ${key}`);
    if (patch.crm?.url !== undefined && !patch.crm.url.startsWith('https://'))
      throw new Error('the CRM URL must start with https://');
    const next: SeedCrmRule = { ...rule, ...patch, crm: { ...rule.crm, ...(patch.crm ?? {}) } };
    this.rules.set(key, next);
    return structuredClone(next);
  }

  /** The routing log, oldest first (at most the last 200 decisions). */
  log(): RoutingLogEntry[] {
    return [...this.entries];
  }

  clearLog(): void {
    this.entries.length = 0;
  }

  /**
   * Decides where a call goes.
   * @param input the rule, where the call is, the caller's E.164 number and the IVR's digits (null on a DID)
   */
  async route(input: RouteInput): Promise<RoutingLogEntry> {
    const started = Date.now();
    const rule = this.rules.get(input.ruleKey);
    if (!rule) {
      return this.record(
        input,
        null,
        { kind: 'default', option: '' },
        `no CRM routing rule ${input.ruleKey}`,
        started,
        'GET',
        '',
      );
    }
    const result = await callCrm({
      url: rule.crm.url,
      method: rule.crm.method,
      header: rule.crm.header,
      timeoutMs: rule.crm.timeoutMs,
      params: {
        field_name: rule.fieldName,
        dtmf: input.dtmf ?? '',
        ...(rule.crm.sendCallerId === false ? {} : { caller_id: input.caller }),
      },
      ca: this.options.trustedCertificates?.() ?? [],
    });
    const { routedTo, reason } = this.decide(rule, result);
    return this.record(input, result, routedTo, reason, started, rule.crm.method, result.url);
  }

  private decide(rule: SeedCrmRule, result: CrmResult): { routedTo: RouteTo; reason: string } {
    const fallback = (why: string): { routedTo: RouteTo; reason: string } => ({
      routedTo: defaultOf(rule),
      reason: `default destination: ${why}`,
    });
    if (!result.ok) return fallback(`the CRM did not answer (${result.reason}: ${result.detail})`);
    if (result.status !== 200) {
      const code = result.headers['x-crm-routing-error'];
      return fallback(`the CRM answered HTTP ${result.status}${code ? ` ${code}` : ''}`);
    }
    if (rule.mode === 'decision') {
      const decision = parseDecisionText(result.body);
      if (!decision) return fallback(`the CRM's decision "${result.body.slice(0, 80)}" is not <destination>:<option>`);
      if (decision.destination === 'default' || decision.destination === 'voicemail') {
        return {
          routedTo: { kind: decision.destination, option: decision.option || rule.defaultDestination },
          reason: `the CRM decided ${decision.destination} ${decision.option}`.trim(),
        };
      }
      return {
        routedTo: { kind: decision.destination, option: decision.option },
        reason: `the CRM decided ${decision.destination} ${decision.option}`,
      };
    }
    const value = result.body.trim() === '' ? null : result.body.trim();
    const decision: RoutingDecision = decideRoute(
      value,
      rule.rows.map((row, i) => ({ ...row, order: i + 1 })),
      rule.defaultDestination,
      rule.isVoicemail,
    );
    if (decision.destination === 'default') {
      return {
        routedTo: defaultOf(rule),
        reason:
          value === null
            ? 'default destination: the CRM has no value for the caller'
            : `default destination: no row matched the value ${value}`,
      };
    }
    return {
      routedTo: { kind: decision.destination, option: decision.option },
      reason: `row ${decision.row} matched the value ${value ?? ''} (${decisionText(decision)})`,
    };
  }

  private record(
    input: RouteInput,
    result: CrmResult | null,
    routedTo: RouteTo,
    reason: string,
    started: number,
    method: 'GET' | 'POST',
    url: string,
  ): RoutingLogEntry {
    const entry: RoutingLogEntry = {
      time: this.now().toISOString(),
      rule: input.ruleKey,
      location: input.location,
      entry: input.entry,
      telephonySessionId: input.telephonySessionId ?? null,
      caller: input.caller,
      dtmf: input.dtmf,
      method,
      url,
      status: result?.ok ? result.status : null,
      error: result === null ? null : result.ok ? (result.headers['x-crm-routing-error'] ?? null) : result.reason,
      answer: result?.ok && result.status === 200 ? result.body.slice(0, 255) : null,
      routedTo,
      reason,
      durationMs: Date.now() - started,
    };
    this.entries.push(entry);
    if (this.entries.length > MAX_LOG) this.entries.shift();
    this.options.log?.(
      `crm routing ${input.ruleKey} (${input.location} ${input.entry}, caller ${input.caller}${input.dtmf ? `, dtmf ${input.dtmf}` : ''}): ${routedTo.kind} ${routedTo.option} — ${reason}`,
    );
    return entry;
  }
}

function defaultOf(rule: SeedCrmRule): RouteTo {
  return { kind: rule.isVoicemail === 'Yes' ? 'voicemail' : 'default', option: rule.defaultDestination };
}
