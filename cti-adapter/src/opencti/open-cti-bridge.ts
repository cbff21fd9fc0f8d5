import type { OpenCtiApi, OpenCtiCallback, OpenCtiResult } from './open-cti-api';
import { OpenCtiError } from './open-cti-error';

/** Options of {@link OpenCtiBridge}. @public */
export interface OpenCtiBridgeOptions {
  /** Returns the Open CTI object; read lazily on each call (default: `window.sforce.opencti`). */
  readonly resolveApi?: () => OpenCtiApi | undefined;
  /** Rejects with `TIMEOUT` when the console does not answer in time (ms, default 15000; 0 = never). */
  readonly timeoutMs?: number;
}

/**
 * Promise-typed wrapper of the `sforce.opencti` methods the softphone uses — the ONE place that knows the
 * `{success, returnValue, errors}` result shape. Resolves with `returnValue`; rejects with {@link OpenCtiError}
 * (the first error's code; `NOT_LOADED` when `sforce.opencti` is missing; `TIMEOUT`). Never throws synchronously.
 * Source: the Salesforce Open CTI Developer Guide (developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti), API 38+.
 * @public
 */
export class OpenCtiBridge {
  private readonly resolveApi: () => OpenCtiApi | undefined;
  private readonly timeoutMs: number;

  constructor(options: OpenCtiBridgeOptions = {}) {
    this.resolveApi = options.resolveApi ?? defaultResolveApi;
    this.timeoutMs = options.timeoutMs ?? 15000;
  }

  /** `true` when `sforce.opencti` is present. */
  isLoaded(): boolean {
    return this.resolveApi() !== undefined;
  }

  enableClickToDial(): Promise<void> {
    return this.invoke('enableClickToDial', (api, callback) => api.enableClickToDial({ callback })).then(toVoid);
  }

  disableClickToDial(): Promise<void> {
    return this.invoke('disableClickToDial', (api, callback) => api.disableClickToDial({ callback })).then(toVoid);
  }

  /** `screenPop({type, params})`; `type` is a `SCREENPOP_TYPE` value. */
  screenPop(type: string, params: Record<string, unknown>): Promise<void> {
    return this.invoke('screenPop', (api, callback) => api.screenPop({ type, params, callback })).then(toVoid);
  }

  /** The record on screen (`{url, recordId, recordName, objectType, accountId|contactId, personAccount}`). */
  getAppViewInfo(): Promise<Record<string, unknown>> {
    return this.invoke('getAppViewInfo', (api, callback) => api.getAppViewInfo({ callback })).then(asRecord);
  }

  setSoftphoneItemIcon(key: string): Promise<void> {
    return this.invoke('setSoftphoneItemIcon', (api, callback) => api.setSoftphoneItemIcon({ key, callback })).then(
      toVoid,
    );
  }

  setSoftphoneItemLabel(label: string): Promise<void> {
    return this.invoke('setSoftphoneItemLabel', (api, callback) => api.setSoftphoneItemLabel({ label, callback })).then(
      toVoid,
    );
  }

  setSoftphonePanelVisibility(visible: boolean): Promise<void> {
    return this.invoke('setSoftphonePanelVisibility', (api, callback) =>
      api.setSoftphonePanelVisibility({ visible, callback }),
    ).then(toVoid);
  }

  /** Resolves `true` when the utility panel is open. */
  isSoftphonePanelVisible(): Promise<boolean> {
    return this.invoke('isSoftphonePanelVisible', (api, callback) => api.isSoftphonePanelVisible({ callback })).then(
      (value) => Boolean(asRecord(value)['visible']),
    );
  }

  /** Height in px, 240–2560 (Open CTI range; out-of-range values reject with `INVALID_PARAM` locally). */
  setSoftphonePanelHeight(heightPX: number): Promise<void> {
    if (!Number.isFinite(heightPX) || heightPX < 240 || heightPX > 2560) {
      return Promise.reject(new OpenCtiError('INVALID_PARAM', 'setSoftphonePanelHeight', 'heightPX must be 240–2560'));
    }
    return this.invoke('setSoftphonePanelHeight', (api, callback) =>
      api.setSoftphonePanelHeight({ heightPX, callback }),
    ).then(toVoid);
  }

  notifyInitializationComplete(): Promise<void> {
    return this.invoke('notifyInitializationComplete', (api, callback) =>
      api.notifyInitializationComplete({ callback }),
    ).then(toVoid);
  }

  refreshView(): Promise<void> {
    return this.invoke('refreshView', (api, callback) => api.refreshView({ callback })).then(toVoid);
  }

  /** The call center definition as a flat map keyed by path (`/reqGeneralInfo/reqAdapterUrl`). */
  getCallCenterSettings(): Promise<Record<string, string>> {
    return this.invoke('getCallCenterSettings', (api, callback) => api.getCallCenterSettings({ callback })).then(
      (value) => asRecord(value) as Record<string, string>,
    );
  }

  /** Registers the click-to-dial listener; the payload is parsed when the console sends a JSON string. */
  onClickToDial(listener: (payload: Record<string, unknown>) => void): Promise<void> {
    return this.register('onClickToDial', (api, wrapped) => api.onClickToDial({ listener: wrapped }), listener);
  }

  onNavigationChange(listener: (payload: Record<string, unknown>) => void): Promise<void> {
    return this.register(
      'onNavigationChange',
      (api, wrapped) => api.onNavigationChange({ listener: wrapped }),
      listener,
    );
  }

  /**
   * `subscribe({channelName, listener})` (Lightning Message Service, API 47+): resolves with the subscription object
   * once the console confirmed it; the listener receives each message as published (an object, or the string a
   * console sends, parsed). Rejects with `NOT_LOADED` when this Open CTI has no `subscribe` (API below 47).
   */
  subscribe(channelName: string, listener: (message: Record<string, unknown>) => void): Promise<unknown> {
    const api = this.resolveApi();
    if (api && typeof api.subscribe !== 'function')
      return Promise.reject(
        new OpenCtiError('NOT_LOADED', 'subscribe', 'this Open CTI library has no subscribe (API version 47 or later)'),
      );
    return this.invoke('subscribe', (opencti, callback) =>
      opencti.subscribe?.({ channelName, listener: (message) => listener(asRecord(message)), callback }),
    );
  }

  /** `unsubscribe({subscription})`: ends a subscription {@link subscribe} returned. */
  unsubscribe(subscription: unknown): Promise<void> {
    return this.invoke('unsubscribe', (opencti, callback) => opencti.unsubscribe?.({ subscription, callback })).then(
      toVoid,
    );
  }

  /**
   * Registers a listener of `method` through `call` (for methods the features of lazy chunks wrap, e.g. Sales
   * Engagement's `hvs.onWorkStart`): rejects with `NOT_LOADED` without Open CTI, `GENERIC_ERROR` when it throws.
   */
  register(
    method: string,
    call: (api: OpenCtiApi, wrapped: (payload: unknown) => void) => void,
    listener: (payload: Record<string, unknown>) => void,
  ): Promise<void> {
    const api = this.resolveApi();
    if (!api) return Promise.reject(notLoaded(method));
    try {
      call(api, (payload) => listener(asRecord(payload)));
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(new OpenCtiError('GENERIC_ERROR', method, messageOf(error)));
    }
  }

  /**
   * Calls `method` through `call` with a callback (for methods the features of lazy chunks wrap, e.g.
   * `hvs.completeWork`): resolves with the `returnValue`, rejects with {@link OpenCtiError} (`TIMEOUT` included).
   */
  invoke(method: string, call: (api: OpenCtiApi, callback: OpenCtiCallback) => void): Promise<unknown> {
    const api = this.resolveApi();
    if (!api) return Promise.reject(notLoaded(method));
    return new Promise((resolve, reject) => {
      let done = false;
      const timer =
        this.timeoutMs > 0
          ? globalThis.setTimeout(() => {
              if (done) return;
              done = true;
              reject(new OpenCtiError('TIMEOUT', method, `no answer from the console within ${this.timeoutMs} ms`));
            }, this.timeoutMs)
          : null;
      const finish = (result: OpenCtiResult | undefined): void => {
        if (done) return;
        done = true;
        if (timer !== null) globalThis.clearTimeout(timer);
        try {
          resolve(unwrap(method, result));
        } catch (error) {
          reject(error);
        }
      };
      try {
        call(api, finish);
      } catch (error) {
        done = true;
        if (timer !== null) globalThis.clearTimeout(timer);
        reject(new OpenCtiError('GENERIC_ERROR', method, messageOf(error)));
      }
    });
  }
}

/**
 * Turns an Open CTI result into its `returnValue` or throws {@link OpenCtiError} — the only code that reads
 * `{success, returnValue, errors}`.
 * @public
 */
export function unwrap<T = unknown>(method: string, result: OpenCtiResult<T> | undefined | null): T {
  if (!result || typeof result !== 'object') {
    throw new OpenCtiError('GENERIC_ERROR', method, 'the console returned no result');
  }
  if (result.success) return result.returnValue;
  const errors = Array.isArray(result.errors) ? result.errors : [];
  const first = errors[0];
  const description = first?.description ?? 'the console reported a failure';
  throw new OpenCtiError(OpenCtiError.codeOf(first?.code), method, description, errors);
}

function defaultResolveApi(): OpenCtiApi | undefined {
  const sforce = (globalThis as { sforce?: { opencti?: OpenCtiApi } }).sforce;
  return sforce?.opencti;
}

function notLoaded(method: string): OpenCtiError {
  return new OpenCtiError(
    'NOT_LOADED',
    method,
    'sforce.opencti is not available: open the softphone from the Salesforce utility bar (opencti_min.js must load in the softphone frame)',
  );
}

function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function toVoid(): void {
  return undefined;
}
