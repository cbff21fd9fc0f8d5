import type { SipIdentity } from './sip-model-port';

/**
 * In-memory SIP registrar with RingCentral's per-user limit. A registration is keyed by the identity (extension id
 * or external number) and the client's `+sip.instance` (the web phone sends `<urn:uuid:{instanceId}>`; a re-REGISTER
 * with the same instance refreshes rather than adds, which is why RingCentral tells web-phone users to pass a fixed
 * `instanceId`). The sixth distinct live instance of one identity is refused with `603 Too Many Contacts`, the
 * status the platform sends (ringcentral-web-phone issue #374, ringcentral-call-js issue #60); web phone 2.5.4 then
 * rejects `start()` with `Error("Registration failed: SIP/2.0 603 Too Many Contacts")`.
 */
export interface Registration<C> {
  readonly identity: SipIdentity;
  readonly instanceId: string;
  /** The connection (WebSocket wrapper) to send INVITEs to. */
  readonly connection: C;
  /** Epoch ms after which the registration is stale. */
  expiresAt: number;
  /** Epoch ms of the REGISTER that created it. */
  readonly registeredAt: number;
  /** Epoch ms of the latest accepted REGISTER (the first one, or the latest refresh). */
  refreshedAt: number;
  /** Accepted REGISTERs for it: 1 when created, +1 per refresh (re-REGISTER of the same instance). */
  registers: number;
}

export type RegisterOutcome<C> =
  | { ok: true; registration: Registration<C>; grantedExpires: number }
  | { ok: false; status: 603; reason: 'Too Many Contacts' };

export interface RegistrarOptions {
  /** Most live registrations per identity (RingCentral: 5). */
  maxPerIdentity?: number;
  /** Largest expiry granted, seconds (RingCentral grants at most 60, see web-phone PR #399). */
  maxExpiresSeconds?: number;
  now?: () => number;
}

export class Registrar<C> {
  private readonly byKey = new Map<string, Registration<C>[]>();
  private readonly maxPerIdentity: number;
  private readonly maxExpiresSeconds: number;
  private readonly now: () => number;

  constructor(options: RegistrarOptions = {}) {
    this.maxPerIdentity = options.maxPerIdentity ?? 5;
    this.maxExpiresSeconds = options.maxExpiresSeconds ?? 60;
    this.now = options.now ?? Date.now;
  }

  /**
   * Adds or refreshes a registration; `requestedExpires` 0 removes it (then `grantedExpires` is 0).
   * Expired entries are purged first, so a phone that vanished without unregistering frees its slot after expiry.
   */
  register(identity: SipIdentity, instanceId: string, connection: C, requestedExpires: number): RegisterOutcome<C> {
    const list = this.live(identity.key);
    const existing = list.find((r) => r.instanceId === instanceId);
    if (requestedExpires <= 0) {
      this.byKey.set(
        identity.key,
        list.filter((r) => r !== existing),
      );
      const now = this.now();
      const registration = existing ?? {
        identity,
        instanceId,
        connection,
        expiresAt: now,
        registeredAt: now,
        refreshedAt: now,
        registers: 0,
      };
      return { ok: true, registration, grantedExpires: 0 };
    }
    const granted = Math.min(requestedExpires, this.maxExpiresSeconds);
    const now = this.now();
    if (existing) {
      existing.expiresAt = now + granted * 1000;
      existing.refreshedAt = now;
      existing.registers += 1;
      (existing as { connection: C }).connection = connection;
      return { ok: true, registration: existing, grantedExpires: granted };
    }
    if (list.length >= this.maxPerIdentity) return { ok: false, status: 603, reason: 'Too Many Contacts' };
    const registration: Registration<C> = {
      identity,
      instanceId,
      connection,
      expiresAt: now + granted * 1000,
      registeredAt: now,
      refreshedAt: now,
      registers: 1,
    };
    list.push(registration);
    this.byKey.set(identity.key, list);
    return { ok: true, registration, grantedExpires: granted };
  }

  /** Live registrations of an identity key (extension id or external number). */
  lookup(key: string): Registration<C>[] {
    return [...this.live(key)];
  }

  /** Drops every registration held by a connection (socket closed). */
  dropConnection(connection: C): number {
    let dropped = 0;
    for (const [key, list] of this.byKey) {
      const kept = list.filter((r) => r.connection !== connection);
      dropped += list.length - kept.length;
      this.byKey.set(key, kept);
    }
    return dropped;
  }

  /** All live registrations (for the control API / diagnostics). */
  all(): Registration<C>[] {
    return [...this.byKey.keys()].flatMap((key) => this.live(key));
  }

  private live(key: string): Registration<C>[] {
    const now = this.now();
    const list = (this.byKey.get(key) ?? []).filter((r) => r.expiresAt > now);
    this.byKey.set(key, list);
    return list;
  }
}
