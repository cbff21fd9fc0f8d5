/**
 * `npm start` (`tsx cti-adapter/harness/start-harness.ts`): the whole local harness —
 * the RingCentral platform simulator (`rc-platform/`), the in-memory org seeded from `scripts/data`
 * (`org-stand-in/`), the adapter origin rendering the package's Visualforce page with the Open CTI and remoting
 * stand-ins (`visualforce/`, `http://localhost:8081`) and the Lightning console stand-in framing it (`console/`,
 * `http://localhost:8080`: a different origin of the same site, as `*--c.vf.force.com` vs `*.lightning.force.com`).
 * Builds the `SoftphoneBundle` (and `RingCentralOAuthCallback`) static resources first when missing or older than
 * `cti-adapter/src` / `scripts/build` (`npm run build`), and the Lightning host of the package's Lightning web
 * components when it is stale, then prints ONE URL to open (the console home), how to sign in and how to open the
 * admin page as the sample admin.
 *
 * Environment: `HARNESS_CONSOLE_PORT` (8080), `HARNESS_ADAPTER_PORT` (8081), `HARNESS_SITE_PORT` (8445, the org's
 * Salesforce Site serving the CRM routing endpoint), `HARNESS_NO_SIMULATOR=1`, `HARNESS_NO_BUILD=1` (never build),
 * `HARNESS_NAMESPACE=rcsp` (the org stores the package's fields and renders its remote actions under that namespace,
 * as a subscriber org of the managed package does); the simulator's ports `RC_SIM_HTTPS_PORT` (8443),
 * `RC_SIM_CONTROL_PORT` (8444).
 * Any port may be 0 (ephemeral; the printed URL has the real one).
 * `startHarness(options)` is what end-to-end tests use (ports 0 = ephemeral).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCallCenter } from './console/call-center-definition';
import { ConsoleServer } from './console/console-server';
import { generateRoutingSecret } from './org-stand-in/crm-routing/crm-routing-secrets';
import { routingRuleByUrlName } from './org-stand-in/crm-routing/crm-routing-endpoint';
import { OrgSiteServer } from './org-stand-in/org-site-server';
import { httpsOAuthTransport } from './org-stand-in/https-oauth-transport';
import { OrgStandIn, type RunAs } from './org-stand-in/org-stand-in';
import { ROUTING_SECRET_HEADER } from './crm-routing/routing-secret';
import type { RcPlatformHandle, RcPlatformOptions } from './rc-platform/index';
import { AdapterOriginServer } from './visualforce/adapter-origin-server';
import { ensureLightningHost } from './lightning-host/lightning-host-build';

export interface HarnessOptions {
  /** Console port on `localhost` (0 = ephemeral). Default 8080. */
  consolePort?: number;
  /** Adapter-origin port (0 = ephemeral). Default 8081. */
  adapterPort?: number;
  /** Port of the org's Salesforce Site (HTTPS, the CRM routing endpoint the simulator's PBX calls). Default 8445. */
  sitePort?: number;
  /**
   * Host of the adapter origin. Default `localhost`: another port of the console's host, i.e. cross-origin but
   * same-site, like `<domain>.lightning.force.com` and `<domain>--c.vf.force.com` (`force.com` is not a public
   * suffix), so the framed adapter keeps first-party storage. `127.0.0.1` makes it cross-site (third-party frame).
   */
  adapterHost?: 'localhost' | '127.0.0.1';
  /** `false` runs without the simulator; an object passes options to `startRcPlatform`. Default: started. */
  rcPlatform?: boolean | RcPlatformOptions;
  /** `sf data import tree` folder seeding the org. Default `scripts/data`. */
  dataDir?: string;
  /** Call center file or folder. Default `force-app/main/default/callCenters`. */
  callCenter?: string;
  /** Extra/override `getCallCenterSettings` entries (`"/section/item"` → value). */
  callCenterOverrides?: Record<string, string>;
  /** Folders searched for Visualforce pages before the package's `pages` folder (test adapter pages). */
  extraPagesDirs?: string[];
  /** Folders searched for static resources before the package's `staticresources` folder. */
  extraStaticResourcesDirs?: string[];
  /** User the org stand-in serves the remote API as. Default `agent`. */
  runAs?: RunAs;
  /** The package's namespace in the org stand-in (e.g. `rcsp`). Default: none. */
  namespace?: string;
  /**
   * Build the Lightning host (the package's Lightning web components for the console's tabs and record pages) when it
   * is missing or stale. Default true; `HARNESS_NO_BUILD=1` never builds.
   */
  lightningHost?: boolean;
  repoRoot?: string;
}

export interface HarnessHandle {
  urls: {
    /** The one URL to open: the console home. */
    console: string;
    consoleOrigin: string;
    tasks: string;
    adapterOrigin: string;
    /** Adapter page as the utility bar frames it (with `sfdcIframeOrigin` and `mode`). */
    adapterFrame: string;
    rcServer: string | null;
    customerPhone: string | null;
    rcControl: string | null;
    /**
     * The org's Salesforce Site (`https://127.0.0.1:PORT`); a rule's CRM URL is this, `site.rulesPath` and its URL name
     * (`/services/apexrest[/<ns>]/crm-routing/v1/rules/<URL name>`).
     */
    orgSite: string;
  };
  org: OrgStandIn;
  site: OrgSiteServer;
  console: ConsoleServer;
  adapter: AdapterOriginServer;
  rcPlatform: RcPlatformHandle | null;
  stop(): Promise<void>;
}

const REPO_ROOT = join(__dirname, '..', '..');
/** Production RingCentral server URL, replaced by the simulator's in call center settings. */
const RC_PRODUCTION_SERVER = 'https://platform.ringcentral.com';

/** Sample agent of `docs/sample-world.md`, seeded in the simulator (not a secret: local simulator only). */
const SAMPLE_AGENT = { name: 'Alex Agent', login: 'alex@example.test', password: 'Softphone!101' };
/** Sample admin of the org stand-in (Softphone Admin permission set); the console signs in without a password. */
const SAMPLE_ADMIN = { name: 'Ada Admin', path: '/harness/login-as?user=admin&retURL=/lightning/n/Softphone_Admin' };

function seedCallers(): { phoneNumber: string; callerIdName: string }[] {
  const seed = join(__dirname, 'rc-platform/seed/account.json');
  if (!existsSync(seed)) return [];
  const doc = JSON.parse(readFileSync(seed, 'utf8')) as {
    externals?: { phoneNumber: string; callerIdName: string }[];
  };
  return (doc.externals ?? []).map((e) => ({ phoneNumber: e.phoneNumber, callerIdName: e.callerIdName }));
}

export async function startHarness(options: HarnessOptions = {}): Promise<HarnessHandle> {
  const repoRoot = options.repoRoot ?? REPO_ROOT;
  if (options.lightningHost !== false && process.env.HARNESS_NO_BUILD !== '1') ensureLightningHost(repoRoot);
  const stops: (() => Promise<void>)[] = [];
  try {
    let rc: RcPlatformHandle | null = null;
    if (options.rcPlatform !== false) {
      const { startRcPlatform } = await import('./rc-platform/index');
      rc = await startRcPlatform(typeof options.rcPlatform === 'object' ? options.rcPlatform : {});
      stops.push(() => rc!.stop());
    }
    // The org reaches RingCentral (the simulator) over HTTPS for the token endpoints, as the Apex callouts do.
    const org = new OrgStandIn({
      dataDir: options.dataDir ?? join(repoRoot, 'scripts/data'),
      runAs: options.runAs,
      namespace: options.namespace,
      // The simulator serves recordings on its own origin; this org reads it as RingCentral's media host.
      ringCentralMediaOrigins: rc ? [rc.urls.server] : [],
      ...(rc ? { ringCentralTransport: httpsOAuthTransport({ ca: [rc.certificate.pem] }) } : {}),
    });
    const site = new OrgSiteServer({ org, port: options.sitePort ?? 8445 });
    const siteOrigin = await site.start();
    stops.push(() => site.stop());
    if (rc) connectCrmRouting(org, rc, siteOrigin, site);
    const adapter = new AdapterOriginServer({
      org,
      repoRoot,
      host: options.adapterHost ?? 'localhost',
      port: options.adapterPort ?? 8081,
      pagesDirs: [...(options.extraPagesDirs ?? []), join(repoRoot, 'force-app/main/default/pages')],
      staticResourcesDirs: [
        ...(options.extraStaticResourcesDirs ?? []),
        join(repoRoot, 'force-app/main/default/staticresources'),
      ],
    });
    const adapterOrigin = await adapter.start();
    stops.push(() => adapter.stop());

    const callCenter = loadCallCenter(options.callCenter ?? join(repoRoot, 'force-app/main/default/callCenters'));
    if (rc) {
      for (const [k, v] of Object.entries(callCenter.settings)) {
        if (v.startsWith(RC_PRODUCTION_SERVER))
          callCenter.settings[k] = rc.urls.server + v.slice(RC_PRODUCTION_SERVER.length);
      }
    }
    if (rc) {
      // What an admin types into the call center's rcSettings section for this RingCentral account (blank items only).
      // The redirect URI stays blank, as admins leave it: the softphone uses the package's RingCentralOAuthCallback
      // page on the adapter origin, which is the path the simulator's app registers.
      const fill: Record<string, string> = {
        '/rcSettings/rcServerUrl': rc.urls.server,
        '/rcSettings/rcClientId': rc.credentials.pkceClient.clientId,
      };
      for (const [k, v] of Object.entries(fill)) if (callCenter.settings[k] === '') callCenter.settings[k] = v;
    }
    Object.assign(callCenter.settings, options.callCenterOverrides ?? {});
    const callers = rc
      ? rc.credentials.customers.map((c) => ({ phoneNumber: c.phoneNumber, callerIdName: c.callerIdName }))
      : seedCallers();
    const consoleServer = new ConsoleServer({
      org,
      repoRoot,
      callCenter,
      adapterOrigin,
      customerPhoneUrl: rc ? rc.urls.customerPhone : null,
      agentNumber: rc?.credentials.users.find((u) => u.email === SAMPLE_AGENT.login)?.directNumber ?? null,
      callers,
      port: options.consolePort ?? 8080,
    });
    const consoleOrigin = await consoleServer.start();
    stops.push(() => consoleServer.stop());
    adapter.consoleOrigin = consoleOrigin;

    return {
      urls: {
        console: `${consoleOrigin}/lightning/page/home`,
        consoleOrigin,
        tasks: `${consoleOrigin}/lightning/page/tasks`,
        adapterOrigin,
        adapterFrame: consoleServer.config().adapterUrl,
        rcServer: rc?.urls.server ?? null,
        customerPhone: rc?.urls.customerPhone ?? null,
        rcControl: rc?.urls.control ?? null,
        orgSite: siteOrigin,
      },
      org,
      site,
      console: consoleServer,
      adapter,
      rcPlatform: rc,
      stop: async () => {
        for (const stop of stops.reverse()) await stop();
      },
    };
  } catch (e) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw e;
  }
}

/**
 * What an admin does to point the PBX at Salesforce (`docs/admin-guide.md`, CRM routing): for each CRM routing rule of
 * the simulator's PBX whose URL name is a rule of the org, *Generate secret* in Salesforce, then set the PBX rule's CRM
 * URL to the Site's endpoint of that rule and its custom header to the secret. The PBX trusts the Site's certificate.
 */
function connectCrmRouting(org: OrgStandIn, rc: RcPlatformHandle, siteOrigin: string, site: OrgSiteServer): void {
  rc.trustCrmCertificate(site.certificate.pem);
  for (const pbxRule of rc.routing.list()) {
    const rule = routingRuleByUrlName(org.store, pbxRule.key);
    if (!rule) continue;
    const secret = generateRoutingSecret(org.store, rule.Id);
    rc.routing.configure(pbxRule.key, {
      crm: {
        url: `${siteOrigin}${site.rulesPath}${pbxRule.key}`,
        header: `${ROUTING_SECRET_HEADER}: ${secret}`,
      },
    });
  }
}

/** The console's user when the browser has not chosen one: `HARNESS_USER` (`agent`, the default, or `admin`). */
export function harnessUser(raw: string | undefined): 'agent' | 'admin' {
  if (raw === undefined || raw === '' || raw === 'agent') return 'agent';
  if (raw === 'admin') return 'admin';
  throw new Error(`HARNESS_USER must be agent or admin, got ${raw}`);
}

function envPort(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got ${raw}`);
  return n;
}

/** Newest modification time (ms) of the files under `dir`, ignoring `__tests__` folders. */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '__tests__' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when the bundle `npm run build` writes is missing or older than the sources it is built from. */
export function bundleIsStale(repoRoot = REPO_ROOT): boolean {
  const bundle = join(repoRoot, 'force-app/main/default/staticresources/SoftphoneBundle/softphone.js');
  if (!existsSync(bundle)) return true;
  if (!existsSync(join(repoRoot, 'force-app/main/default/staticresources/RingCentralOAuthCallback.js'))) return true;
  const sources = Math.max(
    newestMtime(join(repoRoot, 'cti-adapter/src')),
    newestMtime(join(repoRoot, 'scripts/build')),
  );
  return statSync(bundle).mtimeMs < sources;
}

/** Runs `npm run build` (the build script itself, output on stderr so stdout keeps the one URL). */
function buildBundle(): void {
  process.stderr.write('Building the softphone bundle (npm run build)…\n');
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/build/build-softphone.mjs')], {
    cwd: REPO_ROOT,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${String(result.status ?? result.signal)})`);
}

async function main(): Promise<void> {
  if (process.env.HARNESS_NO_BUILD !== '1' && bundleIsStale()) buildBundle();
  const user = harnessUser(process.env.HARNESS_USER);
  const harness = await startHarness({
    runAs: user,
    namespace: process.env.HARNESS_NAMESPACE ?? '',
    consolePort: envPort('HARNESS_CONSOLE_PORT', 8080),
    adapterPort: envPort('HARNESS_ADAPTER_PORT', 8081),
    sitePort: envPort('HARNESS_SITE_PORT', 8445),
    rcPlatform:
      process.env.HARNESS_NO_SIMULATOR === '1'
        ? false
        : { httpsPort: envPort('RC_SIM_HTTPS_PORT', 8443), controlPort: envPort('RC_SIM_CONTROL_PORT', 8444) },
  });
  // The sample users' language, locale and time zone (`HARNESS_LANGUAGE=fr HARNESS_LOCALE=fr_FR
  // HARNESS_TIME_ZONE=Europe/Paris npm start`); the console's /harness/user-locale changes them while it runs.
  const locale = {
    language: process.env.HARNESS_LANGUAGE || undefined,
    locale: process.env.HARNESS_LOCALE || undefined,
    timeZone: process.env.HARNESS_TIME_ZONE || undefined,
  };
  for (const sample of [harness.org.users.agent, harness.org.users.admin])
    harness.org.store.setUserLocale(sample.Id, locale);
  const { urls } = harness;
  const rc = harness.rcPlatform;
  const lines = [
    '',
    `  Open ${urls.console}`,
    '',
    rc
      ? `  Softphone: utility bar item at the bottom → "Sign in to RingCentral" → ${SAMPLE_AGENT.login} / ${SAMPLE_AGENT.password} (${SAMPLE_AGENT.name}, simulator).`
      : '  RingCentral simulator not started (HARNESS_NO_SIMULATOR=1): the softphone cannot sign in.',
    rc ? '  Call the agent: the console home lists the sample callers; each opens its customer phone.' : '',
    user === 'admin'
      ? `  Signed in to the console as the sample admin ${SAMPLE_ADMIN.name} (HARNESS_USER=admin): the Softphone Admin tab sets auto-log, screen pops and locks; "Log in as: agent" on the console home tries them as ${SAMPLE_AGENT.name}.`
      : `  Admin page: "Log in as: admin" on the console home or header (or start with HARNESS_USER=admin), then the Softphone Admin tab (${SAMPLE_ADMIN.name}, sample admin; path ${SAMPLE_ADMIN.path} on the console).`,
    rc
      ? `  Your own browser must trust the simulator's self-signed certificate (new at each start): open the "RingCentral simulator" link on the console home once and accept it, or start Chromium with --ignore-certificate-errors-spki-list=${rc.certificate.spkiSha256Base64}`
      : '',
    '  Ctrl+C stops everything.',
    '',
  ];
  console.log(lines.filter((l) => l !== '').join('\n'));
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    harness.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(`The harness failed to start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
