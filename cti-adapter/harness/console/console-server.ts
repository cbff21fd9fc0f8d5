import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { OrgStandIn } from '../org-stand-in/org-stand-in';
import { isOrgObject, type OrgObject } from '../org-stand-in/org-schema';
import type { SObject } from '../org-stand-in/org-store';
import { BrowserScriptCompiler } from '../visualforce/browser-script-compiler';
import { close, CONTENT_TYPES, listen, readJson, send, sendFile, sendJson, sendText } from '../visualforce/http-kit';
import { existsSync, readFileSync } from 'node:fs';
import { ApexCallError } from '../org-stand-in/lightning-controllers';
import { lightningHostFile } from '../lightning-host/lightning-host-build';
import { sessionCookie, sessionInfo, sessionUser } from './harness-session';
import { LightningPages } from './lightning-pages';
import { uiApiRecord, UiApiError } from './ui-api-records';
import type { CallCenterDefinition } from './call-center-definition';
import { ConsoleRecords } from './console-records';
import type { ConsoleConfig, SampleCaller } from './console-types';
import { defaultSoftphoneLayout } from './softphone-layout';

/**
 * The Lightning console stand-in (its own origin, like `<mydomain>.lightning.force.com`):
 * - `GET /lightning/…`: the single-page console (record pages, object homes/lists, new-record modal, search,
 *   flow stub, Tasks page, home with the sample callers) with the utility bar framing the adapter page from the
 *   call center (`adapterUrl` + `sfdcIframeOrigin` + `mode=Lightning`, `allow="microphone; autoplay; speaker-selection"`:
 *   `speaker-selection` because the W3C Audio Output Devices API makes `setSinkId` in a frame depend on it, and
 *   Chromium 156 enforces that — whether Lightning's utility-bar frame delegates it is for an org to confirm);
 * - `/console-api/…`: the console's own data operations (record pages, search, `saveLog`, `searchAndScreenPop`,
 *   `runApex`, live Tasks stream), answered from the org stand-in without touching the remote API counters;
 * - the package's Lightning web components: custom tabs (`/lightning/n/<Tab>`) and record pages as the package's
 *   flexipages place them (`lightning-pages.ts`), mounted by the Lightning host (`/lightning-host/lightning-host.js`),
 *   whose `@salesforce/apex` calls reach `POST /console-api/apex` and whose `getRecord` reads
 *   `GET /console-api/ui-api/records/<id>`; both run as the signed-in sample user (`/harness/login-as`,
 *   `harness-session.ts`); `GET /harness/user-locale?language=&locale=&timeZone=`: the signed-in user's language,
 *   locale and time zone (their personal settings).
 * - `GET /secur/logout.jsp`: Salesforce logout — the agent's next request belongs to a new Salesforce login (so a
 *   RingCentral sign-in sealed in the old one ends, ADR 0016) — then back to the console home, logged in again.
 */
export interface ConsoleServerOptions {
  org: OrgStandIn;
  repoRoot: string;
  callCenter: CallCenterDefinition;
  /** Origin serving the adapter page (different from the console's). */
  adapterOrigin: string;
  /** Simulator customer-phone page (`…/customer-phone/`), or null when the simulator is not running. */
  customerPhoneUrl: string | null;
  /** The simulator's clickable desk phone of the sample agent (`…/desk-phone/{extensionId}`), or null. */
  deskPhoneUrl?: string | null;
  /** The agent's direct number: each sample caller's customer phone calls it once registered (null: only registers). */
  agentNumber?: string | null;
  callers: { phoneNumber: string; callerIdName: string }[];
  host?: string;
  port?: number;
}

/** A `webService static` Apex method the harness answers for `runApex` (`methodParams` → string result). */
export type WebServiceHandler = (params: URLSearchParams) => string;

const CREATABLE: readonly OrgObject[] = ['Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'Task'];
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export class ConsoleServer {
  private readonly server: Server;
  private readonly compiler = new BrowserScriptCompiler();
  private readonly records: ConsoleRecords;
  private readonly pages: LightningPages;
  private readonly webServices = new Map<string, WebServiceHandler>();
  private readonly streams = new Set<ServerResponse>();
  private readonly unsubscribe: () => void;
  origin = '';

  constructor(private readonly options: ConsoleServerOptions) {
    this.records = new ConsoleRecords(options.org.store);
    this.pages = new LightningPages(join(options.repoRoot, 'force-app', 'main', 'default'));
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) sendText(res, 500, `Harness console error: ${String(e)}`);
        else res.end();
      });
    });
    this.unsubscribe = options.org.store.onChange((change) => {
      if (change.record.attributes.type !== 'Task') return;
      const frame = `event: task\ndata: ${JSON.stringify(change.record)}\n\n`;
      for (const s of this.streams) s.write(frame);
    });
  }

  async start(): Promise<string> {
    this.origin = await listen(this.server, this.options.host ?? 'localhost', this.options.port ?? 0);
    return this.origin;
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    for (const s of this.streams) s.end();
    this.streams.clear();
    await close(this.server);
  }

  /** Registers a `webService` method for `runApex` (the harness has no Apex runtime). */
  registerWebService(apexClass: string, methodName: string, handler: WebServiceHandler): void {
    this.webServices.set(`${apexClass}.${methodName}`, handler);
  }

  config(): ConsoleConfig {
    const cc = this.options.callCenter;
    const frame = (path: string): string => {
      const u = new URL(path, this.options.adapterOrigin);
      u.searchParams.set('sfdcIframeOrigin', this.origin);
      u.searchParams.set('mode', 'Lightning');
      return u.toString();
    };
    const phone = this.options.customerPhoneUrl;
    const callers: SampleCaller[] = this.options.callers.map((c) => {
      if (!phone) return { number: c.phoneNumber, callerIdName: c.callerIdName, phoneUrl: null };
      const url = new URL(phone);
      url.searchParams.set('number', c.phoneNumber);
      if (this.options.agentNumber) url.searchParams.set('call', this.options.agentNumber);
      return { number: c.phoneNumber, callerIdName: c.callerIdName, phoneUrl: url.toString() };
    });
    return {
      adapterOrigin: this.options.adapterOrigin,
      adapterUrl: frame(cc.adapterPath),
      standbyUrl: cc.standbyPath ? frame(cc.standbyPath) : null,
      timeoutMs: cc.timeoutMs,
      panelHeightPx: cc.heightPx,
      panelWidthPx: cc.widthPx,
      displayName: cc.displayName,
      callCenterSettings: cc.settings,
      softphoneLayout: defaultSoftphoneLayout(),
      callers,
      deskPhoneUrl: this.options.deskPhoneUrl ?? null,
      userName: this.options.org.users.agent.Name,
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin || 'http://localhost');
    const path = url.pathname;
    if (path === '/favicon.ico') {
      res.writeHead(204);
      return void res.end();
    }
    if (path === '/' || path === '/lightning' || path === '/lightning/') {
      res.writeHead(302, { Location: '/lightning/page/home' });
      return void res.end();
    }
    if (req.method === 'GET' && path === '/harness/login-as') return this.loginAs(url, res);
    if (req.method === 'GET' && path === '/harness/user-locale') return this.userLocale(req, url, res);
    if (req.method === 'GET' && path === '/secur/logout.jsp') {
      this.options.org.logout(sessionUser(req, this.options.org).Id);
      res.writeHead(302, { Location: '/lightning/page/home' });
      return void res.end();
    }
    if (req.method === 'GET' && path.startsWith('/lightning/'))
      return send(res, 200, this.shell(req), CONTENT_TYPES['.html']!);
    if (req.method === 'GET' && path === '/lightning-host/lightning-host.js') {
      const file = lightningHostFile(this.options.repoRoot);
      if (!existsSync(file))
        return sendText(res, 404, 'The Lightning host is not built: node scripts/build/build-lightning-host.mjs');
      return send(res, 200, readFileSync(file), CONTENT_TYPES['.js']!);
    }
    if (req.method === 'GET' && path === '/console/console-app.js')
      return send(res, 200, this.compiler.compile(join(__dirname, 'browser/console-app.ts')), CONTENT_TYPES['.js']!);
    if (req.method === 'GET' && path === '/console/open-cti-host.js')
      return send(res, 200, this.compiler.compile(join(__dirname, 'browser/open-cti-host.ts')), CONTENT_TYPES['.js']!);
    if (req.method === 'GET' && path.startsWith('/slds/')) {
      const root = join(this.options.repoRoot, 'node_modules/@salesforce-ux/design-system/assets');
      if (sendFile(res, root, path.slice('/slds/'.length), undefined, req)) return;
    }
    if (path.startsWith('/console-api/')) return this.api(req, res, url);
    sendText(res, 404, `Not found on the console: ${path}`);
  }

  private async api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.slice('/console-api'.length);
    const store = this.options.org.store;
    let m: RegExpExecArray | null;
    if (req.method === 'GET') {
      if ((m = /^\/records\/(\w+)$/.exec(path))) {
        const view = this.records.view(m[1]!);
        if (!view) return sendJson(res, 404, { error: `No record ${m[1]}` });
        return sendJson(res, 200, { ...view, lightning: this.pages.recordPageComponents(view.objectType) });
      }
      if ((m = /^\/lightning\/tab\/(\w+)$/.exec(path))) {
        const page = this.pages.tab(m[1]!);
        if (!page) return sendJson(res, 404, { error: `No tab ${m[1]}` });
        return sendJson(res, 200, {
          ...page,
          visible: this.pages.canSeeTab(sessionUser(req, this.options.org), m[1]!),
        });
      }
      if ((m = /^\/ui-api\/records\/(\w+)$/.exec(path))) return this.uiApiRecord(m[1]!, url, res);
      if ((m = /^\/objects\/(\w+)$/.exec(path))) {
        if (!isOrgObject(m[1])) return sendJson(res, 404, { error: `No object ${m[1]}` });
        return sendJson(res, 200, this.records.list(m[1]));
      }
      if (path === '/search') return sendJson(res, 200, this.records.search(url.searchParams.get('term') ?? ''));
      if (path === '/tasks') return sendJson(res, 200, store.all('Task'));
      if (path === '/tasks/stream') return this.taskStream(res);
      if (path === '/config') return sendJson(res, 200, this.config());
    }
    if (req.method === 'POST') {
      const body = (await readJson(req)) as Record<string, unknown> | undefined;
      if ((m = /^\/records\/(\w+)$/.exec(path))) return this.createRecord(m[1]!, body, res);
      if (path === '/save-log') return this.saveLog(body, res);
      if (path === '/search-and-screen-pop') return this.searchAndScreenPop(body, res);
      if (path === '/run-apex') return this.runApex(body, res);
      if (path === '/apex') return this.auraApex(req, body, res);
    }
    sendJson(res, 404, { error: `No console API ${req.method} ${path}` });
  }

  /** Signs the browser in as a sample user (`?user=agent|admin|noPermissions&retURL=/lightning/…`). */
  private loginAs(url: URL, res: ServerResponse): void {
    const cookie = sessionCookie(url.searchParams.get('user') ?? '');
    if (!cookie) return sendText(res, 400, 'user must be agent, admin or noPermissions');
    const target = url.searchParams.get('retURL') ?? '/lightning/page/home';
    const location = target.startsWith('/lightning/') ? target : '/lightning/page/home';
    res.writeHead(302, { 'Set-Cookie': cookie, Location: location, 'Cache-Control': 'no-store' });
    res.end();
  }

  /**
   * `/harness/user-locale?language=fr&locale=fr_FR&timeZone=Europe/Paris&retURL=<path>`: the signed-in sample user's
   * personal language, locale and time zone (Salesforce keys; each optional), as the user sets them in their personal
   * settings; the softphone follows at its next load (the adapter page renders `$User` and `$Label` for them).
   */
  private userLocale(req: IncomingMessage, url: URL, res: ServerResponse): void {
    const value = (name: string): string | undefined => url.searchParams.get(name)?.trim() || undefined;
    try {
      this.options.org.store.setUserLocale(sessionUser(req, this.options.org).Id, {
        language: value('language'),
        locale: value('locale'),
        timeZone: value('timeZone'),
      });
    } catch (e) {
      return sendText(res, 400, e instanceof Error ? e.message : String(e));
    }
    const target = url.searchParams.get('retURL') ?? '/lightning/page/home';
    res.writeHead(302, {
      Location: target.startsWith('/lightning/') ? target : '/lightning/page/home',
      'Cache-Control': 'no-store',
    });
    res.end();
  }

  /** An `@AuraEnabled` Apex call of a package component (the Aura endpoint's stand-in), as the signed-in user. */
  private auraApex(req: IncomingMessage, body: Record<string, unknown> | undefined, res: ServerResponse): void {
    const classname = typeof body?.classname === 'string' ? body.classname : '';
    const method = typeof body?.method === 'string' ? body.method : '';
    const params =
      typeof body?.params === 'object' && body.params !== null ? (body.params as Record<string, unknown>) : {};
    try {
      const returnValue = this.options.org.lightning.invoke(
        classname,
        method,
        params,
        sessionUser(req, this.options.org),
      );
      sendJson(res, 200, { returnValue });
    } catch (e) {
      if (e instanceof ApexCallError) return sendJson(res, 500, { message: e.message });
      throw e;
    }
  }

  /** A record in the User Interface API's shape, for `lightning/uiRecordApi` `getRecord`. */
  private uiApiRecord(id: string, url: URL, res: ServerResponse): void {
    const list = (name: string): string[] => (url.searchParams.get(name) ?? '').split(',').filter(Boolean);
    try {
      sendJson(res, 200, uiApiRecord(this.options.org.store, id, list('fields'), list('optionalFields')));
    } catch (e) {
      if (e instanceof UiApiError) return sendJson(res, e.status, [{ errorCode: e.errorCode, message: e.message }]);
      throw e;
    }
  }

  private taskStream(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(`event: snapshot\ndata: ${JSON.stringify(this.options.org.store.all('Task'))}\n\n`);
    this.streams.add(res);
    res.on('close', () => this.streams.delete(res));
  }

  private cleanFields(value: Record<string, unknown>): Record<string, unknown> | string {
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'entityApiName' || k === 'Id' || k === 'recordTypeId') continue;
      if (!FIELD_NAME.test(k)) return `Invalid field name ${k}`;
      if (v !== null && typeof v === 'object') return `Field ${k} must be a scalar`;
      fields[k] = v;
    }
    for (const ref of ['WhoId', 'WhatId', 'AccountId', 'ContactId']) {
      const v = fields[ref];
      if (
        typeof v === 'string' &&
        v !== '' &&
        !this.options.org.store.get(v) &&
        !this.options.org.store.personAccountByContactId(v)
      )
        return `${ref}: invalid cross reference id ${v}`;
    }
    return fields;
  }

  /** `sforce.opencti.saveLog` ({value: {entityApiName} | {Id}, …fields}) → id, or an Open CTI error. */
  private saveLog(body: Record<string, unknown> | undefined, res: ServerResponse): void {
    const value = body?.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return sendJson(res, 200, { error: { code: 'INVALID_PARAM', description: 'saveLog: value must be an object' } });
    const v = value as Record<string, unknown>;
    const fields = this.cleanFields(v);
    if (typeof fields === 'string') return sendJson(res, 200, { error: { code: 'SERVER_ERROR', description: fields } });
    const store = this.options.org.store;
    store.currentUserId = this.options.org.users.agent.Id;
    try {
      if (typeof v.Id === 'string') {
        if (!store.get(v.Id))
          return sendJson(res, 200, { error: { code: 'SERVER_ERROR', description: `No record with Id ${v.Id}` } });
        return sendJson(res, 200, { id: store.update(v.Id, fields).Id });
      }
      if (!isOrgObject(v.entityApiName) || !CREATABLE.includes(v.entityApiName))
        return sendJson(res, 200, {
          error: { code: 'INVALID_PARAM', description: 'saveLog: value needs entityApiName (create) or Id (update)' },
        });
      return sendJson(res, 200, { id: store.insert(v.entityApiName, fields).Id });
    } finally {
      store.currentUserId = null;
    }
  }

  /** Saves the new-record modal. */
  private createRecord(type: string, body: Record<string, unknown> | undefined, res: ServerResponse): void {
    if (!isOrgObject(type) || !CREATABLE.includes(type)) return sendJson(res, 400, { error: `Cannot create ${type}` });
    const fields = this.cleanFields(body ?? {});
    if (typeof fields === 'string') return sendJson(res, 400, { error: fields });
    if ((type === 'Contact' || type === 'Lead') && !fields.LastName)
      return sendJson(res, 400, { error: 'Last Name is required' });
    const store = this.options.org.store;
    store.currentUserId = this.options.org.users.agent.Id;
    try {
      sendJson(res, 200, { id: store.insert(type, fields).Id });
    } finally {
      store.currentUserId = null;
    }
  }

  /** Searches the layout's objects; the host decides the pop (so `deferred` can hand it back instead). */
  private searchAndScreenPop(body: Record<string, unknown> | undefined, res: ServerResponse): void {
    const term = typeof body?.searchParams === 'string' ? body.searchParams : '';
    const hits = this.records.search(term, ['Account', 'Contact', 'Lead']);
    const map: Record<string, unknown> = {};
    for (const h of hits) {
      const r: SObject = h.raw as SObject;
      const entry: Record<string, unknown> = {
        Id: r.Id,
        Name: h.name,
        RecordType: h.objectType,
        LastModifiedDate: r.LastModifiedDate,
      };
      if (r.attributes.type === 'Account' && r.IsPersonAccount === true) {
        entry.IsPersonAccount = true;
        entry.PersonContactId = r.PersonContactId;
      }
      map[r.Id] = entry;
    }
    sendJson(res, 200, { records: map });
  }

  private runApex(body: Record<string, unknown> | undefined, res: ServerResponse): void {
    const key = `${String(body?.apexClass)}.${String(body?.methodName)}`;
    const handler = this.webServices.get(key);
    if (!handler)
      return sendJson(res, 200, {
        error: {
          code: 'SERVER_ERROR',
          description: `No webService method ${key} (the harness answers only registered ones)`,
        },
      });
    try {
      sendJson(res, 200, {
        runApex: handler(new URLSearchParams(typeof body?.methodParams === 'string' ? body.methodParams : '')),
      });
    } catch (e) {
      sendJson(res, 200, { error: { code: 'SERVER_ERROR', description: e instanceof Error ? e.message : String(e) } });
    }
  }

  private shell(req: IncomingMessage): string {
    const session = sessionInfo(req, this.options.org);
    const page = {
      ...this.config(),
      userName: session.name,
      session,
      tabs: this.pages.visibleTabs(this.options.org.users[session.runAs]),
    };
    const json = JSON.stringify(page).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harness console | Salesforce</title>
<link rel="stylesheet" href="/slds/styles/salesforce-lightning-design-system.min.css">
<style>
body{margin:0;background:#b0c4df}
/* The global header stays on top as in Lightning, but in the flow: the page below starts under it, not behind it. */
.slds-global-header_container{position:sticky;top:0}
.hc-main{padding:1rem;padding-bottom:4rem}
/* The utility bar and its open panel stay above page modals (SLDS modal 9001, backdrop 9000), as in Lightning. */
.hc-utility{position:fixed;left:0;right:0;bottom:0;z-index:9100}
.hc-panel{position:fixed;left:.5rem;bottom:2.5rem;background:#fff;border-radius:.25rem;box-shadow:0 2px 8px rgba(0,0,0,.3);display:flex;flex-direction:column;z-index:9101}
.hc-panel[hidden]{display:flex!important;visibility:hidden}
.hc-panel iframe{border:0;flex:1;width:100%}
.hc-phone-disabled{color:#3e3e3c}
.hc-toasts{z-index:9200}
/* The home page (harness only) starts right of the open utility panel, so its caller links stay clickable. */
.hc-panel-open .hc-home{margin-left:calc(var(--hc-panel-width,360px) + .5rem)}
</style></head>
<body class="slds-scope">
<header class="slds-global-header_container"><div class="slds-global-header slds-grid slds-grid_align-spread">
<div class="slds-global-header__item"><strong>Harness Sales Console</strong> <span class="slds-text-color_weak">(stand-in for Lightning Experience)</span></div>
<div class="slds-global-header__item" id="hc-user"></div></div>
<nav class="slds-context-bar"><div class="slds-context-bar__primary"><span class="slds-context-bar__label-action slds-context-bar__app-name">Service</span></div>
<ul class="slds-grid" id="hc-nav"></ul></nav></header>
<main class="hc-main" id="hc-workspace" aria-live="polite"></main>
<div id="hc-modal-root"></div>
<div class="hc-panel" id="hc-softphone-panel" role="dialog" aria-label="Softphone">
<header class="slds-utility-panel__header slds-grid slds-p-around_x-small"><span id="hc-panel-icon" data-icon="call"></span><h2 class="slds-text-heading_small slds-m-left_x-small" id="hc-panel-label"></h2><button type="button" class="slds-button slds-button_icon slds-button_icon-small slds-col_bump-left" id="hc-panel-minimize" title="Minimize"><span id="hc-panel-minimize-icon"></span><span class="slds-assistive-text">Minimize</span></button></header>
<iframe id="hc-softphone-frame" title="Softphone" allow="microphone; autoplay; speaker-selection"></iframe></div>
<footer class="hc-utility"><div class="slds-utility-bar_container"><ul class="slds-utility-bar" role="toolbar">
<li class="slds-utility-bar__item"><button class="slds-button slds-utility-bar__action" id="hc-softphone-item" data-icon="call" aria-pressed="true"><span id="hc-item-icon" class="slds-m-right_x-small"></span><span id="hc-item-label" class="slds-utility-bar__text"></span></button></li>
</ul></div></footer>
<script type="application/json" id="console-config">${json}</script>
<script src="/console/console-app.js"></script>
<script src="/console/open-cti-host.js"></script>
</body></html>`;
  }
}
