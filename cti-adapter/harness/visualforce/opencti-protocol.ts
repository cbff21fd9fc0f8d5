/**
 * The postMessage protocol between the Open CTI library stand-in (in the adapter frame) and the console's
 * Open CTI host. The request shape is the one Salesforce's `opencti.js` posts (see the Salesforce Open CTI Developer Guide (developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti),
 * "Loading"): `{methodName, callId, apiVersion, apiType: 'opencti', args}` with the callback/listener functions
 * removed from `args`. The reply shape is the harness's own (the real one is private to Salesforce).
 */

export type OpenCtiErrorCode = 'INVALID_PARAM' | 'GENERIC_ERROR' | 'SERVER_ERROR' | 'SOFTPHONE_CONTAINER_ERROR';

export interface OpenCtiError {
  code: OpenCtiErrorCode;
  description: string;
  details: unknown[];
}

/** What every Open CTI callback receives. */
export interface OpenCtiResult {
  success: boolean;
  returnValue: unknown;
  errors: OpenCtiError[];
}

export interface OpenCtiRequestMessage {
  methodName: string;
  callId: string;
  apiVersion: number;
  apiType: 'opencti';
  args: Record<string, unknown>;
}

/** Host → frame: the reply to a call (`kind: 'result'`) or an event for a registered listener (`kind: 'event'`). */
export type OpenCtiHostMessage =
  | { apiType: 'opencti'; kind: 'result'; callId: string; response: OpenCtiResult }
  | { apiType: 'opencti'; kind: 'event'; callId: string; methodName: string; payload: unknown };
