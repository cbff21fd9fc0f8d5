import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { close, listen, sendFile, sendText } from '../http-kit';

function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('sendFile', () => {
  const root = mkdtempSync(join(tmpdir(), 'http-kit-'));
  writeFileSync(join(root, 'a.css'), 'body{color:red}'.repeat(100));
  const server = createServer((req, res) => {
    if (!sendFile(res, root, new URL(req.url ?? '/', 'http://x').pathname.slice(1), undefined, req))
      sendText(res, 404, 'no');
  });
  let origin = '';

  beforeAll(async () => {
    origin = await listen(server, '127.0.0.1', 0);
  });
  afterAll(() => close(server));

  it('gzips text when accepted and answers a matching ETag with 304', async () => {
    const plain = await get(`${origin}/a.css`);
    expect(plain.status).toBe(200);
    expect(plain.body.toString()).toBe('body{color:red}'.repeat(100));
    const zipped = await get(`${origin}/a.css`, { 'Accept-Encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.body).toString()).toBe(plain.body.toString());
    const again = await get(`${origin}/a.css`, { 'If-None-Match': String(plain.headers.etag) });
    expect(again.status).toBe(304);
  });

  it('refuses paths outside the root', async () => {
    expect((await get(`${origin}/..%2Fetc%2Fpasswd`)).status).toBe(404);
    expect((await get(`${origin}/missing.css`)).status).toBe(404);
  });
});
