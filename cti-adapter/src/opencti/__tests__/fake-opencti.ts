import type { OpenCtiApi, OpenCtiCallback, OpenCtiResult } from '../open-cti-api';

type Reply = OpenCtiResult | 'never';

/**
 * Fake `sforce.opencti`: records each call's method and argument (without the callback) and answers with
 * `{success: true, returnValue: null, errors: null}` unless a reply is queued for the method. A listener (`onClickToDial`,
 * `subscribe`) is kept by method; `fire` calls it.
 */
export function fakeOpenCti() {
  const calls: { method: string; args: Record<string, unknown> }[] = [];
  const replies = new Map<string, Reply[]>();
  const listeners = new Map<string, (payload: unknown) => void>();
  const handler =
    (method: string) =>
    (args: Record<string, unknown> & { callback?: OpenCtiCallback; listener?: (p: unknown) => void }) => {
      const { callback, listener, ...rest } = args;
      calls.push({ method, args: rest });
      if (listener) {
        listeners.set(method, listener);
        // `subscribe` takes a listener and a callback (the subscription object); the others only a listener.
        if (!callback) return;
      }
      const reply = replies.get(method)?.shift() ?? { success: true, returnValue: null, errors: null };
      if (reply !== 'never') callback?.(reply);
    };
  const methods = [
    'enableClickToDial',
    'disableClickToDial',
    'onClickToDial',
    'onNavigationChange',
    'getAppViewInfo',
    'screenPop',
    'setSoftphoneItemIcon',
    'setSoftphoneItemLabel',
    'setSoftphonePanelVisibility',
    'isSoftphonePanelVisible',
    'setSoftphonePanelHeight',
    'notifyInitializationComplete',
    'refreshView',
    'getCallCenterSettings',
    'subscribe',
    'unsubscribe',
  ];
  const api = Object.fromEntries(methods.map((m) => [m, handler(m)])) as unknown as OpenCtiApi;
  // Sales Engagement (API 46+): `sforce.opencti.hvs.*`, recorded as `hvs.<method>`.
  Object.assign(api, { hvs: { onWorkStart: handler('hvs.onWorkStart'), completeWork: handler('hvs.completeWork') } });
  return {
    api,
    calls,
    reply(method: string, result: Reply) {
      replies.set(method, [...(replies.get(method) ?? []), result]);
    },
    fire(method: string, payload: unknown) {
      listeners.get(method)?.(payload);
    },
  };
}
