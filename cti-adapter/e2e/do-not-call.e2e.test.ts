/**
 * Do-not-call for calls (ADR 0031), in headless Chromium through the whole harness (simulator, console stand-in, org
 * stand-in, the real bundle): with `dncCallMode` = block, click-to-dial of a Contact marked Do Not Call shows who is
 * restricted and the simulator never sees a call; with `warn`, the prompt waits and "Call anyway" places the call to
 * the Contact's number. Text messages (`dncSmsMode`): with `warn`, the reply to a Contact with Do Not Call waits for
 * "Send anyway", then reaches the customer; with `block`, Send stays disabled with the reason and nothing is sent.
 */
import type { Frame } from 'playwright-core';
import {
  AGENT,
  customer,
  customerPhone,
  screenshotSoftphone,
  simulatorControl,
  useSoftphoneWorld,
  waitUntil,
  type SoftphoneWorld,
} from './support/softphone-world';

jest.setTimeout(120_000);

let world: SoftphoneWorld;
let phone: Frame;

// The shared opening (bundle build, world start with a set-up time for a loaded machine, stop at the end).
const spec = useSoftphoneWorld();
beforeAll(() => {
  world = spec.world;
  phone = spec.phone;
});

/** Outbound calls the simulator holds to `number` (its control API `GET /calls`). */
async function callsTo(number: string): Promise<unknown[]> {
  const res = await fetch(`${simulatorControl(world)}/calls`);
  const { records } = (await res.json()) as {
    records: { direction: string; parties: { to?: { phoneNumber?: string } | null }[] }[];
  };
  return records.filter((call) => call.parties.some((party) => party.to?.phoneNumber === number));
}

/**
 * Saves `dncCallMode` as the admin, adds a Contact with Do Not Call and `number`, and opens its record page with the
 * softphone ready and its panel minimized (the panel overlays the page's left column, as in Lightning).
 */
async function doNotCallContact(mode: 'warn' | 'block', lastName: string, number: string): Promise<void> {
  const { org } = world.harness;
  const answer = org.api.invoke(
    'saveSoftphoneSettings',
    { scope: 'org', settings: { dncCallMode: mode }, clear: [] },
    org.users.admin.Id,
  );
  expect(answer).toMatchObject({ ok: true });
  const { store } = org as unknown as {
    store: { insert(type: string, fields: Record<string, unknown>): { Id: string } };
  };
  const contact = store.insert('Contact', { FirstName: 'Dana', LastName: lastName, Phone: number, DoNotCall: true });
  await world.console.goto(new URL(`/lightning/r/Contact/${contact.Id}/view`, world.harness.urls.consoleOrigin).href);
  phone = await spec.openPhone();
  await phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  await world.console.evaluate(() =>
    (
      window as unknown as { harnessConsole: { setPanelVisible(visible: boolean): void } }
    ).harnessConsole.setPanelVisible(false),
  );
}

test('block: click-to-dial of a Contact with Do Not Call says why and places no call', async () => {
  const number = '+16505550171';
  await doNotCallContact('block', 'Blocked', number);
  await world.console.click('[data-click-to-dial="enabled"]');
  const prompt = await phone.waitForSelector('.softphone-dial-prompt_block', { timeout: 20_000 });
  expect(await prompt.innerText()).toContain('Call not placed: do not call');
  expect(await prompt.innerText()).toContain('Dana Blocked (Contact) is marked Do Not Call.');
  expect(await phone.$('.softphone-call-anyway')).toBeNull();
  await screenshotSoftphone(world, 'softphone-do-not-call-block');
  expect(await callsTo(number)).toEqual([]);
  expect(await phone.$('.softphone-active')).toBeNull();
  await phone.click('.softphone-dial-ok');
  await phone.waitForSelector('.softphone-dial-prompt', { state: 'detached', timeout: 10_000 });
  expect(await callsTo(number)).toEqual([]);
});

test('warn: the prompt waits; "Call anyway" places the call to the Contact', async () => {
  const number = '+16505550199'; // a seeded customer phone that no sample record carries
  const callee = await customerPhone(world, number);
  try {
    await doNotCallContact('warn', 'Warned', number);
    await world.console.click('[data-click-to-dial="enabled"]');
    const prompt = await phone.waitForSelector('.softphone-dial-prompt_warn', { timeout: 20_000 });
    expect(await prompt.innerText()).toContain('Dana Warned (Contact) is marked Do Not Call.');
    await screenshotSoftphone(world, 'softphone-do-not-call-warn');
    expect(await callsTo(number)).toEqual([]);
    await phone.click('.softphone-call-anyway');
    await phone.waitForSelector('.softphone-dial-prompt', { state: 'detached', timeout: 10_000 });
    await phone.waitForSelector('.softphone-active', { timeout: 20_000 });
    await callee.waitForFunction(
      () => (window as unknown as { customerPhone: { lastCall: unknown } }).customerPhone.lastCall !== null,
      undefined,
      { timeout: 20_000 },
    );
    expect((await callsTo(number)).length).toBe(1);
    await customer(callee, 'answer');
    await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
    await phone.click('.softphone-hangup');
    await phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
    await phone.click('.softphone-log-discard');
  } finally {
    await callee.close();
  }
});

/**
 * Saves `dncSmsMode` as the admin, adds a Contact with Do Not Call who agreed to text messages (Send SMS, SMS number)
 * and reloads the softphone (it reads the settings at its start); the Contact texts the agent and the agent opens the
 * conversation in the Messages tab and types a reply.
 */
async function textFromDoNotCallContact(mode: 'warn' | 'block', lastName: string, number: string): Promise<void> {
  const { org } = world.harness;
  const answer = org.api.invoke(
    'saveSoftphoneSettings',
    { scope: 'org', settings: { dncSmsMode: mode }, clear: [] },
    org.users.admin.Id,
  );
  expect(answer).toMatchObject({ ok: true });
  const { store } = org as unknown as {
    store: { insert(type: string, fields: Record<string, unknown>): { Id: string } };
  };
  store.insert('Contact', {
    FirstName: 'Dana',
    LastName: lastName,
    Phone: number,
    DoNotCall: true,
    SendSMS__c: true,
    SMS_Number__c: number,
  });
  await world.console.goto(new URL('/lightning/page/home', world.harness.urls.consoleOrigin).href);
  phone = await spec.openPhone();
  await phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  const sent = await fetch(`${simulatorControl(world)}/sms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: number, to: AGENT.number, text: 'Please send me the quote.' }),
  });
  expect(sent.status).toBe(201);
  await phone.click('#softphone-tab-messages');
  const row = await phone.waitForSelector(`.softphone-conversation:has-text("Dana ${lastName}")`, { timeout: 20_000 });
  await (await row.$('.softphone-conversation-open'))!.click();
  await phone.waitForSelector('.softphone-sms-thread-name', { timeout: 10_000 });
  await phone.fill('.softphone-sms-text', `Here is your quote, ${lastName}.`);
}

/** The texts the simulator holds sent to `number` (its control API `GET /messages`, every mailbox). */
async function inbox(number: string): Promise<string[]> {
  const res = await fetch(`${simulatorControl(world)}/messages`);
  const { records } = (await res.json()) as {
    records?: { text?: string; subject?: string; to?: { phoneNumber?: string }[] }[];
  };
  return (records ?? [])
    .filter((m) => (m.to ?? []).some((to) => to.phoneNumber === number))
    .map((m) => m.text ?? m.subject ?? '');
}

test('SMS warn: the reply to a Contact with Do Not Call waits for "Send anyway", then reaches the customer', async () => {
  const number = '+16505550172';
  {
    await textFromDoNotCallContact('warn', 'Texted', number);
    const reason = await phone.waitForSelector('.softphone-sms-blocked', { timeout: 20_000 });
    expect(await reason.innerText()).toContain('Dana Texted (Contact) is marked Do Not Call.');
    expect(await phone.$eval('.softphone-sms-send', (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    await phone.waitForSelector('.softphone-sms-send-anyway:not([disabled])', { timeout: 10_000 });
    await screenshotSoftphone(world, 'softphone-do-not-call-sms-warn');
    expect(await inbox(number)).toEqual([]);
    await phone.click('.softphone-sms-send-anyway');
    await waitUntil('the customer to receive the reply sent anyway', async () =>
      (await inbox(number)).includes('Here is your quote, Texted.'),
    );
    // Confirmed for this conversation: the warning is gone.
    await phone.waitForSelector('.softphone-sms-send-anyway', { state: 'detached', timeout: 10_000 });
  }
});

test('SMS block: Send stays disabled with the reason, there is no "Send anyway" and nothing is sent', async () => {
  const number = '+16505550173';
  {
    await textFromDoNotCallContact('block', 'Refused', number);
    const reason = await phone.waitForSelector('.softphone-sms-blocked', { timeout: 20_000 });
    expect(await reason.innerText()).toContain('Dana Refused (Contact) is marked Do Not Call.');
    expect(await reason.innerText()).toContain('Your admin blocks text messages to restricted numbers.');
    expect(await phone.$eval('.softphone-sms-send', (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    expect(await phone.$('.softphone-sms-send-anyway')).toBeNull();
    await phone.click('.softphone-sms-send', { force: true }); // a click on the disabled button sends nothing
    await screenshotSoftphone(world, 'softphone-do-not-call-sms-block');
    expect(await inbox(number)).toEqual([]);
    // The draft is kept.
    expect(await phone.$eval('.softphone-sms-text', (el) => (el as HTMLTextAreaElement).value)).toBe(
      'Here is your quote, Refused.',
    );
  }
});

test('incoming: a caller marked Do Not Call rings as usual, flagged on the card, and is answered (never blocked)', async () => {
  const number = '+16505550107'; // a seeded customer phone (only those can call in)
  await doNotCallContact('block', 'Calling', number);
  await spec.ring(number);
  const flag = await phone.waitForSelector('.softphone-incoming .softphone-dnc-flag', { timeout: 20_000 });
  expect(await flag.innerText()).toContain('Dana Calling is marked Do Not Call.');
  await screenshotSoftphone(world, 'softphone-do-not-call-incoming');
  await phone.click('.softphone-answer');
  await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await phone.click('.softphone-hangup');
  await phone.waitForSelector('.softphone-active', { state: 'detached', timeout: 20_000 });
});
