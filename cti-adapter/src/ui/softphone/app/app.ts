import { LightningElement, api } from 'lwc';
import type { CallView, SoftphoneState } from '../../../core/engine/softphone-state';
import { describeTelephonyProblem } from '../../telephony-help';
import type { TelephonyHelp } from '../../telephony-help';
import type { UserStatus } from '../../../core/ports/presence-port';
import type { SoftphoneController } from '../../softphone-controller';
import { errorText } from '../../view-format';

type Tab = 'phone' | 'history' | 'unresolved' | 'settings';

const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'phone', label: 'Phone' },
  { id: 'history', label: 'History' },
  { id: 'unresolved', label: 'Unresolved' },
  { id: 'settings', label: 'Settings' },
];

const PRESENCE: readonly UserStatus[] = ['Available', 'Busy', 'Offline'];

/**
 * Root of the softphone UI (`<softphone-app>`). Renders the engine's {@link SoftphoneState}: status and presence
 * header, notices, the "web phone unavailable" help, and four tabs — Phone (incoming call card, active call,
 * call log form, dialer), History, Unresolved, Settings. Light DOM (`renderMode = 'light'`): the page's global
 * SLDS style sheet (`<apex:slds/>`) styles the markup; a shadow root would hide it from the components.
 */
export default class App extends LightningElement {
  static override renderMode = 'light' as const;
  /** The engine adapter; set once by the composition root before the element is attached. */
  @api controller: SoftphoneController | null = null;
  state: SoftphoneState | null = null;
  tab: Tab = 'phone';
  /** Call whose log form the agent opened from the Unresolved tab. */
  focusedCallId: string | null = null;
  now = Date.now();
  error: string | null = null;
  private unsubscribe: (() => void) | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;

  override connectedCallback(): void {
    if (!this.controller) return;
    this.state = this.controller.state;
    this.unsubscribe = this.controller.subscribe((state) => {
      this.state = state;
      this.updateTicker();
    });
    this.updateTicker();
  }

  override disconnectedCallback(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
  }

  private updateTicker(): void {
    const needsClock = (this.state?.calls ?? []).some((c) => c.call.state !== 'ended' || c.autoLogAt !== null);
    this.now = Date.now();
    if (needsClock && !this.ticker) {
      this.ticker = setInterval(() => {
        this.now = Date.now();
      }, 1000);
    } else if (!needsClock && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
  }

  get ready(): boolean {
    return this.state?.phase === 'ready';
  }

  get notReady(): boolean {
    return this.state?.phase !== 'ready';
  }

  get phase(): string {
    return this.state?.phase ?? 'starting';
  }

  get statusLabel(): string {
    switch (this.state?.phase) {
      case 'ready':
        return 'Ready';
      case 'unavailable':
        return 'Offline';
      default:
        return 'Starting…';
    }
  }

  get statusClass(): string {
    const tone =
      this.state?.phase === 'ready'
        ? 'slds-theme_success'
        : this.state?.phase === 'unavailable'
          ? 'slds-theme_error'
          : '';
    return `slds-badge ${tone} softphone-status`;
  }

  get help(): TelephonyHelp | null {
    const telephony = this.state?.telephony;
    return telephony?.state === 'unavailable' ? describeTelephonyProblem(telephony.reason) : null;
  }

  get showLogin(): boolean {
    const telephony = this.state?.telephony;
    return telephony?.state === 'unavailable' && telephony.reason === 'logged-out';
  }

  get presenceOptions(): readonly { value: string; label: string; selected: boolean }[] {
    const current = this.state?.presence?.userStatus ?? '';
    return PRESENCE.map((p) => ({ value: p, label: p, selected: p === current }));
  }

  get presenceDisabled(): boolean {
    return !this.state?.presence;
  }

  get tabs(): readonly {
    id: Tab;
    label: string;
    selected: boolean;
    className: string;
    tabIndex: string;
    panelId: string;
    tabId: string;
  }[] {
    return TABS.map((t) => {
      const selected = t.id === this.tab;
      const count = t.id === 'unresolved' ? (this.state?.conflicts.length ?? 0) : 0;
      return {
        id: t.id,
        label: count > 0 ? `${t.label} (${count})` : t.label,
        selected,
        className: `slds-tabs_default__item${selected ? ' slds-is-active' : ''}`,
        tabIndex: selected ? '0' : '-1',
        panelId: `softphone-panel-${t.id}`,
        tabId: `softphone-tab-${t.id}`,
      };
    });
  }

  get isPhoneTab(): boolean {
    return this.tab === 'phone';
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

  private get calls(): readonly CallView[] {
    return this.state?.calls ?? [];
  }

  get ringingCall(): CallView | null {
    return this.calls.find((c) => c.call.state === 'ringing') ?? null;
  }

  get liveCall(): CallView | null {
    const live = this.calls.filter(
      (c) => c.call.state === 'dialing' || c.call.state === 'connected' || c.call.state === 'held',
    );
    const active = live.find((c) => c.call.callId === this.state?.activeCallId);
    return active ?? live[0] ?? null;
  }

  get logCall(): CallView | null {
    const ended = this.calls.filter((c) => c.call.state === 'ended' && !c.taskId);
    return ended.find((c) => c.call.callId === this.focusedCallId) ?? ended[0] ?? null;
  }

  get showDialer(): boolean {
    return !this.ringingCall && !this.liveCall;
  }

  get notices(): readonly { id: number; message: string; className: string }[] {
    return (this.state?.notices ?? []).map((n) => ({
      id: n.id,
      message: n.message,
      className: `slds-notify slds-notify_alert ${n.level === 'error' ? 'slds-alert_error' : n.level === 'warning' ? 'slds-alert_warning' : ''} softphone-notice`,
    }));
  }

  get userName(): string | null {
    return this.state?.user?.name ?? null;
  }

  handleTab(event: Event): void {
    const id = (event.currentTarget as HTMLElement).dataset.tab as Tab | undefined;
    if (id) this.tab = id;
  }

  handleTabKeydown(event: KeyboardEvent): void {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = TABS.findIndex((t) => t.id === this.tab);
    const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    if (!next) return;
    this.tab = next.id;
    Promise.resolve().then(() => (this.querySelector(`#softphone-tab-${next.id}`) as HTMLElement | null)?.focus());
  }

  handlePresence(event: Event): void {
    const value = (event.currentTarget as HTMLSelectElement).value as UserStatus;
    this.controller?.setPresence(value).catch((error: unknown) => {
      this.error = errorText(error);
    });
  }

  handleDismiss(event: Event): void {
    const id = Number((event.currentTarget as HTMLElement).dataset.id);
    if (Number.isFinite(id)) this.controller?.dismissNotice(id);
  }

  handleOpenConflict(event: CustomEvent<{ callId: string }>): void {
    this.focusedCallId = event.detail.callId;
    this.tab = 'phone';
  }

  handleLogin(): void {
    this.controller?.login().catch((error: unknown) => {
      this.error = errorText(error);
    });
  }
}
