import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { controllerOf } from '../org-stand-in/softphone-remote-api';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { OrgStandIn } from '../org-stand-in/org-stand-in';
import { BrowserScriptCompiler } from './browser-script-compiler';
import { close, listen, readJson, send, sendFile, sendJson, sendText, CONTENT_TYPES } from './http-kit';
import type { ApexRemoteResponse } from './remoting-types';
import { renderVisualforcePage, VisualforceRenderError, type VisualforceGlobals } from './visualforce-page-renderer';
import { cookieRunAs } from '../console/harness-session';
import { CustomLabelCatalog } from '../org-stand-in/custom-labels';

/**
 * The adapter origin of the harness (the stand-in for `<mydomain>--<ns>.vf.force.com`, default `http://localhost:8081`):
 * - `GET /apex/<Page>`: the package's Visualforce page rendered from disk on every request;
 * - `GET /resource/[<timestamp>/][<ns>__]<Name>[/<path>]`: static resources from `force-app/main/default/staticresources`;
 * - `GET /support/api/<v>.0/lightning/opencti_min.js`: the Open CTI library stand-in;
 * - `GET /jslibrary/visualforce-remoting.js` + `POST /apexremote`: the remoting stand-in, served by the org stand-in;
 * - `GET /slds/…`: SLDS assets for `<apex:slds/>`.
 * The OAuth redirect of the PKCE popup is the package's own page `/apex/RingCentralOAuthCallback` (ADR 0016); the
 * remote actions of the RingCentral token endpoints are served by the org stand-in's token API, which calls the
 * simulator like the Apex calls RingCentral.
 * Pages are only frameable by the console origin (`Content-Security-Policy: frame-ancestors`), like Visualforce
 * pages with clickjack protection for non-Salesforce frames.
 */
export interface AdapterOriginServerOptions {
  org: OrgStandIn;
  repoRoot: string;
  host?: string;
  port?: number;
  /** Folders searched for `<Page>.page`, first match wins (tests put fixture pages before the package's). */
  pagesDirs?: string[];
  /** Folders searched for static resources, first match wins. Default: the package's `staticresources`. */
  staticResourcesDirs?: string[];
  /** Extra latency of `/apexremote` in ms (to exercise the remoting `timeout` option). */
  remotingDelayMs?: number;
}

const REMOTING_SCRIPT = '/jslibrary/visualforce-remoting.js';
const SLDS_ROOT_URL = '/slds/';
export class AdapterOriginServer {
  private readonly server: Server;
  private readonly compiler = new BrowserScriptCompiler();
  private readonly pagesDirs: string[];
  private readonly resourcesDirs: string[];
  private readonly sldsDir: string;
  /** The package's metadata folder: its Custom Labels and their translations (`$Label`). */
  private readonly metadataDir: string;
  private labelCache: { readonly signature: string; readonly catalog: CustomLabelCatalog } | null = null;
  origin = '';
  /** Origin allowed to frame the pages; set once the console listens. */
  consoleOrigin: string | null = null;
  remotingDelayMs: number;
  /** Remote actions to fail as a transport failure, by method: how many of the next calls (see `failNext`). */
  private readonly failures = new Map<string, number>();

  constructor(private readonly options: AdapterOriginServerOptions) {
    this.pagesDirs = options.pagesDirs ?? [join(options.repoRoot, 'force-app/main/default/pages')];
    this.resourcesDirs = options.staticResourcesDirs ?? [
      join(options.repoRoot, 'force-app/main/default/staticresources'),
    ];
    this.sldsDir = join(options.repoRoot, 'node_modules/@salesforce-ux/design-system/assets');
    this.metadataDir = join(options.repoRoot, 'force-app/main/default');
    this.remotingDelayMs = options.remotingDelayMs ?? 0;
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) sendText(res, 500, `Harness error: ${String(e)}`);
        else res.end();
      });
    });
  }

  async start(): Promise<string> {
    this.origin = await listen(this.server, this.options.host ?? 'localhost', this.options.port ?? 0);
    return this.origin;
  }

  stop(): Promise<void> {
    return close(this.server);
  }

  /**
   * `$User`/`$Organization`/`$Api`/`$Site` of the signed-in user (the harness session's cookie, else the org's default
   * user: the sample agent unless the harness runs as another) and org.
   */
  globals(req?: IncomingMessage): VisualforceGlobals {
    const org = this.options.org;
    const u = org.users[(req && cookieRunAs(req)) ?? org.defaultRunAs];
    const [first, ...last] = u.Name.split(' ');
    return {
      user: {
        Id: u.Id,
        Name: u.Name,
        FirstName: first ?? '',
        LastName: last.join(' '),
        Email: u.Username,
        Username: u.Username,
        UserType: 'Standard',
        UITheme: 'Theme4d',
        UIThemeDisplayed: 'Theme4d',
        LanguageLocaleKey: u.LanguageLocaleKey,
        LocaleSidKey: u.LocaleSidKey,
        TimeZoneSidKey: u.TimeZoneSidKey,
      },
      organization: { Id: this.options.org.organizationId, Name: 'Harness Org' },
      api: {
        Session_ID: 'HARNESS_SESSION_NOT_A_SECRET',
        Partner_Server_URL_620: `${this.origin}/services/Soap/u/62.0`,
        Enterprise_Server_URL_620: `${this.origin}/services/Soap/c/62.0`,
      },
      site: { Prefix: '', Domain: '', BaseUrl: '', Name: '', CurrentSiteUrl: '' },
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin || 'http://localhost');
    const path = url.pathname;
    if (path === '/favicon.ico') {
      res.writeHead(204);
      return void res.end();
    }
    if (req.method === 'POST' && path === '/apexremote') return this.remote(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    const page = /^\/apex\/(\w+)$/.exec(path);
    if (page) return this.page(this.localName(page[1]!), req, res);
    if (/^\/support\/api\/\d+\.0\/lightning\/opencti_min\.js$/.test(path))
      return send(
        res,
        200,
        this.compiler.compile(join(__dirname, 'browser/opencti-library.ts')),
        CONTENT_TYPES['.js']!,
      );
    if (path === REMOTING_SCRIPT)
      return send(
        res,
        200,
        this.compiler.compile(join(__dirname, 'browser/visualforce-remoting.ts')),
        CONTENT_TYPES['.js']!,
      );
    if (path.startsWith(SLDS_ROOT_URL) && sendFile(res, this.sldsDir, path.slice(SLDS_ROOT_URL.length), undefined, req))
      return;
    const resource = /^\/resource\/(?:\d+\/)?(\w+)(\/.*)?$/.exec(path);
    if (resource && this.resource(this.localName(resource[1]!), resource[2] ?? '', req, res)) return;
    sendText(res, 404, `Not found on the adapter origin: ${path}`);
  }

  /**
   * The package's page or static resource named by a URL: in a namespaced org `/apex/<ns>__Page` and
   * `/resource/<ns>__Name` (what `$Page`, `$Resource` and `URLFOR` render); the unqualified name still resolves, as
   * Visualforce falls back to the page of that name.
   */
  private localName(name: string): string {
    const namespace = this.options.org.store.namespace.namespace;
    const prefix = namespace ? `${namespace}__` : '';
    return prefix && name.toLowerCase().startsWith(prefix.toLowerCase()) ? name.slice(prefix.length) : name;
  }

  /**
   * The org's Custom Labels and translations, parsed again only when a label or translation file changed: the org
   * does not re-read its metadata for each page, and parsing them took 230–500 ms of this process per page under
   * load, inside every cold start (ADR 0018). Editing a label while `npm start` runs still shows at the next load.
   */
  private labels(): CustomLabelCatalog {
    const signature = CustomLabelCatalog.folderSignature(this.metadataDir);
    if (this.labelCache?.signature !== signature)
      this.labelCache = { signature, catalog: CustomLabelCatalog.fromFolder(this.metadataDir) };
    return this.labelCache.catalog;
  }

  private page(name: string, req: IncomingMessage, res: ServerResponse): void {
    const dir = this.pagesDirs.find((d) => existsSync(join(d, `${name}.page`)));
    if (!dir) return sendText(res, 404, `No Visualforce page ${name}`);
    // `$Label` as the org answers it for this user: the package's translation in their language, else the master value.
    const labels = this.labels();
    const language = this.globals(req).user.LanguageLocaleKey ?? 'en_US';
    try {
      const html = renderVisualforcePage(readFileSync(join(dir, `${name}.page`), 'utf8'), {
        globals: this.globals(req),
        resourceExists: (r) => this.findResource(r) !== null,
        pageExists: (p) => this.pagesDirs.some((d) => existsSync(join(d, `${p}.page`))),
        resourceIsArchive: (r) => {
          const found = this.findResource(r);
          return found?.dir !== undefined && /zip/.test(found.contentType ?? '');
        },
        sldsHref: `${SLDS_ROOT_URL}styles/salesforce-lightning-design-system.min.css`,
        sldsAssetsHref: SLDS_ROOT_URL,
        remotingScriptSrc: REMOTING_SCRIPT,
        namespace: this.options.org.store.namespace.namespace,
        label: (name) => labels.value(name, language),
      });
      const ancestors = this.consoleOrigin ? `frame-ancestors ${this.consoleOrigin}` : "frame-ancestors 'self'";
      send(res, 200, html, CONTENT_TYPES['.html']!, { 'Content-Security-Policy': ancestors });
    } catch (e) {
      if (e instanceof VisualforceRenderError) return sendText(res, 500, e.message);
      throw e;
    }
  }

  /** `{root, file, contentType}` or `{dir}` of a static resource. */
  private findResource(name: string): { root: string; file?: string; dir?: string; contentType?: string } | null {
    for (const root of this.resourcesDirs) {
      if (!existsSync(root)) continue;
      const meta = join(root, `${name}.resource-meta.xml`);
      const contentType = existsSync(meta)
        ? /<contentType>([^<]+)<\/contentType>/.exec(readFileSync(meta, 'utf8'))?.[1]
        : undefined;
      const dir = join(root, name);
      if (existsSync(dir) && statSync(dir).isDirectory()) return { root, dir, contentType };
      const file = readdirSync(root).find((f) => f.startsWith(`${name}.`) && !f.endsWith('-meta.xml'));
      if (file) return { root, file, contentType };
      if (existsSync(meta)) return { root, contentType };
    }
    return null;
  }

  private resource(name: string, sub: string, req: IncomingMessage, res: ServerResponse): boolean {
    const found = this.findResource(name);
    if (!found) return false;
    if (found.dir) return sendFile(res, found.dir, sub.replace(/^\//, '') || 'index.html', undefined, req);
    if (!found.file || sub !== '') return false;
    return sendFile(res, found.root, found.file, found.contentType, req);
  }

  /** Visualforce remoting: `{action, method, data, tid}` → `{type:'rpc', result}` or `{type:'exception', message}`. */
  /**
   * Fails the next `times` calls of a remote action as Visualforce does when the request never reaches Apex (HTTP 503,
   * "Unable to connect to the server (communication failure).": a transient failure the softphone retries). For tests
   * and the harness's fault drills; nothing reaches the org stand-in.
   */
  failNext(method: string, times = 1): void {
    this.failures.set(method, (this.failures.get(method) ?? 0) + times);
  }

  private async remote(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = (await readJson(req)) as
      { action?: string; method?: string; data?: unknown[]; tid?: number } | undefined;
    const tid = body?.tid ?? 0;
    if (this.remotingDelayMs > 0) await new Promise((r) => setTimeout(r, this.remotingDelayMs));
    const reply = (status: number, value: ApexRemoteResponse): void => sendJson(res, status, value);
    // In a namespaced org the controller is `<ns>.SoftphoneController` (what the page's $RemoteAction renders).
    const namespace = this.options.org.store.namespace.namespace;
    const controller = body?.action ?? '';
    const method = body?.method ?? '';
    const { org } = this.options;
    // The token endpoints are SoftphoneController's; the Messages tab's and the SMS templates' are their extensions'.
    const expected = namespace ? `${namespace}.${controllerOf(method)}` : controllerOf(method);
    if (controller !== expected || !(org.api.has(method) || org.tokens.has(method))) {
      return reply(400, {
        type: 'exception',
        tid,
        where: '',
        message: `Visualforce Remoting Exception: Method '${method}' not found on controller ${controller}. Check spelling, method exists, and/or method is RemoteAction annotated.`,
      });
    }
    const failing = this.failures.get(method) ?? 0;
    if (failing > 0) {
      this.failures.set(method, failing - 1);
      return reply(503, {
        type: 'exception',
        tid,
        where: '',
        message: 'Unable to connect to the server (communication failure).',
      });
    }
    const data = Array.isArray(body?.data) ? body.data : [];
    if (data.length !== 1) {
      return reply(400, {
        type: 'exception',
        tid,
        where: '',
        message: `Visualforce Remoting Exception: Method '${method}' takes 1 parameter(s), ${data.length} given.`,
      });
    }
    try {
      // The Visualforce page runs as the console's signed-in user when a harness session names one (its cookie is
      // the site's), else as the org stand-in's default user.
      const runAs = cookieRunAs(req);
      const userId = runAs ? org.users[runAs].Id : undefined;
      const result = org.tokens.has(method)
        ? await org.tokens.invoke(method, data[0], userId ?? org.api.defaultUserId ?? org.users.agent.Id)
        : org.api.invoke(method, data[0], userId);
      reply(200, { type: 'rpc', tid, result });
    } catch (e) {
      reply(400, {
        type: 'exception',
        tid,
        where: 'SoftphoneController',
        message: e instanceof Error ? e.message : String(e),
      });
    }
  }
}
