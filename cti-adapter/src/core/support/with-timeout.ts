import type { Clock } from '../ports/clock';

/**
 * Settles with `promise`, or with `fallback` when `promise` has not settled within `ms` milliseconds of `clock`
 * (the timer is cleared when it settles first). Used for the platform answers the web phone waits for without a
 * limit of its own (REGISTER, the CANCEL that confirms a decline, JSON INFO results, unregister) and for the reads that
 * wait for the start to be over, at most a bound (caller ids and presence, calls already ringing; ADR 0018).
 * @public
 */
export function withTimeout<T, F>(clock: Clock, promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  return new Promise<T | F>((resolve, reject) => {
    const handle = clock.setTimeout(() => resolve(fallback), ms);
    promise.then(
      (value) => {
        clock.clearTimeout(handle);
        resolve(value);
      },
      (error: unknown) => {
        clock.clearTimeout(handle);
        reject(error);
      },
    );
  });
}
