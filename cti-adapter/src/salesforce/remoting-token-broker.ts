import {
  TokenBrokerError,
  type AccessGrant,
  type BrokeredToken,
  type ExchangeCodeRequest,
  type TokenBroker,
  type TokenBrokerErrorKind,
} from '../ringcentral/auth/token-broker';
import type { RemoteActionNames } from './remote-action-names';
import {
  APEX_FAILURE_MESSAGE,
  envelopeOf,
  isTransportFailure,
  RemoteActionCaller,
  type RemoteActionCallerOptions,
} from './remote-action-caller';

/** Envelope error codes of the token endpoints → what they mean for the sign-in. */
const KINDS: Readonly<Record<string, TokenBrokerErrorKind>> = {
  RINGCENTRAL_UNAVAILABLE: 'unavailable',
  RINGCENTRAL_REFUSED: 'refused',
  SESSION_ENDED: 'session-ended',
  INVALID_INPUT: 'invalid',
};

/**
 * The RingCentral {@link TokenBroker} over Visualforce remoting to the package's Apex (`SoftphoneController`
 * `exchangeRingCentralCode`, `refreshRingCentralToken`, `revokeRingCentralToken`; contract
 * `docs/contracts/softphone-remote-api.md`, ADR 0016). Error mapping: the envelope codes `RINGCENTRAL_UNAVAILABLE`
 * (with `retryAfterSeconds`), `RINGCENTRAL_REFUSED`, `SESSION_ENDED`, `INVALID_INPUT` → {@link TokenBrokerError} kinds;
 * a remoting failure (Salesforce unreachable, timeout, an Apex exception) → `unavailable`: the sign-in is kept and
 * renewed later.
 * @public
 */
export class RemotingTokenBroker implements TokenBroker {
  private readonly caller: RemoteActionCaller;

  constructor(
    private readonly actions: Pick<
      RemoteActionNames,
      'exchangeRingCentralCode' | 'refreshRingCentralToken' | 'revokeRingCentralToken'
    >,
    options: RemoteActionCallerOptions = {},
  ) {
    this.caller = new RemoteActionCaller(options);
  }

  async exchangeCode(request: ExchangeCodeRequest): Promise<BrokeredToken> {
    return brokered(await this.invoke(this.actions.exchangeRingCentralCode, { ...request }));
  }

  async refresh(request: { readonly sealed: string; readonly force: boolean }): Promise<BrokeredToken> {
    return brokered(await this.invoke(this.actions.refreshRingCentralToken, { ...request }));
  }

  async revoke(request: { readonly sealed: string }): Promise<{ readonly revoked: boolean }> {
    const body = await this.invoke(this.actions.revokeRingCentralToken, { ...request });
    return { revoked: body['revoked'] === true };
  }

  private async invoke(action: string, request: object): Promise<Record<string, unknown>> {
    let answer;
    try {
      answer = await this.caller.call(action, request);
    } catch (error) {
      throw new TokenBrokerError('unavailable', error instanceof Error ? error.message : String(error));
    }
    const { result, event } = answer;
    if (!event || event.status !== true) {
      // The transport's own text ("Unable to connect…") helps the agent; an Apex exception's text and stack are the
      // admin's, never the softphone's (ADR 0012).
      throw new TokenBrokerError(
        'unavailable',
        isTransportFailure(event)
          ? `Salesforce cannot be reached right now (${event?.message ?? 'no answer'}). The softphone keeps trying.`
          : APEX_FAILURE_MESSAGE,
      );
    }
    const body = envelopeOf(result);
    if (body?.['ok'] === true) return body;
    const error = (body?.['error'] ?? {}) as { code?: unknown; message?: unknown };
    const retryAfter = body?.['retryAfterSeconds'];
    throw new TokenBrokerError(
      (typeof error.code === 'string' ? KINDS[error.code] : undefined) ?? 'unavailable',
      typeof error.message === 'string' ? error.message : 'Malformed answer from Salesforce.',
      typeof retryAfter === 'number' && retryAfter > 0 ? retryAfter : null,
    );
  }
}

function brokered(body: Record<string, unknown>): BrokeredToken {
  const token = body['token'] as Partial<AccessGrant> | null | undefined;
  const sealed = body['sealed'];
  if (!token || typeof token.accessToken !== 'string' || !token.accessToken || typeof sealed !== 'string' || !sealed) {
    throw new TokenBrokerError('unavailable', 'Malformed answer from Salesforce (no access token).');
  }
  return {
    sealed,
    token: {
      accessToken: token.accessToken,
      tokenType: typeof token.tokenType === 'string' && token.tokenType ? token.tokenType : 'bearer',
      expiresIn: typeof token.expiresIn === 'number' ? token.expiresIn : 0,
      ownerId: typeof token.ownerId === 'string' ? token.ownerId : null,
      scope: typeof token.scope === 'string' ? token.scope : null,
      refreshExpiresIn: typeof token.refreshExpiresIn === 'number' ? token.refreshExpiresIn : null,
    },
  };
}
