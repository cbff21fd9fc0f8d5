import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { PlatformContext } from '../http/platform-context';
import { RestError } from '../http/rest-error';
import type { RequestContext, RouteResult, Router } from '../http/router';
import type { SeedExtension, SeedOAuthClient } from '../seed/seed';
import { verifyJwtHs256 } from './jwt';
import { renderAuthorizePage } from './authorize-page';

/** Scopes granted to every token (RingCentral app permission names). */
export const GRANTED_SCOPE =
  'ReadAccounts ReadCallLog ReadMessages ReadPresence EditPresence CallControl RingOut SMS VoipCalling WebSocketsSubscriptions Contacts ReadCallRecording';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const LOOPBACK_REDIRECT = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?(\/[^?#]*)?$/;

/**
 * OAuth 2.0 endpoints as `@ringcentral/sdk` 5 uses them (`Platform.login`, `refresh`, `logout`, `loginUrl`):
 * - `GET/POST /restapi/oauth/authorize`: a minimal login page; on success 302 to `redirect_uri?code=…&state=…`.
 * - `POST /restapi/oauth/token`: grants `authorization_code` (+ PKCE S256 `code_verifier`), `refresh_token`
 *   (rotating), `urn:ietf:params:oauth:grant-type:jwt-bearer` (HS256 assertion, see `jwt.ts`) and `password`.
 * - `POST /restapi/oauth/revoke`: `token=` (access or refresh; both of the pair die).
 * - `POST /restapi/oauth/wstoken`: bearer → `{uri, ws_access_token, expires_in}` for subscriptions.
 * Client authentication: `Authorization: Basic b64(id:secret)` (confidential clients) or `client_id` in the body
 * (public clients), as the SDK sends them.
 */
export function registerOAuthRoutes(router: Router, ctx: PlatformContext): void {
  router.add('GET', '/restapi/oauth/authorize', (rc) => authorizeGet(rc, ctx));
  router.add('POST', '/restapi/oauth/authorize', (rc) => authorizePost(rc, ctx));
  router.add('POST', '/restapi/oauth/token', (rc) => token(rc, ctx));
  router.add('POST', '/restapi/oauth/revoke', (rc) => revoke(rc, ctx));
}

function clients(ctx: PlatformContext): SeedOAuthClient[] {
  return ctx.model.directory.seed.oauthClients;
}

function findClient(ctx: PlatformContext, clientId: string | undefined): SeedOAuthClient | undefined {
  return clientId ? clients(ctx).find((c) => c.clientId === clientId) : undefined;
}

/** Validates a redirect URI: a loopback origin with one of the client's registered paths. */
function redirectAllowed(client: SeedOAuthClient, redirectUri: string): boolean {
  const match = LOOPBACK_REDIRECT.exec(redirectUri);
  if (!match) return false;
  const path = match[3] ?? '/';
  return client.redirectUriPaths.some((p) => path === p || path.endsWith(p));
}

function authorizeParams(source: URLSearchParams | Record<string, unknown>): Record<string, string> {
  const keys = [
    'response_type',
    'client_id',
    'redirect_uri',
    'state',
    'code_challenge',
    'code_challenge_method',
    'login_hint',
    'prompt',
    'brand_id',
    'display',
    'ui_options',
    'ui_locales',
    'localeId',
  ];
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = source instanceof URLSearchParams ? source.get(key) : source[key];
    if (typeof value === 'string' && value.length > 0) out[key] = value;
  }
  return out;
}

function checkAuthorizeRequest(ctx: PlatformContext, params: Record<string, string>): SeedOAuthClient {
  const client = findClient(ctx, params.client_id);
  if (!client) throw RestError.oauth(400, 'invalid_client', 'OAU-153', 'Invalid client_id');
  if (!params.redirect_uri || !redirectAllowed(client, params.redirect_uri)) {
    throw RestError.oauth(400, 'invalid_request', 'OAU-109', 'Redirect URI is not valid for this application');
  }
  return client;
}

function redirectWith(redirectUri: string, query: Record<string, string | undefined>): RouteResult {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
  return { status: 302, redirect: url.toString() };
}

function authorizeGet(rc: RequestContext, ctx: PlatformContext): RouteResult {
  const params = authorizeParams(rc.url.searchParams);
  const client = checkAuthorizeRequest(ctx, params);
  const early = authorizeProtocolError(client, params);
  if (early) return early;
  return {
    status: 200,
    contentType: 'text/html; charset=utf-8',
    body: renderAuthorizePage({ params, clientName: client.name, loginHint: params.login_hint }),
  };
}

/** Protocol errors go back to the redirect URI (RFC 6749 §4.1.2.1). */
function authorizeProtocolError(client: SeedOAuthClient, params: Record<string, string>): RouteResult {
  const redirectUri = params.redirect_uri as string;
  if (params.response_type !== 'code') {
    return redirectWith(redirectUri, {
      error: 'unsupported_response_type',
      error_description: 'Only response_type=code is supported',
      state: params.state,
    });
  }
  if (params.code_challenge && params.code_challenge_method !== 'S256') {
    return redirectWith(redirectUri, {
      error: 'invalid_request',
      error_description: 'code_challenge_method must be S256',
      state: params.state,
    });
  }
  if (client.public && !params.code_challenge) {
    return redirectWith(redirectUri, {
      error: 'invalid_request',
      error_description: 'PKCE code_challenge is required for this client',
      state: params.state,
    });
  }
  return undefined;
}

function authorizePost(rc: RequestContext, ctx: PlatformContext): RouteResult {
  const body = rc.body();
  const params = authorizeParams(body);
  const client = checkAuthorizeRequest(ctx, params);
  const early = authorizeProtocolError(client, params);
  if (early) return early;
  if (body.action === 'deny') {
    return redirectWith(params.redirect_uri as string, {
      error: 'access_denied',
      error_description: 'The user denied access',
      state: params.state,
    });
  }
  const user = authenticateUser(ctx, String(body.username ?? ''), String(body.password ?? ''));
  if (!user) {
    return {
      status: 401,
      contentType: 'text/html; charset=utf-8',
      body: renderAuthorizePage({
        params,
        clientName: client.name,
        loginHint: String(body.username ?? ''),
        error: 'Invalid username or password',
      }),
    };
  }
  const code = ctx.tokens.createCode({
    clientId: client.clientId,
    redirectUri: params.redirect_uri as string,
    extensionId: user.id,
    ...(params.code_challenge ? { codeChallenge: params.code_challenge, codeChallengeMethod: 'S256' } : {}),
  });
  ctx.log(`oauth: authorization code issued to ${user.name} for ${client.clientId}`);
  return redirectWith(params.redirect_uri as string, { code: code.code, state: params.state });
}

/** Login by e-mail, direct number or extension number + password. */
function authenticateUser(ctx: PlatformContext, username: string, password: string): SeedExtension | undefined {
  const user =
    ctx.model.directory.findExtensionByEmail(username) ?? ctx.model.directory.findExtensionByNumber(username);
  if (!user || user.type !== 'User' || !user.password) return undefined;
  const a = Buffer.from(user.password);
  const b = Buffer.from(password);
  return a.length === b.length && timingSafeEqual(a, b) ? user : undefined;
}

/** Client authentication of the token/revoke endpoints. */
function authenticateClient(rc: RequestContext, ctx: PlatformContext, req: IncomingMessage): SeedOAuthClient {
  const header = req.headers.authorization;
  const basic = typeof header === 'string' ? /^basic\s+(.+)$/i.exec(header) : null;
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const sep = decoded.indexOf(':');
    const id = sep >= 0 ? decoded.slice(0, sep) : decoded;
    const secret = sep >= 0 ? decoded.slice(sep + 1) : '';
    const client = findClient(ctx, id);
    if (!client) throw RestError.oauth(401, 'invalid_client', 'OAU-153', 'Invalid client');
    if (!client.public && client.clientSecret !== secret)
      throw RestError.oauth(401, 'invalid_client', 'OAU-123', 'Invalid client credentials');
    return client;
  }
  const bodyId = rc.body().client_id;
  const client = findClient(ctx, typeof bodyId === 'string' ? bodyId : undefined);
  if (!client) throw RestError.oauth(401, 'invalid_client', 'OAU-153', 'Client authentication is required');
  if (!client.public)
    throw RestError.oauth(401, 'invalid_client', 'OAU-123', 'Client secret is required for this application');
  return client;
}

function ttl(requested: unknown, max: number): number {
  const n = typeof requested === 'string' || typeof requested === 'number' ? Number(requested) : NaN;
  return Number.isFinite(n) && n > 0 ? Math.min(Math.floor(n), max) : max;
}

function tokenResponse(
  ctx: PlatformContext,
  clientId: string,
  extensionId: string,
  body: Record<string, unknown>,
  endpointId?: unknown,
): RouteResult {
  const accessTtl = ttl(body.access_token_ttl, ctx.options.accessTokenTtlSeconds);
  const refreshTtl = ttl(body.refresh_token_ttl, ctx.options.refreshTokenTtlSeconds);
  const { access, refresh } = ctx.tokens.issue({
    extensionId,
    clientId,
    accessTtl,
    refreshTtl,
    ...(typeof endpointId === 'string' && endpointId ? { endpointId } : {}),
  });
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    json: {
      access_token: access.token,
      token_type: 'bearer',
      expires_in: accessTtl,
      refresh_token: refresh.token,
      refresh_token_expires_in: refreshTtl,
      scope: GRANTED_SCOPE,
      owner_id: extensionId,
      endpoint_id: access.endpointId,
    },
  };
}

function token(rc: RequestContext, ctx: PlatformContext): RouteResult {
  const client = authenticateClient(rc, ctx, rc.req);
  const body = rc.body();
  const grant = String(body.grant_type ?? '');
  ctx.tokens.countTokenRequest(grant);
  if (!grant) throw RestError.oauth(400, 'invalid_request', 'OAU-250', 'Required parameter [grant_type] is missing');
  if (!client.grants.includes(grant) && !(grant === 'password' && !client.public)) {
    throw RestError.oauth(400, 'unauthorized_client', 'OAU-251', `Unauthorized for this grant type`);
  }
  switch (grant) {
    case 'authorization_code': {
      const code = ctx.tokens.takeCode(String(body.code ?? ''));
      if (!code || code.clientId !== client.clientId)
        throw RestError.oauth(400, 'invalid_grant', 'OAU-109', 'Authorization code is invalid or expired');
      if (body.redirect_uri !== undefined && body.redirect_uri !== code.redirectUri) {
        throw RestError.oauth(400, 'invalid_grant', 'OAU-109', 'Redirect URI does not match');
      }
      if (code.codeChallenge) {
        const verifier = String(body.code_verifier ?? '');
        const computed = createHash('sha256').update(verifier).digest('base64url');
        if (!verifier || computed !== code.codeChallenge)
          throw RestError.oauth(400, 'invalid_grant', 'OAU-109', 'Invalid code_verifier');
      }
      ctx.log(`oauth: code exchanged for ${code.extensionId}`);
      return tokenResponse(ctx, client.clientId, code.extensionId, body, body.endpoint_id);
    }
    case 'refresh_token': {
      const used = ctx.tokens.useRefresh(String(body.refresh_token ?? ''), client.clientId);
      ctx.log(`oauth: refresh ${typeof used === 'string' ? `refused (${used})` : `granted for ${used.extensionId}`}`);
      if (used === 'invalid') throw RestError.oauth(400, 'invalid_grant', 'OAU-211', 'Token is revoked');
      if (used === 'expired') throw RestError.oauth(400, 'invalid_grant', 'OAU-210', 'Token is expired');
      return tokenResponse(ctx, client.clientId, used.extensionId, body, used.endpointId);
    }
    case JWT_GRANT: {
      if (!client.clientSecret)
        throw RestError.oauth(400, 'unauthorized_client', 'OAU-251', 'JWT grant needs a confidential client');
      let claims;
      try {
        claims = verifyJwtHs256(String(body.assertion ?? ''), client.clientSecret);
      } catch (error) {
        throw RestError.oauth(400, 'invalid_grant', 'OAU-144', `Invalid JWT: ${(error as Error).message}`);
      }
      const user = claims.sub
        ? (ctx.model.directory.findExtensionById(claims.sub) ?? ctx.model.directory.findExtensionByEmail(claims.sub))
        : undefined;
      if (!user || user.type !== 'User')
        throw RestError.oauth(400, 'invalid_grant', 'OAU-144', 'JWT subject is not a user of this account');
      return tokenResponse(ctx, client.clientId, user.id, body, body.endpoint_id);
    }
    case 'password': {
      const user = authenticateUser(ctx, String(body.username ?? ''), String(body.password ?? ''));
      if (!user) throw RestError.oauth(400, 'invalid_grant', 'OAU-140', 'Invalid resource owner credentials');
      return tokenResponse(ctx, client.clientId, user.id, body, body.endpoint_id);
    }
    default:
      throw RestError.oauth(400, 'unsupported_grant_type', 'OAU-251', `Unsupported grant type [${grant}]`);
  }
}

function revoke(rc: RequestContext, ctx: PlatformContext): RouteResult {
  authenticateClient(rc, ctx, rc.req);
  const value = rc.body().token;
  if (typeof value !== 'string' || !value)
    throw RestError.oauth(400, 'invalid_request', 'OAU-250', 'Required parameter [token] is missing');
  ctx.tokens.revoke(value);
  return { status: 200, empty: true };
}
