import type { NavigationContext, SoftphoneActivity } from '../../ports/cti-host-port';
import type { Unsubscribe } from '../../support/typed-emitter';
import { listeningOf, shownKey } from '../listening';
import { activityOfState } from '../softphone-activity';
import type { SoftphoneState } from '../softphone-state';
import type { DialFlow } from './dial-flow';
import type { EngineContext } from './engine-context';

/**
 * The host the softphone lives in (the Salesforce console through Open CTI): click-to-dial and the record on screen
 * coming in; the softphone's activity (the utility item) and the one "initialization complete" going out.
 * @public
 */
export class HostFlow {
  /** The record the agent is looking at (`onNavigationChange`), `null` until the host tells. */
  navigation: NavigationContext | null = null;
  private shown: string | null = null;
  private initialized = false;
  private answered!: () => void;
  /**
   * Resolves once the host has answered the one initialization notice (or failed it: the notice is then a
   * `INITIALIZATION_FAILED` warning): the end of the cold start, after which the work the start does not need runs
   * (ADR 0018). Never rejects; pending while the start has not settled.
   */
  readonly initializationAnswered: Promise<void> = new Promise<void>((resolve) => {
    this.answered = resolve;
  });

  constructor(
    private readonly ctx: EngineContext,
    private readonly dial: DialFlow,
  ) {}

  /**
   * Enables click-to-dial and registers the host listeners (each failure is a notice). `keep` receives the
   * listeners' unsubscribe functions. Resolves when the host has answered all three.
   */
  async listen(keep: (off: Unsubscribe) => void): Promise<void> {
    const { host } = this.ctx;
    await Promise.all([
      this.ctx.hostCall('CLICK_TO_DIAL_FAILED', () => host.enableClickToDial()),
      this.ctx.hostCall('CLICK_TO_DIAL_FAILED', async () => {
        keep(await host.onClickToDial((event) => void this.dial.clickToDial(event)));
      }),
      this.ctx.hostCall('NAVIGATION_FAILED', async () => {
        keep(
          await host.onNavigationChange((context) => {
            this.navigation = context;
            this.ctx.changed();
          }),
        );
      }),
    ]);
  }

  /** Shows the activity, unread text messages and listening state of a new state when they differ from those shown. */
  show(state: SoftphoneState): void {
    const activity: SoftphoneActivity = activityOfState(state);
    const unread = state.unreadMessages;
    const listening = listeningOf(state.telephony);
    const shown = shownKey(activity, unread, listening);
    if (shown === this.shown) return;
    this.shown = shown;
    void this.ctx.hostCall('UTILITY_ITEM_FAILED', () => this.ctx.host.showActivity(activity, unread, listening));
  }

  /**
   * Tells the host the softphone is ready, once: when the settings are loaded and the web phone is registered or
   * known to be unavailable (Open CTI then stops waiting for the softphone and never shows its standby URL).
   */
  maybeNotifyInitialized(state: Pick<SoftphoneState, 'phase' | 'settingsLoaded'>): void {
    if (this.initialized || !state.settingsLoaded || state.phase === 'starting') return;
    this.initialized = true;
    // The console's answer ends the cold start: it comes before this page renders the new phase (bounded).
    const release = this.ctx.holdPublish();
    void this.ctx
      .hostCall('INITIALIZATION_FAILED', () => this.ctx.host.notifyInitializationComplete())
      .finally(() => {
        release();
        this.answered();
      });
  }
}
