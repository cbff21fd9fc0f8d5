/**
 * States of the RingCentral login of the softphone.
 *
 * ```
 *               restore / login                      renewal failed (RingCentral 5xx/429, offline)
 *  logged-out ──────────────────► logging-in ──── success ───► logged-in ◄──────────────┐
 *      ▲                              │   │                      │  │  ▲                │ recovered
 *      ├──── failure / cancelled ─────┘   └──── renewal failed ──┼──┼──┼─► reconnecting ┤ (retry with backoff)
 *      ├──── refused (invalid_grant) / Salesforce session ended ─┘  │  └────────────────┘
 *      │                                                            ▼ logout (also from reconnecting)
 *      └──────────────────────────────────────────────────────  logging-out
 * ```
 * @public
 */
export type AuthStateName = 'logged-out' | 'logging-in' | 'logged-in' | 'reconnecting' | 'logging-out';

/**
 * Why the session is logged out: `initial` (never logged in / nothing stored), `logout` (the agent logged out, here or
 * in another tab), `refresh-failed` (RingCentral refused the refresh: the sign-in expired or was revoked),
 * `session-ended` (the sign-in belongs to an earlier Salesforce login: Salesforce logout ends it), `login-failed`
 * (token request refused), `login-cancelled` (the popup was closed or blocked).
 * @public
 */
export type LoggedOutReason =
  'initial' | 'logout' | 'refresh-failed' | 'session-ended' | 'login-failed' | 'login-cancelled';

/** The session state as published by the `state` event. @public */
export type AuthState =
  | { readonly name: 'logged-out'; readonly reason: LoggedOutReason; readonly message?: string }
  | { readonly name: 'logging-in' }
  | { readonly name: 'logged-in'; readonly ownerId: string | null }
  | {
      readonly name: 'reconnecting';
      readonly ownerId: string | null;
      /** Failed renewals so far (1 = the first failure). */
      readonly attempt: number;
      /** When the next attempt runs, epoch milliseconds. */
      readonly retryAt: number;
      /** Why the last attempt failed, for the agent. */
      readonly message: string;
    }
  | { readonly name: 'logging-out' };

/** Allowed transitions (guard of {@link AuthState} changes). @internal */
export const AUTH_TRANSITIONS: Readonly<Record<AuthStateName, readonly AuthStateName[]>> = {
  'logged-out': ['logging-in'],
  'logging-in': ['logged-in', 'logged-out', 'reconnecting'],
  'logged-in': ['logging-out', 'logged-out', 'reconnecting'],
  reconnecting: ['reconnecting', 'logged-in', 'logged-out', 'logging-out'],
  'logging-out': ['logged-out'],
};

/** Thrown on a transition the machine does not allow (a programming error). @public */
export class AuthTransitionError extends Error {
  override readonly name = 'AuthTransitionError';
  constructor(
    readonly from: AuthStateName,
    readonly to: AuthStateName,
  ) {
    super(`RingCentral session cannot go from ${from} to ${to}`);
  }
}

/**
 * What a sign-in click says when the sign-in is not ready to open its popup within the click's task: the PKCE challenge
 * computed ahead, the SDK's chunk or the sign-in paths' chunk (ADR 0018) not there yet, or their load failed (the click
 * requests them again). Nothing is stored or sent; the next click works. @public
 */
export const PKCE_NOT_READY_MESSAGE =
  'The RingCentral sign-in is not ready yet (its security code is still being prepared). Click Sign in again.';
