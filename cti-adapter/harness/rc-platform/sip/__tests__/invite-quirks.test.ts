import { startSipTestBed, waitFor, type SipTestBed, type TestPhone } from './support/sip-test-bed';

// The simulator's options for what RingCentral may do with INVITEs (ADR 0028, sixth amendment), with the real
// ringcentral-web-phone 2.5.4 client. Both are off by default: the default flows are in sip-flows.test.ts.

const ALEX = '62264101';

let bed: SipTestBed | null = null;

afterEach(async () => {
  await bed?.stop();
  bed = null;
});

const ids = (phone: TestPhone) => phone.sessions.map((s) => [s.callId, s.sessionId, s.partyId]);

describe('reforkRingingAfterMs', () => {
  it('off (default): a call ringing on a dropped registration is not forked to a newer one', async () => {
    bed = await startSipTestBed({ noAnswerTimeoutMs: 4000 });
    const first = await bed.phone(ALEX, { instanceId: 'alex-tab-1' });
    await bed.sip.inboundCalls.placeInboundCall({ fromNumber: '+16505550199', toExtensionId: ALEX });
    await waitFor(() => first.sessions.length === 1, 'the first registration rings');
    bed.sip.wss.dropSockets(ALEX);
    const second = await bed.phone(ALEX, { instanceId: 'alex-tab-2' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(second.sessions).toHaveLength(0);
  });

  it('on: the newer registration gets an INVITE of the same telephony session and party, with a new Call-ID', async () => {
    const local = (bed = await startSipTestBed({ noAnswerTimeoutMs: 4000, reforkRingingAfterMs: 50 }));
    const first = await local.phone(ALEX, { instanceId: 'alex-tab-1' });
    const call = await local.sip.inboundCalls.placeInboundCall({ fromNumber: '+16505550199', toExtensionId: ALEX });
    await waitFor(() => first.sessions.length === 1, 'the first registration rings');
    const firstCallId = first.sessions[0]?.callId;
    local.sip.wss.dropSockets(ALEX);
    const second = await local.phone(ALEX, { instanceId: 'alex-tab-2' });
    await waitFor(() => second.sessions.length === 1, 'forked again to the new registration');
    const [refork] = second.sessions;
    expect(refork?.callId).not.toBe(firstCallId);
    expect([refork?.sessionId, refork?.partyId]).toEqual([call.telephonySessionId, call.partyId]);
    expect(refork?.sipMessage.getHeader('Alert-Info')).toBeUndefined(); // an offer, not a Call Control pickup
    await refork?.answer();
    await waitFor(() => local.model.getSession(call.telephonySessionId)?.state === 'Connected', 'answered');
  });
});

describe('duplicateInviteAfterMs', () => {
  it('the web phone gets a second INVITE of the same session and party (another Call-ID); answering one cancels the other', async () => {
    const local = (bed = await startSipTestBed({ noAnswerTimeoutMs: 4000, duplicateInviteAfterMs: 50 }));
    const agent = await local.phone(ALEX);
    const call = await local.sip.inboundCalls.placeInboundCall({ fromNumber: '+16505550199', toExtensionId: ALEX });
    await waitFor(() => agent.sessions.length === 2, 'offered twice');
    const [a, b] = agent.sessions;
    expect(a?.callId).not.toBe(b?.callId);
    expect(ids(agent).map(([, tsid, party]) => [tsid, party])).toEqual([
      [call.telephonySessionId, call.partyId],
      [call.telephonySessionId, call.partyId],
    ]);
    await a?.answer();
    await waitFor(() => b?.state === 'disposed', 'the other offer is cancelled');
    expect(local.model.getSession(call.telephonySessionId)?.state).toBe('Connected');
  });

  it('declining one offer ends both; the call is Rejected once', async () => {
    const local = (bed = await startSipTestBed({ noAnswerTimeoutMs: 4000, duplicateInviteAfterMs: 50 }));
    const agent = await local.phone(ALEX);
    const call = await local.sip.inboundCalls.placeInboundCall({ fromNumber: '+16505550199', toExtensionId: ALEX });
    await waitFor(() => agent.sessions.length === 2, 'offered twice');
    const [a, b] = agent.sessions;
    void a?.decline();
    await waitFor(() => a?.state === 'disposed' && b?.state === 'disposed', 'both offers end');
    await waitFor(
      () => local.model.listCallLog(ALEX).filter((r) => r.telephonySessionId === call.telephonySessionId).length === 1,
      'one call-log record',
    );
    expect(local.model.listCallLog(ALEX).find((r) => r.telephonySessionId === call.telephonySessionId)?.result).toBe(
      'Rejected',
    );
  });
});
