import type { TabLockPort } from '../../core/tabs/tab-ports';
import { tabNames } from '../../core/tabs/tab-names';

/** The part of the W3C Web Locks API used here (`navigator.locks`). */
interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<unknown>,
  ): Promise<unknown>;
}

/**
 * The owner lock over the Web Locks API (`navigator.locks.request(name, {ifAvailable}, callback)`): the callback's
 * promise stays pending while the tab holds the lock; the browser releases it when the tab closes or crashes and
 * grants it to the next request in line. {@link TabLockPort.release} settles the promise (or aborts the wait).
 * @public
 */
export class WebLocksTabLock implements TabLockPort {
  private releaseHeld: (() => void) | null = null;
  private waiting: AbortController | null = null;

  constructor(
    private readonly locks: LockManagerLike,
    private readonly name: string,
  ) {}

  hold(wait: boolean): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const abort = wait ? new AbortController() : null;
      this.waiting = abort;
      this.locks
        .request(this.name, wait ? { signal: abort!.signal } : { ifAvailable: true }, (lock) => {
          if (this.waiting === abort) this.waiting = null;
          if (!lock) {
            resolve(false);
            return Promise.resolve();
          }
          resolve(true);
          return new Promise<void>((release) => {
            this.releaseHeld = release;
          });
        })
        .catch(() => resolve(false)); // aborted while waiting
    });
  }

  release(): void {
    this.waiting?.abort();
    this.waiting = null;
    this.releaseHeld?.();
    this.releaseHeld = null;
  }
}

/** Whether this browser has what several tabs need (Web Locks and `BroadcastChannel`). @public */
export function browserHasTabs(): boolean {
  return (
    typeof BroadcastChannel === 'function' &&
    typeof navigator !== 'undefined' &&
    typeof (navigator as { locks?: unknown }).locks === 'object' &&
    (navigator as { locks?: unknown }).locks !== null
  );
}

/** The locks of this browser (only call when {@link browserHasTabs}). @public */
export function browserLocks(): LockManagerLike {
  return (navigator as unknown as { locks: LockManagerLike }).locks;
}

/**
 * The agent's owner lock in this browser (per org and user, {@link tabNames}), or `null` when the browser lacks Web
 * Locks or `BroadcastChannel` (then every tab runs its own softphone, as before ADR 0028).
 * @public
 */
export function ownerLock(ids: { readonly orgId: string; readonly userId: string }): WebLocksTabLock | null {
  return browserHasTabs() ? new WebLocksTabLock(browserLocks(), tabNames(ids.orgId, ids.userId).lock) : null;
}
