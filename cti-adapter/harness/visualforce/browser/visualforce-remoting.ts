/**
 * Stand-in of Salesforce's Visualforce JavaScript remoting library (`VFRemote.js`) for the harness.
 * `Visualforce.remoting.Manager.invokeAction(action, ...params, callback, options?)` POSTs
 * `{action: "Class", method, data: params, tid}` to `/apexremote` and calls `callback(result, event)` with the
 * event shape of the Visualforce Developer Guide ("JavaScript Remoting": `{status, type: 'rpc'|'exception',
 * statusCode, message, action, method, result, tid, ref, where}`).
 * Options (same guide): `buffer` (ignored: one request per call), `escape` (default true: string results are
 * HTML-escaped), `timeout` (ms, default 30000, at most 120000).
 */
import type { RemotingEvent } from '../remoting-types';

interface RemotingOptions {
  buffer?: boolean;
  escape?: boolean;
  timeout?: number;
}

type RemotingCallback = (result: unknown, event: RemotingEvent) => void;

let nextTid = 1;

function escapeDeep(value: unknown): unknown {
  if (typeof value === 'string')
    return value
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;');
  if (Array.isArray(value)) return value.map(escapeDeep);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = escapeDeep(v);
    return out;
  }
  return value;
}

function invokeAction(actionName: string, ...rest: unknown[]): void {
  let cbIndex = -1;
  for (let i = rest.length - 1; i >= 0; i--) {
    if (typeof rest[i] === 'function') {
      cbIndex = i;
      break;
    }
  }
  if (cbIndex < 0) throw new Error('Visualforce Remoting: a callback function is required');
  const callback = rest[cbIndex] as RemotingCallback;
  const params = rest.slice(0, cbIndex);
  const options = (rest[cbIndex + 1] ?? {}) as RemotingOptions;
  const parts = actionName.split('.');
  const method = parts.pop() ?? '';
  const action = parts.join('.');
  const tid = nextTid++;
  const timeout = Math.min(typeof options.timeout === 'number' ? options.timeout : 30000, 120000);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  const base = { action, method, tid, ref: false, where: '' };
  fetch('/apexremote', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ action, method, data: params, tid }),
    signal: controller.signal,
  })
    .then(async (res) => {
      const body = (await res.json()) as {
        type: 'rpc' | 'exception';
        result?: unknown;
        message?: string;
        where?: string;
      };
      if (body.type === 'rpc') {
        const result = options.escape === false ? body.result : escapeDeep(body.result);
        callback(result, { ...base, status: true, type: 'rpc', statusCode: 200, result });
      } else {
        callback(null, {
          ...base,
          status: false,
          type: 'exception',
          statusCode: res.status,
          message: body.message ?? 'Remoting error',
          where: body.where ?? '',
        });
      }
    })
    .catch((e: unknown) => {
      const timedOut = controller.signal.aborted;
      callback(null, {
        ...base,
        status: false,
        type: 'exception',
        statusCode: timedOut ? 408 : 503,
        message: timedOut
          ? `Remoting request timed out after ${timeout} ms.`
          : `Unable to connect to the server (${String(e)}).`,
      });
    })
    .finally(() => clearTimeout(timer));
}

const w = window as unknown as { Visualforce?: unknown };
w.Visualforce = { remoting: { Manager: { invokeAction }, timeout: 30000, last: null } };

export {};
