import { LightningElement, api } from 'lwc';
import type { SoftphoneState } from '../../../core/engine/softphone-state';
import type { PresenceMode } from '../../../core/presence/presence-mode';
import type MessagesPanel from '../messagesPanel/messagesPanel';
import { IDLE, raise } from '../../softphone-events';
import type { CommandFeedback, SoftphoneEventName, SoftphoneEvents } from '../../softphone-events';
import type { LazySurface, SurfaceConstructor } from '../../lazy-surfaces';
import { labels } from '../../labels';

/** The tabs whose panel this component shows (the Phone tab's is the app's own: the first paint shows it). */
type PanelTab = 'messages' | 'history' | 'unresolved' | 'settings';

/**
 * The panels of the Messages, History, Unresolved and Settings tabs (`tabPanels`), a lazy surface of its own (ADR
 * 0018, first paint: the root template holds only the first paint's surfaces): ringing, answering and the screen pop
 * show the Phone tab only, so the app's template keeps the header, the tab bar and the Phone tab, and renders this
 * component when the agent selects one of the other tabs. It shows the selected tab's panel — the `tabpanel` element
 * the tab bar's `aria-controls` names, with the tab's lazy surface in it (`messagesPanel`, `callHistory`,
 * `unresolvedCalls`, `settingsPanel`) or "Loading…" until that surface's chunk is there.
 *
 * Data down, events up (ADR 0004): a view of its `@api` inputs, the app's data (`state`, the loaded `surfaces`, the
 * app's command `feedback` by surface, the presence mode, the Messages tab's `messagesAccess`). It raises again, on its
 * own host, every event its panels raise (`refresh`, `logpastcall`, `open`, `preferenceschange`, `testsound`,
 * `queuecalls`, `logout`: same name, same detail); the app listens on this host as it listened on each panel.
 * The host takes no box of its own (`display: contents`, `app.css`): each panel stays a flex item of the tab set, so it
 * scrolls under the tab bar as before.
 */
export default class TabPanels extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  /** The selected tab (`phone` or anything else shows nothing). */
  @api tab: PanelTab | 'phone' = 'phone';
  /** The engine's state, as the app has it. */
  @api state: SoftphoneState | null = null;
  /** The lazy surfaces loaded so far, by name (the app loads those the selected tab needs). */
  @api surfaces: Readonly<Partial<Record<LazySurface, SurfaceConstructor>>> = {};
  /** The app's command feedback by surface: `history` and `settings` are this component's panels'. */
  @api feedback: Readonly<Record<string, CommandFeedback>> = {};
  /** The agent's presence mode, `null` until the presence is known (the Settings tab's queue switch reads it). */
  @api presenceMode: PresenceMode | null = null;
  /** How the Messages tab reaches its feature (`null`: not available on this page), passed to `messagesPanel` as is. */
  @api messagesAccess: MessagesPanel['access'] = null;

  get isMessagesTab(): boolean {
    return this.tab === 'messages';
  }

  get isHistoryTab(): boolean {
    return this.tab === 'history';
  }

  get isUnresolvedTab(): boolean {
    return this.tab === 'unresolved';
  }

  get isSettingsTab(): boolean {
    return this.tab === 'settings';
  }

  get messagesLoading(): boolean {
    return !this.surfaces.messagesPanel;
  }

  get historyLoading(): boolean {
    return !this.surfaces.callHistory;
  }

  get unresolvedLoading(): boolean {
    return !this.surfaces.unresolvedCalls;
  }

  get settingsLoading(): boolean {
    return !this.surfaces.settingsPanel;
  }

  get historyFeedback(): CommandFeedback {
    return this.feedback.history ?? IDLE;
  }

  get settingsFeedback(): CommandFeedback {
    return this.feedback.settings ?? IDLE;
  }

  get userName(): string | null {
    return this.state?.user?.name ?? null;
  }

  /** A panel's event, raised again on this host (same name and detail) for the app. */
  handleEvent(event: CustomEvent): void {
    raise(this, event.type as SoftphoneEventName, event.detail as SoftphoneEvents[SoftphoneEventName]);
  }
}
