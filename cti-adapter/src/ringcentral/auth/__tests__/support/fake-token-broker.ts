import {
  TokenBrokerError,
  type BrokeredToken,
  type ExchangeCodeRequest,
  type TokenBroker,
  type TokenBrokerErrorKind,
} from '../../token-broker';

/**
 * The package's Apex token endpoints and RingCentral behind them, in memory, as the contract describes them:
 * `sealed` values are opaque versions (`sealed-1`, `sealed-2`…); a refresh spends the sealed refresh token
 * (RingCentral refresh tokens are single use), so refreshing an older version is `refused`; a non-forced refresh
 * whose access token still has time returns it without asking RingCentral. `ringCentralRefreshes` counts the refreshes
 * RingCentral performed, `failNext` queues failures of the next RingCentral calls.
 */
export class FakeTokenBroker implements TokenBroker {
  /** Access tokens RingCentral currently accepts. */
  readonly validTokens = new Set<string>();
  readonly exchanges: ExchangeCodeRequest[] = [];
  readonly refreshes: { sealed: string; force: boolean }[] = [];
  readonly revoked: string[] = [];
  ringCentralRefreshes = 0;
  refusedRefreshes = 0;
  private version = 0;
  private current: string | null = null;
  private access = '';
  private readonly failures: TokenBrokerError[] = [];

  constructor(private readonly expiresIn = 3600) {}

  /** The next RingCentral calls fail with these (`unavailable` with a Retry-After, `refused`, …). */
  failNext(kind: TokenBrokerErrorKind, message: string, retryAfterSeconds: number | null = null, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(new TokenBrokerError(kind, message, retryAfterSeconds));
  }

  /** RingCentral stops accepting the current access token (it expired early or was revoked). */
  expireAccessToken(): void {
    this.validTokens.delete(this.access);
  }

  exchangeCode(request: ExchangeCodeRequest): Promise<BrokeredToken> {
    this.exchanges.push(request);
    const failure = this.failures.shift();
    if (failure) return Promise.reject(failure);
    return Promise.resolve(this.rotate());
  }

  refresh(request: { readonly sealed: string; readonly force: boolean }): Promise<BrokeredToken> {
    this.refreshes.push({ ...request });
    if (request.sealed !== this.current && !request.sealed.startsWith('sealed-')) {
      return Promise.reject(
        new TokenBrokerError('session-ended', 'The saved RingCentral sign-in cannot be used here.'),
      );
    }
    if (!request.force && request.sealed === this.current && this.validTokens.has(this.access)) {
      return Promise.resolve({ sealed: this.current, token: this.grant() });
    }
    const failure = this.failures.shift();
    if (failure) return Promise.reject(failure);
    if (request.sealed !== this.current) {
      this.refusedRefreshes += 1;
      return Promise.reject(
        new TokenBrokerError(
          'refused',
          'RingCentral ended the sign-in (Token is revoked). Sign in to RingCentral again.',
        ),
      );
    }
    this.ringCentralRefreshes += 1;
    return Promise.resolve(this.rotate());
  }

  revoke(request: { readonly sealed: string }): Promise<{ readonly revoked: boolean }> {
    this.revoked.push(request.sealed);
    const failure = this.failures.shift();
    if (failure) return Promise.reject(failure);
    this.validTokens.clear();
    this.current = null;
    return Promise.resolve({ revoked: true });
  }

  private rotate(): BrokeredToken {
    this.version += 1;
    this.validTokens.delete(this.access);
    this.current = `sealed-${this.version}`;
    this.access = `access-${this.version}`;
    this.validTokens.add(this.access);
    return { sealed: this.current, token: this.grant() };
  }

  private grant(): BrokeredToken['token'] {
    return {
      accessToken: this.access,
      tokenType: 'bearer',
      expiresIn: this.expiresIn,
      ownerId: '62264101',
      scope: 'VoipCalling',
      refreshExpiresIn: 604800,
    };
  }
}

/**
 * `fetch` of a RingCentral REST API that accepts the broker's valid access tokens: `GET …/extension/~` answers
 * `{id}` or 401 `TokenInvalid` (what the SDK answers with a renewal and one retry).
 */
export function restFetch(
  broker: FakeTokenBroker,
  seen: string[] = [],
  /** Runs before the answer to the n-th request (0-based) is given; may hold it back. */
  beforeAnswer: (token: string, n: number) => Promise<void> = () => Promise.resolve(),
): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    // The SDK passes its own Request object (whatever fetch implementation it was built with): read its header.
    const headers = (input as { headers?: { get(name: string): string | null } }).headers ?? new Headers(init?.headers);
    const token = (headers.get('authorization') ?? '').replace(/^bearer\s+/i, '');
    seen.push(token);
    const valid = broker.validTokens.has(token);
    await beforeAnswer(token, seen.length - 1);
    if (!valid) {
      return new Response(JSON.stringify({ errorCode: 'TokenInvalid', message: 'Token not found' }), {
        status: 401,
        headers: { 'Content-Type': 'application/json' },
      });
    }
    return new Response(JSON.stringify({ id: 62264101 }), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  }) as typeof fetch;
}
