/** Removes the listener it was returned for. @public */
export type Unsubscribe = () => void;

/**
 * Minimal typed event emitter: `EventMap` maps an event name to its payload type.
 * Listener errors are isolated (reported to `onListenerError`, default `console.error`) so one faulty
 * listener cannot break the emitter's caller.
 * @public
 */
export class TypedEmitter<EventMap extends object> {
  private readonly listeners = new Map<keyof EventMap, Set<(event: never) => void>>();

  constructor(private readonly onListenerError: (error: unknown) => void = (error) => console.error(error)) {}

  on<K extends keyof EventMap>(type: K, listener: (event: EventMap[K]) => void): Unsubscribe {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    const fn = listener as (event: never) => void;
    set.add(fn);
    return () => {
      set.delete(fn);
    };
  }

  emit<K extends keyof EventMap>(type: K, event: EventMap[K]): void {
    const set = this.listeners.get(type);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as (event: EventMap[K]) => void)(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  listenerCount(type: keyof EventMap): number {
    return this.listeners.get(type)?.size ?? 0;
  }
}
