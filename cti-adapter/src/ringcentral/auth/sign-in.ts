import { toApiError } from '../rest/platform-api';
import { AuthTransitionError, PKCE_NOT_READY_MESSAGE } from './auth-state';
import type { RingCentralSession, SessionPlatform, SignInPaths } from './ringcentral-session';
import type { AccessGrant } from './token-broker';
import type { TokenKeeper } from './token-keeper';

/**
 * The sign-in paths of a {@link RingCentralSession}: what only a signed-out agent runs — the popup sign-in with PKCE,
 * the exchange of a code another tab's popup brought back, the JWT sign-in of the harness and server-side tests, and
 * the PKCE challenge computed ahead of the click. A chunk of its own (`sign-in.js`, ADR 0018, amendment "first paint:
 * the sign-in paths are a lazy chunk"): an agent whose sign-in is restored at the start never runs it. The session
 * requests it when the sign-in is offered (nothing stored, or any change to `logged-out`), at the first need (a JWT
 * sign-in, a code from another tab) and, through the composition root, once the start is over
 * ({@link RingCentralSession.prefetchSignIn}); the session's `loginWithPopup`, `signInWithCode` and `loginWithJwt`
 * call these with itself.
 *
 * The PKCE verifier and its SHA-256 are computed ahead by `sdk-crypto-shim.ts` (the bundle's `crypto` for the SDK,
 * WebCrypto), which stays in the SDK's chunk (`default-sdk.js`): the SDK's `loginUrl` reads what it prepared.
 * @public
 */
export const signInPaths: SignInPaths = {
  loginWithPopup,
  signInWithCode: async (session, code, codeVerifier) => exchange(session, beginSignIn(session), code, codeVerifier),
  loginWithJwt,
  renewJwt: loginJwt,
  // The SDK's `crypto` stand-in holds the prepared verifier: it lives in the SDK's chunk, which the session requests
  // with this one whenever the sign-in is offered.
  preparePkce: () => import('./default-sdk').then((sdk) => sdk.preparePkceVerifier()),
};

/**
 * Authorization code + PKCE in a popup: `platform.loginUrl({usePKCE:true, state})` (the SDK keeps the
 * `code_verifier`), `platform.loginWindow` opens the authorize page and waits for the callback page's `postMessage`
 * (`handleOAuthCallback`, `oauth-callback.ts`), then the broker exchanges the code and verifier.
 *
 * Runs synchronously up to `loginWindow` (which calls `window.open`): called from the click's task, the popup opens
 * within the agent's gesture, so popup blockers let it through. A click before the SDK's chunk has arrived opens
 * nothing and ends `logged-out`, `login-cancelled` ({@link PKCE_NOT_READY_MESSAGE}), as does one before the PKCE
 * challenge is ready (the SDK's `loginUrl` throws it, `sdk-crypto-shim.ts`).
 */
function loginWithPopup(session: RingCentralSession, options: { loginHint?: string }): Promise<void> {
  let keeper: TokenKeeper;
  try {
    keeper = beginSignIn(session);
  } catch (error) {
    return Promise.reject(error);
  }
  let waiting: Promise<{ code?: string; state?: string }>;
  let platform: SessionPlatform;
  const state = (session.options.randomState ?? randomHex)();
  try {
    // The SDK's chunk is requested when the session is created: a click before it arrives is a click too early.
    if (!session.loaded) {
      session.platformReady().catch(() => undefined);
      throw new Error(PKCE_NOT_READY_MESSAGE);
    }
    platform = session.loaded.platform;
    const url = platform.loginUrl({
      usePKCE: true,
      state,
      ...(options.loginHint ? { loginHint: options.loginHint } : {}),
    });
    waiting = platform.loginWindow({ url });
  } catch (error) {
    session.transition({ name: 'logged-out', reason: 'login-cancelled', message: messageOf(error) });
    return Promise.reject(error);
  }
  return (async () => {
    let redirect: { code?: string; state?: string };
    try {
      redirect = await waiting;
    } catch (error) {
      session.transition({ name: 'logged-out', reason: 'login-cancelled', message: messageOf(error) });
      throw error;
    }
    if (redirect.state !== state || !redirect.code) {
      const error = new Error('RingCentral sign-in returned an unexpected state; please try again');
      session.transition({ name: 'logged-out', reason: 'login-failed', message: error.message });
      throw error;
    }
    await exchange(session, keeper, redirect.code, platform.codeVerifier);
  })();
}

/** `logged-out` → `logging-in`, with the keeper that will exchange the code; throws when that cannot be. */
function beginSignIn(session: RingCentralSession): TokenKeeper {
  const current = session.state;
  if (current.name !== 'logged-out') throw new AuthTransitionError(current.name, 'logging-in');
  if (!session.keeper) throw new Error('RingCentral sign-in needs the Salesforce token endpoints.');
  session.transition({ name: 'logging-in' });
  return session.keeper;
}

/** Exchanges an authorization code (state `logging-in`) through the broker and signs in, else goes back to `logged-out`. */
async function exchange(
  session: RingCentralSession,
  keeper: TokenKeeper,
  code: string,
  codeVerifier: string,
): Promise<void> {
  let grant: AccessGrant;
  try {
    const { server, clientId, redirectUri } = session.options;
    grant = await keeper.signIn({ server, clientId, redirectUri, code, codeVerifier });
  } catch (error) {
    session.transition({ name: 'logged-out', reason: 'login-failed', message: messageOf(error) });
    throw error;
  }
  session.mode = 'broker';
  await session.useGrant(grant);
  session.transition({ name: 'logged-in', ownerId: session.ownerId });
}

/** JWT bearer grant (`urn:ietf:params:oauth:grant-type:jwt-bearer`): the SDK requests the tokens itself, in memory. */
async function loginWithJwt(session: RingCentralSession, jwt: string): Promise<void> {
  session.transition({ name: 'logging-in' });
  session.mode = 'jwt';
  session.jwt = jwt;
  try {
    await loginJwt(session);
  } catch (error) {
    const apiError = await toApiError(error);
    session.mode = null;
    session.transition({ name: 'logged-out', reason: 'login-failed', message: apiError.message });
    throw apiError;
  }
  session.transition({ name: 'logged-in', ownerId: session.ownerId });
}

/** Signs in (again) with the session's JWT; the SDK holds the new tokens, the session notes the access token's. */
async function loginJwt(session: RingCentralSession): Promise<void> {
  const platform = await session.platformReady();
  await platform.login({ jwt: session.jwt ?? '' });
  const data = await platform.auth().data();
  session.holdToken(data.access_token || null, data.expire_time ?? 0, data.owner_id ? String(data.owner_id) : null);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The authorize request's `state` (RFC 6749 §4.1.1): 16 random bytes (`crypto.getRandomValues`), hex. */
function randomHex(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
