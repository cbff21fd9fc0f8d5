/** Kinds of injectable faults (control API `POST /faults`). */
export type FaultKind =
  'drop-sip' | 'drop-subscription' | 'rest-fail' | 'rest-delay' | 'expire-tokens' | 'sms-fail' | 'sip-proxy-outage';

/** A pending REST fault. */
export interface RestFault {
  kind: 'rest-fail' | 'rest-delay';
  /** Requests still to affect. */
  remaining: number;
  /** HTTP status for `rest-fail`. */
  status: number;
  /** Delay for `rest-delay`, milliseconds. */
  delayMs: number;
  /** Milliseconds since epoch after which the fault lapses unused. */
  expiresAt: number;
  /** Only paths starting with this prefix are affected (default `/restapi/`). */
  pathPrefix: string;
}

/** Limits that keep injected faults bounded in count and time. */
export const FAULT_LIMITS = {
  maxCount: 100,
  maxDelayMs: 30_000,
  /** An unused fault lapses after this long. */
  ttlMs: 5 * 60_000,
  maxPending: 20,
} as const;

/**
 * Pending REST faults, consumed one request at a time in the order they were added. Status codes are limited to
 * 400–599; counts to 1–100; delays to 0–30 000 ms; each fault lapses after 5 minutes.
 */
export class FaultPlan {
  private faults: RestFault[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Adds a REST fault.
   * @throws RangeError when a bound is violated (message names it).
   */
  addRestFault(input: {
    kind: 'rest-fail' | 'rest-delay';
    count?: number;
    status?: number;
    delayMs?: number;
    pathPrefix?: string;
  }): RestFault {
    const count = input.count ?? 1;
    if (!Number.isInteger(count) || count < 1 || count > FAULT_LIMITS.maxCount) {
      throw new RangeError(`count must be 1..${FAULT_LIMITS.maxCount}`);
    }
    const status = input.status ?? 503;
    if (input.kind === 'rest-fail' && (!Number.isInteger(status) || status < 400 || status > 599)) {
      throw new RangeError('status must be 400..599');
    }
    const delayMs = input.delayMs ?? 1000;
    if (
      input.kind === 'rest-delay' &&
      (!Number.isFinite(delayMs) || delayMs < 0 || delayMs > FAULT_LIMITS.maxDelayMs)
    ) {
      throw new RangeError(`delayMs must be 0..${FAULT_LIMITS.maxDelayMs}`);
    }
    this.prune();
    if (this.faults.length >= FAULT_LIMITS.maxPending)
      throw new RangeError(`at most ${FAULT_LIMITS.maxPending} pending faults`);
    const fault: RestFault = {
      kind: input.kind,
      remaining: count,
      status,
      delayMs,
      expiresAt: this.now() + FAULT_LIMITS.ttlMs,
      pathPrefix: input.pathPrefix ?? '/restapi/',
    };
    this.faults.push(fault);
    return fault;
  }

  /** Takes the fault for this request, if any: at most one delay and one failure apply per request. */
  take(pathname: string): { delayMs: number; failStatus?: number } {
    this.prune();
    let delayMs = 0;
    let failStatus: number | undefined;
    for (const fault of this.faults) {
      if (!pathname.startsWith(fault.pathPrefix) || fault.remaining <= 0) continue;
      if (fault.kind === 'rest-delay' && delayMs === 0) {
        delayMs = fault.delayMs;
        fault.remaining--;
      } else if (fault.kind === 'rest-fail' && failStatus === undefined) {
        failStatus = fault.status;
        fault.remaining--;
      }
    }
    this.prune();
    return failStatus === undefined ? { delayMs } : { delayMs, failStatus };
  }

  pending(): RestFault[] {
    this.prune();
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  private prune(): void {
    const now = this.now();
    this.faults = this.faults.filter((f) => f.remaining > 0 && f.expiresAt > now);
  }
}
