import { createServer as createHttpsServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { resolveOptions, type RcPlatformOptions } from './config';
import { ControlServer } from './control/control-server';
import { FaultPlan } from './control/fault-plan';
import { ModelCallPort } from './control/model-call-port';
import { corsHeaders } from './http/cors';
import type { PlatformContext } from './http/platform-context';
import { injectedError, RestError } from './http/rest-error';
import { SIP_PROXY_PATHS, SipProxyGate, sipProxyForPath } from './http/sip-proxies';
import { createContext, readBody, Router, writeError, writeResult } from './http/router';
import type { InboundCallPort, SipServer, SipServerContext } from './model/ports';
import { TelephonyModel } from './model/telephony-model';
import { signJwtHs256 } from './oauth/jwt';
import { registerOAuthRoutes } from './oauth/oauth-routes';
import { TokenStore } from './oauth/token-store';
import { registerAccountRoutes } from './rest/account-routes';
import { registerCallLogRoutes } from './rest/call-log-routes';
import { registerMessageRoutes } from './rest/message-routes';
import { registerRingOutRoutes } from './rest/ring-out-routes';
import { registerTelephonyRoutes } from './rest/telephony-routes';
import { CrmRouter } from './routing/crm-router';
import { MediaEndpoint } from './media/media-endpoint';
import { loadSeed, type Seed } from './seed/seed';
import { WS_PATH, WsGateway } from './subscriptions/ws-gateway';
import { generateServerCertificate } from './tls/certificate';

export type { RcPlatformOptions } from './config';
export type { InboundCallPort, SipServer, SipServerContext, SipServerPort } from './model/ports';
export { TelephonyModel } from './model/telephony-model';

/** Seeded credentials, printed by `npm run sim` and used by tests. */
export interface RcPlatformCredentials {
  /** Public PKCE client of the softphone (`docs/sample-world.md`). */
  pkceClient: { clientId: string; redirectUriPath: string };
  /** Confidential JWT client. */
  jwtClient: { clientId: string; clientSecret: string };
  users: {
    name: string;
    extensionId: string;
    extensionNumber: string;
    directNumber: string;
    email: string;
    password: string;
    /** A JWT credential for the JWT bearer grant (HS256, signed with the JWT client's secret, `sub` = extension id). */
    jwt: string;
    sip: { username: string; authorizationId: string; password: string; domain: string };
  }[];
  queues: {
    name: string;
    extensionId: string;
    extensionNumber: string;
    directNumber: string;
    memberExtensionIds: string[];
  }[];
  customers: {
    phoneNumber: string;
    callerIdName: string;
    sip: { username: string; authorizationId: string; password: string; domain: string };
  }[];
}

/** A running simulator. */
export interface RcPlatformHandle {
  urls: {
    /** `https://127.0.0.1:PORT`: the SDK's `server`. */
    server: string;
    /** `127.0.0.1:PORT/sip`: `sipInfo.outboundProxy`. */
    sipWss: string;
    /** `127.0.0.1:PORT/sip-backup`: `sipInfo.outboundProxyBackup` (same registrar; see `http/sip-proxies.ts`). */
    sipWssBackup: string;
    /** `http://127.0.0.1:PORT`: the control API. */
    control: string;
    /** `https://127.0.0.1:PORT/customer-phone/` (served by the SIP side when attached). */
    customerPhone: string;
    /** `wss://127.0.0.1:PORT/ws`: subscription WebSocket endpoint (clients get it from `/restapi/oauth/wstoken`). */
    subscriptionWss: string;
  };
  certificate: { pem: string; spkiSha256Base64: string; fingerprintSha256: string };
  credentials: RcPlatformCredentials;
  model: TelephonyModel;
  tokens: TokenStore;
  faults: FaultPlan;
  /** The attached SIP server, if any. */
  sip: SipServer | undefined;
  /** CRM routing of DIDs and IVRs: the PBX's rules (configure URL and header), the routing log. */
  routing: CrmRouter;
  /** Trusts one more certificate (PEM) for CRM routing URLs. */
  trustCrmCertificate(pem: string): void;
  /** Replaces the port the control API uses to place and end customer-side calls. */
  attachInboundCallPort(port: InboundCallPort): void;
  stop(): Promise<void>;
}

/**
 * Starts the RingCentral platform simulator: one HTTPS server (REST, OAuth, subscription WSS at `/ws`, SIP WSS at
 * `/sip`, customer phone) with a certificate generated at start, plus the plain-HTTP control API, both on loopback.
 * Port 0 picks ephemeral ports (tests). The SIP side is loaded from `sip/index.ts` (`createSipServer`) unless
 * `options.sip` is `false` or a factory.
 * @throws Error when a port is taken or options are invalid.
 */
export async function startRcPlatform(options: RcPlatformOptions = {}): Promise<RcPlatformHandle> {
  const resolved = resolveOptions(options);
  const seed = loadSeed(resolved.seedFile);
  const model = new TelephonyModel(seed, { ringOutStepMs: resolved.ringOutStepMs });
  const tokens = new TokenStore();
  const faults = new FaultPlan();
  const sipProxies = new SipProxyGate();
  const log = resolved.log;
  const certificate = await generateServerCertificate();
  const crmTrusted = [...resolved.crmTrustedCertificates];
  const routing = new CrmRouter({ rules: seed.crmRules ?? [], trustedCertificates: () => crmTrusted, log });
  let serverUrl = '';
  const ctx: PlatformContext = { model, tokens, faults, options: resolved, serverUrl: () => serverUrl, log };

  const router = new Router();
  registerOAuthRoutes(router, ctx);
  const gateway = new WsGateway(ctx);
  gateway.registerRoutes(router);
  registerAccountRoutes(router, ctx);
  registerCallLogRoutes(router, ctx);
  registerMessageRoutes(router, ctx);
  registerRingOutRoutes(router, ctx);
  registerTelephonyRoutes(router, ctx);

  let sip: SipServer | undefined;
  const https: Server = createHttpsServer({ cert: certificate.pem, key: certificate.privateKeyPem }, (req, res) => {
    void handleHttps(req, res);
  });

  async function handleHttps(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const cors = corsHeaders(req);
    try {
      const method = (req.method ?? 'GET').toUpperCase();
      if (method === 'OPTIONS') {
        res.writeHead(204, cors);
        res.end();
        return;
      }
      if (sip?.handleHttp?.(req, res)) return;
      const pathname = new URL(req.url ?? '/', 'https://localhost').pathname;
      if (pathname === '/' && method === 'GET') {
        writeResult(res, { contentType: 'text/html; charset=utf-8', body: landingPage(serverUrl) }, cors);
        return;
      }
      if (pathname.startsWith('/restapi/')) {
        const fault = faults.take(pathname);
        if (fault.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.delayMs).unref());
        if (fault.failStatus !== undefined) {
          log(`fault: ${method} ${pathname} → ${fault.failStatus}`);
          writeError(res, injectedError(fault.failStatus), cors);
          return;
        }
      }
      const raw = await readBody(req);
      const rc = createContext(req, res, raw, serverUrl);
      const found = router.match(method, pathname);
      if (!found) throw new RestError(404, 'AGW-404', `Resource not found: ${pathname}`);
      if (found === 'method-not-allowed')
        throw new RestError(405, 'CMN-105', `Method ${method} is not allowed for ${pathname}`);
      rc.params = found.params;
      const result = await found.handler(rc);
      writeResult(res, result, cors);
    } catch (error) {
      if (!(error instanceof RestError)) log(`https: ${(error as Error).stack ?? String(error)}`);
      writeError(res, error, cors);
    }
  }

  https.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(req.url ?? '/', 'https://localhost').pathname;
    const proxy = sipProxyForPath(pathname);
    if (pathname === WS_PATH) gateway.handleUpgrade(req, socket, head);
    else if (proxy && sip && sipProxies.admit(proxy, socket)) sip.handleUpgrade(req, socket, head);
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    https.once('error', reject);
    https.listen(resolved.httpsPort, resolved.host, () => resolve());
  });
  const httpsPort = (https.address() as AddressInfo).port;
  const hostForUrl = resolved.host === '::1' ? '[::1]' : resolved.host;
  serverUrl = `https://${hostForUrl}:${httpsPort}`;
  const outboundProxy = `${hostForUrl}:${httpsPort}${SIP_PROXY_PATHS.primary}`;
  const outboundProxyBackup = `${hostForUrl}:${httpsPort}${SIP_PROXY_PATHS.backup}`;

  try {
    sip = await loadSip(resolved.sip, {
      model,
      customerPhoneProxy: `${hostForUrl}:${httpsPort}${SIP_PROXY_PATHS.customer}`,
      log,
      router: routing,
      media: (offer) => MediaEndpoint.answer(offer, { log }),
      maxExpiresSeconds: resolved.sipMaxExpiresSeconds,
      reforkRingingAfterMs: resolved.reforkRingingAfterMs,
      duplicateInviteAfterMs: resolved.duplicateInviteAfterMs,
    });
  } catch (error) {
    https.closeAllConnections();
    https.close();
    throw error;
  }
  const modelPort = new ModelCallPort(model);
  let callPort: InboundCallPort = sip?.inboundCalls ?? modelPort;
  ctx.deskPhones = () => callPort.deskPhones;
  ctx.webPhoneCommand = () => callPort.webPhoneCommand;

  const control = new ControlServer({
    model,
    tokens,
    faults,
    calls: () => callPort,
    dropSip: (count) => sip?.dropConnections(count) ?? 0,
    dropSubscriptions: (count) => gateway.dropConnections(count),
    sipProxies,
    router: routing,
    state: () => ({
      server: serverUrl,
      sipAttached: !!sip,
      sipRegistrations: sip?.registrationCount?.() ?? 0,
      sipRegistrationList: sip?.registrations?.() ?? [],
      sipProxies: sipProxies.state(),
      liveTokens: tokens.liveCount(),
      tokenRequests: tokens.tokenRequestCounts(),
      subscriptions: gateway.stats(),
      activeCalls: model.activeSessions().length,
      deskPhones: callPort.deskPhones?.online() ?? [],
      callLogRecords: model.listCallLog().length,
      messages: model.messages.all().length,
      pendingFaults: faults.pending(),
    }),
    log,
  });
  let controlPort: number;
  try {
    controlPort = await control.listen(resolved.host, resolved.controlPort);
  } catch (error) {
    await sip?.stop();
    https.closeAllConnections();
    https.close();
    throw error;
  }

  let stopped = false;
  return {
    urls: {
      server: serverUrl,
      sipWss: outboundProxy,
      sipWssBackup: outboundProxyBackup,
      control: `http://${hostForUrl}:${controlPort}`,
      customerPhone: `${serverUrl}/customer-phone/`,
      subscriptionWss: `wss://${hostForUrl}:${httpsPort}${WS_PATH}`,
    },
    certificate: {
      pem: certificate.pem,
      spkiSha256Base64: certificate.spkiSha256Base64,
      fingerprintSha256: certificate.fingerprintSha256,
    },
    credentials: buildCredentials(seed),
    model,
    tokens,
    faults,
    sip,
    routing,
    trustCrmCertificate(pem: string) {
      if (!crmTrusted.includes(pem)) crmTrusted.push(pem);
    },
    attachInboundCallPort(port: InboundCallPort) {
      callPort = port;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await control.stop();
      await gateway.stop();
      await sip?.stop();
      model.dispose();
      https.closeAllConnections();
      await new Promise<void>((resolve) => https.close(() => resolve()));
    },
  };
}

type SipFactory = (context: SipServerContext) => SipServer | Promise<SipServer>;

/** Loads the SIP side: an explicit factory, nothing (`false`), or `sip/index.ts` when it exists. */
async function loadSip(option: RcPlatformOptions['sip'], context: SipServerContext): Promise<SipServer | undefined> {
  if (option === false) return undefined;
  if (typeof option === 'function') return option(context);
  // A variable specifier keeps the type checker and bundlers from requiring the module at build time.
  const specifier = './sip/index';
  let mod: { createSipServer?: SipFactory };
  try {
    mod = (await import(specifier)) as { createSipServer?: SipFactory };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
      context.log('sip: sip/index.ts not found, running without SIP');
      return undefined;
    }
    throw error;
  }
  return mod.createSipServer ? mod.createSipServer(context) : undefined;
}

function buildCredentials(seed: Seed): RcPlatformCredentials {
  const pkce = seed.oauthClients.find((c) => c.public);
  const jwtClient = seed.oauthClients.find((c) => !c.public && c.clientSecret);
  const secret = jwtClient?.clientSecret ?? '';
  const now = Math.floor(Date.now() / 1000);
  const domain = seed.account.sipDomain;
  const digits = (n: string): string => n.replace(/\D/g, '');
  return {
    pkceClient: {
      clientId: pkce?.clientId ?? '',
      redirectUriPath: pkce?.redirectUriPaths[0] ?? '/apex/RingCentralOAuthCallback',
    },
    jwtClient: { clientId: jwtClient?.clientId ?? '', clientSecret: secret },
    users: seed.extensions
      .filter((e) => e.type === 'User' && e.sip)
      .map((e) => ({
        name: e.name,
        extensionId: e.id,
        extensionNumber: e.extensionNumber,
        directNumber: e.directNumber,
        email: e.email ?? '',
        password: e.password ?? '',
        jwt: signJwtHs256({ sub: e.id, iss: jwtClient?.clientId ?? '', iat: now, exp: now + 365 * 86_400 }, secret),
        sip: {
          username: e.sip?.username ?? digits(e.directNumber),
          authorizationId: e.sip?.authorizationId ?? '',
          password: e.sip?.password ?? '',
          domain,
        },
      })),
    queues: seed.extensions
      .filter((e) => e.type === 'Department')
      .map((e) => ({
        name: e.name,
        extensionId: e.id,
        extensionNumber: e.extensionNumber,
        directNumber: e.directNumber,
        memberExtensionIds: e.members ?? [],
      })),
    customers: seed.externals.map((x) => ({
      phoneNumber: x.phoneNumber,
      callerIdName: x.callerIdName,
      sip: {
        username: x.sip.username ?? digits(x.phoneNumber),
        authorizationId: x.sip.authorizationId,
        password: x.sip.password,
        domain,
      },
    })),
  };
}

function landingPage(server: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>RingCentral platform simulator</title></head>
<body style="font-family:system-ui,sans-serif">
<h1>RingCentral platform simulator</h1>
<p>REST/OAuth server: <code>${server}</code></p>
<ul>
<li><a href="/customer-phone/">Customer phone</a></li>
<li><a href="/restapi/oauth/authorize?response_type=code&amp;client_id=softphone-jwt&amp;redirect_uri=${encodeURIComponent(`${server}/apex/RingCentralOAuthCallback`)}">Sign-in page</a> (for a look only)</li>
</ul>
</body></html>`;
}
