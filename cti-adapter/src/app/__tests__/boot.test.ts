import { MemoryKeyValueStore } from '../../core/ports/key-value-store';
import { FakeTokenBroker } from '../../ringcentral/auth/__tests__/support/fake-token-broker';
import { inTabLocks } from '../../ringcentral/auth/token-keeper';
import { sealedCredentialKey } from '../../ringcentral/auth/token-storage';
import { RemoteActionCaller } from '../../salesforce/remote-action-caller';
import type { RemotingEvent, VisualforceRemotingManager } from '../../salesforce/visualforce-remoting';
import { startBoot, takeBoot } from '../boot';
import { WebLocksTabLock } from '../tabs/tab-lock';

/**
 * The boot module (ADR 0018, "cold start: the requests leave before the bundle is evaluated"): the owner election
 * first (ADR 0028: a follower sends nothing), then the owner's renewal and settings request at once.
 */

const ORG = '00D000000000001AAA';
const USER = '005000000000001AAA';
const OK: RemotingEvent = { status: true, type: 'rpc', statusCode: 200 };

function page() {
  const attributes: Record<string, string> = {
    'data-org-id': ORG,
    'data-user-id': USER,
    'data-get-softphone-settings': 'rcsp.SoftphoneController.getSoftphoneSettings',
  };
  const element = { getAttribute: (name: string) => attributes[name] ?? null };
  return { getElementById: (id: string) => (id === 'softphone-config' ? element : null) } as unknown as Document;
}

/** Visualforce remoting that records each action and answers `{ok: true}`. */
function remoting() {
  const actions: string[] = [];
  const manager: VisualforceRemotingManager = {
    invokeAction(action: string, ...rest: unknown[]) {
      actions.push(action);
      const callback = rest[1] as (result: unknown, event: RemotingEvent) => void;
      queueMicrotask(() => callback({ ok: true, settings: {} }, OK));
    },
  };
  return { actions, caller: new RemoteActionCaller({ resolveManager: () => manager }) };
}

/** The owner lock over a fake Web Locks manager: `available` says whether another tab holds it. */
function ownerLockOf(available: boolean) {
  const asked: unknown[] = [];
  const lock = new WebLocksTabLock(
    {
      request: (_name, options, callback) => {
        asked.push(options);
        return callback(available ? {} : null);
      },
    },
    'softphone-owner',
  );
  return { lock, asked };
}

describe('startBoot', () => {
  let broker: FakeTokenBroker;
  let store: MemoryKeyValueStore;

  beforeEach(async () => {
    broker = new FakeTokenBroker();
    store = new MemoryKeyValueStore();
    // A stored sign-in, as a reload finds it.
    const signedIn = await broker.exchangeCode({
      server: 'https://platform.ringcentral.com',
      clientId: 'c',
      redirectUri: 'https://x/apex/RingCentralOAuthCallback',
      code: 'code',
      codeVerifier: 'v',
    });
    store.set(sealedCredentialKey(ORG, USER), signedIn.sealed);
  });

  it('in the owner tab: the renewal and the settings request leave at once, before the engine exists', async () => {
    const { actions, caller } = remoting();
    const { lock, asked } = ownerLockOf(true);
    const boot = startBoot(page(), { caller, broker, store, lock, locks: inTabLocks() });
    const election = await boot.election;
    expect(asked).toEqual([{ ifAvailable: true }]); // never waits for the lock: that is a follower's part
    expect(election.held).toBe(true);
    expect(actions).toEqual(['rcsp.SoftphoneController.getSoftphoneSettings']);
    await expect(election.renewal).resolves.toMatchObject({ accessToken: 'access-1' });
    expect(broker.refreshes).toEqual([{ sealed: 'sealed-1', force: false }]);
    await expect(election.settings?.answer).resolves.toMatchObject({ result: { ok: true }, event: OK });
    expect(boot.config).toMatchObject({ orgId: ORG, userId: USER });
    expect(boot.lock).toBe(lock);
  });

  it('in a follower tab: no renewal and no remote action (ADR 0028)', async () => {
    const { actions, caller } = remoting();
    const { lock } = ownerLockOf(false);
    const election = await startBoot(page(), { caller, broker, store, lock, locks: inTabLocks() }).election;
    expect(election).toEqual({ held: false, renewal: null, settings: null });
    expect(actions).toEqual([]);
    expect(broker.refreshes).toEqual([]);
  });

  it('without a stored sign-in: the settings only (the sign-in button needs no renewal)', async () => {
    store.remove(sealedCredentialKey(ORG, USER));
    const { actions, caller } = remoting();
    const election = await startBoot(page(), { caller, broker, store, lock: ownerLockOf(true).lock }).election;
    expect(election.renewal).toBeNull();
    expect(actions).toEqual(['rcsp.SoftphoneController.getSoftphoneSettings']);
    expect(broker.refreshes).toEqual([]);
  });

  it('without Web Locks every tab is its own softphone: it sends both', async () => {
    const { actions, caller } = remoting();
    const election = await startBoot(page(), { caller, broker, store, lock: null, locks: null }).election;
    expect(election.held).toBe(true);
    expect(actions).toHaveLength(1);
    await expect(election.renewal).resolves.toMatchObject({ accessToken: 'access-1' });
  });

  it('a failed request waits for the engine, never an unhandled rejection', async () => {
    broker.expireAccessToken();
    broker.failNext('unavailable', 'RingCentral cannot be reached right now.');
    const manager: VisualforceRemotingManager = {
      invokeAction: () => {
        throw new Error('remoting is down');
      },
    };
    const caller = new RemoteActionCaller({ resolveManager: () => manager });
    const election = await startBoot(page(), { caller, broker, store, lock: null, locks: inTabLocks() }).election;
    await expect(election.renewal).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(election.settings?.answer).rejects.toMatchObject({ code: 'NETWORK' });
  });
});

describe('takeBoot', () => {
  it('hands the page’s boot over once (outside a page there is none)', () => {
    expect(takeBoot()).toBeNull();
    expect(takeBoot()).toBeNull();
  });
});
