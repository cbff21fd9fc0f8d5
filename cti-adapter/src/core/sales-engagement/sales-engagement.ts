import type { Settings } from '../settings/settings';

/**
 * A call started from the Sales Engagement work queue (a cadence step): the work item's id as Open CTI
 * `hvs.onWorkStart` gave it, and whether the step was completed (`hvs.completeWork` sent). Kept on the call's draft,
 * so a reload keeps the link until the log is saved. Source: the Open CTI Developer Guide, "Sales Engagement Methods
 * for Lightning Experience" (developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_hvs_lex.htm).
 * @public
 */
export interface SalesEngagementLink {
  readonly workId: string;
  /** The cadence step was completed: the log was saved as a Task with a disposition. */
  readonly completed: boolean;
}

/**
 * What `hvs.completeWork` is told when a cadence step completes: the work item, the disposition saved on the Task,
 * the Task's id and whether the call was answered (`wasConnected`, which Salesforce takes as `true` when absent).
 * @public
 */
export interface SalesEngagementStep {
  readonly callId: string;
  readonly workId: string;
  readonly disposition: string;
  readonly taskId: string;
  readonly wasConnected: boolean;
}

/** The toast of a save refused because the mandatory disposition is missing (seed `004_7d3109e70c064dca.txt`). @public */
export const MANDATORY_FIELDS_MESSAGE = 'Mandatory fields are required';

/**
 * Whether the disposition field and its rules (shown, mandatory, one of the values) apply to a call's log: always
 * outside Sales Engagement mode; in Sales Engagement mode only for calls started from the work queue (seed
 * `004_7d3109e70c064dca.txt`: the field "only appears when a user initiates the call from the Sales Cadence work
 * queue call button").
 * @public
 */
export function dispositionApplies(
  settings: Pick<Settings, 'hvsMode'>,
  link: SalesEngagementLink | null | undefined,
): boolean {
  return !settings.hvsMode || !!link;
}

/**
 * A Sales Engagement call whose cadence step is still open: its log is kept in the log queue after an automatic save
 * without a disposition (the required hint), until the agent saves it with one.
 * @public
 */
export function awaitsSalesEngagementStep(draft: { readonly salesEngagement: SalesEngagementLink | null }): boolean {
  return !!draft.salesEngagement && !draft.salesEngagement.completed;
}
