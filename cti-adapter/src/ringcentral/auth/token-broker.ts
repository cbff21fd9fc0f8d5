/**
 * The server that holds the agent's RingCentral refresh token for the softphone: the package's Apex (remote actions
 * `exchangeRingCentralCode`, `refreshRingCentralToken`, `revokeRingCentralToken`; contract
 * `docs/contracts/softphone-remote-api.md`, decision ADR 0016). The browser gets an access token and an opaque
 * `sealed` credential; it never sees a refresh token. Implemented over Visualforce remoting by the Salesforce layer
 * (`RemotingTokenBroker`) and, in the harness, by the org stand-in behind that same remoting.
 * @public
 */
export interface TokenBroker {
  /** Exchanges the authorization code of the PKCE popup. Rejects with {@link TokenBrokerError}. */
  exchangeCode(request: ExchangeCodeRequest): Promise<BrokeredToken>;
  /**
   * An access token for a sealed credential: the sealed one while it has more than 2 minutes left and `force` is
   * false, else a refreshed one with a new sealed value. Rejects with {@link TokenBrokerError}.
   */
  refresh(request: { readonly sealed: string; readonly force: boolean }): Promise<BrokeredToken>;
  /** Revokes the credential at RingCentral; `revoked` is false when RingCentral did not confirm. Never rejects for RingCentral's answer. */
  revoke(request: { readonly sealed: string }): Promise<{ readonly revoked: boolean }>;
}

/** What the softphone sends to finish a sign-in. @public */
export interface ExchangeCodeRequest {
  readonly server: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly code: string;
  /** The PKCE `code_verifier` of the authorize request (RFC 7636). */
  readonly codeVerifier: string;
}

/** An access token as the broker hands it out (contract `AccessGrant`). @public */
export interface AccessGrant {
  readonly accessToken: string;
  readonly tokenType: string;
  /** Seconds the access token stays valid from the answer. */
  readonly expiresIn: number;
  /** RingCentral extension id of the signed-in user. */
  readonly ownerId: string | null;
  readonly scope: string | null;
  /** Seconds the sealed refresh token stays valid. */
  readonly refreshExpiresIn: number | null;
}

/** The broker's answer: the access token and the sealed credential that replaces the stored one. @public */
export interface BrokeredToken {
  readonly token: AccessGrant;
  readonly sealed: string;
}

/**
 * Why the broker gave no token:
 * - `unavailable`: RingCentral or Salesforce could not be reached, or answered 5xx/408/429 — the sign-in is kept; retry
 *   later (`retryAfterSeconds` after a 429);
 * - `refused`: RingCentral refused the grant (`invalid_grant`: revoked, used, expired) — sign in again;
 * - `session-ended`: the sealed credential belongs to another Salesforce login or user, or cannot be opened — sign in again;
 * - `invalid`: the request was refused as malformed (`INVALID_INPUT`, a defect or a bad configuration).
 * @public
 */
export type TokenBrokerErrorKind = 'unavailable' | 'refused' | 'session-ended' | 'invalid';

/** A failed broker call; `message` is meant for the agent. @public */
export class TokenBrokerError extends Error {
  override readonly name = 'TokenBrokerError';

  constructor(
    readonly kind: TokenBrokerErrorKind,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }

  /** Whether the sign-in is gone (sign in again) rather than temporarily unreachable. */
  get endsSignIn(): boolean {
    return this.kind === 'refused' || this.kind === 'session-ended';
  }
}
