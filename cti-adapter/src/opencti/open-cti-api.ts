/**
 * The shape of `window.sforce.opencti` (Salesforce Open CTI for Lightning, `opencti_min.js`) for the methods the
 * softphone uses. Source: the Salesforce Open CTI Developer Guide (developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti).
 * Every method takes exactly one object argument; callbacks receive an {@link OpenCtiResult}.
 * @public
 */
export interface OpenCtiApi {
  readonly SCREENPOP_TYPE?: Readonly<Record<string, string>>;
  readonly CALL_TYPE?: Readonly<Record<string, string>>;
  enableClickToDial(args: { callback?: OpenCtiCallback }): void;
  disableClickToDial(args: { callback?: OpenCtiCallback }): void;
  onClickToDial(args: { listener: (payload: unknown) => void }): void;
  onNavigationChange(args: { listener: (payload: unknown) => void }): void;
  getAppViewInfo(args: { callback: OpenCtiCallback }): void;
  screenPop(args: { type: string; params: Record<string, unknown>; callback?: OpenCtiCallback }): void;
  setSoftphoneItemIcon(args: { key: string; callback?: OpenCtiCallback }): void;
  setSoftphoneItemLabel(args: { label: string; callback?: OpenCtiCallback }): void;
  setSoftphonePanelVisibility(args: { visible: boolean; callback?: OpenCtiCallback }): void;
  isSoftphonePanelVisible(args: { callback: OpenCtiCallback }): void;
  setSoftphonePanelHeight(args: { heightPX: number; callback?: OpenCtiCallback }): void;
  notifyInitializationComplete(args: { callback?: OpenCtiCallback }): void;
  refreshView(args: { callback?: OpenCtiCallback }): void;
  getCallCenterSettings(args: { callback: OpenCtiCallback }): void;
  /**
   * Lightning Message Service (API 47+, "Lightning Message Service Methods for Lightning Experience"): the listener
   * receives each message published on the channel; the callback's `returnValue` is the subscription object to hand
   * to `unsubscribe`. Optional: an older `opencti_min.js` lacks it.
   */
  subscribe?(args: { channelName: string; listener: (message: unknown) => void; callback?: OpenCtiCallback }): void;
  unsubscribe?(args: { subscription: unknown; callback?: OpenCtiCallback }): void;
  /**
   * Sales Engagement (API 46+, "Sales Engagement Methods for Lightning Experience"): `onWorkStart`'s listener receives
   * `{workId, completeWorkWhen, attributes: {to}}`; `completeWork` takes the work id and
   * `attributes: {disposition, taskId, wasConnected}`.
   */
  readonly hvs?: {
    onWorkStart(args: { listener: (payload: unknown) => void }): void;
    completeWork(args: { workId: string; attributes: Record<string, unknown>; callback?: OpenCtiCallback }): void;
  };
}

/**
 * What every Open CTI callback receives: `{success, returnValue, errors: [{code, description, details}]}`.
 * @public
 */
export interface OpenCtiResult<T = unknown> {
  readonly success: boolean;
  readonly returnValue: T;
  readonly errors:
    readonly { readonly code?: string; readonly description?: string; readonly details?: unknown }[] | null;
}

/** @public */
export type OpenCtiCallback = (result: OpenCtiResult) => void;

/** Open CTI screen pop types (`sforce.opencti.SCREENPOP_TYPE` values). @public */
export const SCREENPOP_TYPE = Object.freeze({
  URL: 'url',
  SOBJECT: 'sobject',
  OBJECTHOME: 'objecthome',
  LIST: 'list',
  SEARCH: 'search',
  NEW_RECORD_MODAL: 'newRecord',
  FLOW: 'flow',
} as const);
