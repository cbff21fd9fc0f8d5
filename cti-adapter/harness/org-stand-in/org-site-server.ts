import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateServerCertificate, type ServerCertificate } from '../rc-platform/tls/certificate';
import type { OrgStandIn } from './org-stand-in';

/**
 * The org's public Salesforce Site as a PBX reaches it (docs/adr/0017-crm-routing-endpoint-authentication.md): HTTPS
 * with a self-signed certificate made at start, serving only the package's Apex REST resource
 * `/services/apexrest/crm-routing/v1/*` (GET, POST) from the org stand-in's CRM routing endpoint, run as the Site guest
 * user. Other paths get the platform's 404 `NOT_FOUND`, other methods 405 `METHOD_NOT_ALLOWED` (Apex REST answers
 * them itself, as JSON arrays of `{errorCode, message}`). Bodies above 1 MiB are cut off with 413 before the endpoint
 * (which refuses anything above 8 KB itself). In an org with the package's namespace the resource is served under it,
 * `/services/apexrest/<ns>/crm-routing/v1/*`, as Apex REST serves a managed package's classes (Apex Developer Guide,
 * "Apex REST Basic Code Sample": the namespace is part of the URL), and the path without it is not found.
 */
export interface OrgSiteServerOptions {
  org: OrgStandIn;
  /** Loopback host (default `127.0.0.1`). */
  host?: string;
  /** Port (0 = ephemeral). */
  port?: number;
  /** Called for each request answered (the harness log). */
  log?: (line: string) => void;
}

const APEX_REST = '/services/apexrest';
const MAX_READ_BYTES = 1024 * 1024;

export class OrgSiteServer {
  private server: Server | null = null;
  private certificateValue: ServerCertificate | null = null;
  /** Requests answered so far (tests and the harness log read them). */
  readonly requests: { method: string; path: string; status: number; error: string | null }[] = [];

  constructor(private readonly options: OrgSiteServerOptions) {}

  /**
   * The path of the rules' endpoint (what the CRM Routing tab shows, `CrmRoutingAdminController.endpointPath`):
   * `/services/apexrest[/<ns>]/crm-routing/v1/rules/`; a rule's CRM URL is the Site's origin, this path and its URL name.
   */
  get rulesPath(): string {
    const namespace = this.options.org.store.namespace.namespace;
    return `${APEX_REST}${namespace ? `/${namespace}` : ''}/crm-routing/v1/rules/`;
  }

  /** The certificate the Site serves (PBXs trust it as a CA). */
  get certificate(): ServerCertificate {
    if (!this.certificateValue) throw new Error('the org Site is not started');
    return this.certificateValue;
  }

  /** Starts listening. @returns the origin, e.g. `https://127.0.0.1:8445` */
  async start(): Promise<string> {
    this.certificateValue = await generateServerCertificate('Salesforce Site stand-in');
    const server = createServer(
      { cert: this.certificateValue.pem, key: this.certificateValue.privateKeyPem },
      (req, res) => {
        void this.handle(req, res);
      },
    );
    this.server = server;
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, host, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    return `https://${host}:${port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://site.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    if (!url.pathname.startsWith(this.rulesPath.replace(/rules\/$/, ''))) {
      this.reply(
        res,
        method,
        url.pathname,
        404,
        'application/json;charset=UTF-8',
        JSON.stringify([{ errorCode: 'NOT_FOUND', message: 'Could not find a match for URL' }]),
        {},
      );
      return;
    }
    if (method !== 'GET' && method !== 'POST') {
      this.reply(
        res,
        method,
        url.pathname,
        405,
        'application/json;charset=UTF-8',
        JSON.stringify([
          { errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${method}' not allowed. Allowed are GET,POST` },
        ]),
        {},
      );
      return;
    }
    const body = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
    if (body === 'too-large') {
      const refused = this.options.org.crmRouting.tooLargeToRead({
        params: Object.fromEntries(url.searchParams),
        headers,
      });
      this.reply(res, method, url.pathname, refused.status, refused.contentType, refused.body, refused.headers);
      return;
    }
    const answer = this.options.org.crmRouting.handle({
      method,
      path: url.pathname.slice(APEX_REST.length),
      params: Object.fromEntries(url.searchParams),
      headers,
      body: body.length === 0 ? null : body,
      remoteAddress: req.socket.remoteAddress ?? '',
    });
    this.reply(res, method, url.pathname, answer.status, answer.contentType, answer.body, answer.headers);
  }

  private reply(
    res: ServerResponse,
    method: string,
    path: string,
    status: number,
    contentType: string,
    body: string,
    headers: Record<string, string>,
  ): void {
    const error = headers['X-CRM-Routing-Error'] ?? null;
    this.requests.push({ method, path, status, error });
    this.options.log?.(`org site: ${method} ${path} → ${status}${error ? ` ${error}` : ''}`);
    res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_READ_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
