import { randomBytes } from 'node:crypto';

/** An issued access token. */
export interface AccessToken {
  token: string;
  extensionId: string;
  clientId: string;
  /** Milliseconds since epoch. */
  expiresAt: number;
  refreshToken: string;
  endpointId: string;
  revoked: boolean;
}

/** An issued refresh token. */
export interface RefreshToken {
  token: string;
  extensionId: string;
  clientId: string;
  expiresAt: number;
  endpointId: string;
  /** The access token issued with it (revoked together). */
  accessToken: string;
  used: boolean;
  revoked: boolean;
}

/** A pending authorization code (PKCE). */
export interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  extensionId: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  expiresAt: number;
}

/** A WebSocket token from `POST /restapi/oauth/wstoken`. */
export interface WsToken {
  token: string;
  extensionId: string;
  clientId: string;
  expiresAt: number;
}

/** Outcome of checking a bearer token. */
export type TokenCheck = { ok: true; token: AccessToken } | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

/**
 * Tokens, refresh tokens, authorization codes and WebSocket tokens, all opaque random strings.
 * Refresh rotates: a used refresh token is invalid afterwards (RingCentral behaviour), and revoking either token
 * of a pair revokes both (`POST /restapi/oauth/revoke`).
 */
export class TokenStore {
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly wsTokens = new Map<string, WsToken>();
  private readonly requests = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Issues an access + refresh pair. TTLs in seconds. */
  issue(input: { extensionId: string; clientId: string; accessTtl: number; refreshTtl: number; endpointId?: string }): {
    access: AccessToken;
    refresh: RefreshToken;
  } {
    const time = this.now();
    const endpointId = input.endpointId ?? randomBytes(12).toString('base64url');
    const accessToken = `U0lNMDFQMDFQQVMwMHxB${randomBytes(30).toString('base64url')}`;
    const refreshToken = `U0lNMDFQMDFQQVMwMHxS${randomBytes(30).toString('base64url')}`;
    const access: AccessToken = {
      token: accessToken,
      extensionId: input.extensionId,
      clientId: input.clientId,
      expiresAt: time + input.accessTtl * 1000,
      refreshToken,
      endpointId,
      revoked: false,
    };
    const refresh: RefreshToken = {
      token: refreshToken,
      extensionId: input.extensionId,
      clientId: input.clientId,
      expiresAt: time + input.refreshTtl * 1000,
      endpointId,
      accessToken,
      used: false,
      revoked: false,
    };
    this.access.set(accessToken, access);
    this.refresh.set(refreshToken, refresh);
    return { access, refresh };
  }

  check(token: string): TokenCheck {
    const found = this.access.get(token);
    if (!found) return { ok: false, reason: 'unknown' };
    if (found.revoked) return { ok: false, reason: 'revoked' };
    if (found.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, token: found };
  }

  /** Validates and consumes a refresh token (rotation). */
  useRefresh(token: string, clientId: string): RefreshToken | 'invalid' | 'expired' {
    const found = this.refresh.get(token);
    if (!found || found.revoked || found.used || found.clientId !== clientId) return 'invalid';
    if (found.expiresAt <= this.now()) return 'expired';
    found.used = true;
    const access = this.access.get(found.accessToken);
    if (access) access.revoked = true;
    return found;
  }

  /** Revokes an access or refresh token and its pair. Returns false when the token is unknown. */
  revoke(token: string): boolean {
    const access = this.access.get(token);
    const refresh = this.refresh.get(token) ?? (access ? this.refresh.get(access.refreshToken) : undefined);
    if (!access && !refresh) return false;
    if (access) access.revoked = true;
    if (refresh) {
      refresh.revoked = true;
      const pair = this.access.get(refresh.accessToken);
      if (pair) pair.revoked = true;
    }
    for (const [key, ws] of this.wsTokens) {
      if (access && ws.extensionId === access.extensionId && ws.clientId === access.clientId) this.wsTokens.delete(key);
    }
    return true;
  }

  /** Expires every live access token now (control fault `expire-tokens`). Returns how many. */
  expireAll(): number {
    const time = this.now();
    let count = 0;
    for (const token of this.access.values()) {
      if (!token.revoked && token.expiresAt > time) {
        token.expiresAt = time - 1;
        count++;
      }
    }
    return count;
  }

  /** Live (unexpired, unrevoked) access tokens. */
  /**
   * Counts a request to the token endpoint by grant type (`authorization_code`, `refresh_token`, the JWT grant…),
   * granted or refused (an injected fault answers before it is counted), for tests and `/state`.
   */
  countTokenRequest(grantType: string): void {
    this.requests.set(grantType, (this.requests.get(grantType) ?? 0) + 1);
  }

  /** Token requests so far with `grantType` (granted or refused). */
  tokenRequestCount(grantType: string): number {
    return this.requests.get(grantType) ?? 0;
  }

  /** Token requests per grant type. */
  tokenRequestCounts(): Record<string, number> {
    return Object.fromEntries(this.requests);
  }

  /** Every access and refresh token issued so far (live or not): what must never show up in clear in a browser. */
  issuedTokens(): string[] {
    return [...this.access.keys(), ...this.refresh.keys()];
  }

  liveCount(): number {
    const time = this.now();
    return [...this.access.values()].filter((t) => !t.revoked && t.expiresAt > time).length;
  }

  createCode(input: Omit<AuthorizationCode, 'code' | 'expiresAt'>, ttlSeconds = 60): AuthorizationCode {
    const code: AuthorizationCode = {
      ...input,
      code: randomBytes(24).toString('base64url'),
      expiresAt: this.now() + ttlSeconds * 1000,
    };
    this.codes.set(code.code, code);
    return code;
  }

  /** Takes a code (single use). */
  takeCode(code: string): AuthorizationCode | undefined {
    const found = this.codes.get(code);
    this.codes.delete(code);
    if (!found || found.expiresAt <= this.now()) return undefined;
    return found;
  }

  issueWsToken(input: { extensionId: string; clientId: string; ttl: number }): WsToken {
    const ws: WsToken = {
      ...input,
      token: randomBytes(30).toString('base64url'),
      expiresAt: this.now() + input.ttl * 1000,
    };
    this.wsTokens.set(ws.token, ws);
    return ws;
  }

  checkWsToken(token: string): WsToken | undefined {
    const found = this.wsTokens.get(token);
    if (!found || found.expiresAt <= this.now()) return undefined;
    return found;
  }
}
