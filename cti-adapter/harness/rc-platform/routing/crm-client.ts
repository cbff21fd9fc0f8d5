import { request as httpsRequest } from 'node:https';

/**
 * The PBX's HTTP client for a CRM routing rule (seed `002_dfbb423dce69a7d6.txt`, "Custom CRM"): GET
 * `{URL}?field_name={CRM_FIELD_NAME}&dtmf={DTMF}` (plus `caller_id`, which the seed leaves open; see
 * `docs/contracts/crm-routing.md`), or POST with the same data as a JSON body and `Content-Type: application/json`;
 * one custom header line; HTTPS only; a timeout. Never throws: every failure is a result with a reason.
 */
export interface CrmCall {
  url: string;
  method: 'GET' | 'POST';
  /** `Name: value`, or null. */
  header: string | null;
  timeoutMs: number;
  /** `caller_id` absent: exactly the request the seed documents. */
  params: { field_name: string; dtmf: string; caller_id?: string };
  /** PEM certificates trusted besides the system's (a self-signed Site in the harness). */
  ca?: readonly string[];
}

export type CrmResult =
  | { ok: true; status: number; body: string; headers: Record<string, string>; url: string }
  | { ok: false; reason: 'timeout' | 'unreachable' | 'refused-url'; detail: string; url: string };

const MAX_BODY = 64 * 1024;

/** The request URL of a GET exactly as PBXware builds it: the rule's URL, `?`, then the parameters. */
export function crmGetUrl(call: Pick<CrmCall, 'url' | 'params'>): string {
  const p = call.params;
  const caller = p.caller_id === undefined ? '' : `&caller_id=${encodeURIComponent(p.caller_id)}`;
  return `${call.url}?field_name=${encodeURIComponent(p.field_name)}&dtmf=${encodeURIComponent(p.dtmf)}${caller}`;
}

export function callCrm(call: CrmCall): Promise<CrmResult> {
  const url = call.method === 'GET' ? crmGetUrl(call) : call.url;
  if (!/^https:\/\//i.test(call.url)) {
    return Promise.resolve({ ok: false, reason: 'refused-url', detail: 'the CRM URL must start with https://', url });
  }
  const body = call.method === 'POST' ? JSON.stringify(call.params) : null;
  const headers: Record<string, string> = {};
  if (body !== null) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(body));
  }
  if (call.header) {
    const colon = call.header.indexOf(':');
    if (colon > 0) headers[call.header.slice(0, colon).trim()] = call.header.slice(colon + 1).trim();
  }
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: CrmResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    let req: ReturnType<typeof httpsRequest>;
    try {
      req = httpsRequest(
        url,
        // agent: false — a connection of its own: the global agent's options override a request's (Node's
        // Agent.addRequest), so CAs a test put on https.globalAgent would replace the ones trusted here.
        { method: call.method, headers, agent: false, ...(call.ca?.length ? { ca: [...call.ca] } : {}) },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_BODY) chunks.push(chunk);
          });
          res.on('end', () => {
            const responseHeaders: Record<string, string> = {};
            for (const [name, value] of Object.entries(res.headers))
              if (typeof value === 'string') responseHeaders[name] = value;
            finish({
              ok: true,
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              headers: responseHeaders,
              url,
            });
          });
          res.on('error', (error) => finish({ ok: false, reason: 'unreachable', detail: error.message, url }));
        },
      );
    } catch (error) {
      resolve({ ok: false, reason: 'unreachable', detail: (error as Error).message, url });
      return;
    }
    const timer = setTimeout(() => {
      finish({ ok: false, reason: 'timeout', detail: `no answer within ${call.timeoutMs} ms`, url });
      req.destroy();
    }, call.timeoutMs);
    timer.unref();
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, reason: 'unreachable', detail: error.code ?? error.message, url }),
    );
    if (body !== null) req.write(body);
    req.end();
  });
}
