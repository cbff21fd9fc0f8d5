/**
 * The console's Open CTI host (browser side): answers the messages the adapter frame's `opencti_min.js` posts
 * (`{methodName, callId, apiVersion, apiType:'opencti', args}`) with `{success, returnValue, errors}` as the Open CTI
 * Developer Guide documents for each method (the Salesforce Open CTI Developer Guide (developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti)), and drives the console:
 * screen pops navigate, click-to-dial toggles phone fields, utility-bar methods change the bar.
 * Only messages from the softphone frame's window and the adapter origin are accepted.
 * Served as a classic script after `console-app.ts`; imports types only.
 */
import type { ConsoleShell } from '../console-types';
import type {
  OpenCtiError,
  OpenCtiErrorCode,
  OpenCtiHostMessage,
  OpenCtiRequestMessage,
  OpenCtiResult,
} from '../../visualforce/opencti-protocol';

const shell = (window as unknown as { harnessConsole: ConsoleShell }).harnessConsole;
const adapterOrigin = shell.config.adapterOrigin;
const SCREENPOP_TYPES = ['url', 'sobject', 'objecthome', 'list', 'search', 'newRecord', 'flow'];
const CALL_TYPES = ['inbound', 'outbound', 'internal'];

class HostError extends Error {
  constructor(
    readonly code: OpenCtiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type Args = Record<string, unknown>;
type Handler = (args: Args, request: OpenCtiRequestMessage) => Promise<unknown> | unknown;

/** Listener registrations: method → callIds (the adapter's listener is keyed by its registration callId). */
const registrations = new Map<string, Set<string>>();
/** Open CTI subscriptions on the page's Lightning Message Service (`shell.messageService`): callId → its end. */
const subscriptions = new Map<string, () => void>();

function post(message: OpenCtiHostMessage): void {
  shell.frame.contentWindow?.postMessage(message, adapterOrigin);
}

function emit(methodName: string, payload: unknown, only?: Set<string>): void {
  for (const callId of only ?? registrations.get(methodName) ?? [])
    post({ apiType: 'opencti', kind: 'event', callId, methodName, payload });
}

function register(methodName: string, callId: string): void {
  const set = registrations.get(methodName) ?? new Set<string>();
  set.add(callId);
  registrations.set(methodName, set);
}

function requireString(args: Args, key: string, min = 1): string {
  const v = args[key];
  if (typeof v !== 'string' || v.trim().length < min)
    throw new HostError('INVALID_PARAM', `${key} must be a string of at least ${min} character(s).`);
  return v;
}

function requireObject(args: Args, key: string): Args {
  const v = args[key];
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new HostError('INVALID_PARAM', `${key} must be an object.`);
  return v as Args;
}

function requireRange(args: Args, key: string, min: number, max: number): number {
  const v = args[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw new HostError('INVALID_PARAM', `${key} must be an integer from ${min} to ${max}.`);
  return v;
}

async function consoleApi(path: string, body: unknown): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(`/console-api/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new HostError('SERVER_ERROR', `The server could not be reached: ${String(e)}`);
  }
  const out = (await res.json()) as Record<string, unknown> & {
    error?: { code: OpenCtiErrorCode; description: string };
  };
  if (out.error) throw new HostError(out.error.code, out.error.description);
  return out;
}

function encodeDefaults(values: Args): string {
  return Object.entries(values)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join(',');
}

/** Navigates for a screen pop of a type with its params (validated as the Open CTI guide states). */
function screenPop(type: unknown, params: Args): void {
  switch (type) {
    case 'sobject':
      shell.navigate(`/lightning/r/${requireString(params, 'recordId', 15)}/view`);
      return;
    case 'url': {
      const url = requireString(params, 'url');
      if (/^https?:\/\//i.test(url)) window.open(url, '_blank', 'noopener');
      else if (url.startsWith('/lightning/')) shell.navigate(url);
      else if (/^\/\w{15,18}$/.test(url)) shell.navigate(`/lightning/r${url}/view`);
      else shell.navigate(`/lightning/page/url?u=${encodeURIComponent(url)}`);
      return;
    }
    case 'objecthome':
      shell.navigate(`/lightning/o/${encodeURIComponent(requireString(params, 'scope'))}/home`);
      return;
    case 'list':
      shell.navigate(
        `/lightning/o/${encodeURIComponent(requireString(params, 'scope'))}/list?filterName=${encodeURIComponent(requireString(params, 'listViewId'))}`,
      );
      return;
    case 'search':
      shell.navigate(`/lightning/search?term=${encodeURIComponent(requireString(params, 'searchString', 3))}`);
      return;
    case 'newRecord': {
      const entity = requireString(params, 'entityName');
      const defaults = params.defaultFieldValues === undefined ? {} : requireObject(params, 'defaultFieldValues');
      const q =
        Object.keys(defaults).length > 0 ? `?defaultFieldValues=${encodeURIComponent(encodeDefaults(defaults))}` : '';
      shell.navigate(`/lightning/o/${encodeURIComponent(entity)}/new${q}`);
      return;
    }
    case 'flow': {
      const flow = requireString(params, 'flowDevName');
      const flowArgs = params.flowArgs === undefined ? [] : params.flowArgs;
      if (!Array.isArray(flowArgs))
        throw new HostError('INVALID_PARAM', 'flowArgs must be an array of {name, type, value}.');
      shell.navigate(
        `/lightning/flow/${encodeURIComponent(flow)}?flowArgs=${encodeURIComponent(JSON.stringify(flowArgs))}`,
      );
      return;
    }
    default:
      throw new HostError(
        'INVALID_PARAM',
        `type must be one of sforce.opencti.SCREENPOP_TYPE (${SCREENPOP_TYPES.join(', ')}).`,
      );
  }
}

const handlers: Record<string, Handler> = {
  enableClickToDial: () => {
    shell.setClickToDial(true);
    return null;
  },
  disableClickToDial: () => {
    shell.setClickToDial(false);
    return null;
  },
  onClickToDial: (_a, req) => {
    register('onClickToDial', req.callId);
    return null;
  },
  onNavigationChange: (_a, req) => {
    register('onNavigationChange', req.callId);
    return null;
  },
  'hvs.onWorkStart': (_a, req) => {
    register('hvs.onWorkStart', req.callId);
    return null;
  },
  'hvs.completeWork': (args) => {
    const workId = requireString(args, 'workId');
    const attributes = requireObject(args, 'attributes');
    // Guide: disposition and taskId are strings, wasConnected a boolean (true when absent).
    for (const key of ['disposition', 'taskId'])
      if (attributes[key] !== undefined && typeof attributes[key] !== 'string')
        throw new HostError('INVALID_PARAM', `attributes.${key} must be a string.`);
    if (attributes.wasConnected !== undefined && typeof attributes.wasConnected !== 'boolean')
      throw new HostError('INVALID_PARAM', 'attributes.wasConnected must be a boolean.');
    shell.completeHvsWork(workId, attributes);
    return null;
  },
  screenPop: async (args) => {
    screenPop(args.type, args.params === undefined ? {} : requireObject(args, 'params'));
    await shell.ready();
    return null;
  },
  searchAndScreenPop: async (args) => {
    const searchParams = requireString(args, 'searchParams');
    if (!CALL_TYPES.includes(String(args.callType)))
      throw new HostError('INVALID_PARAM', 'callType is required (sforce.opencti.CALL_TYPE).');
    const out = await consoleApi('search-and-screen-pop', {
      searchParams,
      queryParams: args.queryParams,
      callType: args.callType,
    });
    const records = out.records as Record<string, unknown>;
    const ids = Object.keys(records);
    const defaults = (args.defaultFieldValues as Args | undefined) ?? {};
    const layout = shell.config.softphoneLayout as Record<
      string,
      { screenPopSettings?: { NoMatch?: { screenPopData?: string } } }
    >;
    const section = layout[String(args.callType).replace(/^./, (c) => c.toUpperCase())];
    const pop =
      ids.length === 1
        ? { type: 'sobject', params: { recordId: ids[0] } }
        : ids.length > 1
          ? { type: 'search', params: { searchString: searchParams } }
          : {
              type: 'newRecord',
              params: {
                entityName: section?.screenPopSettings?.NoMatch?.screenPopData ?? 'Contact',
                defaultFieldValues: defaults,
              },
            };
    if (args.deferred === true) return { ...records, SCREEN_POP_DATA: pop };
    if (ids.length > 1 && searchParams.trim().length < 3) return records;
    screenPop(pop.type, pop.params as Args);
    await shell.ready();
    return records;
  },
  saveLog: async (args) => {
    const value = requireObject(args, 'value');
    if (typeof value.Id !== 'string' && typeof value.entityApiName !== 'string')
      throw new HostError('INVALID_PARAM', 'value needs entityApiName (to create) or Id (to update).');
    const out = await consoleApi('save-log', { value });
    return out.id;
  },
  runApex: async (args) => {
    const out = await consoleApi('run-apex', {
      apexClass: requireString(args, 'apexClass'),
      methodName: requireString(args, 'methodName'),
      methodParams: typeof args.methodParams === 'string' ? args.methodParams : '',
    });
    return { runApex: out.runApex };
  },
  refreshView: async () => {
    shell.refreshView();
    await shell.ready();
    return null;
  },
  getAppViewInfo: async () => {
    await shell.ready();
    return shell.appViewInfo();
  },
  getCallCenterSettings: () => ({ ...shell.config.callCenterSettings }),
  getSoftphoneLayout: () => JSON.parse(JSON.stringify(shell.config.softphoneLayout)) as unknown,
  notifyInitializationComplete: () => {
    shell.initializationComplete();
    return null;
  },
  isSoftphonePanelVisible: () => ({ visible: shell.isPanelVisible() }),
  setSoftphonePanelVisibility: (args) => {
    if (typeof args.visible !== 'boolean') throw new HostError('INVALID_PARAM', 'visible must be a boolean.');
    shell.setPanelVisible(args.visible);
    return null;
  },
  setSoftphonePanelHeight: (args) => {
    shell.setPanelHeight(requireRange(args, 'heightPX', 240, 2560));
    return null;
  },
  setSoftphonePanelWidth: (args) => {
    shell.setPanelWidth(requireRange(args, 'widthPX', 200, 1920));
    return null;
  },
  setSoftphoneItemIcon: (args) => {
    shell.setItemIcon(requireString(args, 'key'));
    return null;
  },
  setSoftphonePanelIcon: (args) => {
    shell.setPanelIcon(requireString(args, 'key'));
    return null;
  },
  setSoftphoneItemLabel: (args) => {
    shell.setItemLabel(requireString(args, 'label', 0));
    return null;
  },
  setSoftphonePanelLabel: (args) => {
    shell.setPanelLabel(requireString(args, 'label', 0));
    return null;
  },
  // Lightning Message Service (API 47): the softphone's listener gets every message of the channel — from the page's
  // Lightning web components and from `publish` — through the registration's callId, as `onClickToDial` does.
  subscribe: (args, req) => {
    const channel = requireString(args, 'channelName');
    const only = new Set([req.callId]);
    subscriptions.set(
      req.callId,
      shell.messageService.subscribe(channel, (message) => emit('subscribe', message, only)),
    );
    return { subscription: req.callId, channelName: channel };
  },
  unsubscribe: (args) => {
    const sub = requireObject(args, 'subscription');
    const id = String(sub.subscription ?? '');
    const end = subscriptions.get(id);
    if (!end) throw new HostError('INVALID_PARAM', 'Unknown subscription.');
    end();
    subscriptions.delete(id);
    return null;
  },
  publish: (args) => {
    const channel = requireString(args, 'channelName');
    shell.messageService.publish(channel, args.message ?? null);
    return null;
  },
};

function failure(code: OpenCtiErrorCode, description: string): OpenCtiResult {
  const error: OpenCtiError = { code, description, details: [] };
  return { success: false, returnValue: null, errors: [error] };
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.origin !== adapterOrigin || event.source !== shell.frame.contentWindow) return;
  const req = event.data as OpenCtiRequestMessage | null;
  if (!req || req.apiType !== 'opencti' || typeof req.methodName !== 'string' || typeof req.callId !== 'string') return;
  const handler = handlers[req.methodName];
  const args = (req.args ?? {}) as Args;
  const receivedAt = performance.timeOrigin + performance.now();
  const respond = (response: OpenCtiResult): void => {
    const answeredAt = performance.timeOrigin + performance.now();
    shell.openCtiLog.push({ methodName: req.methodName, args, response, receivedAt, answeredAt });
    post({ apiType: 'opencti', kind: 'result', callId: req.callId, response });
  };
  if (!handler) return respond(failure('GENERIC_ERROR', `Unknown Open CTI method ${req.methodName}.`));
  Promise.resolve()
    .then(() => handler(args, req))
    .then(
      (returnValue) => respond({ success: true, returnValue: returnValue ?? null, errors: [] }),
      (e: unknown) =>
        respond(e instanceof HostError ? failure(e.code, e.message) : failure('GENERIC_ERROR', String(e))),
    );
});

shell.clickToDialHandler = (payload) => {
  shell.setPanelVisible(true);
  emit('onClickToDial', payload);
};
shell.startHvsWork = (workId, to) =>
  emit('hvs.onWorkStart', { workId, completeWorkWhen: 'TaskSaved', attributes: { to } });
shell.onNavigate(() => emit('onNavigationChange', shell.appViewInfo()));

export {};
