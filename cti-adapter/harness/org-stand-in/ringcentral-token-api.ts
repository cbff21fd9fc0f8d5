import type { ApexLabels } from './apex-labels';
import type { SealingKeys } from './sealing-keys';
import type { Envelope } from './softphone-remote-api';
import { jsonObject, TokenSeal } from './token-seal';

/**
 * The package's RingCentral token endpoints (Apex `RingCentralTokenService` behind the remote actions
 * `exchangeRingCentralCode`, `refreshRingCentralToken`, `revokeRingCentralToken`; contract
 * `docs/contracts/softphone-remote-api.md`, decision ADR 0016), served by the org stand-in. Like the Apex, it calls
 * RingCentral itself (in `npm start`: the platform simulator over HTTPS), keeps the refresh token sealed
 * ({@link TokenSeal}, key created at the first sign-in), binds each sealed credential to the org, the user and the
 * user's current Salesforce login, and hands the browser only the access token and the sealed value. Pinned together
 * with the Apex by the contract vectors `SoftphoneVectors{ExchangeCode,RefreshToken,RevokeToken}.json`.
 */
export const TOKEN_METHODS = ['exchangeRingCentralCode', 'refreshRingCentralToken', 'revokeRingCentralToken'] as const;
export type TokenMethod = (typeof TOKEN_METHODS)[number];

/** Error codes of the token endpoints (besides `INVALID_INPUT`). */
export type TokenErrorCode = 'RINGCENTRAL_UNAVAILABLE' | 'RINGCENTRAL_REFUSED' | 'SESSION_ENDED';

/** One form POST to RingCentral (an Apex callout). */
export interface OAuthCallout {
  readonly url: string;
  readonly form: Readonly<Record<string, string>>;
}

/** RingCentral's answer; `status` 0 when no answer arrived (Apex `CalloutException`). */
export interface OAuthAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Sends a callout: HTTPS to the simulator in the harness, canned answers in the vector runner. */
export type OAuthTransport = (callout: OAuthCallout) => Promise<OAuthAnswer>;

export interface RingCentralTokenApiOptions {
  readonly transport: OAuthTransport;
  /** The org's sealing key (the protected custom setting `Token_Sealing_Key__c`). */
  readonly keys: SealingKeys;
  /** The org's id (the stand-in's `$Organization.Id`). */
  readonly organizationId: string;
  /** The user's current Salesforce login id, or `null` without a session (Apex `SalesforceLoginSelector`). */
  readonly loginOf: (userId: string) => string | null;
  /** The package's Custom Labels as Apex reads them for a user (`System.Label`): the messages the agent reads. */
  readonly labels: ApexLabels;
  readonly now?: () => number;
}

/** Seconds a sealed access token must still have to be handed out again (Apex `REUSE_MARGIN_SECONDS`). */
export const REUSE_MARGIN_SECONDS = 120;

const RULES: Readonly<Record<string, [RegExp, string]>> = {
  server: [
    /^https:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?$/,
    'Expected an https URL without a path, such as https://platform.ringcentral.com.',
  ],
  clientId: [/^[A-Za-z0-9_.-]{1,100}$/, 'Expected the client id of a RingCentral app.'],
  redirectUri: [
    /^(https:\/\/[A-Za-z0-9.-]+|http:\/\/(localhost|127\.0\.0\.1))(:[0-9]{1,5})?\/[^\s#]{0,1990}$/,
    'Expected the https redirect URI of the sign-in (http only on localhost).',
  ],
  code: [/^\S{1,2048}$/, 'Expected the authorization code of the sign-in popup.'],
  codeVerifier: [/^[A-Za-z0-9._~-]{43,128}$/, 'Expected a PKCE code verifier (RFC 7636).'],
};

class Failure extends Error {
  constructor(
    readonly code: TokenErrorCode | 'INVALID_INPUT',
    message: string,
    readonly field: string | null = null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/** The sealed values (short keys, as Apex `RingCentralCredential.toPayload`). */
interface Credential {
  f: 1;
  o: string;
  u: string;
  l: string;
  s: string;
  c: string;
  w: string | null;
  sc: string | null;
  t: string;
  a: string;
  ax: number;
  r: string;
  rx: number;
}

type Outcome =
  | { kind: 'ok'; body: Record<string, unknown> }
  | { kind: 'refused' | 'unavailable'; message: string; retryAfterSeconds: number | null };

export class RingCentralTokenApi {
  private readonly now: () => number;

  constructor(private readonly options: RingCentralTokenApiOptions) {
    this.now = options.now ?? Date.now;
  }

  has(method: string): method is TokenMethod {
    return (TOKEN_METHODS as readonly string[]).includes(method);
  }

  /** The sealing key, created at the first sign-in (Apex `SealingKeyService.keyOrCreate`). */
  sealingKey(): Buffer {
    return this.options.keys.keyOrCreate();
  }

  /** Deletes the key: every sealed credential stops opening (what deleting `Token_Sealing_Key__c` does). */
  dropSealingKey(): void {
    this.options.keys.drop();
  }

  /** Runs one endpoint as a user; expected failures come back as `{ok: false, error}`. */
  async invoke(method: TokenMethod, request: unknown, userId: string): Promise<Envelope> {
    try {
      const req = request as Record<string, unknown> | null;
      if (typeof req !== 'object' || req === null || Array.isArray(req))
        throw new Failure('INVALID_INPUT', 'Required.', 'request');
      switch (method) {
        case 'exchangeRingCentralCode':
          return { ok: true, ...(await this.exchange(req, userId)) };
        case 'refreshRingCentralToken':
          return { ok: true, ...(await this.refresh(req, userId)) };
        case 'revokeRingCentralToken':
          return { ok: true, ...(await this.revoke(req, userId)) };
      }
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      const envelope = {
        ok: false as const,
        error: { code: error.code, message: error.message, field: error.field },
        ...(error.retryAfterSeconds !== null ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
      };
      return envelope as unknown as Envelope;
    }
  }

  /** Seals a credential for a user as the Apex would (the vector runner's `@sealed`). */
  sealFor(values: Omit<Credential, 'f' | 'o' | 'l'> & { login: string; org?: string }): string {
    const seal = new TokenSeal(this.sealingKey());
    const { login, org, ...rest } = values;
    return seal.seal({ f: 1, o: org ?? this.options.organizationId, l: seal.loginDigest(login), ...rest });
  }

  private async exchange(req: Record<string, unknown>, userId: string): Promise<Record<string, unknown>> {
    const values: Record<string, string> = {};
    for (const [field, [rule, message]] of Object.entries(RULES)) {
      const value = req[field];
      if (typeof value !== 'string' || value.trim() === '' || !rule.test(value))
        throw new Failure('INVALID_INPUT', message, field);
      values[field] = value;
    }
    const login = this.options.loginOf(userId);
    if (!login) throw new Failure('SESSION_ENDED', this.text(userId, 'Apex_RingCentral_no_browser_session'));
    const outcome = await this.tokenRequest(userId, values.server!, {
      grant_type: 'authorization_code',
      code: values.code!,
      redirect_uri: values.redirectUri!,
      code_verifier: values.codeVerifier!,
      client_id: values.clientId!,
    });
    const seal = new TokenSeal(this.sealingKey());
    const now = this.now();
    const credential = applyTokens(
      {
        f: 1,
        o: this.options.organizationId,
        u: userId,
        l: seal.loginDigest(login),
        s: values.server!,
        c: values.clientId!,
        w: null,
        sc: null,
        t: 'bearer',
        a: '',
        ax: 0,
        r: '',
        rx: 0,
      },
      outcome,
      now,
    );
    return granted(credential, seal.seal({ ...credential }), now);
  }

  private async refresh(req: Record<string, unknown>, userId: string): Promise<Record<string, unknown>> {
    const sealed = requireSealed(req);
    const credential = this.ownCredential(sealed, userId);
    if (!credential) throw new Failure('SESSION_ENDED', this.text(userId, 'Apex_RingCentral_sign_in_unusable'));
    const seal = new TokenSeal(this.options.keys.existing()!);
    const login = this.options.loginOf(userId);
    if (login === null || credential.l !== seal.loginDigest(login)) {
      await this.call(userId, `${credential.s}/restapi/oauth/revoke`, { token: credential.r, client_id: credential.c });
      throw new Failure('SESSION_ENDED', this.text(userId, 'Apex_RingCentral_session_changed'));
    }
    const now = this.now();
    if (req.force !== true && credential.a && credential.ax - now > REUSE_MARGIN_SECONDS * 1000) {
      return granted(credential, sealed, now);
    }
    if (!credential.r || credential.rx <= now)
      throw new Failure('RINGCENTRAL_REFUSED', this.text(userId, 'Apex_RingCentral_sign_in_expired'));
    const outcome = await this.tokenRequest(userId, credential.s, {
      grant_type: 'refresh_token',
      refresh_token: credential.r,
      client_id: credential.c,
    });
    const renewed = applyTokens({ ...credential }, outcome, now);
    return granted(renewed, seal.seal({ ...renewed }), now);
  }

  private async revoke(req: Record<string, unknown>, userId: string): Promise<Record<string, unknown>> {
    const sealed = requireSealed(req);
    const credential = this.ownCredential(sealed, userId);
    if (!credential) return { revoked: false };
    const outcome = await this.call(userId, `${credential.s}/restapi/oauth/revoke`, {
      token: credential.r,
      client_id: credential.c,
    });
    return { revoked: outcome.kind === 'ok' };
  }

  private ownCredential(sealed: string, userId: string): Credential | null {
    const key = this.options.keys.existing();
    if (!key) return null;
    const values = new TokenSeal(key).open(sealed);
    if (!values || values.f !== 1) return null;
    return values.o === this.options.organizationId && values.u === userId ? (values as unknown as Credential) : null;
  }

  private async tokenRequest(
    userId: string,
    server: string,
    form: Record<string, string>,
  ): Promise<Record<string, unknown>> {
    const outcome = await this.call(userId, `${server}/restapi/oauth/token`, form);
    if (outcome.kind === 'ok') {
      if (typeof outcome.body.access_token === 'string' && outcome.body.access_token) return outcome.body;
      throw new Failure('RINGCENTRAL_UNAVAILABLE', this.text(userId, 'Apex_RingCentral_no_access_token'));
    }
    throw new Failure(
      outcome.kind === 'refused' ? 'RINGCENTRAL_REFUSED' : 'RINGCENTRAL_UNAVAILABLE',
      outcome.message,
      null,
      outcome.retryAfterSeconds,
    );
  }

  /** One callout, classified as Apex `RingCentralOAuthOutcome.of` does, its message in the user's language. */
  private async call(userId: string, url: string, form: Record<string, string>): Promise<Outcome> {
    let answer: OAuthAnswer;
    try {
      answer = await this.options.transport({ url, form });
    } catch {
      answer = { status: 0, headers: {}, body: '' };
    }
    return classify(answer, (name, ...values) => this.text(userId, name, ...values));
  }

  /** `System.Label.<name>` for the user, filled (Apex `LabelFormat.format`). */
  private text(userId: string, name: string, ...values: readonly (string | number)[]): string {
    return this.options.labels.text(userId, name, ...values);
  }
}

/**
 * Apex `RingCentralOAuthOutcome.of`: 2xx ok; 0, 408, 429, 5xx unavailable; any other status refused. `text` is
 * `System.Label` for the running user, filled; RingCentral's own reason stays in its words.
 */
export function classify(
  answer: OAuthAnswer,
  text: (name: string, ...values: readonly (string | number)[]) => string,
): Outcome {
  const { status } = answer;
  const body = jsonObject(answer.body);
  if (status >= 200 && status < 300) return { kind: 'ok', body: body ?? {} };
  if (status === 0 || status === 408 || status === 429 || status >= 500) {
    return {
      kind: 'unavailable',
      message:
        status === 0 ? text('Apex_RingCentral_unreachable') : text('Apex_RingCentral_unavailable_status', status),
      retryAfterSeconds: status === 429 ? retryAfterSeconds(headerOf(answer.headers, 'retry-after')) : null,
    };
  }
  const reason = ['error_description', 'message', 'error', 'errorCode']
    .map((k) => body?.[k])
    .find((v) => v !== undefined && v !== null && String(v).trim() !== '');
  return {
    kind: 'refused',
    message:
      reason === undefined
        ? text('Apex_RingCentral_ended_sign_in')
        : text('Apex_RingCentral_ended_sign_in_reason', abbreviate(String(reason), 200)),
    retryAfterSeconds: null,
  };
}

function retryAfterSeconds(header: string | undefined): number | null {
  const digits = header?.trim() ?? '';
  if (!/^\d+$/.test(digits)) return null;
  if (digits.length > 9) return 3600;
  return Math.max(1, Math.min(3600, Number(digits)));
}

/** Apex `String.abbreviate`: at most `max` characters, the last three `...` when cut. */
function abbreviate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

function headerOf(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function requireSealed(req: Record<string, unknown>): string {
  if (typeof req.sealed !== 'string' || req.sealed.trim() === '')
    throw new Failure('INVALID_INPUT', 'Required.', 'sealed');
  return req.sealed;
}

function seconds(value: unknown, fallback: number): number {
  const text = value === undefined || value === null ? '' : String(value);
  return /^\d{1,9}$/.test(text) ? Number(text) : fallback;
}

/** Apex `RingCentralCredential.apply`: the tokens of a token response, relative to `now`. */
function applyTokens(credential: Credential, body: Record<string, unknown>, now: number): Credential {
  credential.a = String(body.access_token);
  credential.t = typeof body.token_type === 'string' && body.token_type ? body.token_type : 'bearer';
  credential.ax = now + 1000 * seconds(body.expires_in, 3600);
  if (typeof body.refresh_token === 'string' && body.refresh_token) {
    credential.r = body.refresh_token;
    credential.rx = now + 1000 * seconds(body.refresh_token_expires_in, 604800);
  }
  if (body.owner_id !== undefined && body.owner_id !== null && String(body.owner_id) !== '')
    credential.w = String(body.owner_id);
  if (typeof body.scope === 'string' && body.scope) credential.sc = body.scope;
  return credential;
}

/** Apex `RingCentralCredential.grant`: what the browser receives (never the refresh token). */
function granted(credential: Credential, sealed: string, now: number): Record<string, unknown> {
  const left = (at: number): number => (at <= now ? 0 : Math.floor((at - now) / 1000));
  return {
    token: {
      accessToken: credential.a,
      tokenType: credential.t,
      expiresIn: left(credential.ax),
      ownerId: credential.w,
      scope: credential.sc,
      refreshExpiresIn: left(credential.rx),
    },
    sealed,
  };
}
