import type { QueryValue, RingCentralApi } from './ringcentral-api';
import { RingCentralApiError } from './ringcentral-api-error';

/**
 * The methods of `@ringcentral/sdk`'s `Platform` that {@link PlatformApi} uses (structural, so tests can fake it).
 * `Platform.send` adds `Authorization: bearer …`, refreshes an expiring token first, retries once after a 401 and
 * rejects with an `ApiError` (`message`, `response`) for any non-2xx status.
 * @public
 */
export interface SdkPlatformLike {
  send(options: { method: string; url: string; query?: unknown; body?: unknown }): Promise<Response>;
}

/**
 * {@link RingCentralApi} over the SDK platform. Error mapping: the SDK's `ApiError` (with `response`) →
 * {@link RingCentralApiError} with the HTTP status and the body's `errorCode`/`error`; anything else (fetch threw) →
 * status `null`.
 * @public
 */
export class PlatformApi implements RingCentralApi {
  constructor(private readonly platform: SdkPlatformLike) {}

  get<T>(path: string, query?: Readonly<Record<string, QueryValue>>): Promise<T> {
    return this.send<T>('GET', path, undefined, query);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.send<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PUT', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PATCH', path, body);
  }

  async delete(path: string): Promise<void> {
    await this.send<unknown>('DELETE', path);
  }

  private async send<T>(
    method: string,
    url: string,
    body?: unknown,
    query?: Readonly<Record<string, QueryValue>>,
  ): Promise<T> {
    let response: Response;
    try {
      response = await this.platform.send({ method, url, body, query: query ? compactQuery(query) : undefined });
    } catch (error) {
      throw await toApiError(error);
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

function compactQuery(query: Readonly<Record<string, QueryValue>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) if (value !== undefined) out[key] = value;
  return out;
}

/** Maps whatever the SDK threw to a {@link RingCentralApiError}. @internal */
export async function toApiError(error: unknown): Promise<RingCentralApiError> {
  if (error instanceof RingCentralApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const response = (error as { response?: Response } | null)?.response;
  if (!response || typeof response.status !== 'number') return new RingCentralApiError(message, null);
  let errorCode: string | null = null;
  try {
    const body = (await response.clone().json()) as { errorCode?: string; error?: string };
    errorCode = body.errorCode ?? body.error ?? null;
  } catch {
    // not JSON: keep the SDK's message
  }
  const retryAfter = Number(response.headers?.get('retry-after'));
  return new RingCentralApiError(
    message,
    response.status,
    errorCode,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
}
