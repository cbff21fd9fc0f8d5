/**
 * The part of Visualforce JavaScript remoting the softphone uses (`Visualforce.remoting.Manager`), as the
 * Visualforce Developer Guide documents it: `invokeAction(action, ...args, callback(result, event), options)`.
 * `event.status` is `false` for exceptions and transport failures; `event.type` is `'rpc'` or `'exception'`.
 * @public
 */
export interface VisualforceRemotingManager {
  invokeAction(action: string, ...argsCallbackAndOptions: unknown[]): void;
}

/** The `event` argument of a remoting callback. @public */
export interface RemotingEvent {
  readonly status: boolean;
  readonly type?: string;
  readonly message?: string;
  readonly where?: string;
  readonly statusCode?: number;
  readonly action?: string;
  readonly method?: string;
}

/** Options passed to every `invokeAction` (contract: `{buffer: false, escape: false, timeout: 30000}`). @public */
export interface RemotingOptions {
  readonly buffer: boolean;
  readonly escape: boolean;
  readonly timeout: number;
}
