import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, openPageInNewContext } from '../../../../test-support/chromium';
import { startRcPlatform, type RcPlatformHandle } from '../../../../harness/rc-platform/index';
import { createSipServer } from '../../../../harness/rc-platform/sip';

// The RingCentral layer's web-phone adapter in headless Chromium: a test page bundles RingCentralTelephony with
// the real @ringcentral/sdk and ringcentral-web-phone (esbuild, as a browser bundle with the crypto and XML shims), logs in
// to the simulator and registers; the simulator's customer-phone page is the far end with real WebRTC audio.

jest.setTimeout(120_000);

const ALEX = '62264101';
const LEE = '+16505550101';
const ALEX_DIRECT = '+16505550100';

let platform: RcPlatformHandle;
let browser: Browser;
let pageServer: Server;
let pageOrigin = '';
const contexts: BrowserContext[] = [];

interface RecordedEvent {
  type: string;
  callId?: string;
  reason?: string;
  state?: string;
  [key: string]: unknown;
}

interface CustomerCall {
  direction: string;
  state: string;
  events: string[];
  failure: string | null;
}

/** The simulator's customer-phone page driver (`window.customerPhone`, see customer-phone/static). */
interface CustomerWindow {
  customerPhone: {
    state: { status: string };
    lastCall: CustomerCall | null;
    call(n: string): boolean;
    answer(): Promise<void>;
    hangup(): Promise<void>;
    cancel(): Promise<void>;
    energy(windowMs?: number): number;
    dispose(): Promise<void>;
  };
}

async function bundleTestPage(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'e2e', 'telephony-test-page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    // The same two aliases the softphone bundle can use: the SDK's `crypto` and the web phone's XML codec.
    alias: {
      crypto: join(__dirname, '..', '..', 'auth', 'sdk-crypto-shim.ts'),
      'fast-xml-parser': join(__dirname, '..', 'rc-xml-shim.ts'),
    },
    define: { 'process.env.NODE_ENV': '"test"', global: 'globalThis' },
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output');
  return output.text;
}

beforeAll(async () => {
  const bundle = await bundleTestPage();
  pageServer = createServer((req, res) => {
    if (req.url === '/bundle.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      res.end(bundle);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>web phone adapter test</title><script src="/bundle.js"></script>');
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  pageOrigin = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
  platform = await startRcPlatform({
    httpsPort: 0,
    controlPort: 0,
    log: () => undefined,
    sip: (context) => createSipServer(context, { noAnswerTimeoutMs: 30_000, voicemailDurationMs: 20_000 }),
  });
  browser = await launchChromium({ trustedSpki: platform.certificate.spkiSha256Base64 });
});

afterEach(async () => {
  for (const context of contexts.splice(0)) {
    for (const page of context.pages()) {
      await page
        .evaluate(() =>
          window.rcTest
            ? window.rcTest.dispose()
            : (window as unknown as Partial<CustomerWindow>).customerPhone?.dispose(),
        )
        .catch(() => undefined);
    }
    await context.close();
  }
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await new Promise<void>((resolve) => (pageServer ? pageServer.close(() => resolve()) : resolve()));
});

const newPage = (url: string): Promise<Page> => openPageInNewContext(browser, url, contexts);

/** The softphone side: the adapter page logged in as Alex with the JWT client, web phone registered. */
async function softphone(): Promise<Page> {
  const page = await newPage(pageOrigin);
  const user = platform.credentials.users.find((u) => u.extensionId === ALEX);
  const status = await page.evaluate((config) => window.rcTest.start(config), {
    server: platform.urls.server,
    clientId: platform.credentials.jwtClient.clientId,
    clientSecret: platform.credentials.jwtClient.clientSecret,
    jwt: user?.jwt ?? '',
  });
  expect(status).toEqual({ state: 'registered' });
  return page;
}

async function customer(number: string): Promise<Page> {
  const page = await newPage(`${platform.urls.customerPhone}?number=${encodeURIComponent(number)}`);
  await page.waitForFunction(
    () => (window as unknown as Partial<CustomerWindow>).customerPhone?.state.status === 'registered',
  );
  return page;
}

/** Sam's web phone (the transfer target), on the customer-phone page registered with his extension credentials. */
async function secondAgent(): Promise<Page> {
  const sam = await newPage(`${platform.urls.customerPhone}?autostart=0`);
  await sam.waitForFunction(() => !!(window as unknown as Partial<CustomerWindow>).customerPhone);
  const samUser = platform.credentials.users.find((u) => u.extensionId === '62264102');
  await sam.evaluate(
    (info) =>
      (window as unknown as { customerPhone: { start(i: unknown, o: unknown): Promise<unknown> } }).customerPhone.start(
        info,
        { instanceId: 'sam-e2e' },
      ),
    {
      ...samUser?.sip,
      outboundProxy: platform.urls.sipWss,
      outboundProxyBackup: platform.urls.sipWss,
      stunServers: [],
    },
  );
  return sam;
}

const eventsOf = (page: Page): Promise<RecordedEvent[]> => page.evaluate(() => window.rcTest.events as never);

async function waitEvent(page: Page, type: string, extra: Record<string, unknown> = {}): Promise<RecordedEvent> {
  const handle = await page.waitForFunction(
    ([t, e]) =>
      window.rcTest.events.find(
        (ev) => ev.type === t && Object.entries(e).every(([k, v]) => (ev as Record<string, unknown>)[k] === v),
      ),
    [type, extra] as const,
    { timeout: 20_000 },
  );
  return (await handle.jsonValue()) as RecordedEvent;
}

async function waitCustomer(page: Page, predicate: string): Promise<void> {
  await page.waitForFunction(
    `(() => { const c = window.customerPhone.lastCall; return !!c && (${predicate}); })()`,
    undefined,
    {
      timeout: 20_000,
    },
  );
}

/** The customer page dials Alex's direct number. */
async function callAlex(customerPage: Page): Promise<void> {
  await customerPage.evaluate((n) => (window as unknown as CustomerWindow).customerPhone.call(n), ALEX_DIRECT);
}

/** The customer calls Alex, the softphone answers, the customer sees the answer; resolves with the adapter's call id. */
async function answeredCallFrom(customerPage: Page, agent: Page): Promise<string> {
  await callAlex(customerPage);
  const ringing = await waitEvent(agent, 'ringing');
  const callId = String(ringing.callId);
  await agent.evaluate((id) => window.rcTest.answer(id), callId);
  await waitCustomer(customerPage, "c.state === 'answered'");
  return callId;
}

async function hears(page: Page, read: string): Promise<number> {
  await page.waitForFunction(`${read}(1500) > 0.01`, undefined, { timeout: 20_000 });
  return page.evaluate(`${read}(1500)`) as Promise<number>;
}

describe('RingCentralTelephony in Chromium with the real web phone and the simulator', () => {
  it('inbound: rings with caller-ID name and ids, answer, audio both ways, hold/unhold, recording, remote hang-up', async () => {
    const agent = await softphone();
    const lee = await customer(LEE);
    await callAlex(lee);
    const ringing = await waitEvent(agent, 'ringing');
    expect(ringing).toMatchObject({ remoteNumber: LEE, remoteName: 'LEE ANN', localNumber: ALEX_DIRECT });
    expect(ringing['telephonySessionId']).toMatch(/^s-/);
    expect(ringing['partyId']).toMatch(/^p-/);
    const callId = String(ringing.callId);
    await agent.evaluate((id) => window.rcTest.answer(id), callId);
    await waitEvent(agent, 'answered', { callId });
    await waitCustomer(lee, "c.state === 'answered'");
    expect(await hears(agent, 'window.rcTest.energy')).toBeGreaterThan(0.01);
    expect(await hears(lee, 'window.customerPhone.energy')).toBeGreaterThan(0.01);

    await agent.evaluate((id) => window.rcTest.hold(id, true), callId);
    const telephonySessionId = String(ringing['telephonySessionId']);
    const agentParty = () =>
      platform.model.getSession(telephonySessionId)?.parties.find((p) => p.id === ringing['partyId'])?.status.code;
    expect(agentParty()).toBe('Hold');
    await agent.evaluate((id) => window.rcTest.hold(id, false), callId);
    expect(agentParty()).toBe('Answered');
    expect((await eventsOf(agent)).filter((e) => e.type === 'held').map((e) => e['held'])).toEqual([true, false]);

    await agent.evaluate((id) => window.rcTest.startRecording(id), callId);
    const recording = await waitEvent(agent, 'recording', { callId, active: true });
    expect(recording['recordingId']).toBeTruthy();
    // Absolute, on the media entry point: the simulator (not a platform.* host) serves its media itself.
    expect(recording['recordingUrl']).toBe(
      `${platform.urls.server}/restapi/v1.0/account/~/recording/${String(recording['recordingId'])}/content`,
    );
    await agent.evaluate((id) => window.rcTest.stopRecording(id), callId);
    await waitEvent(agent, 'recording', { callId, active: false });

    await lee.evaluate(() => (window as unknown as CustomerWindow).customerPhone.hangup());
    const ended = await waitEvent(agent, 'ended', { callId });
    expect(ended.reason).toBe('remote-hangup');
    const record = platform.model.listCallLog(ALEX).find((r) => r.telephonySessionId === telephonySessionId);
    expect(record).toMatchObject({ direction: 'Inbound', result: 'Accepted' });
  });

  it('outbound: dialing when the INVITE leaves, identified at the 183, the customer answers, the agent hangs up', async () => {
    const agent = await softphone();
    const lee = await customer(LEE);
    const callerIds = await agent.evaluate(() => window.rcTest.listCallerIds());
    expect(callerIds.map((c) => c.phoneNumber)).toContain(ALEX_DIRECT);
    const { callId } = await agent.evaluate((n) => window.rcTest.call(n, { callerId: '+16505550100' }), LEE);
    expect(await waitEvent(agent, 'dialing', { callId })).toMatchObject({ remoteNumber: LEE });
    const identified = await waitEvent(agent, 'identified', { callId });
    expect(identified['telephonySessionId']).toMatch(/^s-/);
    await waitCustomer(lee, "c.direction === 'inbound' && c.state === 'ringing'");
    await lee.evaluate(() => (window as unknown as CustomerWindow).customerPhone.answer());
    await waitEvent(agent, 'answered', { callId });
    expect(await hears(lee, 'window.customerPhone.energy')).toBeGreaterThan(0.01);
    expect(await hears(agent, 'window.rcTest.energy')).toBeGreaterThan(0.01);
    await agent.evaluate((id) => window.rcTest.hangup(id), callId);
    expect((await waitEvent(agent, 'ended', { callId })).reason).toBe('hangup');
    await waitCustomer(lee, "c.state === 'disposed'");

    // Figures (printed, not asserted): call() → INVITE sent, calls cancelled right away; `idle` waits 500 ms before
    // each call (the pre-gathered offer is ready, as when an agent clicks a number), `back-to-back` does not.
    const figures: Record<string, number[]> = { idle: [], 'back-to-back': [] };
    for (const mode of ['idle', 'back-to-back'] as const) {
      for (let i = 0; i < 5; i += 1) {
        if (mode === 'idle') await agent.waitForTimeout(500);
        const { callId: id, ms } = await agent.evaluate((n) => window.rcTest.timeToInvite(n), LEE);
        figures[mode]?.push(Math.round(ms));
        await waitEvent(agent, 'identified', { callId: id });
        await agent.evaluate((x) => window.rcTest.hangup(x), id);
        await waitEvent(agent, 'ended', { callId: id });
      }
    }
    console.log(`web phone call() → INVITE sent (ms): ${JSON.stringify(figures)}`);
  });

  it('decline: the caller sees the call fail; voicemail: the call log says Voicemail; caller gives up: missed', async () => {
    const agent = await softphone();
    const lee = await customer(LEE);

    await callAlex(lee);
    const first = await waitEvent(agent, 'ringing');
    await agent.evaluate((id) => window.rcTest.decline(id), String(first.callId));
    expect((await waitEvent(agent, 'ended', { callId: first.callId })).reason).toBe('declined');
    await waitCustomer(lee, "c.events.includes('failed')");
    expect((await lee.evaluate(() => (window as unknown as CustomerWindow).customerPhone.lastCall))?.failure).toMatch(
      /^SIP\/2\.0 486/,
    );

    await callAlex(lee);
    const second = await agent.waitForFunction(
      (previous) => window.rcTest.events.find((e) => e.type === 'ringing' && e['callId'] !== previous),
      first.callId,
      { timeout: 20_000 },
    );
    const secondCall = (await second.jsonValue()) as RecordedEvent;
    await agent.evaluate((id) => window.rcTest.toVoicemail(id), String(secondCall.callId));
    expect((await waitEvent(agent, 'ended', { callId: secondCall.callId })).reason).toBe('voicemail');
    await waitCustomer(lee, "c.state === 'answered'");
    await lee.evaluate(() => (window as unknown as CustomerWindow).customerPhone.hangup());
    const voicemailSession = String(secondCall['telephonySessionId']);
    const voicemail = await waitForValue(
      () => platform.model.listCallLog(ALEX).find((r) => r.telephonySessionId === voicemailSession)?.result,
    );
    expect(voicemail).toBe('Voicemail');

    await callAlex(lee);
    const third = await agent.waitForFunction(
      (seen) => window.rcTest.events.find((e) => e.type === 'ringing' && !seen.includes(String(e['callId']))),
      [String(first.callId), String(secondCall.callId)],
      { timeout: 20_000 },
    );
    const thirdCall = (await third.jsonValue()) as RecordedEvent;
    await waitCustomer(lee, "c.state === 'ringing'");
    await lee.evaluate(() => (window as unknown as CustomerWindow).customerPhone.cancel());
    expect((await waitEvent(agent, 'ended', { callId: thirdCall.callId })).reason).toBe('missed');
  });

  it('blind transfer: the call ends as transferred and the customer reaches the target', async () => {
    const agent = await softphone();
    const sam = await secondAgent();
    const lee = await customer(LEE);
    const callId = await answeredCallFrom(lee, agent);
    await agent.evaluate((id) => window.rcTest.transfer(id, '102'), callId);
    expect((await waitEvent(agent, 'ended', { callId })).reason).toBe('transferred');
    await waitCustomer(sam, "c.direction === 'inbound' && c.state === 'ringing'");
    await sam.evaluate(() => (window as unknown as CustomerWindow).customerPhone.answer());
    expect(await hears(lee, 'window.customerPhone.energy')).toBeGreaterThan(0.01);
    await lee.evaluate(() => (window as unknown as CustomerWindow).customerPhone.hangup());
  });

  it('warm transfer: hold, consult call to the target, complete; both calls end as transferred', async () => {
    const agent = await softphone();
    const sam = await secondAgent();
    const lee = await customer(LEE);
    const callId = await answeredCallFrom(lee, agent);
    const { consultCallId } = await agent.evaluate((id) => window.rcTest.warmTransfer(id, '102'), callId);
    await waitEvent(agent, 'held', { callId, held: true });
    await waitEvent(agent, 'dialing', { callId: consultCallId });
    await waitCustomer(sam, "c.direction === 'inbound' && c.state === 'ringing'");
    await sam.evaluate(() => (window as unknown as CustomerWindow).customerPhone.answer());
    await waitEvent(agent, 'answered', { callId: consultCallId });
    await agent.evaluate(([id, consult]) => window.rcTest.completeWarmTransfer(id, consult), [
      callId,
      consultCallId,
    ] as const);
    expect((await waitEvent(agent, 'ended', { callId })).reason).toBe('transferred');
    expect((await waitEvent(agent, 'ended', { callId: consultCallId })).reason).toBe('transferred');
    // The customer's call continues with the target (signalling). Media between them after `Replaces` is the
    // simulator's part: on 2026-11-21 neither side heard the other afterwards (reported), so it is not asserted.
    await waitCustomer(lee, "c.state === 'answered'");
    await waitCustomer(sam, "c.state === 'answered'");
    await lee.evaluate(() => (window as unknown as CustomerWindow).customerPhone.hangup());
  });

  it('re-registers with the same instance id after the platform drops the SIP socket, then takes calls again', async () => {
    const agent = await softphone();
    const before = platform.sip?.registrationCount?.();
    await fetch(`${platform.urls.control}/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'drop-sip', count: 1 }),
    });
    await waitEvent(agent, 'status', { state: 'unavailable' });
    await agent.waitForFunction(
      () => window.rcTest.events.filter((e) => e.type === 'status' && e['state'] === 'registered').length >= 2,
      undefined,
      { timeout: 20_000 },
    );
    const ids = await agent.evaluate(() => window.rcTest.instanceIds());
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    expect(platform.sip?.registrationCount?.()).toBe(before);
    const lee = await customer(LEE);
    await callAlex(lee);
    const ringing = await waitEvent(agent, 'ringing');
    expect(ringing['remoteName']).toBe('LEE ANN');
    await lee.evaluate(() => (window as unknown as CustomerWindow).customerPhone.cancel());
  });
});

async function waitForValue<T>(probe: () => T | undefined, timeoutMs = 8000): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
