import { MemoryKeyValueStore } from '../../../core/ports/key-value-store';
import { TokenBrokerError } from '../token-broker';
import { inTabLocks, TokenKeeper } from '../token-keeper';
import { sealedCredentialKey, tokenLockName } from '../token-storage';
import { FakeTokenBroker } from './support/fake-token-broker';

const ORG = '00D5g000000AbCd';
const USER = '0055g000001XyZq';
const KEY = sealedCredentialKey(ORG, USER);

function keeper(broker: FakeTokenBroker, store: MemoryKeyValueStore, locks = inTabLocks()): TokenKeeper {
  return new TokenKeeper({ broker, store, orgId: ORG, userId: USER, locks });
}

const EXCHANGE = {
  server: 'https://platform.ringcentral.com',
  clientId: 'c',
  redirectUri: 'https://acme--c.vf.force.com/apex/RingCentralOAuthCallback',
  code: 'code',
  codeVerifier: 'v'.repeat(43),
};

describe('TokenKeeper', () => {
  it('keys the sealed value and the renewal lock by org and user', () => {
    expect(KEY).toBe('rc-sf-00D5g000000AbCd-0055g000001XyZq-sealed');
    expect(tokenLockName(ORG, USER)).toBe('rc-softphone-token:00D5g000000AbCd:0055g000001XyZq');
    expect(tokenLockName(ORG, USER)).not.toBe(tokenLockName(ORG, '0055g000001XyZr'));
  });

  it('runs renewals one after the other under the lock, by name', async () => {
    const locks = inTabLocks();
    const order: string[] = [];
    let release: () => void = () => undefined;
    const first = locks.request('a', () => new Promise<void>((r) => (release = r)).then(() => order.push('first')));
    const second = locks.request('a', async () => order.push('second'));
    const other = locks.request('b', async () => order.push('other lock'));
    await other;
    expect(order).toEqual(['other lock']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['other lock', 'first', 'second']);
    await expect(locks.request('a', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(locks.request('a', async () => 'after a failure')).resolves.toBe('after a failure');
  });

  it('forces a refresh only for the token it handed out, not for one another tab already replaced', async () => {
    const broker = new FakeTokenBroker();
    const store = new MemoryKeyValueStore();
    const tab = keeper(broker, store);
    await tab.signIn(EXCHANGE);
    await tab.renew({ rejected: true });
    expect(broker.refreshes.at(-1)).toEqual({ sealed: 'sealed-1', force: true });
    // Another tab rotates the credential and stores its sealed value.
    store.set(KEY, (await broker.refresh({ sealed: 'sealed-2', force: true })).sealed);
    await tab.renew({ rejected: true });
    expect(broker.refreshes.at(-1)).toEqual({ sealed: 'sealed-3', force: false });
    expect(broker.ringCentralRefreshes).toBe(2); // this tab's renewal did not spend sealed-3
  });

  it('after waiting for another tab’s renewal, waits for its new value instead of forcing with the old one', async () => {
    // Two tabs: a write of tab A reaches tab B's view of localStorage only later (Chromium propagates it
    // asynchronously), here at B's first pause.
    const broker = new FakeTokenBroker();
    const locks = inTabLocks();
    const storeA = new MemoryKeyValueStore();
    const storeB = new MemoryKeyValueStore();
    const a = keeper(broker, storeA, locks);
    await a.signIn(EXCHANGE);
    storeB.set(KEY, storeA.get(KEY)!);
    const pauses: number[] = [];
    const b = new TokenKeeper({
      broker,
      store: storeB,
      orgId: ORG,
      userId: USER,
      locks,
      pause: (ms) => {
        pauses.push(ms);
        storeB.set(KEY, storeA.get(KEY)!);
        return Promise.resolve();
      },
    });
    await b.renew({ rejected: false }); // tab B picks up the sign-in (sealed-1)
    broker.expireAccessToken();
    const [fromA, fromB] = await Promise.all([a.renew({ rejected: true }), b.renew({ rejected: true })]);
    expect(broker.ringCentralRefreshes).toBe(1); // one refresh token spent, by tab A
    expect(broker.refusedRefreshes).toBe(0);
    expect(broker.refreshes.slice(-2)).toEqual([
      { sealed: 'sealed-1', force: true },
      { sealed: 'sealed-2', force: false },
    ]);
    expect(fromB.accessToken).toBe(fromA.accessToken);
    expect(pauses).toEqual([50]);
    // Without a newer value (tab A's renewal failed), tab B forces the refresh itself after the wait.
    broker.expireAccessToken();
    broker.failNext('unavailable', 'HTTP 503');
    pauses.length = 0;
    const failed = a.renew({ rejected: true });
    const retried = b.renew({ rejected: true });
    await expect(failed).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(retried).resolves.toMatchObject({ accessToken: 'access-3' });
    expect(pauses.length).toBe(30);
    expect(broker.refreshes.at(-1)).toEqual({ sealed: 'sealed-2', force: true });
  });

  it('removes the sealed value when the broker ends the sign-in, and keeps it when RingCentral is unavailable', async () => {
    const broker = new FakeTokenBroker();
    const store = new MemoryKeyValueStore();
    const tab = keeper(broker, store);
    await tab.signIn(EXCHANGE);
    broker.expireAccessToken();
    broker.failNext('unavailable', 'HTTP 503');
    await expect(tab.renew({ rejected: false })).rejects.toMatchObject({ kind: 'unavailable' });
    expect(store.get(KEY)).toBe('sealed-1');
    broker.failNext('refused', 'Token is revoked');
    await expect(tab.renew({ rejected: false })).rejects.toBeInstanceOf(TokenBrokerError);
    expect(store.get(KEY)).toBeNull();
    await expect(tab.renew({ rejected: false })).rejects.toMatchObject({ kind: 'session-ended' });
  });

  it('signs out: forgets first, then revokes; a failed revoke is reported, not thrown', async () => {
    const broker = new FakeTokenBroker();
    const store = new MemoryKeyValueStore();
    const tab = keeper(broker, store);
    await tab.signIn(EXCHANGE);
    broker.failNext('unavailable', 'offline');
    const outcome = await tab.signOut();
    expect(outcome.revoked).toBe(false);
    expect(outcome.error).toBeInstanceOf(TokenBrokerError);
    expect(store.keys('')).toEqual([]);
    await expect(tab.signOut()).resolves.toEqual({ revoked: false });
    expect(broker.revoked).toEqual(['sealed-1']);
  });
});
