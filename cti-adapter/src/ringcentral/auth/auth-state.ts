/**
 * States of the RingCentral login of the softphone.
 *
 * ```
 *               restore / login
 *  logged-out ──────────────────► logging-in ──── success ───► logged-in
 *      ▲                              │                           │  │
 *      └──── failure / cancelled ─────┘                           │  │ logout
 *      ▲                                                          │  ▼
 *      ├──────────── refresh failed (token revoked / expired) ────┘ logging-out
 *      └─────────────────────────── revoked ───────────────────────────┘
 * ```
 * @public
 */
export type AuthStateName = 'logged-out' | 'logging-in' | 'logged-in' | 'logging-out';

/**
 * Why the session is logged out: `initial` (never logged in / nothing stored), `logout` (the agent logged out),
 * `refresh-failed` (the SDK's `refreshError`: refresh token expired or revoked), `login-failed` (token request
 * refused), `login-cancelled` (the popup was closed or blocked).
 * @public
 */
export type LoggedOutReason = 'initial' | 'logout' | 'refresh-failed' | 'login-failed' | 'login-cancelled';

/** The session state as published by the `state` event. @public */
export type AuthState =
  | { readonly name: 'logged-out'; readonly reason: LoggedOutReason; readonly message?: string }
  | { readonly name: 'logging-in' }
  | { readonly name: 'logged-in'; readonly ownerId: string | null }
  | { readonly name: 'logging-out' };

/** Allowed transitions (guard of {@link AuthState} changes). @internal */
export const AUTH_TRANSITIONS: Readonly<Record<AuthStateName, readonly AuthStateName[]>> = {
  'logged-out': ['logging-in'],
  'logging-in': ['logged-in', 'logged-out'],
  'logged-in': ['logging-out', 'logged-out'],
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
