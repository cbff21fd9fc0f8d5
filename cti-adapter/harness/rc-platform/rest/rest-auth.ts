import type { PlatformContext } from '../http/platform-context';
import { RestError } from '../http/rest-error';
import type { RequestContext } from '../http/router';
import type { SeedExtension } from '../seed/seed';
import type { AccessToken } from '../oauth/token-store';

/** The caller of a REST request once its bearer token checked out. */
export interface Caller {
  token: AccessToken;
  extension: SeedExtension;
}

/**
 * Authenticates a REST request: `Authorization: Bearer <token>` with the scheme matched case-insensitively (the SDK
 * sends `bearer`), or `?access_token=` (RingCentral accepts it for media content). Answers like the API gateway:
 * 401 `AGW-401` without credentials, 401 `TokenInvalid`/`OAU-213` for unknown or revoked tokens,
 * 401 `TokenExpired` for expired ones.
 */
export function authenticate(rc: RequestContext, ctx: PlatformContext, allowQueryToken = false): Caller {
  const header = rc.req.headers.authorization;
  let token: string | undefined;
  if (typeof header === 'string' && header.length > 0) {
    const match = /^bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) throw new RestError(401, 'AGW-401', 'Invalid Authorization header');
    token = match[1];
  } else if (allowQueryToken) {
    token = rc.url.searchParams.get('access_token') ?? undefined;
  }
  if (!token) throw new RestError(401, 'AGW-401', 'Authorization header is not specified');
  const check = ctx.tokens.check(token);
  if (!check.ok) {
    if (check.reason === 'expired') {
      throw new RestError(401, 'TokenExpired', 'Access token expired', {
        body: {
          errorCode: 'TokenExpired',
          message: 'Access token expired',
          errors: [{ errorCode: 'OAU-213', message: 'Token expired' }],
        },
      });
    }
    throw new RestError(401, 'TokenInvalid', 'Token not found', {
      body: {
        errorCode: 'TokenInvalid',
        message: 'Token not found',
        errors: [{ errorCode: 'OAU-213', message: 'Token not found' }],
      },
    });
  }
  const extension = ctx.model.findExtensionById(check.token.extensionId);
  if (!extension) throw new RestError(401, 'TokenInvalid', 'Token owner not found');
  rc.locals.caller = { token: check.token, extension };
  return { token: check.token, extension };
}

/** Resolves `:accountId` (`~` or the account id). @throws RestError 404 `AGW-404`-like for another account. */
export function resolveAccount(rc: RequestContext, ctx: PlatformContext): string {
  const id = rc.params.accountId ?? '~';
  if (id === '~' || id === ctx.model.accountId) return ctx.model.accountId;
  throw new RestError(404, 'CMN-102', `Resource for parameter [accountId] is not found`, {
    parameterName: 'accountId',
  });
}

/**
 * Resolves `:extensionId` (`~` = the caller). Another extension of the account is allowed only when `allowOthers`
 * (e.g. presence, extension info); otherwise 403 `CMN-408` as for a non-admin user.
 */
export function resolveExtension(
  rc: RequestContext,
  ctx: PlatformContext,
  caller: Caller,
  allowOthers = false,
): SeedExtension {
  resolveAccount(rc, ctx);
  const id = rc.params.extensionId ?? '~';
  if (id === '~' || id === caller.extension.id) return caller.extension;
  const other = ctx.model.findExtensionById(id);
  if (!other)
    throw new RestError(404, 'CMN-102', 'Resource for parameter [extensionId] is not found', {
      parameterName: 'extensionId',
    });
  if (!allowOthers) {
    throw new RestError(
      403,
      'CMN-408',
      'In order to call this API endpoint, user needs to have [Users] permission for requested resource.',
    );
  }
  return other;
}

/** Base URI of an extension's resources. */
export function extensionUri(ctx: PlatformContext, extensionId: string): string {
  return `${ctx.serverUrl()}/restapi/v1.0/account/${ctx.model.accountId}/extension/${extensionId}`;
}
