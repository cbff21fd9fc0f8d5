import * as nodeCrypto from 'node:crypto';
import { MemoryKeyValueStore } from '../../../core/ports/key-value-store';
import { ManualClock } from '../../__tests__/support/fake-clock';
import type { AuthState } from '../auth-state';
import { RingCentralSession } from '../ringcentral-session';
import { PKCE_NOT_READY_MESSAGE, preparePkceVerifier } from '../sdk-crypto-shim';
import { inTabLocks } from '../token-keeper';
import { FakeTokenBroker, restFetch } from './support/fake-token-broker';
import { defaultSdkFactory } from '../default-sdk';
import { signInPaths } from '../sign-in';

// The SDK as the bundle links it: its `crypto` is the stand-in (scripts/build/build-softphone.mjs, cryptoShim),
// whose SHA-256 is computed ahead with WebCrypto (ADR 0018): `loginUrl` must still run within the click's task.
jest.mock('crypto', () => jest.requireActual('../sdk-crypto-shim'));

/** Lets the test decide when the ahead-of-click computation may run. */
function gatedPrepare(): { prepare: () => Promise<void>; open: () => void; calls: () => number } {
  let opened = false;
  let waiting: (() => void)[] = [];
  let calls = 0;
  return {
    prepare: () => {
      calls += 1;
      if (opened) return preparePkceVerifier();
      return new Promise<void>((resolve) => waiting.push(resolve)).then(() => preparePkceVerifier());
    },
    open: () => {
      opened = true;
      const resolveAll = waiting;
      waiting = [];
      resolveAll.forEach((resolve) => resolve());
    },
    calls: () => calls,
  };
}

function newSession(broker: FakeTokenBroker, prepare: () => Promise<void>) {
  const session = new RingCentralSession({
    sdkFactory: defaultSdkFactory,
    signIn: signInPaths,
    server: 'https://platform.ringcentral.com',
    clientId: 'softphone-local',
    redirectUri: 'https://acme--c.vf.force.com/apex/RingCentralOAuthCallback',
    orgId: '00D5g000000AbCd',
    userId: '0055g000001XyZq',
    store: new MemoryKeyValueStore(),
    broker,
    locks: inTabLocks(),
    clock: new ManualClock(),
    online: null,
    fetch: restFetch(broker),
    randomState: () => 'state-123',
    preparePkce: prepare,
  });
  const states: AuthState[] = [];
  session.on('state', (s) => states.push(s));
  const opened: string[] = [];
  session.platform.loginWindow = ({ url }) => {
    opened.push(url);
    return Promise.resolve({ code: 'code-1', state: 'state-123' });
  };
  return { session, states, opened };
}

/** Waits for the preparation the session started (joins it: one verifier is prepared at a time). */
const settle = () => preparePkceVerifier();

describe('RingCentralSession: the PKCE challenge is computed before the sign-in click', () => {
  it('prepares when the sign-in is offered; the click opens the popup with the S256 challenge of the verifier sent', async () => {
    const broker = new FakeTokenBroker();
    const gate = gatedPrepare();
    gate.open();
    const t = newSession(broker, gate.prepare);
    expect(gate.calls()).toBe(0); // nothing computed on a start that restores a sign-in
    await expect(t.session.restore()).resolves.toBe(false);
    expect(gate.calls()).toBe(1);
    await settle();

    await t.session.loginWithPopup();

    expect(t.opened).toHaveLength(1);
    const url = new URL(t.opened[0]!);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    const verifier = broker.exchanges[0]!.codeVerifier;
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('code_challenge')).toBe(
      nodeCrypto.createHash('sha256').update(verifier).digest('base64url'),
    );
    expect(t.session.state.name).toBe('logged-in');
  });

  it('a click before the challenge is ready opens nothing, says so, and the next click signs in', async () => {
    const broker = new FakeTokenBroker();
    const gate = gatedPrepare();
    const t = newSession(broker, gate.prepare);
    await t.session.restore();

    await expect(t.session.loginWithPopup()).rejects.toThrow(PKCE_NOT_READY_MESSAGE);
    expect(t.opened).toEqual([]);
    expect(broker.exchanges).toEqual([]);
    expect(t.session.state).toEqual({ name: 'logged-out', reason: 'login-cancelled', message: PKCE_NOT_READY_MESSAGE });

    gate.open();
    await settle();
    await t.session.loginWithPopup();
    expect(t.opened).toHaveLength(1);
    expect(t.session.state.name).toBe('logged-in');
  });

  it('a cancelled sign-in prepares a new verifier for the next click (never the same one twice)', async () => {
    const broker = new FakeTokenBroker();
    const gate = gatedPrepare();
    gate.open();
    const t = newSession(broker, gate.prepare);
    await t.session.restore();
    await settle();
    const answer = t.session.platform.loginWindow;
    t.session.platform.loginWindow = ({ url }) => {
      t.opened.push(url);
      return Promise.reject(new Error('Login window is closed'));
    };
    await expect(t.session.loginWithPopup()).rejects.toThrow('Login window is closed');
    expect(t.session.state.name).toBe('logged-out');
    expect(gate.calls()).toBe(2); // offered again: a new verifier is computed
    await settle();

    t.session.platform.loginWindow = answer;
    await t.session.loginWithPopup();
    expect(t.opened).toHaveLength(2);
    const [first, second] = t.opened.map((u) => new URL(u).searchParams.get('code_challenge'));
    expect(first).not.toBe(second);
    expect(second).toBe(nodeCrypto.createHash('sha256').update(broker.exchanges[0]!.codeVerifier).digest('base64url'));
  });
});
