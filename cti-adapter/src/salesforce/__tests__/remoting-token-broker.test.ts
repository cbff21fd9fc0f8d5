import { TokenBrokerError } from '../../ringcentral/auth/token-broker';
import { readRemoteActionNames } from '../remote-action-names';
import { APEX_FAILURE_MESSAGE } from '../remote-action-caller';
import { RemotingTokenBroker } from '../remoting-token-broker';
import type { RemotingEvent, VisualforceRemotingManager } from '../visualforce-remoting';

const OK: RemotingEvent = { status: true, type: 'rpc', statusCode: 200 };

function broker(answer: (action: string, request: unknown) => { result: unknown; event: RemotingEvent }) {
  const calls: { action: string; request: unknown; options: unknown }[] = [];
  const manager: VisualforceRemotingManager = {
    invokeAction(action: string, ...rest: unknown[]) {
      const [request, callback, options] = rest as [unknown, (r: unknown, e: RemotingEvent) => void, unknown];
      calls.push({ action, request, options });
      const { result, event } = answer(action, request);
      queueMicrotask(() => callback(result, event));
    },
  };
  const actions = readRemoteActionNames({
    getAttribute: (name) =>
      ({
        'data-exchange-ringcentral-code': 'ns.SoftphoneController.exchangeRingCentralCode',
        'data-refresh-ringcentral-token': 'ns.SoftphoneController.refreshRingCentralToken',
        'data-revoke-ringcentral-token': 'ns.SoftphoneController.revokeRingCentralToken',
      })[name] ?? null,
  });
  return { broker: new RemotingTokenBroker(actions, { resolveManager: () => manager }), calls };
}

const GRANT = {
  accessToken: 'a-1',
  tokenType: 'bearer',
  expiresIn: 3600,
  ownerId: '62264101',
  scope: 'VoipCalling',
  refreshExpiresIn: 604800,
};

async function failureOf(promise: Promise<unknown>): Promise<TokenBrokerError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TokenBrokerError);
  return error as TokenBrokerError;
}

describe('RemotingTokenBroker', () => {
  it('calls the named remote actions with one request object and reads the grant and the sealed value', async () => {
    const { broker: b, calls } = broker(() => ({ result: { ok: true, token: GRANT, sealed: 'v1.x.y' }, event: OK }));
    const request = {
      server: 'https://platform.ringcentral.com',
      clientId: 'c',
      redirectUri: 'https://acme--c.vf.force.com/apex/RingCentralOAuthCallback',
      code: 'code',
      codeVerifier: 'v'.repeat(43),
    };
    await expect(b.exchangeCode(request)).resolves.toEqual({ token: GRANT, sealed: 'v1.x.y' });
    await expect(b.refresh({ sealed: 'v1.x.y', force: true })).resolves.toEqual({ token: GRANT, sealed: 'v1.x.y' });
    expect(calls.map((c) => [c.action, c.request])).toEqual([
      ['ns.SoftphoneController.exchangeRingCentralCode', request],
      ['ns.SoftphoneController.refreshRingCentralToken', { sealed: 'v1.x.y', force: true }],
    ]);
    expect(calls[0]?.options).toEqual({ buffer: false, escape: false, timeout: 30000 });
  });

  it('maps the envelope codes to what they mean for the sign-in, with Retry-After', async () => {
    const codes: [string, string, number | null][] = [
      ['RINGCENTRAL_UNAVAILABLE', 'unavailable', 7],
      ['RINGCENTRAL_REFUSED', 'refused', null],
      ['SESSION_ENDED', 'session-ended', null],
      ['INVALID_INPUT', 'invalid', null],
    ];
    for (const [code, kind, retryAfter] of codes) {
      const { broker: b } = broker(() => ({
        result: { ok: false, error: { code, message: `because ${code}`, field: null }, retryAfterSeconds: retryAfter },
        event: OK,
      }));
      const error = await failureOf(b.refresh({ sealed: 's', force: false }));
      expect([error.kind, error.message, error.retryAfterSeconds]).toEqual([kind, `because ${code}`, retryAfter]);
      expect(error.endsSignIn).toBe(kind === 'refused' || kind === 'session-ended');
    }
  });

  it('treats a remoting failure as unavailable (the sign-in is kept), whether Salesforce was unreachable or Apex threw', async () => {
    const offline = broker(() => ({
      result: null,
      event: { status: false, type: 'exception', message: 'Unable to connect to the server (communication failure).' },
    }));
    const unreachable = await failureOf(offline.broker.refresh({ sealed: 's', force: false }));
    expect(unreachable.kind).toBe('unavailable');
    expect(unreachable.message).toMatch(/^Salesforce cannot be reached right now/);
    const threw = broker(() => ({
      result: null,
      event: { status: false, type: 'exception', message: 'System.LimitException', where: 'RingCentralTokenService' },
    }));
    const apexFailure = await failureOf(threw.broker.refresh({ sealed: 's', force: false }));
    expect(apexFailure.kind).toBe('unavailable');
    // The Apex text and stack stay with the admin (ADR 0012): the agent reads the fixed message.
    expect(apexFailure.message).toBe(APEX_FAILURE_MESSAGE);
    const noRemoting = new RemotingTokenBroker(readRemoteActionNames(null), { resolveManager: () => undefined });
    expect((await failureOf(noRemoting.refresh({ sealed: 's', force: false }))).kind).toBe('unavailable');
  });

  it('refuses an answer without an access token and reads the revoke outcome', async () => {
    const malformed = broker(() => ({ result: '{"ok":true,"sealed":"s"}', event: OK }));
    expect((await failureOf(malformed.broker.refresh({ sealed: 's', force: false }))).message).toMatch(
      /no access token/,
    );
    const revoke = broker(() => ({ result: { ok: true, revoked: true }, event: OK }));
    await expect(revoke.broker.revoke({ sealed: 's' })).resolves.toEqual({ revoked: true });
  });
});
