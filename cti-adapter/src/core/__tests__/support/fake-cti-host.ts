import { utilityItemFor } from '../../../opencti/utility-item';
import type {
  ClickToDialEvent,
  CtiHostPort,
  Listening,
  NavigationContext,
  ScreenPop,
  SoftphoneActivity,
} from '../../ports/cti-host-port';
import type { Unsubscribe } from '../../support/typed-emitter';

/** A navigation context of a page without a record (all `null`, no person account), with `partial` over it. */
export function navigationContext(partial: Partial<NavigationContext> = {}): NavigationContext {
  return {
    url: null,
    recordId: null,
    recordName: null,
    objectType: null,
    accountId: null,
    contactId: null,
    personAccount: false,
    ...partial,
  };
}

/**
 * Fake {@link CtiHostPort}: records pops and activities; the test fires click-to-dial. `icon` / `label` are what the
 * Open CTI host would set on the utility item for the last activity (its own mapping, `utilityItemFor`).
 */
export class FakeCtiHost implements CtiHostPort {
  readonly pops: ScreenPop[] = [];
  readonly log: string[] = [];
  activity: SoftphoneActivity | null = null;
  listening: Listening | null = null;
  icon: string | null = null;
  label: string | null = null;
  private clickListener: ((event: ClickToDialEvent) => void) | null = null;
  private navigationListener: ((context: NavigationContext) => void) | null = null;
  failScreenPop = false;

  async screenPop(pop: ScreenPop): Promise<void> {
    this.log.push('screenPop');
    if (this.failScreenPop) throw new Error('SOFTPHONE_CONTAINER_ERROR');
    this.pops.push(pop);
  }

  async enableClickToDial(): Promise<void> {
    this.log.push('enableClickToDial');
  }

  async disableClickToDial(): Promise<void> {
    this.log.push('disableClickToDial');
  }

  async onClickToDial(listener: (event: ClickToDialEvent) => void): Promise<Unsubscribe> {
    this.log.push('onClickToDial');
    this.clickListener = listener;
    return () => {
      this.clickListener = null;
    };
  }

  async onNavigationChange(listener: (context: NavigationContext) => void): Promise<Unsubscribe> {
    this.navigationListener = listener;
    return () => {
      this.navigationListener = null;
    };
  }

  async getAppViewInfo(): Promise<NavigationContext> {
    return navigationContext();
  }

  async showActivity(activity: SoftphoneActivity, unreadMessages: number, listening: Listening): Promise<void> {
    this.activity = activity;
    this.listening = listening;
    ({ icon: this.icon, label: this.label } = utilityItemFor(activity, unreadMessages, listening));
  }

  async setPanelVisibility(visible: boolean): Promise<void> {
    this.log.push(`panel:${visible}`);
  }

  async notifyInitializationComplete(): Promise<void> {
    this.log.push('notifyInitializationComplete');
  }

  async refreshView(): Promise<void> {
    this.log.push('refreshView');
  }

  /** Simulates the agent clicking a phone field (Open CTI onClickToDial). */
  click(event: Partial<ClickToDialEvent> & { number: string }): void {
    if (!this.clickListener) throw new Error('no click-to-dial listener');
    this.clickListener({ ...navigationContext(), ...event });
  }

  navigate(context: NavigationContext): void {
    this.navigationListener?.(context);
  }
}
