/**
 * Entry point of the `SoftphoneBundle` static resource (composition root): `softphone.js`, the first-paint chunk,
 * preloaded by the `OpenCTIIndex` page and run by the boot module (`softphone-boot.js`, `boot.ts`) once the start's
 * requests have left (ADR 0018). Order matters for the cold start (page load → Open CTI initialized and SIP
 * registered):
 * 0. the boot module (before this chunk runs): the owner election (ADR 0028) and, in the owner tab, the token renewal
 *    and `getSoftphoneSettings`; this chunk takes the lock and the pending answers over ({@link takeBoot});
 * 1. create the Open CTI host, the remoting CRM gateway, storage and the engine over a
 *    {@link DeferredTelephony}; `engine.start()` enables click-to-dial and registers the console listeners at
 *    once and loads the settings (one round trip);
 * 2. at once, in parallel: the RingCentral connection (the stored sealed sign-in renewed through the package, with the
 *    call center settings remembered from the last start while `getCallCenterSettings` runs; else the sign-in
 *    button, PKCE popup) → web phone (microphone check and SIP provisioning in parallel, then REGISTER) → attached
 *    to the engine, which then calls `notifyInitializationComplete` (once) and shows its activity (the Open CTI host
 *    sets the utility item);
 * 3. mount the UI once the start is over — the console answered `notifyInitializationComplete` — or a call is there,
 *    or at the latest {@link RENDER_AT_THE_LATEST_MS} after the bundle started: only then is the page's style sheet
 *    requested (the SLDS `<apex:slds/>` link waits in the inert `#softphone-styles` template), and the UI mounts once
 *    it has loaded (no unstyled flash). The first render and the style sheet (about a megabyte of CSS to parse and
 *    match) no longer compete with the sign-in, the registration and the notice (ADR 0018, amendments "the start
 *    first" and "the style sheet after the start"); the utility item's label and icon come from Open CTI, not from
 *    this render. The UI's code — the LWC engine and the components — is a chunk of its own (`softphone-ui.js`,
 *    preloaded by the page) evaluated only then: before, its module evaluation ran before this chunk's first line
 *    (ADR 0018, amendment "bundle downloaded → running").
 * The surfaces and RingCentral parts that ringing, answering and the screen pop do not need come from lazy chunks,
 * requested once the start is over.
 * Performance marks (`softphone:*`) let the benchmark measure from the browser.
 */
import { SoftphoneEngine } from '../core/engine/softphone-engine';
import type { CtiHostPort } from '../core/ports/cti-host-port';
import { OpenCtiBridge } from '../opencti/open-cti-bridge';
import { OpenCtiHost } from '../opencti/open-cti-host';
import { BrowserAudioDevices } from '../ringcentral/web-phone/browser-audio-devices';
import { RemotingCrmGateway } from '../salesforce/remoting-crm-gateway';
import { DeferredTelephony } from './deferred-telephony';
import { EngineController } from './engine-controller';
import { LocalStorageStore } from './local-storage-store';
import { messagesGate } from './messages-gate';
import type { PageConfig } from './page-config';
import type { SoftphoneController } from '../ui/softphone-controller';
import { SharedHost } from '../core/tabs/shared-host';
import { tabNames } from '../core/tabs/tab-names';
import { startBoot, takeBoot, type BootElection, type BootStart, type HandedOverAnswer } from './boot';
import type { AccessGrant } from '../ringcentral/auth/token-broker';
import type { TokenKeeper } from '../ringcentral/auth/token-keeper';
import type * as TabsEntry from './tabs/tabs-entry';
import type { SoftphoneTabs } from './tabs/tabs-entry';
import { useIconSprite } from '../ui/icons';
import { installLabels, readPageLabels } from '../ui/labels';
import { applyLocale, userLocale } from '../ui/locale';
import { connectRingCentral } from './ringcentral-connection';
import { mark } from './marks';
import { requestStyleSheets, styleSheetsLoaded } from './page-styles';
import { whenIdle } from '../core/support/when-idle';
import { whenSettingOn } from '../core/settings/settings-change';
import { phoneNumberMetadata } from '../core/phone-number/phone-number-metadata';
import { mountUi } from './ui-mount';

mark('softphone:bundle-start');

/**
 * The UI renders at the latest this long after the bundle started (ms), even when the start has not settled (a slow
 * network): the agent who opens the utility bar's panel then sees what the softphone is waiting for.
 */
const RENDER_AT_THE_LATEST_MS = 1500;
const bundleStartedAt = performance.now();

/**
 * The Open CTI bridge with the click-to-dial mark set as the console's message reaches our code — before the payload
 * is read, so that the bench's click-to-dial → INVITE counts all of our work (ADR 0018); every other method is the
 * bridge's own (the returned object inherits from `bridge`).
 */
function instrumentBridge(bridge: OpenCtiBridge): OpenCtiBridge {
  const marked: Pick<OpenCtiBridge, 'onClickToDial'> = {
    onClickToDial: (listener) =>
      bridge.onClickToDial((payload) => {
        mark('softphone:click-to-dial');
        listener(payload);
      }),
  };
  return Object.assign(Object.create(bridge) as OpenCtiBridge, marked);
}

/**
 * The host with performance marks on enabling click-to-dial and initialization; every other method is the host's own
 * (the returned object inherits from `host`, so nothing restates the port).
 */
function instrumentHost(host: CtiHostPort): CtiHostPort {
  const marked: Pick<CtiHostPort, 'enableClickToDial' | 'notifyInitializationComplete'> = {
    enableClickToDial: () => host.enableClickToDial().then(() => mark('softphone:click-to-dial-enabled')),
    notifyInitializationComplete: () =>
      host.notifyInitializationComplete().then(() => mark('softphone:initialization-complete')),
  };
  return Object.assign(Object.create(host) as CtiHostPort, marked);
}

function boot(): void {
  // The boot module (`softphone-boot.js`, loaded by the page before this chunk) asked for the owner lock and, in the
  // owner tab, sent the renewal and the settings request already (ADR 0018); without it (a page that loads only this
  // chunk) it runs now, as this chunk imports it.
  const handed = takeBoot() ?? startBoot(document);
  const config = handed.config;
  useIconSprite(config.iconSprite);
  // The user's labels and locale before anything renders or formats (ADR 0032).
  installLabels(readPageLabels(document.getElementById('softphone-labels')));
  applyLocale(document, userLocale(config));
  const bridge = instrumentBridge(new OpenCtiBridge());
  const host = instrumentHost(new OpenCtiHost({ bridge }));
  // One tab per browser holds the phone; the others follow it (ADR 0028). Without Web Locks every tab is its own.
  const lock = handed.lock;
  if (!lock) {
    void handed.election.then((election) => {
      const owner = startOwner(config, bridge, host, null, handover(handed, election));
      mount(owner.controller, owner.started);
    });
    return;
  }
  void handed.election.then((election) => {
    const { held } = election;
    const tabs = import('./tabs/tabs-entry').then(async (entry) => ({
      entry,
      tabs: await entry.joinTabs({ lock, held, channelName: tabNames(config.orgId, config.userId).channel }),
    }));
    if (held) {
      const owner = startOwner(config, bridge, host, tabs, handover(handed, election));
      mount(owner.controller, owner.started);
    } else startFollower(config, bridge, host, tabs);
  });
}

/** What the boot module started for the owner: its keeper, renewal and settings request. */
interface Handover {
  readonly keeper: TokenKeeper;
  readonly renewal: Promise<AccessGrant> | null;
  readonly settings: HandedOverAnswer | null;
}

function handover(start: BootStart, election: BootElection): Handover {
  return { keeper: start.keeper, renewal: election.renewal, settings: election.settings };
}

/** The tabs chunk and this tab's part in the tabs, loading. */
type Tabs = Promise<{ entry: typeof TabsEntry; tabs: SoftphoneTabs }>;

/**
 * The tab that holds the phone: the engine over the RingCentral connection (web phone, subscription, token renewal,
 * outbox), served to the follower tabs once the tabs chunk has loaded. Returns the UI's controller and when the UI
 * should render: once the start is over or a call is there (see {@link startSettled}).
 */
function startOwner(
  config: PageConfig,
  bridge: OpenCtiBridge,
  host: CtiHostPort,
  tabs: Tabs | null,
  handed: Handover | null = null,
): { controller: SoftphoneController; started: Promise<void> } {
  let joined: SoftphoneTabs | null = null;
  const shared = new SharedHost(host, () => joined?.attention.touch());
  const crm = new RemotingCrmGateway({
    actions: config.actions,
    ...(handed?.settings ? { handedOver: { getSoftphoneSettings: handed.settings } } : {}),
  });
  const store = new LocalStorageStore();
  // Drafts, outbox and preferences of this agent only (keyed by org and user, ADR 0010).
  const agentStore = LocalStorageStore.forUser(config.orgId, config.userId);
  const telephony = new DeferredTelephony();
  const connection = connectRingCentral({
    bridge,
    config,
    store,
    telephony,
    pageUrl: window.location.href,
    ...(handed ? { handover: { keeper: handed.keeper, renewal: handed.renewal } } : {}),
    // Called once RingCentral signs in (after connection.start() below) or out.
    beforeSession: () => messages.ready(),
    // The subscription, presence and call history wait for the start to be over (called after the registration).
    afterStart: () => engine.whenInitialized(),
    // The number rules (a lazy chunk the engine requests at its start, ADR 0018) are here before any call rings.
    beforeRegister: () => phoneNumberMetadata.whenReady(),
    onSession: (session) => {
      messages.attach(session);
      if (session) messages.prefetch();
    },
  });
  const engine = new SoftphoneEngine({
    telephony,
    host: shared,
    crm,
    store: agentStore,
    presence: connection.presence,
    history: connection.history,
    audioDevices: new BrowserAudioDevices(),
  });
  // Marks first: listeners run in registration order, so the ringing mark must be set before the engine's own
  // ringing listener (registered by start()) sends the match request and pops — else ring → pop is under-measured.
  telephony.on('ringing', ({ callId }) => mark(`softphone:ringing:${callId}`));
  telephony.on('dialing', ({ callId }) => mark(`softphone:dialing:${callId}`));
  telephony.on('status', (status) => {
    if (status.state === 'registered') mark('softphone:registered');
  });
  // The Messages tab's code is lazy (ADR 0019, 0026): the gate loads the loader, which keeps the events from the sign-in.
  const messages = messagesGate({
    crm,
    kv: agentStore,
    settings: () => engine.getState().settings,
    onUnread: (count) => engine.setUnreadMessages(count),
    pageConfig: document.getElementById('softphone-config'),
  });
  engine.on('screenPop', ({ callId }) => mark(`softphone:screen-pop:${callId}`));
  void engine.start();
  engine.subscribe((state) =>
    connection.applyPreferences(
      state.preferences,
      state.audio.inUse,
      state.calls.some((c) => c.call.state !== 'ended'),
    ),
  );
  void connection.start();

  // Desktop notifications, the Send SMS route and the do-not-call check's trigger (ADR 0031): a lazy chunk once the
  // start is over and the page is idle (ADR 0018).
  void engine
    .whenInitialized()
    .then(() => whenIdle())
    .then(() => import('./page-extras'))
    .then(({ startPageExtras }) =>
      startPageExtras({ engine, host, bridge, messages, matchNumbersAction: config.actions.matchNumbers }),
    )
    .catch((error: unknown) => {
      // No do-not-call check can be installed: dials waiting for one go on unchecked (ADR 0031).
      engine.setDialGuard(null);
      console.warn('The notifications, Send SMS and the do-not-call check could not start', error);
    });

  // Sales Engagement (ADR 0030): its chunk is loaded once the settings turn Sales Engagement mode on.
  whenSettingOn(engine, 'hvsMode', () => {
    void import('./sales-engagement')
      .then(({ startSalesEngagement }) => startSalesEngagement(engine, bridge))
      .catch((error: unknown) => console.warn('Sales Engagement could not start', error));
  });

  const controller = new EngineController({ engine, session: connection, messages: messages.access });
  void tabs
    ?.then(({ entry, tabs: t }) => {
      joined = t;
      entry.serveTabs(t, controller, shared, connection);
    })
    .catch((error: unknown) => console.warn('The other tabs cannot follow this softphone', error));
  return { controller, started: startSettled(engine) };
}

/**
 * Resolves when the UI should render: the console answered the initialization notice (the start is over), a live call
 * is there (ringing before that: its card must show), or {@link RENDER_AT_THE_LATEST_MS} after the bundle started.
 */
function startSettled(engine: SoftphoneEngine): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(late);
      off();
      resolve();
    };
    const late = setTimeout(done, Math.max(0, RENDER_AT_THE_LATEST_MS - (performance.now() - bundleStartedAt)));
    const off = engine.subscribe((state) => {
      if (state.calls.some((c) => c.call.state !== 'ended')) done();
    });
    void engine.whenInitialized().then(done);
  });
}

/**
 * A follower tab (its code is the tabs chunk): mirrors the owner; when the owner's tab closes or crashes, this tab
 * is granted the lock and becomes the owner without a reload.
 */
function startFollower(config: PageConfig, bridge: OpenCtiBridge, host: CtiHostPort, tabs: Tabs): void {
  void tabs
    .then(({ entry, tabs: joined }) =>
      entry.follow(joined, host, {
        // The UI is mounted at once: this tab was following (or is taking over before it could).
        takeOver: () => startOwner(config, bridge, host, tabs).controller,
        mount: (controller) => mount(controller),
        sms: { bridge, matchNumbersAction: config.actions.matchNumbers },
      }),
    )
    .catch((error: unknown) => console.warn('The softphone could not follow its other tab', error));
}

/**
 * Mounts the UI once `when` has resolved and the page's style sheet, requested then ({@link requestStyleSheets}), has
 * loaded (no unstyled flash; the telephony does not wait for either). The UI's code is a chunk of its own
 * (`softphone-ui.js`: the LWC engine and the components, preloaded by the page), evaluated only here, so that the
 * engine's start does not wait for it; a chunk that cannot load is told in the panel and retried ({@link mountUi}).
 */
function mount(controller: SoftphoneController, when: Promise<void> = Promise.resolve()): void {
  void when
    .then(() => {
      requestStyleSheets(document);
      return styleSheetsLoaded(document);
    })
    .then(() =>
      mountUi({
        root: document.getElementById('softphone-root') ?? document.body,
        controller,
        // The UI's chunk (the LWC engine and the components), preloaded by the page: evaluated only now (ADR 0018).
        load: () => import('./softphone-ui'),
      }),
    )
    .then(() => mark('softphone:mounted'));
}

boot();
