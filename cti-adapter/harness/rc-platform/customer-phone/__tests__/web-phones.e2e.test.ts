import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, openPageInNewContext } from '../../../../test-support/chromium';
import { startRcPlatform, type RcPlatformHandle } from '../../index';
import { createSipServer } from '../../sip';

// Two (or three) real ringcentral-web-phone 2.5.4 instances in headless Chromium, each in its own browser context,
// registered with the simulator started in-process. Agents are stood in by the customer-phone page started with
// explicit extension credentials; customers use the page as people do (`?number=`). Audio is Chromium's fake
// microphone relayed browser-to-browser (the simulator relays SDP only).

jest.setTimeout(90_000);

const ALEX = '62264101';
const SAM = '62264102';
const LEE = '+16505550101';
const ALEX_DIRECT = '+16505550100';

let platform: RcPlatformHandle;
let browser: Browser;
const contexts: BrowserContext[] = [];

interface CallSummary {
  direction: string;
  state: string;
  sessionId?: string;
  partyId?: string;
  remoteNumber?: string;
  callerIdName?: string;
  events: string[];
  failure: string | null;
}

beforeAll(async () => {
  platform = await startRcPlatform({
    httpsPort: 0,
    controlPort: 0,
    sip: (context) => createSipServer(context, { noAnswerTimeoutMs: 20_000, voicemailDurationMs: 20_000 }),
  });
  browser = await launchChromium({ trustedSpki: platform.certificate.spkiSha256Base64 });
});

afterEach(async () => {
  for (const context of contexts.splice(0)) {
    await context
      .pages()[0]
      ?.evaluate(() => window.customerPhone?.dispose())
      .catch(() => undefined);
    await context.close();
  }
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

declare global {
  interface Window {
    customerPhone: {
      state: { status: string; error: string | null };
      lastCall: CallSummary | null;
      start(sipInfo: unknown, options?: { instanceId?: string; label?: string }): Promise<unknown>;
      call(n: string): boolean;
      answer(): Promise<void>;
      decline(): Promise<void>;
      toVoicemail(): Promise<void>;
      hangup(): Promise<void>;
      cancel(): Promise<void>;
      hold(): Promise<void>;
      unhold(): Promise<void>;
      transfer(n: string): Promise<void>;
      energy(windowMs?: number): number;
      dispose(): Promise<void>;
      webPhone: unknown;
    };
    WebPhone: new (options: unknown) => { start(): Promise<void> };
  }
}

const newPage = (url: string): Promise<Page> => openPageInNewContext(browser, url, contexts);

/** A customer phone as a person opens it. */
async function customer(number: string): Promise<Page> {
  const page = await newPage(`${platform.urls.customerPhone}?number=${encodeURIComponent(number)}`);
  await page.waitForFunction(() => window.customerPhone?.state.status === 'registered');
  return page;
}

function sipInfoOf(extensionId: string): Record<string, unknown> {
  const user = platform.credentials.users.find((u) => u.extensionId === extensionId);
  if (!user) throw new Error(`no user ${extensionId}`);
  return {
    ...user.sip,
    outboundProxy: platform.urls.sipWss,
    outboundProxyBackup: platform.urls.sipWss,
    stunServers: [],
  };
}

/** An agent web phone (the softphone's role) on the same page, registered with the extension's credentials. */
async function agent(extensionId: string, instanceId = `agent-${extensionId}`): Promise<Page> {
  const page = await newPage(`${platform.urls.customerPhone}?autostart=0`);
  await page.waitForFunction(() => !!window.customerPhone);
  await page.evaluate(([info, id]) => window.customerPhone.start(info, { instanceId: id }), [
    sipInfoOf(extensionId),
    instanceId,
  ] as const);
  return page;
}

/** Waits until the page hears nothing (max RMS over the last 0.6 s below a floor). */
async function goesSilent(page: Page): Promise<void> {
  await page.waitForFunction(() => window.customerPhone.energy(600) < 0.002, undefined, { timeout: 20_000 });
}

const lastCall = (page: Page): Promise<CallSummary | null> => page.evaluate(() => window.customerPhone.lastCall);

async function waitCall(page: Page, predicate: string): Promise<void> {
  await page.waitForFunction(`(() => { const c = window.customerPhone.lastCall; return !!c && (${predicate}); })()`);
}

/** Waits until the page hears the far side (max RMS over the last 1.5 s above a floor) and returns the level. */
async function hears(page: Page): Promise<number> {
  await page.waitForFunction(() => window.customerPhone.energy(1500) > 0.01, undefined, { timeout: 20_000 });
  return page.evaluate(() => window.customerPhone.energy(1500));
}

describe('customer phone page', () => {
  it('registers the number from ?number= and shows it', async () => {
    const page = await customer(LEE);
    await expect(page.textContent('#status')).resolves.toContain('registered as +16505550101 (LEE ANN)');
    const options = await page.$$eval('#number option', (nodes) => nodes.map((n) => n.textContent));
    expect(options).toContain('+16505550101 LEE ANN');
    expect(platform.sip?.registrationCount?.()).toBe(1);
  });
});

describe('customer phone buttons', () => {
  it('a person dials with the pad, the agent answers, the person hangs up', async () => {
    const alex = await agent(ALEX);
    const lee = await customer(LEE);
    for (const digit of '101') await lee.click(`#pad button:text-is("${digit}")`);
    await expect(lee.inputValue('#display')).resolves.toBe('101');
    await lee.click('#dial');
    await waitCall(alex, "c.state === 'ringing'");
    await alex.evaluate(() => window.customerPhone.answer());
    await lee.waitForFunction(() => document.querySelector('#call')?.textContent?.startsWith('outbound answered'));
    await lee.click('#hangup');
    await waitCall(alex, "c.state === 'disposed'");
  });

  it('a person answers an agent call with the Answer button and declines the next one', async () => {
    const alex = await agent(ALEX);
    const lee = await customer(LEE);
    await alex.evaluate((n) => window.customerPhone.call(n), LEE);
    await lee.waitForFunction(() => document.querySelector('#call')?.textContent?.includes('inbound ringing'));
    await lee.click('#answer');
    await waitCall(alex, "c.state === 'answered'");
    await alex.evaluate(() => window.customerPhone.hangup());
    await waitCall(lee, "c.state === 'disposed'");
    await alex.evaluate((n) => window.customerPhone.call(n), LEE);
    await waitCall(lee, "c.state === 'ringing'");
    await lee.click('#decline');
    await waitCall(alex, "c.events.includes('failed')");
  });
});

describe('two web phones', () => {
  it('customer → agent: caller-ID name from P-rc, audio both ways, hold/unhold, hang up, call log', async () => {
    const alex = await agent(ALEX);
    const lee = await customer(LEE);
    await lee.evaluate((n) => window.customerPhone.call(n), ALEX_DIRECT);
    await waitCall(alex, "c.direction === 'inbound' && c.state === 'ringing'");
    const ringing = await lastCall(alex);
    expect(ringing).toMatchObject({ callerIdName: 'LEE ANN', remoteNumber: LEE });
    expect(ringing?.sessionId).toMatch(/^s-/);
    await alex.evaluate(() => window.customerPhone.answer());
    await waitCall(lee, "c.state === 'answered'");
    expect(await hears(alex)).toBeGreaterThan(0.01);
    expect(await hears(lee)).toBeGreaterThan(0.01);

    const partyStatus = (): string | undefined =>
      platform.model.getSession(ringing?.sessionId ?? '')?.parties.find((p) => p.id === ringing?.partyId)?.status.code;
    await alex.evaluate(() => window.customerPhone.hold());
    expect(partyStatus()).toBe('Hold');
    // The relayed sendonly offer made the customer's side recvonly: the agent hears silence while holding.
    await goesSilent(alex);
    await alex.evaluate(() => window.customerPhone.unhold());
    expect(partyStatus()).toBe('Answered');
    expect(await hears(alex)).toBeGreaterThan(0.01);
    expect(await hears(lee)).toBeGreaterThan(0.01);

    await lee.evaluate(() => window.customerPhone.hangup());
    await waitCall(alex, "c.state === 'disposed'");
    const record = platform.model.listCallLog(ALEX).find((r) => r.telephonySessionId === ringing?.sessionId);
    expect(record).toMatchObject({ direction: 'Inbound', result: 'Accepted' });
  });

  it('agent → customer: the customer answers, both hear each other, the agent hangs up', async () => {
    const alex = await agent(ALEX);
    const lee = await customer(LEE);
    await alex.evaluate((n) => window.customerPhone.call(n), LEE);
    await waitCall(lee, "c.direction === 'inbound' && c.state === 'ringing'");
    expect((await lastCall(lee))?.callerIdName).toBe('Alex Agent');
    await lee.evaluate(() => window.customerPhone.answer());
    await waitCall(alex, "c.state === 'answered'");
    expect(await hears(lee)).toBeGreaterThan(0.01);
    expect(await hears(alex)).toBeGreaterThan(0.01);
    await alex.evaluate(() => window.customerPhone.hangup());
    await waitCall(lee, "c.state === 'disposed'");
  });

  it('decline: the caller sees the call fail with 486', async () => {
    const alex = await agent(ALEX);
    const lee = await customer(LEE);
    await lee.evaluate((n) => window.customerPhone.call(n), ALEX_DIRECT);
    await waitCall(alex, "c.state === 'ringing'");
    await alex.evaluate(() => window.customerPhone.decline());
    await waitCall(lee, "c.events.includes('failed')");
    expect((await lastCall(lee))?.failure).toBe('SIP/2.0 486 Busy Here');
  });

  it('voicemail: the voicemail system answers; the call log says Voicemail', async () => {
    const alex = await agent(ALEX);
    const lee = await customer(LEE);
    await lee.evaluate((n) => window.customerPhone.call(n), ALEX_DIRECT);
    await waitCall(alex, "c.state === 'ringing'");
    const sessionId = (await lastCall(alex))?.sessionId ?? '';
    await alex.evaluate(() => window.customerPhone.toVoicemail());
    await waitCall(lee, "c.state === 'answered'");
    await waitCall(alex, "c.state === 'disposed'");
    await lee.evaluate(() => window.customerPhone.hangup());
    const waitEnded = async (): Promise<void> => {
      for (let i = 0; i < 100 && platform.model.getSession(sessionId)?.state !== 'Ended'; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await waitEnded();
    expect(platform.model.listCallLog(ALEX).find((r) => r.telephonySessionId === sessionId)?.result).toBe('Voicemail');
  });

  it('CANCEL before answer: the agent stops ringing', async () => {
    const alex = await agent(ALEX);
    const lee = await customer(LEE);
    await lee.evaluate((n) => window.customerPhone.call(n), ALEX_DIRECT);
    await waitCall(alex, "c.state === 'ringing'");
    await waitCall(lee, "c.state === 'ringing'");
    await lee.evaluate(() => window.customerPhone.cancel());
    await waitCall(alex, "c.state === 'disposed'");
  });

  it('blind transfer: the customer ends up talking to the transfer target', async () => {
    const alex = await agent(ALEX);
    const sam = await agent(SAM);
    const lee = await customer(LEE);
    await lee.evaluate((n) => window.customerPhone.call(n), ALEX_DIRECT);
    await waitCall(alex, "c.state === 'ringing'");
    await alex.evaluate(() => window.customerPhone.answer());
    await waitCall(lee, "c.state === 'answered'");
    expect(await hears(lee)).toBeGreaterThan(0.01);
    await alex.evaluate(() => window.customerPhone.transfer('102'));
    await waitCall(alex, "c.state === 'disposed'");
    // Alex is gone: the customer hears nothing until the target answers.
    await goesSilent(lee);
    await waitCall(sam, "c.state === 'ringing'");
    expect((await lastCall(sam))?.callerIdName).toBe('LEE ANN');
    await sam.evaluate(() => window.customerPhone.answer());
    expect(await hears(sam)).toBeGreaterThan(0.01);
    expect(await hears(lee)).toBeGreaterThan(0.01);
    await sam.evaluate(() => window.customerPhone.hangup());
    await waitCall(lee, "c.state === 'disposed'");
  });

  it('registration limit: a sixth web phone of one extension fails with 603 Too Many Contacts', async () => {
    const page = await newPage(`${platform.urls.customerPhone}?autostart=0`);
    await page.waitForFunction(() => typeof window.WebPhone === 'function');
    const outcomes = await page.evaluate(async (info) => {
      const results: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const phone = new window.WebPhone({ sipInfo: info, instanceId: `limit-${i}` });
        results.push(
          await phone.start().then(
            () => 'ok',
            (error: Error) => error.message,
          ),
        );
      }
      return results;
    }, sipInfoOf(SAM));
    expect(outcomes.slice(0, 5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(outcomes[5]).toBe('Registration failed: SIP/2.0 603 Too Many Contacts');
  });
});

describe('control API', () => {
  it('places an inbound call to the agent web phone with the caller-ID name in P-rc; the customer hangs up', async () => {
    const alex = await agent(ALEX);
    const response = await fetch(`${platform.urls.control}/calls/inbound`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: '+16505550102', toExtensionId: ALEX }),
    });
    expect(response.status).toBe(201);
    const ids = (await response.json()) as { telephonySessionId: string };
    await waitCall(alex, "c.state === 'ringing'");
    expect(await lastCall(alex)).toMatchObject({
      callerIdName: 'STONE LOGISTICS',
      remoteNumber: '+16505550102',
      sessionId: ids.telephonySessionId,
    });
    await alex.evaluate(() => window.customerPhone.answer());
    await waitCall(alex, "c.state === 'answered'");
    const hangup = await fetch(`${platform.urls.control}/calls/${ids.telephonySessionId}/hangup`, { method: 'POST' });
    expect(hangup.status).toBe(200);
    await waitCall(alex, "c.state === 'disposed'");
  });
});
