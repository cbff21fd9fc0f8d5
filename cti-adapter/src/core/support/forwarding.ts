/** The base of a {@link forwarding} class. @public */
export abstract class Forwarding<T> {
  /** The object the forwarded methods call now; throw to reject the call (e.g. "not ready"). */
  protected abstract forwardTarget(): T;
}

/**
 * A base class whose methods `names` call the method of the same name on {@link Forwarding.forwardTarget}'s result,
 * with the same arguments, and return what it returns: for an adapter that adds one concern to an interface
 * (readiness, a table of pass-through commands) without restating every method by hand. When `forwardTarget()`
 * throws, the method returns a rejected promise (meant for interfaces of promise-returning methods).
 *
 * @example
 * ```ts
 * class Deferred extends forwarding<Port, 'answer' | 'hangup'>(['answer', 'hangup']) {
 *   protected forwardTarget(): Port { … }
 * }
 * ```
 * @public
 */
export function forwarding<T extends object, K extends keyof T>(
  names: readonly K[],
): abstract new () => Forwarding<T> & Pick<T, K> {
  abstract class Forwarder extends Forwarding<T> {
    static {
      for (const name of names) {
        Object.defineProperty(this.prototype, name, {
          configurable: true,
          writable: true,
          value(this: Forwarder, ...args: unknown[]): unknown {
            let target: T;
            try {
              target = this.forwardTarget();
            } catch (error) {
              return Promise.reject(error);
            }
            return (target[name] as (...a: unknown[]) => unknown).apply(target, args);
          },
        });
      }
    }
  }
  return Forwarder as unknown as abstract new () => Forwarding<T> & Pick<T, K>;
}
