/**
 * CRM routing end to end (issue 14, seed `002_dfbb423dce69a7d6.txt`): the simulator's PBX routes real calls from the
 * customer phone page by asking the org stand-in's Salesforce Site (the package's CRM routing endpoint, with the
 * rule's secret) — a GOLD customer rings the Gold Queue, a BRONZE customer goes to the default destination, an IVR
 * caller's DTMF digits reach the rules, and with the endpoint down or a wrong secret the call still lands at the
 * default destination. The agent's softphone shows the queue name and the caller and pops the record.
 * A French Site answers a refused request in French with the same code, and audits the same reason (ADR 0032, sixth
 * amendment).
 * Saves `docs/screenshots/crm-routed-gold-queue.png`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import {
  REPO_ROOT,
  buildBundle,
  customer,
  customerPhone,
  recordId,
  softphoneFrame,
  startSoftphoneWorld,
  type SoftphoneWorld,
  simulatorControl,
  waitForRecordPage,
} from './support/softphone-world';

jest.setTimeout(120_000);

const CUSTOMER_LINE = '+16505550130';
const CUSTOMER_NUMBER_IVR = '+16505550140';

interface RoutingLogEntry {
  rule: string;
  caller: string;
  dtmf: string | null;
  status: number | null;
  error: string | null;
  routedTo: { kind: string; option: string };
  reason: string;
}

let world: SoftphoneWorld;
let phone: Frame;

/** The org stand-in of the running harness: the Site guest user's language, the audit records. */
interface OrgForRouting {
  users: { routingEndpoint: { Id: string; LanguageLocaleKey: string } };
  store: {
    setUserLocale(id: string, keys: { language?: string }): unknown;
    all(type: string): Record<string, unknown>[];
  };
}
const orgOf = (): OrgForRouting => world.harness.org as unknown as OrgForRouting;

beforeAll(async () => {
  buildBundle();
  world = await startSoftphoneWorld();
  phone = await softphoneFrame(world.console);
}, 300_000);

afterAll(async () => {
  await world?.stop();
});

const control = (): string => simulatorControl(world);

async function routingLog(): Promise<RoutingLogEntry[]> {
  const response = await fetch(`${control()}/routing/log`);
  return ((await response.json()) as { records: RoutingLogEntry[] }).records;
}

async function configureRule(key: string, patch: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${control()}/routing/rules/${key}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(patch),
  });
  if (!response.ok) throw new Error(`PUT /routing/rules/${key}: ${response.status} ${await response.text()}`);
}

async function ruleCrm(key: string): Promise<{ url: string; header: string | null }> {
  const response = await fetch(`${control()}/routing/rules`);
  const rules = ((await response.json()) as { records: { key: string; crm: { url: string; header: string | null } }[] })
    .records;
  const rule = rules.find((r) => r.key === key);
  if (!rule) throw new Error(`no rule ${key}`);
  return rule.crm;
}

/** Waits for the routing log entry of a caller's call (the newest one). */
async function decisionFor(caller: string, count: number): Promise<RoutingLogEntry> {
  for (let i = 0; i < 100; i += 1) {
    const entries = (await routingLog()).filter((e) => e.caller === caller);
    if (entries.length >= count) return entries[entries.length - 1]!;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no routing decision for ${caller}`);
}

function decisionsOf(entries: RoutingLogEntry[], caller: string): number {
  return entries.filter((e) => e.caller === caller).length;
}

/** Waits until the customer's current call is answered (by the platform's IVR here). */
async function waitForAnswered(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      (window as unknown as { customerPhone: { lastCall: { state: string } | null } }).customerPhone.lastCall?.state ===
      'answered',
    undefined,
    { timeout: 20_000 },
  );
}

/** Ends the ringing or connected call on the agent's side and drops the log form. */
/** Waits until the customer hears audio (the IVR's greeting, or the agent): RMS energy of the remote audio. */
async function hearsAudio(caller: Page): Promise<void> {
  await caller.waitForFunction(
    () => (window as unknown as { customerPhone: { energy(ms: number): number } }).customerPhone.energy(1500) > 0.001,
    undefined,
    { timeout: 15_000 },
  );
}

async function finishAtAgent(): Promise<void> {
  if (await phone.$('.softphone-incoming')) await phone.click('.softphone-decline');
  else if (await phone.$('.softphone-hangup')) await phone.click('.softphone-hangup');
  await phone.waitForSelector('.softphone-incoming', { state: 'detached', timeout: 20_000 });
  while (await phone.$('.softphone-log-discard')) {
    await phone.click('.softphone-log-discard');
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a GOLD customer calling the routed DID rings the Gold Queue: the agent sees the queue and the caller, the record pops', async () => {
  const ann = recordId(world, 'Contact', 'Ann Lee');
  const before = decisionsOf(await routingLog(), '+16505550101');
  const caller = await customerPhone(world, '+16505550101');
  await customer(caller, 'call', CUSTOMER_LINE);
  await phone.waitForSelector('.softphone-incoming .softphone-call-queue', { timeout: 20_000 });
  expect(await phone.textContent('.softphone-incoming .softphone-call-queue')).toBe('via Gold Queue');
  expect(await phone.textContent('.softphone-incoming .softphone-caller-name')).toContain('Ann Lee');
  await waitForRecordPage(world.console, 'Contact', ann);
  const decision = await decisionFor('+16505550101', before + 1);
  expect(decision).toMatchObject({
    rule: 'customer-status',
    status: 200,
    routedTo: { kind: 'queue', option: '201' },
  });
  expect(decision.reason).toContain('GOLD');
  mkdirSync(join(REPO_ROOT, 'docs/screenshots'), { recursive: true });
  await world.console.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/crm-routed-gold-queue.png') });

  await phone.click('.softphone-answer');
  await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await hearsAudio(caller);
  await finishAtAgent();
  await caller.close();
  const audits = world.harness.org.store.all('CRM_Routing_Request__c');
  expect(audits.some((a) => a.Outcome__c === 'OK' && a.Record_Id__c === ann && a.Verified__c === true)).toBe(true);
});

test('a BRONZE customer goes to the default destination (the Support Queue)', async () => {
  const before = decisionsOf(await routingLog(), '+16505550102');
  const caller = await customerPhone(world, '+16505550102');
  await customer(caller, 'call', CUSTOMER_LINE);
  await phone.waitForSelector('.softphone-incoming .softphone-call-queue', { timeout: 20_000 });
  expect(await phone.textContent('.softphone-incoming .softphone-call-queue')).toBe('via Support Queue');
  const decision = await decisionFor('+16505550102', before + 1);
  expect(decision.routedTo).toEqual({ kind: 'default', option: '200' });
  expect(decision.reason).toBe('default destination: no row matched the value BRONZE');
  await customer(caller, 'cancel');
  await phone.waitForSelector('.softphone-incoming', { state: 'detached', timeout: 20_000 });
  await finishAtAgent();
  await caller.close();
});

test("an IVR caller hears the greeting, dials a customer number, and the digits route the call by Salesforce's decision", async () => {
  const before = decisionsOf(await routingLog(), '+16505550199');
  const caller = await customerPhone(world, '+16505550199');
  await customer(caller, 'call', CUSTOMER_NUMBER_IVR);
  await waitForAnswered(caller);
  await hearsAudio(caller);
  expect(await phone.$('.softphone-incoming')).toBeNull();
  await customer(caller, 'sendDtmf', '1001#');
  await phone.waitForSelector('.softphone-incoming .softphone-call-queue', { timeout: 20_000 });
  expect(await phone.textContent('.softphone-incoming .softphone-call-queue')).toBe('via Gold Queue');
  const decision = await decisionFor('+16505550199', before + 1);
  expect(decision).toMatchObject({
    rule: 'customer-number',
    dtmf: '1001',
    status: 200,
    routedTo: { kind: 'queue', option: '201' },
  });
  const ann = recordId(world, 'Contact', 'Ann Lee');
  // The IVR ends the digits at '#' and sends the PBX's dtmf without it: 4 digits, audited by count only.
  const audits = world.harness.org.store.all('CRM_Routing_Request__c');
  expect(
    audits.some((a) => a.URL_Name__c === 'customer-number' && a.Record_Id__c === ann && a.DTMF_Length__c === 4),
  ).toBe(true);

  await phone.click('.softphone-answer');
  await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  // The IVR's media is gone; after the re-INVITE the caller hears the agent.
  await new Promise((r) => setTimeout(r, 1600));
  await hearsAudio(caller);
  await finishAtAgent();
  await caller.close();
});

test('with the endpoint down or a wrong secret the call still lands at the default destination, and the simulator logs why', async () => {
  const original = await ruleCrm('customer-status');
  const caller = await customerPhone(world, '+16505550101');
  try {
    await configureRule('customer-status', {
      crm: { url: 'https://127.0.0.1:9/services/apexrest/crm-routing/v1/rules/customer-status' },
    });
    let before = decisionsOf(await routingLog(), '+16505550101');
    await customer(caller, 'call', CUSTOMER_LINE);
    await phone.waitForSelector('.softphone-incoming .softphone-call-queue', { timeout: 20_000 });
    expect(await phone.textContent('.softphone-incoming .softphone-call-queue')).toBe('via Support Queue');
    const down = await decisionFor('+16505550101', before + 1);
    expect(down).toMatchObject({ status: null, error: 'unreachable', routedTo: { kind: 'default', option: '200' } });
    expect(down.reason).toContain('the CRM did not answer');
    await customer(caller, 'cancel');
    await finishAtAgent();

    await configureRule('customer-status', {
      crm: { url: original.url, header: 'X-CRM-Routing-Secret: not-the-secret' },
    });
    before = decisionsOf(await routingLog(), '+16505550101');
    await customer(caller, 'call', CUSTOMER_LINE);
    await phone.waitForSelector('.softphone-incoming .softphone-call-queue', { timeout: 20_000 });
    expect(await phone.textContent('.softphone-incoming .softphone-call-queue')).toBe('via Support Queue');
    const refused = await decisionFor('+16505550101', before + 1);
    expect(refused).toMatchObject({ status: 401, error: 'UNAUTHORIZED', routedTo: { kind: 'default', option: '200' } });
    expect(refused.reason).toBe('default destination: the CRM answered HTTP 401 UNAUTHORIZED');
    await customer(caller, 'cancel');
    await finishAtAgent();
  } finally {
    await configureRule('customer-status', { crm: { url: original.url, header: original.header } });
    await caller.close();
  }
});

test("a French Site answers the PBX's refused request in French, with the same code, and audits the same reason", async () => {
  const org = orgOf();
  const guest = org.users.routingEndpoint;
  const language = guest.LanguageLocaleKey;
  const original = await ruleCrm('customer-status');
  const caller = await customerPhone(world, '+16505550101');
  try {
    org.store.setUserLocale(guest.Id, { language: 'fr' });
    await configureRule('customer-status', {
      crm: { url: original.url, header: 'X-CRM-Routing-Secret: not-the-secret' },
    });
    const before = decisionsOf(await routingLog(), '+16505550101');
    await customer(caller, 'call', CUSTOMER_LINE);
    await phone.waitForSelector('.softphone-incoming .softphone-call-queue', { timeout: 20_000 });
    expect(await phone.textContent('.softphone-incoming .softphone-call-queue')).toBe('via Support Queue');
    // The code is the interface: the PBX routes to the default destination whatever the language.
    expect(await decisionFor('+16505550101', before + 1)).toMatchObject({
      status: 401,
      error: 'UNAUTHORIZED',
      routedTo: { kind: 'default', option: '200' },
    });
    await customer(caller, 'cancel');
    await finishAtAgent();
    // What the CRM Routing tab's recent requests show: the code, and the reason as the PBX got it (the Site's language).
    const audit = org.store.all('CRM_Routing_Request__c').at(-1);
    expect(audit).toMatchObject({
      Outcome__c: 'UNAUTHORIZED',
      Status_Code__c: 401,
      Reason__c: 'Règle inconnue ou en-tête X-CRM-Routing-Secret erroné.',
    });
  } finally {
    org.store.setUserLocale(guest.Id, { language });
    await configureRule('customer-status', { crm: { url: original.url, header: original.header } });
    await caller.close();
  }
});
