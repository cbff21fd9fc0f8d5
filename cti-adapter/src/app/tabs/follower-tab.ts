/**
 * A follower tab (ADR 0028), loaded as a lazy chunk only in tabs that do not hold the phone: no web phone, no
 * RingCentral REST call, subscription or token renewal, no Salesforce call of its own. It mirrors the owner tab's
 * state, sends the agent's commands to it, shows the activity on its own utility item, passes click-to-dial and
 * navigation to the owner, and carries out the owner's screen pops when the agent looks at this tab.
 */
import { listeningOf, shownKey } from '../../core/engine/listening';
import { activityOfState } from '../../core/engine/softphone-activity';
import type { SoftphoneState } from '../../core/engine/softphone-state';
import type { CtiHostPort, ScreenPop } from '../../core/ports/cti-host-port';
import type { TabCoordinator } from '../../core/tabs/tab-coordinator';
import type { TabHostMethod } from '../../core/tabs/tab-protocol';
import type { SoftphoneController } from '../../ui/softphone-controller';
import { labels } from '../../ui/labels';
import { openSignInPopup } from './popup-sign-in';
import type { MessagesAccess } from '../../ui/messages-controller';
import type { SmsThreadRequest } from '../../core/ports/sms-thread-request-port';
import type { Unsubscribe } from '../../core/support/typed-emitter';
import { messagesLoadError } from '../messages-gate';
import type { FollowerMessages } from './follower-messages';
import { TAB_COMMANDS, type TabCommand } from './tab-commands';

/** Commands whose controller method returns nothing: sent without waiting, a failure is logged. */
const FIRE_AND_FORGET: ReadonlySet<TabCommand> = new Set<TabCommand>([
  'updateForm',
  'cancelAutoLog',
  'discard',
  'setPreferences',
  'dismissNotice',
  'answerDialPrompt',
]);

/** @public */
export interface FollowerTabOptions {
  readonly coordinator: Pick<
    TabCoordinator,
    'follow' | 'command' | 'sendHostEvent' | 'signIn' | 'signInOffer' | 'on' | 'role'
  >;
  readonly host: CtiHostPort;
  /** Called when the agent acts in this tab's console (a navigation): it counts as looking at this tab. */
  readonly onAttention?: () => void;
  /** Opens the sign-in popup in this tab (default: {@link openSignInPopup} on `window`). */
  readonly openPopup?: typeof openSignInPopup;
  /** Loads the follower's Messages chunk (default: the one dynamic `import()` of `./follower-messages`). */
  readonly importMessages?: () => Promise<{ FollowerMessages: typeof FollowerMessages }>;
  /**
   * A record's **Send SMS** in this tab's console (`SMS_Open_Thread__c` through this tab's Open CTI `subscribe`,
   * `SmsThreadRouting`, started): the thread opens in this tab's Messages (ADR 0028, sixth amendment). Stopped when
   * this tab stops following.
   */
  readonly smsThreads?: {
    route(handler: (request: SmsThreadRequest) => void): Unsubscribe;
    stop(): Promise<void>;
  };
}

/** Whether the phone is signed out of RingCentral (the UI then shows Sign in). */
function signedOut(state: SoftphoneState | null): boolean {
  return state?.telephony.state === 'unavailable' && state.telephony.reason === 'logged-out';
}

/** The UI's controller in a follower tab: the owner's mirrored state, commands sent to the owner. @public */
export interface FollowerController extends SoftphoneController {
  /** Stops following (this tab became the owner): no more host events or activity from here. */
  stop(): void;
}

/**
 * Starts following: resolves with the controller once the owner's first state arrived (the UI mounts then).
 * @public
 */
export function startFollowerTab(options: FollowerTabOptions): Promise<FollowerController> {
  const { coordinator, host } = options;
  const listeners = new Set<(state: SoftphoneState) => void>();
  let state: SoftphoneState | null = null;
  let shown = '';
  let initialized = false;
  let stopped = false;
  const offs: (() => void)[] = [];
  /** The owner's newest Messages state before the Messages chunk loaded, and the chunk's controller once it did. */
  let latestMessages: unknown = null;
  let messages: Promise<FollowerMessages> | null = null;
  let messagesController: FollowerMessages | null = null;

  const controller = { subscribe: null as unknown } as unknown as Record<string, unknown>;
  for (const name of TAB_COMMANDS) {
    controller[name] = FIRE_AND_FORGET.has(name)
      ? (...args: unknown[]): void => {
          coordinator.command(name, args).catch((error: unknown) => console.warn(`${name} in the phone's tab`, error));
        }
      : (...args: unknown[]): Promise<unknown> => coordinator.command(name, args);
  }
  Object.defineProperty(controller, 'state', { get: () => state });
  /**
   * Sign in from this tab (ADR 0028): the popup opens here, in the click's task, with the owner's prepared authorize
   * request; the owner exchanges the code and starts. Resolves once signed in — also when another tab signed in
   * meanwhile (this popup is then closed).
   */
  controller.login = (): Promise<void> => {
    const url = coordinator.signInOffer;
    // Before the owner has prepared its authorize request (it just started, or WebCrypto is still working).
    if (!url) return Promise.reject(new Error(labels.Sign_in_not_ready_here));
    const popup = (options.openPopup ?? openSignInPopup)(url);
    return new Promise<void>((resolve, reject) => {
      const elsewhere = (next: SoftphoneState): void => {
        if (signedOut(next)) return;
        listeners.delete(elsewhere);
        popup.close();
        resolve();
      };
      listeners.add(elsewhere);
      popup.response
        .then(({ code, state: returned }) => coordinator.signIn(code, returned))
        .then(resolve, reject)
        .finally(() => listeners.delete(elsewhere));
    });
  };
  /**
   * The Messages tab (ADR 0028, fifth amendment): the owner's Messages feature, mirrored by a lazy chunk loaded when
   * the agent first opens the tab here.
   */
  /** The app's requests to bring its Messages tab forward (a record's Send SMS in this tab). */
  const shows = new Set<() => void>();
  const access: MessagesAccess = {
    load: () => {
      messages ??= (options.importMessages ?? (() => import('./follower-messages')))().then(
        (chunk) => {
          messagesController = new chunk.FollowerMessages({ coordinator, latest: latestMessages });
          return messagesController;
        },
        (error: unknown) => {
          messages = null;
          throw messagesLoadError(error);
        },
      );
      return messages.then((m) => m.load());
    },
    onShow: (listener) => {
      shows.add(listener);
      return () => shows.delete(listener);
    },
  };
  controller.messages = access;
  /**
   * A record's Send SMS in this tab (ADR 0028, sixth amendment): the owner's Messages feature opens the conversation
   * (`messages.openNumber` with the record, as the owner's own Send SMS does) and this tab shows its Messages tab. A
   * number that cannot be texted is refused by the owner with the reason, shown in the Messages tab.
   */
  const offThreads = options.smsThreads?.route((request) => {
    const context = request.recordId
      ? { recordId: request.recordId, objectType: request.objectType, name: request.recordName }
      : null;
    access
      .load()
      .then((m) => m.openNumber(request.number, context))
      .then(
        () => shows.forEach((show) => show()),
        (error: unknown) => console.warn('Send SMS: the thread could not be opened', error),
      );
  });
  controller.stop = (): void => {
    stopped = true;
    offThreads?.();
    void options.smsThreads?.stop().catch(() => undefined);
    messagesController?.stop();
    for (const off of offs.splice(0)) off();
    listeners.clear();
  };
  controller.subscribe = (listener: (s: SoftphoneState) => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  function hostCall(method: TabHostMethod, args: readonly unknown[]): Promise<unknown> {
    switch (method) {
      case 'screenPop':
        if (!isScreenPop(args[0])) return Promise.reject(new Error('Not a screen pop.'));
        return host.screenPop(args[0]);
      case 'setPanelVisibility':
        return host.setPanelVisibility(args[0] === true);
      case 'refreshView':
        return host.refreshView();
      case 'getAppViewInfo':
        return host.getAppViewInfo();
    }
  }

  /** This tab's utility item shows what the phone does; the console stops waiting once the state is settled. */
  function showOnHost(next: SoftphoneState): void {
    const activity = activityOfState(next);
    const listening = listeningOf(next.telephony);
    const key = shownKey(activity, next.unreadMessages, listening);
    if (key !== shown) {
      shown = key;
      host.showActivity(activity, next.unreadMessages, listening).catch(() => undefined);
    }
    if (!initialized && next.settingsLoaded && next.phase !== 'starting') {
      initialized = true;
      host.notifyInitializationComplete().catch(() => undefined);
    }
  }

  const keep = (off: () => void): void => {
    if (stopped) off();
    else offs.push(off);
  };
  void host.enableClickToDial().catch(() => undefined);
  void host
    .onClickToDial((event) => {
      options.onAttention?.();
      coordinator.sendHostEvent('click-to-dial', event);
    })
    .then(keep, () => undefined);
  void host
    .onNavigationChange((context) => {
      options.onAttention?.();
      coordinator.sendHostEvent('navigation', context);
    })
    .then(keep, () => undefined);

  return new Promise((resolve) => {
    coordinator.follow({
      state: (value) => {
        if (stopped) return;
        const first = state === null;
        // The owner's state, marked as another tab's: the header says where the phone is (ADR 0028).
        state = { ...(value as SoftphoneState), phoneInOtherTab: true };
        showOnHost(state);
        if (first) resolve(controller as unknown as FollowerController);
        for (const listener of [...listeners]) listener(state);
      },
      hostCall,
      messages: (value) => {
        if (stopped) return;
        latestMessages = value;
        messagesController?.receive(value);
      },
    });
  });
}

function isScreenPop(value: unknown): value is ScreenPop {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'record' || kind === 'search' || kind === 'newRecord' || kind === 'url';
}
