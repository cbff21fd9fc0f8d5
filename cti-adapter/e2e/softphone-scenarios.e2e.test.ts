/**
 * The seven end-to-end scenarios, in headless Chromium, through the whole harness: the RingCentral
 * simulator (SIP + REST), the Lightning console stand-in framing the adapter Visualforce page, the org stand-in
 * serving the remote API contract, the real `SoftphoneBundle` (built first) and the customer phone page as the far
 * end. Saves `docs/screenshots/incoming-call-popped.png`.
 */
import { request as httpsRequest } from 'node:https';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  AGENT,
  discardOpenLogs,
  callTasks,
  customer,
  customerPhone,
  recordId,
  REPO_ROOT,
  ringAgent,
  useSoftphoneWorld,
  waitForConsoleUrl,
  waitForTask,
} from './support/softphone-world';

jest.setTimeout(120_000);

const spec = useSoftphoneWorld();

function ring(number: string): Promise<Page> {
  return ringAgent(spec.world, spec.phone, number);
}

async function energy(page: Page): Promise<number> {
  return customer<number>(page, 'energy', 1500);
}

async function hangUpAndOpenLog(): Promise<void> {
  await spec.phone.click('.softphone-hangup');
  await spec.phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
}

test('(1) a caller stored in another format pops before answer; answer, audio, hold, hang up, log → Task', async () => {
  const ann = recordId(spec.world, 'Contact', 'Ann Lee');
  const caller = await ring('+16505550101');
  await waitForConsoleUrl(spec.world.console, new RegExp(`/lightning/r/Contact/${ann}/view`));
  expect(await spec.phone.textContent('.softphone-incoming .softphone-caller-name')).toContain('Ann Lee');
  mkdirSync(join(REPO_ROOT, 'docs/screenshots'), { recursive: true });
  await spec.world.console.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/incoming-call-popped.png') });

  await spec.phone.click('.softphone-answer');
  await spec.phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await caller.waitForFunction(
    () => {
      const api = (window as unknown as { customerPhone: { energy(ms: number): number } }).customerPhone;
      return api.energy(1500) > 0.001;
    },
    undefined,
    { timeout: 15_000 },
  );
  expect(await energy(caller)).toBeGreaterThan(0.001);

  await spec.phone.click('.softphone-hold');
  await spec.phone.waitForSelector('.softphone-active[data-state="held"]');
  await spec.phone.click('.softphone-hold');
  await spec.phone.waitForSelector('.softphone-active[data-state="connected"]');

  await spec.phone.fill('.softphone-notes', 'Asked about the renewal');
  await hangUpAndOpenLog();
  await spec.phone.click('.softphone-log-save');
  const task = await waitForTask(spec.world, (t) => t.WhoId === ann);
  expect(task).toMatchObject({
    CallType: 'Inbound',
    TaskSubtype: 'Call',
    Status: 'Completed',
    RC_Logging_Type__c: 'call',
    Description: 'Asked about the renewal',
  });
  // The log key: the telephony session id and the agent (ADR 0009); the session id alone groups the call's Tasks.
  expect(task.telephony_session_id__c).toMatch(/^s-/);
  expect(task.CALL_UNIQUE_ID__c).toBe(
    `${String(task.telephony_session_id__c)}:${spec.world.harness.org.users.agent.Id}`,
  );
  expect(task.CallObject).toBe(task.telephony_session_id__c);
  expect(typeof task.CallDurationInSeconds).toBe('number');
  expect(task.from_number__c).toBe('+16505550101');
  await caller.close();
});

test('(2) click-to-dial from an Account page → outbound call → Task with WhatId = the Account', async () => {
  const initech = recordId(spec.world, 'Account', 'Initech');
  const callee = await customerPhone(spec.world, '+16505550107');
  await spec.world.console.goto(
    new URL(`/lightning/r/Account/${initech}/view`, spec.world.harness.urls.consoleOrigin).href,
  );
  await spec.openPhone();
  await spec.world.console.click('[data-click-to-dial="enabled"]');
  await spec.phone.waitForSelector('.softphone-active', { timeout: 20_000 });
  await callee.waitForFunction(() => {
    const api = (window as unknown as { customerPhone: { lastCall: unknown } }).customerPhone;
    return api.lastCall !== null;
  });
  await customer(callee, 'answer');
  await spec.phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await hangUpAndOpenLog();
  await spec.phone.click('.softphone-log-save');
  const task = await waitForTask(spec.world, (t) => t.WhatId === initech && t.CallType === 'Outbound');
  expect(task).toMatchObject({ TaskSubtype: 'Call', to_number__c: '+16505550107' });
  await callee.close();
});

test('(3) two Contacts share the number → the agent chooses → pop and log on the chosen one', async () => {
  const carla = recordId(spec.world, 'Contact', 'Carla Stone');
  const caller = await ring('+16505550102');
  await spec.phone.waitForSelector('.softphone-match-chooser');
  await spec.phone.click(`label[for="match-${carla}"]`);
  await waitForConsoleUrl(spec.world.console, new RegExp(`/lightning/r/Contact/${carla}/view`));
  await spec.phone.click('.softphone-answer');
  await spec.phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await hangUpAndOpenLog();
  await spec.phone.click('.softphone-log-save');
  const task = await waitForTask(spec.world, (t) => t.WhoId === carla);
  expect(task.CallType).toBe('Inbound');
  await caller.close();
});

test('(4) unknown number → caller-ID name shown → placeholder Contact created and logged', async () => {
  const caller = await ring('+16505550199');
  expect(await spec.phone.textContent('.softphone-caller-id-name')).toContain('WIRELESS CALLER');
  await spec.phone.click('.softphone-answer');
  await spec.phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await hangUpAndOpenLog();
  await spec.phone.fill('.softphone-placeholder-name', 'Wendy Wireless');
  await spec.phone.click('.softphone-placeholder-create');
  await spec.phone.waitForSelector('.softphone-log-who input[type="radio"]:checked', { timeout: 10_000 });
  await spec.phone.click('.softphone-log-save');
  const wendy = recordId(spec.world, 'Contact', 'Wendy Wireless');
  const task = await waitForTask(spec.world, (t) => t.WhoId === wendy);
  expect(task.from_number__c).toBe('+16505550199');
  await caller.close();
});

test('(5) decline and send to voicemail end the call for the caller', async () => {
  // Count what the simulator's telephony model is told (the web phone's SIP MESSAGE commands 12 and 11).
  const model = spec.world.harness.rcPlatform!.model;
  const told = { rejected: 0, voicemail: 0 };
  const rejected = model.partyRejected.bind(model);
  const voicemail = model.partyVoicemail.bind(model);
  model.partyRejected = (...args: Parameters<typeof rejected>) => {
    told.rejected += 1;
    return rejected(...args);
  };
  model.partyVoicemail = (...args: Parameters<typeof voicemail>) => {
    told.voicemail += 1;
    return voicemail(...args);
  };
  const caller = await ring('+16505550103');
  await spec.phone.click('.softphone-decline');
  await spec.phone.waitForSelector('.softphone-incoming', { state: 'detached', timeout: 20_000 });
  const declined = await customer<{ state?: string } | null>(caller, 'calls');
  expect(declined).toBeTruthy();
  await spec.phone.click('.softphone-log-discard').catch(() => undefined);
  expect(told.rejected).toBe(1);

  await customer(caller, 'call', AGENT.number);
  await spec.phone.waitForSelector('.softphone-incoming', { timeout: 20_000 });
  await spec.phone.click('.softphone-voicemail');
  await spec.phone.waitForSelector('.softphone-incoming', { state: 'detached', timeout: 20_000 });
  const form = await spec.phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  expect(await form.textContent()).toContain('Voicemail');
  expect(told.voicemail).toBe(1);
  await spec.phone.click('.softphone-log-discard');
  model.partyRejected = rejected;
  model.partyVoicemail = voicemail;
  await caller.close();
});

test('(6) a reload during a call keeps the notes', async () => {
  const caller = await ring('+16505550101');
  await spec.phone.click('.softphone-answer');
  await spec.phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await spec.phone.fill('.softphone-notes', 'Do not lose me');
  await spec.world.console.reload();
  await spec.openPhone({ ready: false });
  const notes = await spec.phone.waitForSelector('.softphone-notes', { timeout: 30_000 });
  expect(await notes.inputValue()).toBe('Do not lose me');
  await customer(caller, 'hangup').catch(() => undefined);
  await caller.close();
  await spec.phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  await discardOpenLogs(spec.phone);
});

test('(7) Save pressed twice → one Task', async () => {
  await discardOpenLogs(spec.phone);
  const before = callTasks(spec.world).length;
  const caller = await ring('+16505550101');
  await spec.phone.click('.softphone-answer');
  await spec.phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  const callId = await spec.phone.getAttribute('.softphone-active', 'data-call-id');
  await hangUpAndOpenLog();
  await spec.phone.$eval('.softphone-log-save', (button) => {
    (button as HTMLButtonElement).click();
    (button as HTMLButtonElement).click();
  });
  await spec.phone.waitForSelector(`.softphone-log-form[data-call-id="${callId}"]`, {
    state: 'detached',
    timeout: 20_000,
  });
  await new Promise((r) => setTimeout(r, 500));
  expect(callTasks(spec.world).length).toBe(before + 1);
  await caller.close();
});

test('(8) a recorded call logs with the absolute link of its recording', async () => {
  await discardOpenLogs(spec.phone);
  const caller = await ring('+16505550101');
  await spec.phone.click('.softphone-answer');
  await spec.phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  const callId = await spec.phone.getAttribute('.softphone-active', 'data-call-id');
  await spec.phone.click('.softphone-record');
  await spec.phone.waitForSelector('.softphone-record[aria-pressed="true"]', { timeout: 10_000 });
  await spec.phone.fill('.softphone-notes', 'Recorded for training');
  await hangUpAndOpenLog();
  await spec.phone.click('.softphone-log-save');
  await spec.phone.waitForSelector(`.softphone-log-form[data-call-id="${callId}"]`, {
    state: 'detached',
    timeout: 20_000,
  });
  const task = await waitForTask(spec.world, (t) => t.Description === 'Recorded for training');
  // The simulator is not a platform.* host, so it serves its media itself (mediaEntryPoint); the org stand-in reads
  // its origin as RingCentral's media host for the validation rule (harness README), a real org accepts
  // https://media.ringcentral.com links only.
  const rc = spec.world.harness.rcPlatform!;
  const session = rc.model.getSession(String(task.telephony_session_id__c));
  const recordingId = session?.recordings[0]?.id;
  expect(recordingId).toBeTruthy();
  expect(task.Recording_Information__c).toBe(
    `${rc.urls.server}/restapi/v1.0/account/~/recording/${String(recordingId)}/content`,
  );
  await caller.close();
});

test('call history tab lists the RingCentral call log and which calls are logged', async () => {
  await discardOpenLogs(spec.phone);
  await spec.phone.click('#softphone-tab-history');
  await spec.phone.waitForSelector('.softphone-history-row', { timeout: 20_000 });
  const rows = await spec.phone.$$eval('.softphone-history-row', (items) => items.map((i) => i.textContent ?? ''));
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.some((text) => text.includes('Logged'))).toBe(true);
  // Declined / voicemail calls were not logged: they offer the Log action.
  expect((await spec.phone.$$('.softphone-history-log')).length).toBeGreaterThan(0);
  await spec.phone.click('#softphone-tab-phone');
});

/** JSON request to the simulator's REST API as a Node client (trusts the simulator's certificate). */
function rcRequest(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<unknown> {
  const rc = spec.world.harness.rcPlatform!;
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      new URL(path, rc.urls.server),
      { method, ca: rc.certificate.pem, headers: { 'content-length': Buffer.byteLength(payload), ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          (res.statusCode ?? 500) < 300
            ? resolve(JSON.parse(text || '{}'))
            : reject(new Error(`${res.statusCode}: ${text}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

test('signed in: one event subscription, caller IDs in the dialer, presence shown and followed live', async () => {
  await discardOpenLogs(spec.phone);
  const control = (await (await fetch(`${spec.world.harness.urls.rcControl}/state`)).json()) as {
    subscriptions: { connected: number; subscriptions: number };
  };
  expect(control.subscriptions.connected).toBe(1);
  expect(control.subscriptions.subscriptions).toBeGreaterThanOrEqual(1);

  const callerIds = await spec.phone.$$eval('.softphone-caller-id option', (o) => o.map((x) => x.textContent ?? ''));
  expect(callerIds.some((label) => label.includes('650') && label.includes('0100'))).toBe(true);
  await spec.phone.waitForSelector('.softphone-presence:not([disabled])', { timeout: 20_000 });

  // Another RingCentral client (here: a Node REST client signed in as the same agent) sets the agent Busy:
  // the softphone shows it through the WebSocket presence subscription, without reloading.
  const rc = spec.world.harness.rcPlatform!;
  const alex = rc.credentials.users.find((u) => u.email === AGENT.email)!;
  const basic = Buffer.from(`${rc.credentials.jwtClient.clientId}:${rc.credentials.jwtClient.clientSecret}`).toString(
    'base64',
  );
  const token = (await rcRequest(
    'POST',
    '/restapi/oauth/token',
    new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: alex.jwt }).toString(),
    { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
  )) as { access_token: string };
  const auth = { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' };
  try {
    await rcRequest('PUT', '/restapi/v1.0/account/~/extension/~/presence', { userStatus: 'Busy' }, auth);
    await spec.phone.waitForFunction(
      () => (document.querySelector('.softphone-presence') as HTMLSelectElement | null)?.value === 'Busy',
      undefined,
      { timeout: 10_000 },
    );
  } finally {
    await rcRequest('PUT', '/restapi/v1.0/account/~/extension/~/presence', { userStatus: 'Available' }, auth);
  }
  await spec.phone.waitForFunction(
    () => (document.querySelector('.softphone-presence') as HTMLSelectElement | null)?.value === 'Available',
    undefined,
    { timeout: 10_000 },
  );
});
