/**
 * The boot module: `softphone-boot.js` of the `SoftphoneBundle` static resource, a small chunk the `OpenCTIIndex`
 * page loads as its own async module script right after `#softphone-config`, before the first-paint chunk
 * (`softphone.js`, which imports it statically — one module instance: the browser keys modules by URL). It starts the
 * requests the cold start waits for while the first-paint chunk is still downloading and being compiled (ADR 0018,
 * amendment "cold start: the requests leave before the bundle is evaluated"):
 * 1. the owner election (ADR 0028): the owner lock asked with `ifAvailable` (W3C Web Locks); a follower tab sends
 *    nothing (no renewal, no remote action), as before;
 * 2. in the owner tab, at once and in parallel: the token renewal of the stored sealed sign-in (ADR 0016: the
 *    {@link TokenKeeper} under its renewal lock, `refreshRingCentralToken` through Visualforce remoting; the access
 *    token stays in this page's memory) and the settings round trip (`getSoftphoneSettings`).
 * `softphone.js` takes the handed-over lock and pending answers with {@link takeBoot}: the engine's settings load and
 * the RingCentral session's first renewal use them instead of asking again (each pending answer is used once).
 * Nothing here renders, and nothing changes what the console receives or its order.
 */
import type { KeyValueStore } from '../core/ports/key-value-store';
import type { AccessGrant, TokenBroker } from '../ringcentral/auth/token-broker';
import { TokenKeeper, type LockManagerLike } from '../ringcentral/auth/token-keeper';
import { RemoteActionCaller, type RemoteAnswer } from '../salesforce/remote-action-caller';
import { RemotingTokenBroker } from '../salesforce/remoting-token-broker';
import { LocalStorageStore } from './local-storage-store';
import { mark } from './marks';
import { readPageConfig, type PageConfig } from './page-config';
import { ownerLock, type WebLocksTabLock } from './tabs/tab-lock';

/** A remote action's answer that left before the engine existed, and when it left (epoch ms). @public */
export interface HandedOverAnswer {
  readonly answer: Promise<RemoteAnswer>;
  readonly sentAt: number;
}

/** What this tab's part in the owner election decided, and the requests that left because of it. @public */
export interface BootElection {
  /** Whether this tab holds the owner lock (always `true` without Web Locks: every tab is its own softphone). */
  readonly held: boolean;
  /**
   * The owner's renewal of the stored sign-in (`null` in a follower, or when no sign-in is stored), by {@link
   * BootStart.keeper}: the session's first renewal takes it. Rejects as `TokenKeeper.renew` does.
   */
  readonly renewal: Promise<AccessGrant> | null;
  /** The owner's `getSoftphoneSettings` round trip (`null` in a follower). */
  readonly settings: HandedOverAnswer | null;
}

/** What the boot module hands to the first-paint chunk. @public */
export interface BootStart {
  readonly config: PageConfig;
  /** The owner lock (ADR 0028), `null` without Web Locks or `BroadcastChannel`. */
  readonly lock: WebLocksTabLock | null;
  /** The keeper of the agent's sealed sign-in in this page (its last sealed value is the renewal's). */
  readonly keeper: TokenKeeper;
  /** Settles once the owner lock answered (never rejects). */
  readonly election: Promise<BootElection>;
  /**
   * Resolves once the requests of {@link BootStart.election} have left: the renewal's when its lock was granted and
   * the broker called (or it settled), the settings' at the election; at the election in a follower or without a
   * stored sign-in. Never rejects.
   */
  readonly requestsSent: Promise<void>;
}

/**
 * Starts the boot in `doc` (reads `#softphone-config`, asks for the owner lock; in the owner, sends the renewal and the
 * settings request). Exported for tests; the page's module calls it once, at its evaluation.
 * @public
 */
export function startBoot(
  doc: Pick<Document, 'getElementById'>,
  options: {
    readonly caller?: RemoteActionCaller;
    readonly broker?: TokenBroker;
    readonly store?: KeyValueStore;
    readonly lock?: WebLocksTabLock | null;
    readonly locks?: LockManagerLike | null;
  } = {},
): BootStart {
  mark('softphone:boot-start');
  const config = readPageConfig(doc.getElementById('softphone-config'));
  const lock = options.lock === undefined ? ownerLock(config) : options.lock;
  const caller = options.caller ?? new RemoteActionCaller();
  const inner = options.broker ?? new RemotingTokenBroker(config.actions);
  let renewalSent: () => void = () => undefined;
  const sent = new Promise<void>((resolve) => (renewalSent = resolve));
  // The keeper's broker, telling when a renewal's request has left (`refresh` calls the remote action at once).
  const broker: TokenBroker = {
    exchangeCode: (request) => inner.exchangeCode(request),
    refresh: (request) => {
      const answer = inner.refresh(request);
      renewalSent();
      return answer;
    },
    revoke: (request) => inner.revoke(request),
  };
  const keeper = new TokenKeeper({
    broker,
    store: options.store ?? new LocalStorageStore(),
    orgId: config.orgId,
    userId: config.userId,
    ...(options.locks !== undefined ? { locks: options.locks } : {}),
  });
  const election = (lock ? lock.hold(false) : Promise.resolve(true)).then((held): BootElection => {
    if (!held) return { held, renewal: null, settings: null };
    // The renewal first: it asks for the renewal lock (an IPC) before its request leaves; the settings leave at once.
    const renewal = keeper.hasCredential() ? keeper.renew({ rejected: false }) : null;
    const settings: HandedOverAnswer = {
      answer: caller.call(config.actions.getSoftphoneSettings, {}),
      sentAt: Date.now(),
    };
    // Until the engine takes them, a failure is its to report, not an unhandled rejection.
    settings.answer.catch(() => undefined);
    renewal?.catch(() => undefined);
    return { held, renewal, settings };
  });
  const requestsSent = election.then(({ renewal }) =>
    renewal
      ? Promise.race([
          sent,
          renewal.then(
            () => undefined,
            () => undefined,
          ),
        ])
      : undefined,
  );
  return { config, lock, keeper, election, requestsSent };
}

let started: BootStart | null = null;
let taken = false;

/**
 * The boot of this page, once: the first call gets it (the first-paint chunk's start), later calls `null` (a tab
 * taking the phone over starts without handed-over answers).
 * @public
 */
export function takeBoot(): BootStart | null {
  if (taken) return null;
  taken = true;
  return started;
}

/**
 * The first-paint chunk, next to this module in the static resource (resolved against this module's URL). A variable,
 * so that the build leaves the import to the browser: that chunk imports this one statically.
 */
const FIRST_PAINT_CHUNK = './softphone.js';

/**
 * The longest the first-paint chunk's evaluation waits for the renewal's request to leave, ms: its renewal lock may be
 * held by another tab's renewal, which this tab then waits for (`TokenKeeper.renew`).
 */
const RENEWAL_SEND_WAIT_MS = 100;

if (typeof document !== 'undefined' && document.getElementById('softphone-config')) {
  // The page preloads the first-paint chunk (`<link rel="modulepreload">`: fetched and compiled, not run); it runs
  // once this tab's requests have left (at most RENEWAL_SEND_WAIT_MS after the election), so that its evaluation — one
  // long task — does not hold back a lock's grant or the renewal's request.
  started = startBoot(document);
  void started.election
    .then(() =>
      Promise.race([started!.requestsSent, new Promise<void>((resolve) => setTimeout(resolve, RENEWAL_SEND_WAIT_MS))]),
    )
    .then(() => import(/* @vite-ignore */ FIRST_PAINT_CHUNK))
    .catch((error: unknown) => console.error('The softphone could not load', error));
}
