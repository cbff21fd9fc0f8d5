import type { Unsubscribe } from '../support/typed-emitter';

/**
 * The one lock per browser and agent whose holder is the softphone's owner tab (W3C Web Locks API,
 * `navigator.locks.request`; implemented in `src/app/tabs/browser-tabs.ts`, faked in tests). The browser releases a
 * held lock when its tab closes **or crashes**, and grants it to the next tab waiting in line at once: take-over needs
 * no timeout or heartbeat.
 * @public
 */
export interface TabLockPort {
  /**
   * Takes the lock and keeps it until {@link TabLockPort.release} or the end of the tab. `wait: false` resolves
   * `false` at once when another tab holds it (Web Locks `ifAvailable`); `wait: true` waits in line and resolves
   * `true` once held (never `false`, unless released meanwhile).
   */
  hold(wait: boolean): Promise<boolean>;
  /** Gives the lock back (or leaves the line). */
  release(): void;
}

/**
 * The channel between the tabs of one agent (`BroadcastChannel`: delivered to every other tab of the origin with the
 * same name, never to the sender; messages of one sender arrive in order; structured clone, so only plain data).
 * @public
 */
export interface TabChannelPort {
  post(message: unknown): void;
  onMessage(listener: (data: unknown) => void): Unsubscribe;
  close(): void;
}

/** Whether the agent looks at this tab (Page Visibility API and the last `focus`/`pointerdown`). @public */
export interface TabAttention {
  readonly visible: boolean;
  /** Epoch ms of the last focus or click in the tab, 0 when never. */
  readonly focusedAt: number;
}

/** Where the tab learns the agent's attention (`document.visibilityState`, `focus` and `pointerdown`). @public */
export interface TabAttentionPort {
  current(): TabAttention;
  onChange(listener: (attention: TabAttention) => void): Unsubscribe;
}
