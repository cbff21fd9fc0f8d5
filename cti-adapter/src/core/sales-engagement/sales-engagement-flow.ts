import { messageOf, reasonOf } from '../engine/notices';
import type { SoftphoneEngine } from '../engine/softphone-engine';
import type { CallView, SoftphoneState } from '../engine/softphone-state';
import { tryNormalizePhoneNumber } from '../phone-number/normalize-phone-number';
import { systemClock, type Clock } from '../ports/clock';
import type { SalesEngagementPort, SalesEngagementWorkStart } from '../ports/sales-engagement-port';
import type { Unsubscribe } from '../support/typed-emitter';
import { awaitsSalesEngagementStep, type SalesEngagementStep } from './sales-engagement';

/**
 * The toast when a new call starts while the log of a Sales Engagement call is still open: that log is not saved
 * automatically any more (seed `004_7d3109e70c064dca.txt`, "Multiple Calls Handling").
 * @public
 */
export const MANUAL_SAVE_MESSAGE = 'Manually save the call and disposition';

/** Options of {@link SalesEngagementFlow}. @public */
export interface SalesEngagementFlowOptions {
  readonly engine: Pick<
    SoftphoneEngine,
    'getState' | 'subscribe' | 'on' | 'linkSalesEngagement' | 'report' | 'updateLogForm'
  >;
  readonly port: SalesEngagementPort;
  readonly clock?: Clock;
  /**
   * How far apart the work start and its call's start may be (ms, default 15000): Salesforce sends the work start and
   * the click-to-dial of the same number together, in either order.
   */
  readonly linkWindowMs?: number;
}

/** A work item that started and is not linked to a call yet. */
interface PendingWork {
  readonly workId: string;
  /** The work's number in E.164 (as typed when it cannot be read). */
  readonly to: string;
  readonly at: number;
}

/**
 * Sales Engagement (High Velocity Sales) in the softphone (ADR 0030), loaded when the admin turned Sales Engagement
 * mode on (`Settings.hvsMode`):
 * - a work item starts (the agent clicked Call in the work queue; Open CTI `hvs.onWorkStart`) → the outbound call of
 *   its number is linked to it — the call is placed by the click-to-dial Salesforce sends with the work start
 *   (`attributes.to` "is used to link to the number in onClickToDial"), in either order within
 *   {@link SalesEngagementFlowOptions.linkWindowMs}; several work items may be open at once;
 * - a new call (rung or dialled) while a Sales Engagement call's log is open (its step not complete): that log is
 *   no longer saved automatically (marked edited) and the agent is told "Manually save the call and disposition"
 *   (seed `004_7d3109e70c064dca.txt`, "Multiple Calls Handling");
 * - the linked call's log shows the disposition; saving it as a Task with a disposition is the engine's
 *   `salesEngagementStep` → `completeWork({disposition, taskId, wasConnected})`, once per work item. A refused
 *   completion is told to the agent (the step stays where it is in Salesforce).
 * @public
 */
export class SalesEngagementFlow {
  private readonly engine: SalesEngagementFlowOptions['engine'];
  private readonly port: SalesEngagementPort;
  private readonly clock: Clock;
  private readonly linkWindowMs: number;
  private pending: PendingWork[] = [];
  private readonly completed = new Set<string>();
  private readonly offs: Unsubscribe[] = [];
  /** Calls seen so far: a call not in it is a new one. */
  private seen = new Set<string>();

  constructor(options: SalesEngagementFlowOptions) {
    this.engine = options.engine;
    this.port = options.port;
    this.clock = options.clock ?? systemClock;
    this.linkWindowMs = options.linkWindowMs ?? 15000;
  }

  /** Registers the work start listener and follows the calls. Resolves once the host has the listener; never rejects. */
  async start(): Promise<void> {
    this.seen = new Set(this.engine.getState().calls.map((c) => c.call.callId));
    this.offs.push(
      this.engine.subscribe((state) => {
        this.link(state);
        this.closeOpenLogs(state);
      }),
    );
    this.offs.push(this.engine.on('salesEngagementStep', (step) => void this.complete(step)));
    try {
      this.offs.push(await this.port.onWorkStart((work) => this.workStarted(work)));
    } catch (error) {
      this.engine.report(
        'warning',
        'SALES_ENGAGEMENT_FAILED',
        `Sales Engagement is not available: ${messageOf(error)}`,
        reasonOf(error),
      );
    }
  }

  /** The work items started and not linked to a call yet (oldest first). */
  get pendingWorkIds(): readonly string[] {
    return this.pending.map((w) => w.workId);
  }

  dispose(): void {
    for (const off of this.offs.splice(0)) off();
  }

  private workStarted(work: SalesEngagementWorkStart): void {
    if (this.pending.some((w) => w.workId === work.workId)) return;
    const state = this.engine.getState();
    const to = tryNormalizePhoneNumber(work.to, state.settings.defaultRegion)?.e164 ?? work.to;
    this.pending.push({ workId: work.workId, to, at: this.clock.now() });
    this.link(state);
  }

  /**
   * Links each pending work item to the outbound call of its number that started within the window and is not
   * linked yet (the oldest work first); forgets work items whose call never came.
   */
  private link(state: SoftphoneState): void {
    if (this.pending.length === 0) return;
    const now = this.clock.now();
    this.pending = this.pending.filter((w) => now - w.at <= this.linkWindowMs);
    const taken = new Set<string>();
    for (const work of [...this.pending]) {
      const call = state.calls.find((c) => !taken.has(c.call.callId) && belongsTo(c, work, this.linkWindowMs));
      if (!call) continue;
      taken.add(call.call.callId);
      this.pending = this.pending.filter((w) => w !== work);
      this.engine.linkSalesEngagement(call.call.callId, work.workId);
    }
  }

  /**
   * A call appeared since the last state: the open logs of other Sales Engagement calls are closed to automatic
   * logging (after this state's turn: the engine is not re-entered from its own publication).
   */
  private closeOpenLogs(state: SoftphoneState): void {
    const fresh = state.calls.filter((c) => !this.seen.has(c.call.callId) && c.call.state !== 'ended');
    this.seen = new Set(state.calls.map((c) => c.call.callId));
    if (fresh.length === 0) return;
    const isNew = new Set(fresh.map((c) => c.call.callId));
    const open = state.calls.filter((c) => !isNew.has(c.call.callId) && awaitsSalesEngagementStep(c));
    if (open.length === 0) return;
    queueMicrotask(() => {
      for (const view of open) this.engine.updateLogForm(view.call.callId, {});
      this.engine.report('warning', 'SALES_ENGAGEMENT_LOG_OPEN', MANUAL_SAVE_MESSAGE);
    });
  }

  private async complete(step: SalesEngagementStep): Promise<void> {
    if (this.completed.has(step.workId)) return;
    this.completed.add(step.workId);
    const { disposition, taskId, wasConnected } = step;
    try {
      await this.port.completeWork(step.workId, { disposition, taskId, wasConnected });
    } catch (error) {
      this.completed.delete(step.workId);
      this.engine.report(
        'error',
        'SALES_ENGAGEMENT_STEP_FAILED',
        `The call is logged, but the cadence step could not be completed (${messageOf(error)}). Complete it in the work queue.`,
        reasonOf(error),
      );
    }
  }
}

/** An outbound call of the work's number, not linked, started within the window of the work start. */
function belongsTo(view: CallView, work: PendingWork, windowMs: number): boolean {
  const { call } = view;
  if (view.salesEngagement || call.direction !== 'outbound' || view.fromHistory) return false;
  if (Math.abs(call.startedAt - work.at) > windowMs) return false;
  return (view.phone?.e164 ?? call.remoteNumber) === work.to;
}
