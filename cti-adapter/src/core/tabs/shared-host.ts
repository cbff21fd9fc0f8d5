import type {
  ClickToDialEvent,
  CtiHostPort,
  NavigationContext,
  ScreenPop,
  Listening,
  SoftphoneActivity,
} from '../ports/cti-host-port';
import { TypedEmitter, type Unsubscribe } from '../support/typed-emitter';
import type { TabHostMethod } from './tab-protocol';

/**
 * Where a host method runs when several tabs show the softphone (implemented over the {@link TabCoordinator} by the
 * app's tabs chunk): `{ran: false}` when it is to run in this tab (the agent looks at it, or the follower the agent
 * looks at did not answer or went away: a pop is never lost); `{ran: true, value}` when it ran in a follower's tab.
 * Rejects with a follower's host error (the method is then not repeated here).
 * @public
 */
export interface HostRouter {
  route(method: TabHostMethod, args: readonly unknown[]): Promise<{ ran: false } | { ran: true; value: unknown }>;
}

interface RemoteHostEvents {
  clickToDial: ClickToDialEvent;
  navigation: NavigationContext;
}

/**
 * The owner tab's host (ADR 0028): the engine sees one {@link CtiHostPort}, and once a {@link HostRouter} is attached
 * (several tabs):
 * - a screen pop, the panel's opening, `refreshView` and `getAppViewInfo` happen in the tab the agent looks at;
 * - click-to-dial and navigation come from this tab and from every follower ({@link SharedHost.emitRemote});
 * - click-to-dial's enabling, the utility item's activity and the initialization stay this tab's own (each follower
 *   does its own: each tab has its own utility item).
 * Before a router is attached (or without tabs) everything is this tab's host.
 * @public
 */
export class SharedHost implements CtiHostPort {
  private readonly remote = new TypedEmitter<RemoteHostEvents>();
  private router: HostRouter | null = null;

  /**
   * @param onLocalActivity called when the agent acts in this tab's console (a navigation or a click-to-dial): it
   * counts as looking at this tab.
   */
  constructor(
    private readonly local: CtiHostPort,
    private readonly onLocalActivity: () => void = () => undefined,
  ) {}

  attach(router: HostRouter | null): void {
    this.router = router;
  }

  /** A click-to-dial or a navigation in a follower's tab (already checked by the router's side). */
  emitRemote<K extends keyof RemoteHostEvents>(type: K, event: RemoteHostEvents[K]): void {
    this.remote.emit(type, event);
  }

  screenPop(pop: ScreenPop): Promise<void> {
    return this.routed('screenPop', [pop], () => this.local.screenPop(pop));
  }

  refreshView(): Promise<void> {
    return this.routed('refreshView', [], () => this.local.refreshView());
  }

  setPanelVisibility(visible: boolean): Promise<void> {
    return this.routed('setPanelVisibility', [visible], () => this.local.setPanelVisibility(visible));
  }

  getAppViewInfo(): Promise<NavigationContext> {
    return this.routed('getAppViewInfo', [], () => this.local.getAppViewInfo());
  }

  async onClickToDial(listener: (event: ClickToDialEvent) => void): Promise<Unsubscribe> {
    return this.both('clickToDial', listener, (l) => this.local.onClickToDial(l));
  }

  async onNavigationChange(listener: (context: NavigationContext) => void): Promise<Unsubscribe> {
    return this.both('navigation', listener, (l) => this.local.onNavigationChange(l));
  }

  enableClickToDial(): Promise<void> {
    return this.local.enableClickToDial();
  }

  disableClickToDial(): Promise<void> {
    return this.local.disableClickToDial();
  }

  showActivity(activity: SoftphoneActivity, unreadMessages: number, listening: Listening): Promise<void> {
    return this.local.showActivity(activity, unreadMessages, listening);
  }

  notifyInitializationComplete(): Promise<void> {
    return this.local.notifyInitializationComplete();
  }

  private async routed<T>(method: TabHostMethod, args: readonly unknown[], here: () => Promise<T>): Promise<T> {
    const routed = this.router ? await this.router.route(method, args) : { ran: false as const };
    return routed.ran ? (routed.value as T) : here();
  }

  private async both<K extends keyof RemoteHostEvents>(
    type: K,
    listener: (event: RemoteHostEvents[K]) => void,
    register: (local: (event: RemoteHostEvents[K]) => void) => Promise<Unsubscribe>,
  ): Promise<Unsubscribe> {
    const offRemote = this.remote.on(type, listener);
    const offLocal = await register((event) => {
      this.onLocalActivity();
      listener(event);
    });
    return () => {
      offRemote();
      offLocal();
    };
  }
}
