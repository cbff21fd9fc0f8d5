import { CrmError } from '../core/crm/crm-error';
import type { RemotingEvent, RemotingOptions, VisualforceRemotingManager } from './visualforce-remoting';

/** What a remote action answered: the callback's `result` and `event`. @public */
export interface RemoteAnswer {
  readonly result: unknown;
  readonly event: RemotingEvent | undefined;
}

/** Options of {@link RemoteActionCaller}. @public */
export interface RemoteActionCallerOptions {
  /** Returns the remoting manager; read lazily (default `window.Visualforce.remoting.Manager`). */
  readonly resolveManager?: () => VisualforceRemotingManager | undefined;
  /** Remoting timeout in ms (contract: 30000). */
  readonly timeoutMs?: number;
}

/**
 * The one path of the softphone to the package's Apex: `Visualforce.remoting.Manager.invokeAction(action, request,
 * callback, {buffer: false, escape: false, timeout})` with one JSON request object (contract
 * `docs/contracts/softphone-remote-api.md`, "Transport"). Resolves with the callback's arguments; rejects with
 * `CrmError` `NETWORK` only when remoting is missing or `invokeAction` throws. Readers of the answer: the CRM gateway
 * (`readEnvelope`) and the token broker.
 * @public
 */
export class RemoteActionCaller {
  private readonly resolveManager: () => VisualforceRemotingManager | undefined;
  private readonly options: RemotingOptions;

  constructor(options: RemoteActionCallerOptions = {}) {
    this.resolveManager = options.resolveManager ?? defaultManager;
    this.options = Object.freeze({ buffer: false, escape: false, timeout: options.timeoutMs ?? 30000 });
  }

  call(action: string, request: object): Promise<RemoteAnswer> {
    const manager = this.resolveManager();
    if (!manager) {
      return Promise.reject(
        new CrmError(
          'NETWORK',
          'Visualforce remoting is not available (the softphone page is not loaded from Salesforce)',
        ),
      );
    }
    return new Promise((resolve, reject) => {
      const callback = (result: unknown, event: RemotingEvent | undefined): void => resolve({ result, event });
      try {
        manager.invokeAction(action, request, callback, this.options);
      } catch (error) {
        reject(new CrmError('NETWORK', error instanceof Error ? error.message : String(error)));
      }
    });
  }
}

/**
 * What the agent reads when Apex failed outside the envelope (only an uncatchable failure, such as a governor limit,
 * still ends as a remoting exception): the exception text and its Apex stack (`event.message`, `event.where`) are
 * for the org's admin, never for the softphone.
 * @public
 */
export const APEX_FAILURE_MESSAGE =
  'Salesforce could not complete the request. Try again; if it keeps happening, tell your Salesforce admin.';

/**
 * A remoting failure that never reached Apex (safe to retry): no event, status 0 / 408 / 502 / 503 / 504, or
 * Visualforce's transport messages ("Unable to connect to the server", timeouts, "Remoting request invalid for your
 * session" after a session change). An exception thrown by Apex carries `where` and is not a transport failure.
 * @public
 */
export function isTransportFailure(event: RemotingEvent | undefined): boolean {
  if (!event) return true;
  if (event.statusCode !== undefined && [0, 408, 502, 503, 504].includes(event.statusCode)) return true;
  if (event.where) return false;
  return /unable to connect|communication failure|timed? ?out|invalid for your session/i.test(event.message ?? '');
}

/**
 * The envelope of a successful remoting answer as an object (Visualforce may hand it over as a JSON string), or
 * `null` when it is neither.
 * @public
 */
export function envelopeOf(result: unknown): Record<string, unknown> | null {
  let envelope: unknown = result;
  if (typeof envelope === 'string') {
    try {
      envelope = JSON.parse(envelope);
    } catch {
      return null;
    }
  }
  return envelope && typeof envelope === 'object' ? (envelope as Record<string, unknown>) : null;
}

function defaultManager(): VisualforceRemotingManager | undefined {
  const vf = (globalThis as { Visualforce?: { remoting?: { Manager?: VisualforceRemotingManager } } }).Visualforce;
  return vf?.remoting?.Manager;
}
