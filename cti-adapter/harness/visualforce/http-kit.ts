import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';

/** Small HTTP helpers shared by the harness's console and adapter-origin servers (node:http only). */

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};

export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), CONTENT_TYPES['.json']!);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  send(res, status, text, CONTENT_TYPES['.txt']!);
}

/** Reads a JSON request body (at most 5 MB); resolves undefined for an empty body. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 5 * 1024 * 1024) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

const gzipCache = new Map<string, { etag: string; body: Buffer }>();
const COMPRESSIBLE = /^(text\/|application\/(javascript|json)|image\/svg)/;

/**
 * Serves a file below `root`; false when the path escapes the root or does not exist. With the request given, it
 * answers `If-None-Match` with 304 and gzips text when accepted (as Salesforce's static content servers do), so
 * a reload costs what it costs in an org with a warm cache.
 */
export function sendFile(
  res: ServerResponse,
  root: string,
  relative: string,
  contentType?: string,
  req?: IncomingMessage,
): boolean {
  const base = resolve(root);
  const full = resolve(base, `.${sep}${decodeURIComponent(relative)}`);
  if (full !== base && !full.startsWith(base + sep)) return false;
  if (!existsSync(full) || !statSync(full).isFile()) return false;
  const stat = statSync(full);
  const type = contentType ?? CONTENT_TYPES[extname(full).toLowerCase()] ?? 'application/octet-stream';
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-cache', ETag: etag };
  if (req?.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  if (req && COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    let cached = gzipCache.get(full);
    if (!cached || cached.etag !== etag) {
      cached = { etag, body: gzipSync(readFileSync(full)) };
      gzipCache.set(full, cached);
    }
    res.writeHead(200, {
      ...headers,
      'Content-Encoding': 'gzip',
      'Content-Length': String(cached.body.length),
      Vary: 'Accept-Encoding',
    });
    res.end(cached.body);
    return true;
  }
  res.writeHead(200, { ...headers, 'Content-Length': String(stat.size) });
  createReadStream(full).pipe(res);
  return true;
}

/** Listens on host:port (0 = ephemeral) and resolves the origin (`http://127.0.0.1:54321`). */
export function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolvePromise(`http://${host}:${address.port}`);
    });
  });
}

export function close(server: Server): Promise<void> {
  return new Promise((resolvePromise) => {
    server.closeAllConnections?.();
    server.close(() => resolvePromise());
  });
}
