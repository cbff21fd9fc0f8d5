import type { IncomingMessage, ServerResponse } from 'node:http';
import { RestError } from './rest-error';

/** What a route handler receives. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  url: URL;
  /** Path parameters (`:name` segments). */
  params: Record<string, string>;
  /** Raw request body (read before the handler runs). */
  rawBody: Buffer;
  /** Parsed body: JSON object, form fields, or `{}`. @throws RestError 400 for malformed JSON. */
  body(): Record<string, unknown>;
  /** All values of a query parameter (repeated and comma-separated forms both accepted). */
  queryAll(name: string): string[];
  /** Extra per-request data filled by middleware (e.g. the authenticated token). */
  locals: Record<string, unknown>;
}

/** A handler's answer; `undefined` means it already wrote the response. */
export type RouteResult =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  | { status?: number; body: Buffer | string; contentType: string; headers?: Record<string, string> }
  | { status: number; redirect: string }
  | { status: number; empty: true; headers?: Record<string, string> }
  | undefined;

export type RouteHandler = (ctx: RequestContext) => RouteResult | Promise<RouteResult>;

interface Route {
  method: string;
  pattern: string[];
  handler: RouteHandler;
}

/**
 * A minimal method + path router (`/restapi/v1.0/account/:accountId/extension/:extensionId`), case-sensitive
 * like the API. Written by hand: no router library is installed and the simulator needs ~40 fixed routes only.
 */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, path: string, handler: RouteHandler): this {
    this.routes.push({ method: method.toUpperCase(), pattern: split(path), handler });
    return this;
  }

  /** Finds the handler: `{handler, params}`, `'method-not-allowed'` when the path exists with another method, or undefined. */
  match(
    method: string,
    pathname: string,
  ): { handler: RouteHandler; params: Record<string, string> } | 'method-not-allowed' | undefined {
    const parts = split(pathname);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchPattern(route.pattern, parts);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method.toUpperCase()) return { handler: route.handler, params };
    }
    return pathMatched ? 'method-not-allowed' : undefined;
  }
}

function split(path: string): string[] {
  return path.split('/').filter((p) => p.length > 0);
}

function matchPattern(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const v = parts[i] as string;
    if (p.startsWith(':')) params[p.slice(1)] = decodeURIComponent(v);
    else if (p !== v) return undefined;
  }
  return params;
}

/** Reads the whole request body (bounded to 1 MiB). @throws RestError 413 when larger. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > 1_048_576) throw new RestError(413, 'CMN-104', 'Request entity is too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Builds a {@link RequestContext}. */
export function createContext(
  req: IncomingMessage,
  res: ServerResponse,
  rawBody: Buffer,
  base: string,
): RequestContext {
  const url = new URL(req.url ?? '/', base);
  let parsed: Record<string, unknown> | undefined;
  return {
    req,
    res,
    method: (req.method ?? 'GET').toUpperCase(),
    url,
    params: {},
    rawBody,
    locals: {},
    body() {
      if (parsed) return parsed;
      const text = rawBody.toString('utf8');
      const type = String(req.headers['content-type'] ?? '');
      if (!text.trim()) parsed = {};
      else if (type.includes('application/x-www-form-urlencoded'))
        parsed = Object.fromEntries(new URLSearchParams(text));
      else {
        try {
          const value: unknown = JSON.parse(text);
          parsed =
            value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
        } catch {
          throw new RestError(400, 'CMN-101', 'Request body is not valid JSON');
        }
      }
      return parsed;
    },
    queryAll(name: string) {
      return url.searchParams
        .getAll(name)
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter((v) => v.length > 0);
    },
  };
}

/** Writes a {@link RouteResult}. */
export function writeResult(res: ServerResponse, result: RouteResult, extraHeaders: Record<string, string> = {}): void {
  if (!result || res.writableEnded) return;
  const headers: Record<string, string> = { ...extraHeaders, ...('headers' in result ? result.headers : {}) };
  if ('redirect' in result) {
    res.writeHead(result.status, { ...headers, Location: result.redirect });
    res.end();
  } else if ('json' in result) {
    const body = JSON.stringify(result.json);
    res.writeHead(result.status ?? 200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
    res.end(body);
  } else if ('empty' in result) {
    res.writeHead(result.status, headers);
    res.end();
  } else {
    res.writeHead(result.status ?? 200, {
      ...headers,
      'Content-Type': result.contentType,
      'Content-Length': String(Buffer.byteLength(result.body)),
    });
    res.end(result.body);
  }
}

/** Writes an error (RestError shape, or a 500 for anything else). */
export function writeError(res: ServerResponse, error: unknown, extraHeaders: Record<string, string> = {}): void {
  if (res.writableEnded) return;
  const rest =
    error instanceof RestError
      ? error
      : isStatusError(error)
        ? new RestError(error.status, error.errorCode ?? 'CMN-201', error.message)
        : new RestError(500, 'CMN-201', 'Internal Server Error');
  writeResult(res, { status: rest.status, json: rest.body(), headers: rest.extra.headers ?? {} }, extraHeaders);
}

function isStatusError(error: unknown): error is { status: number; errorCode?: string; message: string } {
  return (
    !!error &&
    typeof error === 'object' &&
    typeof (error as { status?: unknown }).status === 'number' &&
    error instanceof Error
  );
}
