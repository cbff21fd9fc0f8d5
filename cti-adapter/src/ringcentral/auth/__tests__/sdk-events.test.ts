import type * as Sdk from '@ringcentral/sdk';
import EventEmitter3 from 'eventemitter3';

// The bundle resolves Node's `events` to `eventemitter3` (scripts/build/build-softphone.mjs, eventsShim): the SDK's
// Platform and Client must emit to their listeners exactly as with Node's EventEmitter.
jest.mock('events', () => {
  const actual: typeof EventEmitter3 = jest.requireActual('eventemitter3');
  return { __esModule: true, default: actual, EventEmitter: actual };
});

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SDK } = require('@ringcentral/sdk') as typeof Sdk;

function sdkAnswering(status: number): InstanceType<typeof SDK> {
  const answer = (): Promise<Response> =>
    Promise.resolve(
      new Response(JSON.stringify({ errorCode: 'CMN-101', message: 'Server is busy' }), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
  return new SDK({
    server: 'https://platform.example.test',
    clientId: 'client-1',
    fetch: answer as unknown as typeof fetch,
    Request,
    Response,
    Headers,
    clearCacheOnRefreshError: false,
  });
}

describe('@ringcentral/sdk over eventemitter3 (the bundle’s events)', () => {
  it('builds the SDK’s emitters on eventemitter3', () => {
    const sdk = sdkAnswering(200);
    expect(sdk.client()).toBeInstanceOf(EventEmitter3);
    expect(sdk.platform()).toBeInstanceOf(EventEmitter3);
  });

  it('calls the client’s requestError and the platform’s listeners synchronously, in order, with their arguments', async () => {
    const sdk = sdkAnswering(503);
    await sdk
      .platform()
      .auth()
      .setData({
        token_type: 'bearer',
        access_token: 'a-1',
        expires_in: '3600',
        expire_time: Date.now() + 3_600_000,
        refresh_token_expires_in: '604800',
        refresh_token_expire_time: Date.now() + 604_800_000,
      });
    const seen: string[] = [];
    sdk.client().on(sdk.client().events.requestError, (error) => seen.push(`first ${error.response?.status}`));
    sdk.client().on(sdk.client().events.requestError, () => seen.push('second'));
    const once = jest.fn();
    sdk.platform().once(sdk.platform().events.rateLimitError, once);
    await expect(sdk.platform().get('/restapi/v1.0/account/~')).rejects.toThrow('Server is busy');
    expect(seen).toEqual(['first 503', 'second']);
    expect(once).not.toHaveBeenCalled();
  });
});
