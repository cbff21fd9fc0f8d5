/** Query string values: arrays repeat the key (`direction=Inbound&direction=Outbound`), as RingCentral expects. */
export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;

/**
 * The slice of the RingCentral REST API the softphone's RingCentral layer calls: JSON in, JSON out, paths relative to
 * the server (`/restapi/v1.0/…`). Implemented over the SDK by `PlatformApi` (bearer token, refresh, 429 retry are
 * the SDK's); unit tests pass fakes. Every method rejects with `RingCentralApiError`.
 * @public
 */
export interface RingCentralApi {
  get<T>(path: string, query?: Readonly<Record<string, QueryValue>>): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  delete(path: string): Promise<void>;
  patch<T>(path: string, body: unknown): Promise<T>;
}
