/**
 * Stand-in of Salesforce's `opencti_min.js` (Open CTI for Lightning) served at
 * `/support/api/NN.0/lightning/opencti_min.js` on the adapter origin. Behaviour per the Salesforce Open CTI Developer Guide (developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti):
 * reads `sfdcIframeOrigin` and `mode` from its page URL and throws the documented error without them; every method
 * takes exactly one non-empty object and posts ONE message `{methodName, callId, apiVersion, apiType:'opencti', args}`
 * to the parent; callbacks receive `{success, returnValue, errors}`; listeners (`onClickToDial`, `onNavigationChange`,
 * `hvs.onWorkStart`, `subscribe`) receive their payloads; `SCREENPOP_TYPE` and `CALL_TYPE` enums.
 * Types only are imported (this file is served as a classic script).
 */
import type { OpenCtiHostMessage, OpenCtiResult } from '../opencti-protocol';

const METHODS = [
  'enableClickToDial',
  'disableClickToDial',
  'onClickToDial',
  'screenPop',
  'searchAndScreenPop',
  'saveLog',
  'runApex',
  'refreshView',
  'getAppViewInfo',
  'onNavigationChange',
  'getCallCenterSettings',
  'getSoftphoneLayout',
  'notifyInitializationComplete',
  'isSoftphonePanelVisible',
  'setSoftphonePanelVisibility',
  'setSoftphonePanelHeight',
  'setSoftphonePanelWidth',
  'setSoftphoneItemIcon',
  'setSoftphonePanelIcon',
  'setSoftphoneItemLabel',
  'setSoftphonePanelLabel',
  'subscribe',
  'unsubscribe',
  'publish',
];
const HVS_METHODS = ['onWorkStart', 'completeWork'];
const LISTENERS = new Set(['onClickToDial', 'onNavigationChange', 'hvs.onWorkStart', 'subscribe']);
const INIT_ERROR =
  'Failed to initialize Open CTI. Ensure that it is loaded from the right frame with the correct URL parameters.';

type Callback = (result: OpenCtiResult) => void;
type Listener = (payload: unknown) => void;

const script = document.currentScript as HTMLScriptElement | null;
const versionMatch = /\/support\/api\/(\d+)\.0\//.exec(script?.src ?? '');
const apiVersion = versionMatch ? Number(versionMatch[1]) : 62;
const params = new URLSearchParams(window.location.search);
const sfdcIframeOrigin = params.get('sfdcIframeOrigin');
const mode = params.get('mode');
const initialized = Boolean(sfdcIframeOrigin && mode && window.parent !== window);

const callbacks = new Map<string, Callback>();
const listeners = new Map<string, Listener>();
let sequence = 0;

function invoke(methodName: string, arg: unknown): void {
  if (!initialized) throw new Error(INIT_ERROR);
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg) || Object.keys(arg).length === 0) {
    throw new Error(`sforce.opencti.${methodName}: the argument must be one non-empty object.`);
  }
  const input = arg as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (typeof v !== 'function') args[k] = v;
  const callId = `${Date.now().toString(36)}-${++sequence}`;
  if (typeof input.callback === 'function') callbacks.set(callId, input.callback as Callback);
  if (LISTENERS.has(methodName)) {
    if (typeof input.listener !== 'function')
      throw new Error(`sforce.opencti.${methodName}: listener must be a function.`);
    listeners.set(callId, input.listener as Listener);
  }
  window.parent.postMessage({ methodName, callId, apiVersion, apiType: 'opencti', args }, sfdcIframeOrigin as string);
}

window.addEventListener('message', (event: MessageEvent) => {
  if (!initialized || event.origin !== sfdcIframeOrigin || event.source !== window.parent) return;
  const data = event.data as OpenCtiHostMessage | null;
  if (!data || data.apiType !== 'opencti') return;
  if (data.kind === 'result') {
    const cb = callbacks.get(data.callId);
    callbacks.delete(data.callId);
    if (cb) cb(data.response);
  } else if (data.kind === 'event') {
    const listener = listeners.get(data.callId);
    if (listener) listener(data.payload);
  }
});

const api: Record<string, unknown> = {
  SCREENPOP_TYPE: {
    URL: 'url',
    SOBJECT: 'sobject',
    OBJECTHOME: 'objecthome',
    LIST: 'list',
    SEARCH: 'search',
    NEW_RECORD_MODAL: 'newRecord',
    FLOW: 'flow',
  },
  CALL_TYPE: { INBOUND: 'inbound', OUTBOUND: 'outbound', INTERNAL: 'internal' },
};
for (const m of METHODS) api[m] = (arg: unknown) => invoke(m, arg);
const hvs: Record<string, unknown> = {};
for (const m of HVS_METHODS) hvs[m] = (arg: unknown) => invoke(`hvs.${m}`, arg);
api.hvs = hvs;

const w = window as unknown as { sforce?: Record<string, unknown> };
w.sforce = w.sforce ?? {};
w.sforce.opencti = api;

if (!initialized) throw new Error(INIT_ERROR);

export {};
