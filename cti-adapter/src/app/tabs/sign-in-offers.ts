import {
  prepareAuthorizeRequest,
  type AuthorizeRequest,
  type AuthorizeTarget,
} from '../../ringcentral/auth/authorize-request';
import { labels } from '../../ui/labels';

/**
 * What the owner tab's RingCentral connection offers for a sign-in started in another tab (ADR 0028,
 * `ringcentral-connection.ts`).
 * @public
 */
export interface TabSignInTarget {
  /** The settings to sign in with while the agent is signed out, else `null` (signed in, signing in, not configured). */
  signInSettings(): AuthorizeTarget | null;
  /** Exchanges the authorization code with the verifier of its authorize request and signs in (one round trip). */
  signInWithCode(code: string, codeVerifier: string): Promise<void>;
}

/** The authorization response does not belong to the offer (an older owner's, or forged). */
export const SIGN_IN_STALE = 'RingCentral sign-in returned an unexpected state; please try again';

/**
 * The owner tab's side of a sign-in from any tab (ADR 0028, amendment "sign-in from a follower"): while the agent is
 * signed out it keeps one authorize request ready — PKCE verifier and challenge computed ahead with WebCrypto — and
 * publishes its URL to the followers, so that a follower's Sign in opens the popup within the click's task. The
 * verifier never leaves this tab. {@link SignInOffers.complete} takes the follower's authorization response: the
 * `state` must be the offer's, and an offer is used once (two tabs clicking: the first response signs in, the second
 * is told so); then the owner's connection exchanges the code and starts.
 * @public
 */
export class SignInOffers {
  private request: AuthorizeRequest | null = null;
  /** The settings the current (or preparing) offer is for, as a key. */
  private key: string | null = null;

  constructor(
    private readonly target: TabSignInTarget,
    private readonly publish: (url: string | null) => void,
    private readonly prepare: (target: AuthorizeTarget) => Promise<AuthorizeRequest> = prepareAuthorizeRequest,
  ) {}

  /** Makes, keeps or withdraws the offer after a change of the sign-in (call after every state change). */
  refresh(): void {
    const settings = this.target.signInSettings();
    if (!settings) {
      if (this.key !== null) this.withdraw();
      return;
    }
    const key = `${settings.server} ${settings.clientId} ${settings.redirectUri}`;
    if (this.key === key) return;
    this.withdraw();
    this.key = key;
    this.prepare(settings).then(
      (request) => {
        if (this.key !== key) return;
        this.request = request;
        this.publish(request.url);
      },
      (error: unknown) => {
        if (this.key === key) this.key = null;
        console.warn('The RingCentral sign-in cannot be offered to the other tabs', error);
      },
    );
  }

  /** Finishes the sign-in a follower's popup brought back; rejects with the message that follower shows. */
  async complete(code: string, state: string): Promise<void> {
    const request = this.request;
    if (!request || request.state !== state) {
      // Not signed out any more: another tab's popup used the offer first (two tabs clicked), or the owner signed in.
      throw new Error(this.target.signInSettings() ? SIGN_IN_STALE : labels.Sign_in_done_in_other_tab);
    }
    this.withdraw(); // one use
    try {
      await this.target.signInWithCode(code, request.codeVerifier);
    } finally {
      this.refresh();
    }
  }

  private withdraw(): void {
    const offered = this.request !== null;
    this.request = null;
    this.key = null;
    if (offered) this.publish(null);
  }
}
