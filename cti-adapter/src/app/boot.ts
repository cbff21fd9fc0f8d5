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
  const keeper = new TokenKeeper({
    broker: options.broker ?? new RemotingTokenBroker(config.actions),
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
  return { config, lock, keeper, election };
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

if (typeof document !== 'undefined' && document.getElementById('softphone-config')) started = startBoot(document);
