import { startSipTestBed, waitFor, type AnyCallSession, type SipTestBed, type TestPhone } from './support/sip-test-bed';

// Signalling flows with the real ringcentral-web-phone 2.5.4 client (Node, `ws`, fake media through the
// library's webRtcSessionFactory seam) against the simulator's SIP server and the real telephony model.

const ALEX = '62264101';
const SAM = '62264102';
const LEE = '+16505550101';
const ALEX_DIRECT = '+16505550100';

type Session = AnyCallSession;

let bed: SipTestBed;

beforeEach(async () => {
  bed = await startSipTestBed({ noAnswerTimeoutMs: 4000, voicemailDurationMs: 4000 });
});

afterEach(async () => {
  await bed.stop();
});

const last = (phone: TestPhone): Session => {
  const session = phone.sessions[phone.sessions.length - 1];
  if (!session) throw new Error('no session');
  return session;
};

const stateOf = (session: { state: string }): string => session.state;

async function ring(from: TestPhone, to: TestPhone, dialled: string): Promise<{ outbound: Session; inbound: Session }> {
  const before = to.sessions.length;
  void from.phone.call(dialled);
  await waitFor(() => to.sessions.length > before, 'the callee to ring');
  await waitFor(() => from.sessions.length > 0 && stateOf(last(from)) === 'ringing', 'the caller to see 183');
  return { outbound: last(from), inbound: last(to) };
}

/** {@link ring}, then the callee answers and the caller sees the answer. */
async function connect(
  from: TestPhone,
  to: TestPhone,
  dialled: string,
): Promise<{ outbound: Session; inbound: Session }> {
  const call = await ring(from, to, dialled);
  await call.inbound.answer();
  await waitFor(() => stateOf(call.outbound) === 'answered', 'answered');
  return call;
}

/** The simulator's telephony session of a web-phone call (`''` when the call has no session id). */
const sessionOf = (call: Session) => bed.model.getSession(call.sessionId ?? '');

/** The simulator's party of a web-phone call. */
const partyOf = (call: Session) => sessionOf(call)?.parties.find((p) => p.id === call.partyId);

/** The extension's call-log record of a telephony session. */
const callLogRecord = (extensionId: string, telephonySessionId: string | undefined) =>
  bed.model.listCallLog(extensionId).find((r) => r.telephonySessionId === telephonySessionId);

/** Collects the failure reasons of the phone's outbound calls. */
function outboundFailures(phone: TestPhone): string[] {
  const failures: string[] = [];
  phone.phone.on('outboundCall', (session: Session) => session.on('failed', (r: string) => failures.push(r)));
  return failures;
}

/** Collects the bodies of the SIP MESSAGEs (x-rc/agent commands) the phone receives. */
function sipMessages(phone: TestPhone): string[] {
  const bodies: string[] = [];
  phone.phone.sipClient.on('inboundMessage', (m: { subject: string; body: string }) => {
    if (m.subject.startsWith('MESSAGE')) bodies.push(m.body);
  });
  return bodies;
}

describe('REGISTER', () => {
  it('registers with digest and unregisters on dispose', async () => {
    const agent = await bed.phone(ALEX);
    expect(bed.sip.registrationCount?.()).toBe(1);
    await agent.phone.dispose();
    await waitFor(() => bed.sip.registrationCount?.() === 0, 'unregister');
  });

  it('refuses a sixth instance of one extension with 603 Too Many Contacts, and frees the slot on unregister', async () => {
    const phones: TestPhone[] = [];
    for (let i = 0; i < 5; i += 1) phones.push(await bed.phone(ALEX, { instanceId: `alex-${i}` }));
    const sixth = await bed.phone(ALEX, { instanceId: 'alex-6', start: false });
    await expect(sixth.phone.start()).rejects.toThrow('Registration failed: SIP/2.0 603 Too Many Contacts');
    // Re-registering an existing instance is a refresh, not a new contact.
    const again = await bed.phone(ALEX, { instanceId: 'alex-0' });
    expect(bed.sip.registrationCount?.()).toBe(5);
    await phones[1]?.phone.dispose();
    await waitFor(() => bed.sip.registrationCount?.() === 4, 'unregister');
    const seventh = await bed.phone(ALEX, { instanceId: 'alex-7' });
    expect(bed.sip.registrationCount?.()).toBe(5);
    expect(again.phone).toBeDefined();
    expect(seventh.phone).toBeDefined();
  });

  it('rejects a wrong password with 403', async () => {
    const credentials = bed.model.sipCredentialsForExtension(ALEX);
    const WebPhone = (await import('ringcentral-web-phone')).default;
    const phone = new WebPhone({
      sipInfo: {
        ...credentials,
        password: 'wrong',
        outboundProxy: bed.outboundProxy,
        outboundProxyBackup: bed.outboundProxy,
        stunServers: [],
      },
    });
    await expect(phone.start()).rejects.toThrow('Registration failed: SIP/2.0 403 Forbidden');
    (phone.sipClient as unknown as { wsc: { close(): void } }).wsc.close();
  });
});

describe('calls between web phones', () => {
  it('customer → agent: P-rc caller-ID, api ids, answer with relayed SDP (msid rewritten), BYE, call log', async () => {
    const agent = await bed.phone(ALEX);
    const customer = await bed.phone(LEE);
    const { outbound, inbound } = await ring(customer, agent, ALEX_DIRECT);
    expect(inbound.remoteNumber).toBe(LEE);
    expect(inbound.sipMessage.getHeader('From')).toMatch(/^"LEE ANN" <sip:\+16505550101@sip\.ringcentral\.com>;tag=/);
    const pRc = inbound.sipMessage.getHeader('P-rc') ?? '';
    expect(pRc).toContain('Nm="LEE ANN"');
    expect(inbound.sessionId).toMatch(/^s-[0-9a-f]+$/);
    expect(inbound.partyId).toMatch(/^p-[0-9a-f]+-\d$/);
    expect(outbound.sessionId).toBe(inbound.sessionId);
    expect(partyOf(inbound)?.extensionId).toBe(ALEX);
    expect(partyOf(inbound)?.status.code).toBe('Proceeding');

    await inbound.answer();
    await waitFor(() => stateOf(outbound) === 'answered', 'caller answered');
    const offerSeenByAgent = agent.media[0]?.remoteDescriptions[0] ?? '';
    const answerSeenByCustomer = customer.media[0]?.remoteDescriptions[0] ?? '';
    expect(offerSeenByAgent).toContain(`s=${customer.media[0]?.label}`);
    expect(offerSeenByAgent).not.toContain('a=msid:- ');
    expect(offerSeenByAgent).toMatch(/a=msid:rcsim-[0-9a-f]+ track-/);
    expect(answerSeenByCustomer).toContain(`s=${agent.media[0]?.label}`);
    expect(answerSeenByCustomer).not.toContain('a=msid:- ');
    expect(sessionOf(inbound)?.state).toBe('Connected');

    const agentMessages = sipMessages(agent);
    await inbound.hangup();
    await waitFor(() => stateOf(outbound) === 'disposed', 'caller got BYE');
    expect(sessionOf(inbound)?.state).toBe('Ended');
    await waitFor(() => agentMessages.some((body) => body.includes('Cmd="2"')), 'Cmd 2 after BYE');
    const record = callLogRecord(ALEX, inbound.sessionId);
    expect(record).toMatchObject({ direction: 'Inbound', result: 'Accepted' });
    expect(record?.from.phoneNumber).toBe(LEE);
  });

  it('agent → customer phone: the customer rings with the agent as caller, answers, caller hangs up', async () => {
    const agent = await bed.phone(ALEX);
    const customer = await bed.phone(LEE);
    const { outbound, inbound } = await ring(agent, customer, LEE);
    expect(inbound.remoteNumber).toBe(ALEX_DIRECT);
    expect(inbound.sipMessage.getHeader('P-rc')).toContain('Nm="Alex Agent"');
    await inbound.answer();
    await waitFor(() => stateOf(outbound) === 'answered', 'caller answered');
    await outbound.hangup();
    await waitFor(() => stateOf(inbound) === 'disposed', 'callee got BYE');
    const record = callLogRecord(ALEX, outbound.sessionId);
    expect(record).toMatchObject({ direction: 'Outbound' });
    expect(record?.to.phoneNumber).toBe(LEE);
  });

  it('extension → extension by extension number: both call logs, Outbound and Inbound', async () => {
    const alex = await bed.phone(ALEX);
    const sam = await bed.phone(SAM);
    const { outbound, inbound } = await ring(alex, sam, '102');
    expect(inbound.remoteNumber).toBe(ALEX_DIRECT);
    expect(inbound.sipMessage.getHeader('P-rc')).toContain('Nm="Alex Agent"');
    await inbound.answer();
    await waitFor(() => stateOf(outbound) === 'answered', 'answered');
    await outbound.hangup();
    await waitFor(() => stateOf(inbound) === 'disposed', 'BYE');
    const tsid = outbound.sessionId;
    expect(callLogRecord(ALEX, tsid)?.direction).toBe('Outbound');
    expect(callLogRecord(SAM, tsid)).toMatchObject({
      direction: 'Inbound',
      result: 'Accepted',
    });
  });

  it('a customer phone cannot call another outside number through the account (403)', async () => {
    const customer = await bed.phone(LEE);
    const failures = outboundFailures(customer);
    void customer.phone.call('+16505550102');
    await waitFor(() => failures.length === 1, 'failure');
    expect(failures[0]).toBe('SIP/2.0 403 Forbidden');
  });

  it('decline (x-rc/agent Cmd 12): the caller fails with 486 and the call log says Rejected', async () => {
    const agent = await bed.phone(ALEX);
    const customer = await bed.phone(LEE);
    const { outbound, inbound } = await ring(customer, agent, ALEX_DIRECT);
    const failures: string[] = [];
    outbound.on('failed', (reason: string) => failures.push(reason));
    await inbound.decline();
    await waitFor(() => failures.length === 1, 'caller failed');
    expect(failures[0]).toBe('SIP/2.0 486 Busy Here');
    const record = callLogRecord(ALEX, inbound.sessionId);
    expect(record?.result).toBe('Rejected');
  });

  it('to voicemail (Cmd 11): the voicemail system answers the caller; the call log says Voicemail', async () => {
    const agent = await bed.phone(ALEX);
    const customer = await bed.phone(LEE);
    const { outbound, inbound } = await ring(customer, agent, ALEX_DIRECT);
    await inbound.toVoicemail();
    await waitFor(() => stateOf(outbound) === 'answered', 'voicemail answered');
    await outbound.hangup();
    await waitFor(() => sessionOf(inbound)?.state === 'Ended', 'session ended');
    const record = callLogRecord(ALEX, inbound.sessionId);
    expect(record?.result).toBe('Voicemail');
  });

  it('CANCEL before answer: every ringing instance is cancelled and the call is Missed', async () => {
    const agentA = await bed.phone(ALEX, { instanceId: 'a' });
    const agentB = await bed.phone(ALEX, { instanceId: 'b' });
    const customer = await bed.phone(LEE);
    const { outbound, inbound } = await ring(customer, agentA, ALEX_DIRECT);
    await waitFor(() => agentB.sessions.length === 1, 'second instance rings');
    await outbound.cancel();
    await waitFor(() => stateOf(inbound) === 'disposed' && stateOf(last(agentB)) === 'disposed', 'forks cancelled');
    const record = callLogRecord(ALEX, inbound.sessionId);
    expect(record?.result).toBe('Missed');
  });

  it('fork: answering on one instance sends Cmd 7 + CANCEL to the other', async () => {
    const agentA = await bed.phone(ALEX, { instanceId: 'a' });
    const agentB = await bed.phone(ALEX, { instanceId: 'b' });
    const customer = await bed.phone(LEE);
    const messages = sipMessages(agentB);
    const { outbound, inbound } = await ring(customer, agentA, ALEX_DIRECT);
    await waitFor(() => agentB.sessions.length === 1, 'second instance rings');
    await inbound.answer();
    await waitFor(() => stateOf(outbound) === 'answered', 'answered');
    await waitFor(() => stateOf(last(agentB)) === 'disposed', 'other instance cancelled');
    expect(messages.some((body) => body.includes('Cmd="7"'))).toBe(true);
    await outbound.hangup();
  });

  it('hold / unhold re-INVITEs are relayed and reported to the model', async () => {
    const agent = await bed.phone(ALEX);
    const customer = await bed.phone(LEE);
    const { inbound } = await connect(customer, agent, ALEX_DIRECT);
    const partyStatus = (): string | undefined => partyOf(inbound)?.status.code;
    await inbound.hold();
    expect(partyStatus()).toBe('Hold');
    const reOffer = customer.media[0]?.remoteDescriptions.at(-1) ?? '';
    expect(reOffer).toContain('a=sendonly');
    await inbound.unhold();
    expect(partyStatus()).toBe('Answered');
    expect(customer.media[0]?.remoteDescriptions.at(-1)).toContain('a=sendrecv');
    await inbound.hangup();
  });

  it('blind transfer (REFER): 202, NOTIFYs, BYE to the transferor, the target rings with the customer as caller', async () => {
    const alex = await bed.phone(ALEX);
    const sam = await bed.phone(SAM);
    const customer = await bed.phone(LEE);
    const { outbound, inbound } = await connect(customer, alex, ALEX_DIRECT);
    await inbound.transfer('102');
    await waitFor(() => sam.sessions.length === 1, 'transfer target rings');
    const samCall = last(sam);
    expect(samCall.remoteNumber).toBe(LEE);
    expect(samCall.sipMessage.getHeader('P-rc')).toContain('Nm="LEE ANN"');
    expect(samCall.sessionId).toBe(inbound.sessionId);
    await samCall.answer();
    // Late offer from the target: the customer gets a re-INVITE carrying the target's offer.
    await waitFor(
      () => (customer.media[0]?.remoteDescriptions ?? []).some((sdp) => sdp.includes(`s=${sam.media[0]?.label}`)),
      'customer re-INVITEd with the target offer',
    );
    const session = sessionOf(inbound);
    expect(partyOf(inbound)?.status).toMatchObject({
      code: 'Disconnected',
      reason: 'BlindTransfer',
    });
    expect(session?.parties.find((p) => p.extensionId === SAM)?.status.code).toBe('Answered');
    await samCall.hangup();
    await waitFor(() => stateOf(outbound) === 'disposed', 'customer got BYE');
  });

  it('warm transfer (REFER with Replaces) joins the customer and the consulted agent', async () => {
    const alex = await bed.phone(ALEX);
    const sam = await bed.phone(SAM);
    const customer = await bed.phone(LEE);
    const { outbound, inbound } = await connect(customer, alex, ALEX_DIRECT);
    const warmPromise = inbound.warmTransfer('102');
    await waitFor(() => sam.sessions.length === 1, 'consulted agent rings');
    await last(sam).answer();
    const warm = await warmPromise;
    await warm.complete();
    await waitFor(() => stateOf(warm.newSession) === 'disposed', 'consult leg released');
    const session = sessionOf(inbound);
    expect(partyOf(inbound)?.status.reason).toBe('AttendedTransfer');
    expect(session?.parties.some((p) => p.extensionId === SAM && p.status.code === 'Answered')).toBe(true);
    // The customer and Sam are now one call: Sam's hang-up reaches the customer.
    await last(sam).hangup();
    await waitFor(() => stateOf(outbound) === 'disposed', 'customer got BYE');
  });

  it('call queue rings every registered member; the first answer wins', async () => {
    const alex = await bed.phone(ALEX);
    const sam = await bed.phone(SAM);
    const customer = await bed.phone(LEE);
    const { outbound } = await ring(customer, alex, '+16505550120');
    await waitFor(() => sam.sessions.length === 1, 'second member rings');
    await last(sam).answer();
    await waitFor(() => stateOf(outbound) === 'answered', 'answered');
    await waitFor(() => stateOf(last(alex)) === 'disposed', 'other member cancelled');
    await outbound.hangup();
    const session = sessionOf(outbound);
    expect(session?.queueId).toBe('62264200');
  });

  it('Do Not Disturb: direct calls go to voicemail without ringing; queue calls skip the member', async () => {
    const alex = await bed.phone(ALEX);
    const sam = await bed.phone(SAM);
    const customer = await bed.phone(LEE);
    bed.model.updatePresence(ALEX, { dndStatus: 'DoNotAcceptAnyCalls' });
    void customer.phone.call(ALEX_DIRECT);
    await waitFor(() => customer.sessions.length === 1 && stateOf(last(customer)) === 'answered', 'voicemail');
    expect(alex.sessions).toHaveLength(0);
    await last(customer).hangup();
    const queueCall = await ring(customer, sam, '+16505550120');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alex.sessions).toHaveLength(0);
    await queueCall.outbound.cancel();
  });

  it('forward (Cmd 10) re-targets the call; reply (Cmd 14) ends it with Cmd 9', async () => {
    const alex = await bed.phone(ALEX);
    const sam = await bed.phone(SAM);
    const customer = await bed.phone(LEE);
    const { outbound, inbound } = await ring(customer, alex, ALEX_DIRECT);
    await inbound.forward('102');
    await waitFor(() => sam.sessions.length === 1, 'forward target rings');
    const samCall = last(sam);
    await samCall.startReply();
    const failures: string[] = [];
    outbound.on('failed', (reason: string) => failures.push(reason));
    const closed = await samCall.reply('On my way');
    expect(closed.headers.Cmd).toBe('9');
    await waitFor(() => failures.length === 1, 'caller failed');
  });

  it('INFO startcallrecord / stopcallrecord answer with a JSON INFO and drive the model recording', async () => {
    const agent = await bed.phone(ALEX);
    const customer = await bed.phone(LEE);
    const { inbound } = await connect(customer, agent, ALEX_DIRECT);
    const started = (await inbound.startRecording()) as { code: number };
    expect(started.code).toBe(0);
    expect(sessionOf(inbound)?.recordings.some((r) => r.active)).toBe(true);
    const stopped = (await inbound.stopRecording()) as { code: number };
    expect(stopped.code).toBe(0);
    expect(sessionOf(inbound)?.recordings.some((r) => r.active)).toBe(false);
    await inbound.hangup();
    const record = callLogRecord(ALEX, inbound.sessionId);
    expect(record?.recording?.id).toBeDefined();
  });

  it('a call to an extension with no registered phone goes straight to voicemail', async () => {
    const customer = await bed.phone(LEE);
    void customer.phone.call('+16505550110');
    await waitFor(() => customer.sessions.length === 1 && stateOf(last(customer)) === 'answered', 'voicemail answers');
    const outbound = last(customer);
    await outbound.hangup();
    const record = callLogRecord(SAM, outbound.sessionId);
    expect(record?.result).toBe('Voicemail');
  });

  it('INFO callpark parks the call (the agent leaves, the customer stays parked); callflip answers code 0', async () => {
    const agent = await bed.phone(ALEX);
    const customer = await bed.phone(LEE);
    const { outbound, inbound } = await connect(customer, agent, ALEX_DIRECT);
    expect(((await inbound.flip('+16505550999')) as { code: number }).code).toBe(0);
    const parked = (await inbound.park()) as { code: number; 'park extension': string };
    expect(parked.code).toBe(0);
    expect(parked['park extension']).toMatch(/^8\d\d$/);
    await waitFor(() => stateOf(inbound) === 'disposed', 'agent hung up after park');
    expect(partyOf(inbound)?.status.code).toBe('Parked');
    expect(stateOf(outbound)).toBe('answered');
    await outbound.hangup();
    await waitFor(() => sessionOf(inbound)?.state === 'Ended', 'ended');
  });

  it('an unknown number fails with 404 after the required 183', async () => {
    const agent = await bed.phone(ALEX);
    const failures = outboundFailures(agent);
    void agent.phone.call('12');
    await waitFor(() => failures.length === 1, 'failure');
    expect(failures[0]).toBe('SIP/2.0 404 Not Found');
  });
});

describe('simulated far ends (InboundCallPort)', () => {
  it('control-API inbound call: late-offer INVITE with P-rc caller-ID; agent answers; customer hangs up', async () => {
    const agent = await bed.phone(ALEX);
    const ids = await bed.sip.inboundCalls.placeInboundCall({
      fromNumber: '+16505550199',
      callerIdName: 'WIRELESS CALLER',
      toExtensionId: ALEX,
    });
    await waitFor(() => agent.sessions.length === 1, 'agent rings');
    const inbound = last(agent);
    expect(inbound.sipMessage.getHeader('P-rc')).toContain('Nm="WIRELESS CALLER"');
    expect(inbound.sessionId).toBe(ids.telephonySessionId);
    expect(inbound.partyId).toBe(ids.partyId);
    await inbound.answer();
    await waitFor(() => (agent.media[0]?.remoteDescriptions.length ?? 0) === 1, 'ACK carried the answer');
    expect(bed.model.getSession(ids.telephonySessionId)?.state).toBe('Connected');
    await bed.sip.inboundCalls.customerHangup(ids.telephonySessionId);
    await waitFor(() => stateOf(inbound) === 'disposed', 'agent got BYE');
    const record = callLogRecord(ALEX, ids.telephonySessionId);
    expect(record?.result).toBe('Accepted');
  });

  it('rejects inbound calls to unknown targets (404) and to nobody registered (480)', async () => {
    await expect(
      bed.sip.inboundCalls.placeInboundCall({ fromNumber: LEE, toExtensionId: '999' }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(bed.sip.inboundCalls.placeInboundCall({ fromNumber: LEE, toExtensionId: SAM })).rejects.toMatchObject({
      status: 480,
    });
  });

  it('agent → unregistered external number: the far end rings, is answered and hung up through the port', async () => {
    const agent = await bed.phone(ALEX);
    void agent.phone.call('+16505550103');
    await waitFor(() => agent.sessions.length === 1 && stateOf(last(agent)) === 'ringing', 'ringing');
    const outbound = last(agent);
    const tsid = outbound.sessionId ?? '';
    await waitFor(
      () => bed.model.getSession(tsid)?.parties.some((p) => !p.extensionId && p.status.code === 'Proceeding') ?? false,
      'far end ringing',
    );
    await bed.sip.inboundCalls.customerAnswer(tsid);
    await waitFor(() => stateOf(outbound) === 'answered', 'answered');
    expect(agent.media[0]?.remoteDescriptions[0]).toContain('no media');
    await bed.sip.inboundCalls.customerHangup(tsid);
    await waitFor(() => stateOf(outbound) === 'disposed', 'BYE');
    await expect(bed.sip.inboundCalls.customerHangup(tsid)).rejects.toMatchObject({ status: 409 });
  });

  it('a dropped SIP socket keeps the call up; the phone re-registers and hangs up on its new socket', async () => {
    const agent = await bed.phone(ALEX, { instanceId: 'alex-main' });
    const customer = await bed.phone(LEE);
    const { outbound, inbound } = await connect(customer, agent, ALEX_DIRECT);
    expect(bed.sip.wss.dropSockets(ALEX)).toBe(1);
    await waitFor(() => bed.sip.registrationCount?.() === 1, 'agent registration gone');
    expect(sessionOf(inbound)?.state).toBe('Connected');
    await agent.phone.sipClient.start();
    await inbound.hangup();
    await waitFor(() => stateOf(outbound) === 'disposed', 'customer got BYE');
    expect(sessionOf(inbound)?.state).toBe('Ended');
  });

  it('a call ringing on a dropped registration is not forked to a newer one; Call Control answer re-offers it, auto-answer', async () => {
    const first = await bed.phone(ALEX, { instanceId: 'alex-tab-1' });
    const ids = await bed.sip.inboundCalls.placeInboundCall({ fromNumber: '+16505550199', toExtensionId: ALEX });
    await waitFor(() => first.sessions.length === 1, 'the first registration rings');
    expect(bed.sip.wss.dropSockets(ALEX)).toBe(1);
    const second = await bed.phone(ALEX, { instanceId: 'alex-tab-2' });
    expect(second.sessions).toHaveLength(0); // the platform does not fork a ringing call to a registration made later
    await bed.sip.inboundCalls.webPhoneCommand!(ids.telephonySessionId, ALEX, 'answer');
    await waitFor(() => second.sessions.length === 1, 'the call is offered to the new registration');
    const offered = last(second);
    expect(offered.sipMessage.getHeader('Alert-Info')).toBe('Auto Answer');
    expect(offered.sipMessage.getHeader('Call-Info')).toContain('Answer-After=0');
    expect(offered.sessionId).toBe(ids.telephonySessionId);
    expect(offered.partyId).toBe(ids.partyId);
    await offered.answer();
    await waitFor(() => bed.model.getSession(ids.telephonySessionId)?.state === 'Connected', 'connected');
    await expect(bed.sip.inboundCalls.webPhoneCommand!(ids.telephonySessionId, ALEX, 'answer')).rejects.toMatchObject({
      status: 409,
    });
    await bed.sip.inboundCalls.customerHangup(ids.telephonySessionId);
    await waitFor(() => stateOf(offered) === 'disposed', 'BYE');
    expect(callLogRecord(ALEX, ids.telephonySessionId)?.result).toBe('Accepted');
  });

  it('Call Control reject of a web phone party cancels its forks and the call is Rejected', async () => {
    const agent = await bed.phone(ALEX);
    const ids = await bed.sip.inboundCalls.placeInboundCall({ fromNumber: '+16505550199', toExtensionId: ALEX });
    await waitFor(() => agent.sessions.length === 1, 'rings');
    await bed.sip.inboundCalls.webPhoneCommand!(ids.telephonySessionId, ALEX, 'reject');
    await waitFor(() => stateOf(last(agent)) === 'disposed', 'the fork is cancelled');
    await waitFor(() => callLogRecord(ALEX, ids.telephonySessionId)?.result === 'Rejected', 'Rejected');
    await expect(bed.sip.inboundCalls.webPhoneCommand!(ids.telephonySessionId, ALEX, 'answer')).rejects.toMatchObject({
      status: 404,
    });
  });

  it('dropConnections drops SIP sockets and their registrations', async () => {
    await bed.phone(ALEX);
    await bed.phone(LEE);
    expect(bed.sip.dropConnections(1)).toBe(1);
    await waitFor(() => bed.sip.registrationCount?.() === 1, 'registration gone');
  });
});
