import type { Unsubscribe } from '../support/typed-emitter';

/**
 * A Sales Engagement work item that started (the agent clicked Call in the work queue): Open CTI `hvs.onWorkStart`'s
 * payload `{workId, completeWorkWhen, attributes: {to}}`, normalized. `to` is the number the work calls — the same
 * number the click-to-dial that accompanies the work start carries. Source: the Open CTI Developer Guide, "Sales
 * Engagement Methods for Lightning Experience" (developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_hvs_lex.htm).
 * @public
 */
export interface SalesEngagementWorkStart {
  readonly workId: string;
  /** When to call `completeWork`: `TaskSaved` (`CallEnd` is deprecated since API 48.0). */
  readonly completeWorkWhen: string;
  readonly to: string;
}

/** What `completeWork` reports for a work item (`attributes` of Open CTI `hvs.completeWork`). @public */
export interface SalesEngagementCompletion {
  readonly disposition: string;
  readonly taskId: string;
  readonly wasConnected: boolean;
}

/**
 * The host's Sales Engagement (High Velocity Sales) work queue: work items starting, and their completion. Implemented
 * over Open CTI by `src/opencti/open-cti-sales-engagement.ts`. Methods reject with the host's error.
 * @public
 */
export interface SalesEngagementPort {
  /** Registers the work start listener (payloads without a work id or number are dropped). */
  onWorkStart(listener: (work: SalesEngagementWorkStart) => void): Promise<Unsubscribe>;
  /** Completes a work item: the cadence moves to its next step. */
  completeWork(workId: string, completion: SalesEngagementCompletion): Promise<void>;
}
