import type { IncomingMessage } from 'node:http';

const ALLOWED_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/**
 * CORS headers for the harness origins (any `http(s)://localhost|127.0.0.1:*`). The SDK sends `Authorization`,
 * `X-User-Agent`, `Client-Id` and JSON bodies, so browsers preflight; `Retry-After` and the rate-limit headers are
 * exposed so `@ringcentral/sdk` can read them (its source notes the header must be exposed).
 * Returns no headers for other origins (the browser then blocks the response).
 */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !ALLOWED_ORIGIN.test(origin)) return {};
  const requested = req.headers['access-control-request-headers'];
  return {
    'Access-Control-Allow-Origin': origin,
    Vary: 'Origin',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers':
      typeof requested === 'string' && requested.length > 0
        ? requested
        : 'Authorization, Content-Type, X-User-Agent, Client-Id, RC-User-Agent, X-Requested-With, Discovery-Tag',
    'Access-Control-Expose-Headers':
      'Retry-After, X-Rate-Limit-Group, X-Rate-Limit-Limit, X-Rate-Limit-Remaining, X-Rate-Limit-Window, RCRequestId, Content-Type',
    'Access-Control-Max-Age': '600',
  };
}

/** True when the origin is one of the harness origins. */
export function isAllowedOrigin(origin: string | undefined): boolean {
  return !!origin && ALLOWED_ORIGIN.test(origin);
}
