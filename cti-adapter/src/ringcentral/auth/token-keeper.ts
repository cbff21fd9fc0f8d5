import type { KeyValueStore } from '../../core/ports/key-value-store';
import { TokenBrokerError, type AccessGrant, type ExchangeCodeRequest, type TokenBroker } from './token-broker';
import { sealedCredentialKey, tokenLockName } from './token-storage';

/**
 * The part of the W3C Web Locks API the keeper uses (`navigator.locks`): `request(name, callback)` runs `callback`
 * once no other tab or worker of the origin holds the lock `name`, and resolves with its result.
 * @public
 */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
  /** With `ifAvailable`: `callback(null)` at once when another holder has the lock (W3C Web Locks, `ifAvailable`). */
  request<T>(name: string, options: { ifAvailable: true }, callback: (lock: object | null) => Promise<T>): Promise<T>;
}

/** @public */
export interface TokenKeeperOptions {
  readonly broker: TokenBroker;
  /** Where the sealed credential is kept (the browser's `localStorage` wrapper in the app). */
  readonly store: KeyValueStore;
  readonly orgId: string;
  readonly userId: string;
  /**
   * Cross-tab locks (default `navigator.locks` when the browser has them). Without them the keeper still makes one
   * renewal at a time inside this tab, and a refused refresh is retried once with a sealed value another tab stored.
   */
  readonly locks?: LockManagerLike | null;
  /**
   * Waits `ms` (default `setTimeout`): the pause between two reads of the stored value while a write of another tab
   * may still be on its way to this one ({@link STALE_READ_WAIT_MS}).
   */
  readonly pause?: (ms: number) => Promise<void>;
}

/** How long a renewal that waited for another tab watches for that tab's new sealed value to arrive, ms. */
export const STALE_READ_WAIT_MS = 1500;
const STALE_READ_POLL_MS = 50;

/**
 * Keeps the agent's sealed RingCentral credential (ADR 0016) and turns it into access tokens through the
 * {@link TokenBroker}: one `localStorage` entry per org and user ({@link sealedCredentialKey}) holding only the sealed
 * value; access tokens stay in the caller's memory.
 *
 * Renewal is single-flight across tabs: it runs under the Web Lock {@link tokenLockName}; inside it the keeper re-reads
 * the stored value, and when another tab rotated it meanwhile it asks without `force` and gets that tab's fresh access
 * token without a RingCentral call. Two tabs therefore never spend one refresh token twice (RingCentral refresh tokens
 * are single use: RingCentral Developer Guide, "Using access tokens").
 * @public
 */
export class TokenKeeper {
  private readonly key: string;
  private readonly lockName: string;
  private readonly locks: LockManagerLike;
  /** The sealed value the caller's current access token came from. */
  private lastSealed: string | null = null;

  constructor(private readonly options: TokenKeeperOptions) {
    this.key = sealedCredentialKey(options.orgId, options.userId);
    this.lockName = tokenLockName(options.orgId, options.userId);
    this.locks = options.locks === undefined ? (browserLocks() ?? inTabLocks()) : (options.locks ?? inTabLocks());
  }

  /** Whether a sealed credential is stored (a sign-in to restore). */
  hasCredential(): boolean {
    return this.stored() !== null;
  }

  /** Finishes a sign-in: exchanges the code and stores the sealed credential. */
  async signIn(request: ExchangeCodeRequest): Promise<AccessGrant> {
    const answer = await this.options.broker.exchangeCode(request);
    return this.locks.request(this.lockName, () => Promise.resolve(this.keep(answer.sealed, answer.token)));
  }

  /**
   * An access token for the stored credential. `rejected`: the current access token was refused (HTTP 401), so the
   * broker must refresh unless another tab already did.
   * @throws TokenBrokerError `session-ended` when nothing is stored (signed out in another tab), else the broker's error;
   * a credential that ends the sign-in is removed.
   */
  renew(options: { rejected: boolean }): Promise<AccessGrant> {
    return this.locks.request(this.lockName, { ifAvailable: true }, (lock) =>
      lock
        ? this.renewHolding(options.rejected, false)
        : this.locks.request(this.lockName, () => this.renewHolding(options.rejected, true)),
    );
  }

  /**
   * One renewal, holding the lock. `waited`: another tab held the lock first and has most likely just rotated the
   * credential, but this tab may not see the new sealed value yet: Chromium hands a `localStorage` write to the other
   * tabs of the origin asynchronously, while the lock is granted on another path. Forcing a refresh with the old value
   * would spend the refresh token that tab already spent. So when the stored value still looks like the one whose
   * access token was refused, the renewal watches it for up to {@link STALE_READ_WAIT_MS} first, and forces a refresh
   * only when no newer value arrives (that tab's renewal failed or did not rotate).
   */
  private async renewHolding(rejected: boolean, waited: boolean): Promise<AccessGrant> {
    let sealed = this.stored();
    if (rejected && waited && sealed !== null && sealed === this.lastSealed) sealed = await this.newerStored(sealed);
    if (sealed === null) {
      throw new TokenBrokerError('session-ended', 'You signed out of RingCentral in another tab. Sign in again.');
    }
    const force = rejected && sealed === this.lastSealed;
    try {
      const answer = await this.options.broker.refresh({ sealed, force });
      return this.keep(answer.sealed, answer.token);
    } catch (error) {
      return this.afterFailure(error, sealed);
    }
  }

  /** Sign-out: revokes the credential at RingCentral (through the broker) and removes it, even when that fails. */
  async signOut(): Promise<{ revoked: boolean; error?: unknown }> {
    return this.locks.request(this.lockName, async () => {
      const sealed = this.stored();
      this.forget();
      if (sealed === null) return { revoked: false };
      try {
        return { revoked: (await this.options.broker.revoke({ sealed })).revoked };
      } catch (error) {
        return { revoked: false, error };
      }
    });
  }

  /** Removes the stored credential without revoking it. */
  forget(): void {
    this.options.store.remove(this.key);
    this.lastSealed = null;
  }

  /** The stored value once it differs from `seen` (or `null` when removed), else `seen` after the wait. */
  private async newerStored(seen: string): Promise<string | null> {
    const pause = this.options.pause ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    for (let waited = 0; waited < STALE_READ_WAIT_MS; waited += STALE_READ_POLL_MS) {
      await pause(STALE_READ_POLL_MS);
      const now = this.stored();
      if (now !== seen) return now;
    }
    return seen;
  }

  private async afterFailure(error: unknown, sent: string): Promise<AccessGrant> {
    if (!(error instanceof TokenBrokerError) || !error.endsSignIn) throw error;
    const now = this.stored();
    if (now !== null && now !== sent) {
      // Another tab rotated the credential while this one asked with the old value (no Web Locks): use the new one.
      const answer = await this.options.broker.refresh({ sealed: now, force: false });
      return this.keep(answer.sealed, answer.token);
    }
    if (now === sent) this.forget();
    throw error;
  }

  private keep(sealed: string, token: AccessGrant): AccessGrant {
    if (this.stored() !== sealed) this.options.store.set(this.key, sealed);
    this.lastSealed = sealed;
    return token;
  }

  private stored(): string | null {
    const value = this.options.store.get(this.key);
    return value ? value : null;
  }
}

function browserLocks(): LockManagerLike | null {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  return locks && typeof locks.request === 'function' ? locks : null;
}

/** One holder at a time inside this tab (when the browser has no Web Locks); `ifAvailable` as in Web Locks. */
export function inTabLocks(): LockManagerLike {
  const tails = new Map<string, Promise<unknown>>();
  const waiting = new Map<string, number>();
  const request = <T>(
    name: string,
    callback: (lock: object | null) => Promise<T>,
    ifAvailable: boolean,
  ): Promise<T> => {
    if (ifAvailable && (waiting.get(name) ?? 0) > 0) return callback(null);
    waiting.set(name, (waiting.get(name) ?? 0) + 1);
    const held = (): Promise<T> =>
      callback({ name }).finally(() => {
        waiting.set(name, (waiting.get(name) ?? 1) - 1);
      });
    const run = (tails.get(name) ?? Promise.resolve()).then(held, held);
    tails.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  };
  return {
    request<T>(
      name: string,
      second: { ifAvailable: true } | (() => Promise<T>),
      third?: (lock: object | null) => Promise<T>,
    ): Promise<T> {
      return typeof second === 'function' ? request(name, second, false) : request(name, third!, true);
    },
  };
}
