import { LightningElement, api } from 'lwc';
import type { CallView, SoftphoneState } from '../../../core/engine/softphone-state';
import { IDLE, raise } from '../../softphone-events';
import type { CommandFeedback, RecordSearch, SoftphoneEventName, SoftphoneEvents } from '../../softphone-events';
import type { LazySurface, SurfaceConstructor } from '../../lazy-surfaces';
import { labels } from '../../labels';

/**
 * The Phone tab when no call rings and none is live (`phoneIdle`), a lazy surface of its own (ADR 0018, first paint:
 * the root template holds only the first paint's surfaces): the log form of the call to log the app chose (`logCall`),
 * else the dialer — each a lazy surface too (`callLogForm`, `dialer`), "Loading…" until its chunk is there. The dialer
 * shows nothing while the softphone starts (the header says "Starting…"), as before.
 *
 * Data down, events up (ADR 0004): a view of the app's data (`state`, the call to log, the loaded `surfaces`, the
 * app's command `feedback` by surface and the log forms' record `searches` by call id, the clock `now`). It raises
 * again, on its own host, every event the log form and the dialer raise (same name, same detail); the app listens on
 * this host as it listened on each of them. The host takes no box of its own (`display: contents`, `app.css`).
 */
export default class PhoneIdle extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  /** The engine's state, as the app has it. */
  @api state: SoftphoneState | null = null;
  /** The call whose log form shows, else `null` (the dialer shows). */
  @api logCall: CallView | null = null;
  /** The lazy surfaces loaded so far, by name (the app loads the one this component shows). */
  @api surfaces: Readonly<Partial<Record<LazySurface, SurfaceConstructor>>> = {};
  /** The app's command feedback by surface: `log:<callId>` is the log form's, `dialer` the dialer's. */
  @api feedback: Readonly<Record<string, CommandFeedback>> = {};
  /** Each log form's record search by call id (the app searches, the latest term winning). */
  @api searches: Readonly<Record<string, RecordSearch>> = {};
  /** The app's clock (ms since the epoch, ticking each second while a call needs it: the log form's auto-log). */
  @api now = 0;

  get phase(): string {
    return this.state?.phase ?? 'starting';
  }

  get notReady(): boolean {
    return this.phase !== 'ready';
  }

  get logFormLoading(): boolean {
    return !this.surfaces.callLogForm;
  }

  get dialerLoading(): boolean {
    return this.phase !== 'starting' && !this.surfaces.dialer;
  }

  get logFeedback(): CommandFeedback {
    return (this.logCall && this.feedback[`log:${this.logCall.call.callId}`]) ?? IDLE;
  }

  get logSearch(): RecordSearch | null {
    return (this.logCall && this.searches[this.logCall.call.callId]) ?? null;
  }

  get dialerFeedback(): CommandFeedback {
    return this.feedback.dialer ?? IDLE;
  }

  /** An event of the log form or the dialer, raised again on this host (same name and detail) for the app. */
  handleEvent(event: CustomEvent): void {
    raise(this, event.type as SoftphoneEventName, event.detail as SoftphoneEvents[SoftphoneEventName]);
  }
}
