/**
 * Shapes shared by the console server (Node) and the console's browser scripts (types only cross over).
 */

/** What `onClickToDial` sends for a phone field (Open CTI: `{number, recordId, recordName, objectType,
 * accountId or contactId, personAccount}`), minus `number`, which is the clicked value. */
export interface ClickToDialContext {
  recordId: string;
  recordName: string;
  objectType: string;
  accountId?: string;
  contactId?: string;
  personAccount: boolean;
}

/** A Sales Engagement work item (a cadence step to call) on the harness's work queue page. */
export interface WorkItemView {
  workId: string;
  number: string;
  context: ClickToDialContext;
  status: 'open' | 'started' | 'completed';
  /** `hvs.completeWork`'s attributes once completed (`{disposition, taskId, wasConnected}`). */
  completion: Record<string, unknown> | null;
}

export interface FieldView {
  name: string;
  label: string;
  value: string;
  kind: 'text' | 'phone' | 'reference';
  refId?: string;
}

export interface RelatedRowView {
  id: string;
  name: string;
  objectType: string;
  detail: string;
  phones: { field: string; value: string; context: ClickToDialContext }[];
}

/** A package Lightning web component placed on a page by its flexipage (`lightning-pages.ts`). */
export interface PageComponentView {
  region: string;
  tag: string;
}

/** A record page of the console. */
export interface RecordView {
  id: string;
  objectType: string;
  objectLabel: string;
  name: string;
  context: ClickToDialContext;
  fields: FieldView[];
  related: { title: string; rows: RelatedRowView[] }[];
  /** Package components of the record page (the app's flexipage for the object); absent for none. */
  lightning?: PageComponentView[];
}

export interface SearchHit {
  id: string;
  objectType: string;
  name: string;
  detail: string;
  raw: Record<string, unknown>;
}

export interface SampleCaller {
  number: string;
  callerIdName: string;
  /**
   * URL of the simulator's customer phone for this number (`?number=…&call=<agent>`: it registers, then calls the
   * agent), or null without simulator.
   */
  phoneUrl: string | null;
}

/** Configuration the console page reads from `#console-config`. */
export interface ConsoleConfig {
  adapterOrigin: string;
  /** Adapter URL as framed: adapter page + `sfdcIframeOrigin` + `mode=Lightning`. */
  adapterUrl: string;
  standbyUrl: string | null;
  timeoutMs: number | null;
  panelHeightPx: number;
  panelWidthPx: number;
  displayName: string;
  callCenterSettings: Record<string, string>;
  softphoneLayout: Record<string, unknown>;
  callers: SampleCaller[];
  /** The simulator's clickable desk phone of the agent's extension (calling device "RingCentral app / desk phone"), or null. */
  deskPhoneUrl?: string | null;
  userName: string;
  /** The signed-in sample user (`/harness/login-as`); the page's Lightning components run as this user. */
  session?: {
    runAs: string;
    userId: string;
    name: string;
    username: string;
    customPermissions: readonly string[];
    /** `rcsp__` in a namespaced org, else `''`. */
    namespacePrefix: string;
    /** Local names of the package's custom fields (empty without a namespace). */
    packageFields: readonly string[];
    /** The package's Custom Labels in the user's language, by name (`@salesforce/label/c.<Name>`). */
    labels: Readonly<Record<string, string>>;
  };
  /** Custom tabs of the app the signed-in user sees (`/lightning/n/<name>`). */
  tabs?: { name: string; label: string }[];
}

/** Console-side Open CTI data operations, answered by the console server. */
export interface ConsoleApiError {
  code: 'INVALID_PARAM' | 'GENERIC_ERROR' | 'SERVER_ERROR';
  description: string;
}

/** What the console page exposes on `window.harnessConsole` (used by the Open CTI host script and by tests). */
export interface ConsoleShell {
  config: ConsoleConfig;
  frame: HTMLIFrameElement;
  /** Navigates inside the console (history API), like Lightning's navigation service. */
  navigate(path: string): void;
  /** Resolves once the current page finished rendering. */
  ready(): Promise<void>;
  /** Open CTI `getAppViewInfo` payload of the current page. */
  appViewInfo(): Record<string, unknown>;
  onNavigate(listener: () => void): void;
  clickToDialEnabled(): boolean;
  setClickToDial(enabled: boolean): void;
  /** Set by the host: called with the `onClickToDial` payload when a phone field is clicked. */
  clickToDialHandler: ((payload: Record<string, unknown>) => void) | null;
  refreshView(): void;
  setItemIcon(key: string): void;
  setItemLabel(label: string): void;
  setPanelIcon(key: string): void;
  setPanelLabel(label: string): void;
  setPanelVisible(visible: boolean): void;
  isPanelVisible(): boolean;
  setPanelHeight(px: number): void;
  setPanelWidth(px: number): void;
  /** Marks the softphone initialized (stops the standby swap). */
  initializationComplete(): void;
  /** Set by the host: starts Sales Engagement work (`hvs.onWorkStart`) for the adapter. */
  startHvsWork: ((workId: string, to: string) => void) | null;
  /**
   * The Sales Engagement work queue of the sample user (the page `/lightning/page/work-queue`): one work item per
   * Contact or Lead with a phone, `open` until its Call button starts it (`hvs.onWorkStart`, then the click-to-dial of
   * its number as `lightning-click-to-dial` sends), `completed` once the adapter calls `hvs.completeWork`.
   */
  workQueue: WorkItemView[];
  /** Every `hvs.completeWork` the host received, in order (unknown work ids included). */
  hvsCompletions: { workId: string; attributes: Record<string, unknown>; at: number }[];
  /** Called by the host for `hvs.completeWork`: records the completion and moves the work item to `completed`. */
  completeHvsWork(workId: string, attributes: Record<string, unknown>): void;
  /**
   * Every Open CTI request the host received, with its response (for tests, debugging and the benchmark).
   * `receivedAt`/`answeredAt` are epoch milliseconds with sub-millisecond precision (`performance.timeOrigin +
   * performance.now()`); for `screenPop`, `answeredAt` is after the popped page rendered.
   */
  openCtiLog: { methodName: string; args: unknown; response: unknown; receivedAt: number; answeredAt: number }[];
  /**
   * The page's Lightning Message Service: one bus per console page for the package's Lightning web components
   * (`lightning/messageService` of the Lightning host) and the softphone (Open CTI `subscribe` / `publish`), by the
   * channel's full name (`SMS_Open_Thread__c`, `rcsp__SMS_Open_Thread__c` in a namespaced org).
   */
  messageService: ConsoleMessageService;
  /** Every message published on the bus, in order (for tests). */
  lmsLog: { channelName: string; message: unknown; publishedAt: number }[];
}

/** A Lightning Message Service bus: a message reaches every subscriber of its channel, the publisher's too. */
export interface ConsoleMessageService {
  publish(channelName: string, message: unknown): void;
  /** @returns a function that ends the subscription */
  subscribe(channelName: string, listener: (message: unknown) => void): () => void;
}
