/**
 * Issue 15, what the softphone controls on the RingCentral app / desk phone, end to end in headless Chromium through
 * the whole harness (ADR 0029): with the pop set to "When answered" the caller's record pops only once the desk phone
 * answers; Mute from the softphone mutes the agent's party at the platform (Call Control
 * `PATCH …/parties/{partyId}` `{muted}`); a call dialled from the softphone is a RingOut (the agent's phone rings
 * first) whose party is followed and controlled like an inbound one — held, then blind-transferred from the softphone,
 * logging exactly one Task, after saying "Ringing your phone first…" while RingCentral rang the agent's own phone and
 * "Calling…" while the customer's rang; and a call that rang and was answered while the call events were lost is read again when
 * the subscription comes back (ADR 0034). Saves `docs/screenshots/softphone-desk-phone-muted.png`,
 * `softphone-ringout-ringing-your-phone.png` and `softphone-ringout-desk-phone-held.png` (360 × 560).
 */
import {
  AGENT_EXTENSION_ID as ALEX,
  callTasks,
  partyStatus as party,
  recordId,
  ringDeskPhone,
  screenshotSoftphone,
  simulatorRequest,
  useDeskPhone,
  useSoftphoneWorld,
  waitForRecordPage,
  waitForTask,
  waitUntil as waitFor,
} from './support/softphone-world';

jest.setTimeout(150_000);

const SAM = '62264102';
const MY_PHONE = '+16505550177';

const spec = useSoftphoneWorld({ discardLogsAfterEach: true });

const control = <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> =>
  simulatorRequest<T>(spec.world, method, path, body);
const partyStatus = (tsid: string, extensionId = ALEX): string | undefined => party(spec.world, tsid, extensionId);
const agentParty = (tsid: string) =>
  spec.world.harness.rcPlatform!.model.getSession(tsid)?.parties.find((p) => p.extensionId === ALEX);

test('Mute from the softphone mutes the desk phone call at the platform, and Unmute lifts it', async () => {
  const { world } = spec;
  const phone = spec.phone;
  await useDeskPhone(world, phone);
  const tsid = await ringDeskPhone(world, '+16505550101');
  await phone.waitForSelector('.softphone-incoming', { timeout: 20_000 });
  await control('POST', `/calls/${tsid}/desk-phone`, { action: 'answer' });
  await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });

  await phone.click('.softphone-mute');
  await phone.waitForSelector('.softphone-mute[aria-pressed="true"]', { timeout: 20_000 });
  expect(agentParty(tsid)?.muted).toBe(true);
  expect((await phone.textContent('.softphone-mute'))?.trim()).toBe('Unmute');
  await screenshotSoftphone(world, 'softphone-desk-phone-muted');
  await phone.click('.softphone-mute');
  await phone.waitForSelector('.softphone-mute[aria-pressed="false"]', { timeout: 20_000 });
  expect(agentParty(tsid)?.muted).toBe(false);

  await phone.click('.softphone-hangup');
  await phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  await waitFor('the call to end at the platform', () => partyStatus(tsid) === 'Disconnected');
  await phone.click('.softphone-log-discard');
  await phone.waitForSelector('.softphone-log-form', { state: 'detached', timeout: 20_000 });
});

test('with "Pop caller record: When answered", a desk phone call pops the caller only once answered on the desk phone', async () => {
  const { world } = spec;
  const phone = spec.phone;
  await useDeskPhone(world, phone);
  await phone.click('#softphone-tab-settings');
  await phone.selectOption('#softphone-settings-inbound-pop', 'answer');
  await phone.click('#softphone-tab-phone');
  try {
    const dan = recordId(world, 'Lead', 'Dan Ortiz');
    const before = world.console.url();
    expect(before).not.toContain(dan);
    const tsid = await ringDeskPhone(world, '+16505550103');
    // Matched (the card names the Lead) while ringing, and not popped: the console stays where it was.
    await phone.waitForSelector('.softphone-incoming .softphone-caller-name:has-text("Dan Ortiz")', {
      timeout: 20_000,
    });
    expect(world.console.url()).toBe(before);
    await control('POST', `/calls/${tsid}/desk-phone`, { action: 'answer' });
    await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
    await waitForRecordPage(world.console, 'Lead', dan);
    await phone.click('.softphone-hangup');
    await phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
    await waitFor('the call to end at the platform', () => partyStatus(tsid) === 'Disconnected');
  } finally {
    await phone.click('#softphone-tab-settings');
    await phone.selectOption('#softphone-settings-inbound-pop', 'ringing');
    await phone.click('#softphone-tab-phone');
  }
});

test('a call dialled on the desk phone (RingOut) is held and blind-transferred from the softphone, and logs one Task', async () => {
  const { world } = spec;
  const phone = spec.phone;
  await useDeskPhone(world, phone);
  // "My phone number": the phone RingOut rings first.
  await phone.click('#softphone-tab-settings');
  await phone.fill('#softphone-ringout-number', MY_PHONE);
  await phone.dispatchEvent('#softphone-ringout-number', 'change');
  await phone.click('#softphone-tab-phone');

  const dialer = await phone.waitForSelector('#softphone-dial-number', { timeout: 20_000 });
  expect(await phone.isChecked('#softphone-device-other')).toBe(true);
  expect(await phone.isChecked('#softphone-device-browser')).toBe(false);
  await dialer.fill('+16505550101');
  // The RingOut's legs are picked up by this test (the simulator's manual RingOuts), not by a timer.
  await control('PUT', '/ring-outs/mode', { manual: true });
  try {
    await phone.click('.softphone-call');
    // RingCentral rings the agent's own phone first: the softphone says so, not "Calling…".
    await phone.waitForSelector('.softphone-active[data-state="dialing"]', { timeout: 20_000 });
    expect(await phone.textContent('.softphone-call-state')).toBe('Ringing your phone first…');
    await screenshotSoftphone(world, 'softphone-ringout-ringing-your-phone');
    const [ringOut] = (await control<{ records: { id: string; to: string }[] }>('GET', '/ring-outs')).records;
    expect(ringOut?.to).toBe('+16505550101');
    // The agent picks up the desk phone: now the customer's phone rings.
    await control('POST', `/ring-outs/${ringOut!.id}/progress`);
    await phone.waitForSelector('.softphone-call-state:text-is("Calling…")', { timeout: 20_000 });
    expect(await phone.getAttribute('.softphone-active', 'data-state')).toBe('dialing');
    // The customer answers.
    await control('POST', `/ring-outs/${ringOut!.id}/progress`);
    await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  } finally {
    await control('PUT', '/ring-outs/mode', { manual: false });
  }
  const session = world.harness
    .rcPlatform!.model.activeSessions()
    .find((s) => s.origin === 'RingOut' && s.parties.some((p) => p.extensionId === ALEX));
  expect(session).toBeDefined();
  const tsid = session!.telephonySessionId;
  // The call is on the desk phone: what the desk phone does itself is not offered; hold, mute, transfer are.
  expect(await phone.isVisible('.softphone-other-device-note')).toBe(true);
  expect(await phone.$('.softphone-keypad-toggle')).toBeNull();
  expect(await phone.$('.softphone-active .softphone-record')).toBeNull();

  await phone.click('.softphone-hold');
  await phone.waitForSelector('.softphone-active[data-state="held"]', { timeout: 20_000 });
  expect(partyStatus(tsid)).toBe('Hold');
  await screenshotSoftphone(world, 'softphone-ringout-desk-phone-held');
  await phone.click('.softphone-hold');
  await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  expect(partyStatus(tsid)).toBe('Answered');

  await phone.fill('.softphone-notes', 'Passed to Sam');
  await phone.click('.softphone-transfer-toggle');
  expect(await phone.$('.softphone-warm-transfer')).toBeNull();
  await phone.fill('#softphone-transfer-target', '102');
  await phone.click('.softphone-blind-transfer');
  await phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  expect(agentParty(tsid)?.status).toMatchObject({ code: 'Disconnected', reason: 'BlindTransfer' });
  expect(world.harness.rcPlatform!.model.getSession(tsid)?.parties.some((p) => p.extensionId === SAM)).toBe(true);
  world.harness.rcPlatform!.model.endSession(tsid);

  await phone.click('.softphone-log-save');
  const task = await waitForTask(world, (t) => t.telephony_session_id__c === tsid);
  expect(task).toMatchObject({
    WhoId: recordId(world, 'Contact', 'Ann Lee'),
    CallType: 'Outbound',
    TaskSubtype: 'Call',
    Description: 'Passed to Sam',
    CALL_UNIQUE_ID__c: `${tsid}:${world.harness.org.users.agent.Id}`,
  });
  // The RingOut's own end (its status polled afterwards) is not a second log.
  await waitFor('the RingOut to finish', () => partyStatus(tsid) === 'Disconnected');
  await new Promise((r) => setTimeout(r, 1500));
  expect(callTasks(world).filter((t) => t.telephony_session_id__c === tsid)).toHaveLength(1);
});

test('a call answered on the desk phone while the call events were lost shows once the subscription is back', async () => {
  const { world } = spec;
  const phone = spec.phone;
  await useDeskPhone(world, phone);
  await phone.waitForSelector('.softphone-listening[data-listening="on"]', { timeout: 30_000 });
  await control('POST', '/faults', {
    kind: 'rest-fail',
    status: 503,
    count: 100,
    pathPrefix: '/restapi/oauth/wstoken',
  });
  let tsid = '';
  try {
    await control('POST', '/faults', { kind: 'drop-subscription' });
    await phone.waitForSelector('.softphone-listening[data-listening="off"]', { timeout: 20_000 });
    // During the gap the desk phone rings and the agent answers it there: the softphone hears nothing of it.
    tsid = await ringDeskPhone(world, '+16505550103');
    await waitFor('the desk phone to ring', () => partyStatus(tsid) === 'Proceeding');
    await control('POST', `/calls/${tsid}/desk-phone`, { action: 'answer' });
    expect(partyStatus(tsid)).toBe('Answered');
    expect(await phone.$('.softphone-active')).toBeNull();
  } finally {
    await control('DELETE', '/faults');
  }
  // The subscription comes back; the active calls are read again and the call shows, on call.
  await phone.waitForSelector('.softphone-listening[data-listening="on"]', { timeout: 30_000 });
  await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  expect(await phone.textContent('.softphone-active .softphone-caller-name')).toBeTruthy();

  await phone.click('.softphone-hangup');
  await phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  await waitFor('the call to end at the platform', () => partyStatus(tsid) === 'Disconnected');
  await phone.click('.softphone-log-discard');
});

test('the clickable desk phone of the harness rings, answers, holds and hangs up; the softphone follows it', async () => {
  const { world } = spec;
  let phone = spec.phone;
  await useDeskPhone(world, phone);
  // The console home links the agent's desk phone (what a user trying the package with `npm start` opens).
  await world.console.goto(new URL('/lightning/page/home', world.harness.urls.consoleOrigin).href);
  const link = await world.console.waitForSelector('[data-testid="desk-phone-link"]', { timeout: 20_000 });
  const desk = await world.console.context().newPage();
  try {
    await desk.goto(String(await link.getAttribute('href')));
    await desk.waitForSelector('#calls .idle', { timeout: 20_000 });
    phone = await spec.openPhone();
    const tsid = await ringDeskPhone(world, '+16505550101');
    const ringing = await desk.waitForSelector(`.call[data-state="ringing"][data-telephony-session-id="${tsid}"]`, {
      timeout: 20_000,
    });
    expect(await ringing.textContent()).toContain('+16505550101');
    await phone.waitForSelector('.softphone-incoming', { timeout: 20_000 });

    await desk.click('.call .answer');
    await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
    await desk.waitForSelector('.call[data-state="on-call"]', { timeout: 20_000 });
    await desk.click('.call .hold');
    await phone.waitForSelector('.softphone-active[data-state="held"]', { timeout: 20_000 });
    expect(partyStatus(tsid)).toBe('Hold');
    await desk.waitForSelector('.call[data-state="held"]', { timeout: 20_000 });
    await desk.click('.call .hold'); // Resume
    await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
    await desk.waitForSelector('.call[data-state="on-call"]', { timeout: 20_000 });
    await desk.click('.call .hangup');
    await phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
    await desk.waitForSelector('#calls .idle', { timeout: 20_000 });
    expect(partyStatus(tsid)).toBe('Disconnected');
    await phone.click('.softphone-log-discard');
  } finally {
    await desk.close();
  }
});
