import type {
  ClickToDialEvent,
  CtiHostPort,
  NavigationContext,
  ScreenPop,
  SoftphoneActivity,
} from '../ports/cti-host-port';
import { TypedEmitter, type Unsubscribe } from '../support/typed-emitter';
import type { TabHostEvent, TabHostMethod } from './tab-protocol';
import { TabUnreachableError } from './tab-requests';

/** The part of the {@link TabCoordinator} the shared host needs (owner side). @public */
export interface SharedHostTabs {
  readonly tabId: string;
  activeTab(): string;
  callHost(tab: string, method: TabHostMethod, args: readonly unknown[]): Promise<unknown>;
}

interface RemoteHostEvents {
  clickToDial: ClickToDialEvent;
  navigation: NavigationContext;
}

/**
 * The owner tab's host when several tabs show the softphone (ADR 0028): the engine sees one {@link CtiHostPort}, and
 * - a screen pop, the panel's opening, `refreshView` and `getAppViewInfo` happen in the tab the agent looks at
 *   ({@link SharedHostTabs.activeTab}): this tab's host, or the follower's through the channel (this tab's host when
 *   the follower does not answer or went away, so a pop is never lost);
 * - click-to-dial and navigation come from this tab and from every follower ({@link SharedHost.hostEvent});
 * - click-to-dial, the utility item's activity and the initialization are this tab's own (each follower does its
 *   own: each tab has its own utility item).
 * @public
 */
export class SharedHost implements CtiHostPort {
  private readonly remote = new TypedEmitter<RemoteHostEvents>();

  /**
   * @param onLocalActivity called when the agent acts in this tab's console (a navigation or a click-to-dial): it
   * counts as looking at this tab.
   */
  constructor(
    private readonly local: CtiHostPort,
    private readonly tabs: SharedHostTabs,
    private readonly onLocalActivity: () => void = () => undefined,
  ) {}

  /** A host event a follower reported (its payload is checked for the fields the engine reads). */
  hostEvent(event: TabHostEvent, payload: Record<string, unknown>): void {
    const context = navigationOf(payload);
    if (!context) return;
    if (event === 'navigation') {
      this.remote.emit('navigation', context);
    } else if (typeof payload.number === 'string' && payload.number.trim()) {
      this.remote.emit('clickToDial', { ...context, number: payload.number });
    }
  }

  screenPop(pop: ScreenPop): Promise<void> {
    return this.inActiveTab('screenPop', [pop], () => this.local.screenPop(pop)).then(() => undefined);
  }

  refreshView(): Promise<void> {
    return this.inActiveTab('refreshView', [], () => this.local.refreshView()).then(() => undefined);
  }

  setPanelVisibility(visible: boolean): Promise<void> {
    return this.inActiveTab('setPanelVisibility', [visible], () => this.local.setPanelVisibility(visible)).then(
      () => undefined,
    );
  }

  async getAppViewInfo(): Promise<NavigationContext> {
    const value = await this.inActiveTab('getAppViewInfo', [], () => this.local.getAppViewInfo());
    return navigationOf(value) ?? this.local.getAppViewInfo();
  }

  async onClickToDial(listener: (event: ClickToDialEvent) => void): Promise<Unsubscribe> {
    const offRemote = this.remote.on('clickToDial', listener);
    const offLocal = await this.local.onClickToDial((event) => {
      this.onLocalActivity();
      listener(event);
    });
    return () => {
      offRemote();
      offLocal();
    };
  }

  async onNavigationChange(listener: (context: NavigationContext) => void): Promise<Unsubscribe> {
    const offRemote = this.remote.on('navigation', listener);
    const offLocal = await this.local.onNavigationChange((context) => {
      this.onLocalActivity();
      listener(context);
    });
    return () => {
      offRemote();
      offLocal();
    };
  }

  enableClickToDial(): Promise<void> {
    return this.local.enableClickToDial();
  }

  disableClickToDial(): Promise<void> {
    return this.local.disableClickToDial();
  }

  showActivity(activity: SoftphoneActivity, unreadMessages?: number): Promise<void> {
    return this.local.showActivity(activity, unreadMessages);
  }

  notifyInitializationComplete(): Promise<void> {
    return this.local.notifyInitializationComplete();
  }

  /**
   * Runs `method` in the tab the agent looks at; in this tab when that is this tab, or when the follower did not
   * answer or went away (a pop is never lost). A follower's host error is this method's error (the pop is not
   * repeated here).
   */
  private async inActiveTab(
    method: TabHostMethod,
    args: readonly unknown[],
    here: () => Promise<unknown>,
  ): Promise<unknown> {
    const tab = this.tabs.activeTab();
    if (tab === this.tabs.tabId) return here();
    try {
      return await this.tabs.callHost(tab, method, args);
    } catch (error) {
      if (error instanceof TabUnreachableError) return here();
      throw error;
    }
  }
}

const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** A {@link NavigationContext} from another tab's plain data, or `null` when it is not one. */
function navigationOf(value: unknown): NavigationContext | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  return {
    url: stringOrNull(v.url),
    recordId: stringOrNull(v.recordId),
    recordName: stringOrNull(v.recordName),
    objectType: stringOrNull(v.objectType),
    accountId: stringOrNull(v.accountId),
    contactId: stringOrNull(v.contactId),
    personAccount: v.personAccount === true,
  };
}
