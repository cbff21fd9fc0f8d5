import type { SDK } from '@ringcentral/sdk';
import type { RcPlatformHandle } from '../../index';
import { control, eventually, loginJwt, startSim } from '../../http/__tests__/support/sim-fixture';
import type { TelephonySessionEventBody } from '../../model/model-events';

const ALEX = '62264101';
const CALLER = '+442079460104';

/** The agent's simulated desk phone / RingCentral app: rings, answered, held, transferred and hung up. */
describe('desk phone (the agent’s other device)', () => {
  let sim: RcPlatformHandle;
  let sdk: SDK;
  let events: TelephonySessionEventBody[];

  beforeAll(async () => {
    sim = await startSim({ sip: undefined });
    sdk = await loginJwt(sim);
  });
  afterAll(async () => {
    await sim.stop();
  });
  beforeEach(async () => {
    await control(sim, 'POST', '/reset');
    events = [];
    sim.model.events.on('telephony', ({ extensionId, body }) => {
      if (extensionId === ALEX) events.push(body);
    });
    expect((await control(sim, 'PUT', `/desk-phones/${ALEX}`, { online: true })).status).toBe(200);
  });
  afterEach(async () => {
    await control(sim, 'PUT', `/desk-phones/${ALEX}`, { online: false });
  });

  const codes = (): string[] => events.map((e) => e.parties[0]?.status.code ?? '');
  const ring = async (): Promise<{ telephonySessionId: string; partyId: string }> => {
    const placed = await control<{ telephonySessionId: string; partyId: string }>(sim, 'POST', '/calls/inbound', {
      from: CALLER,
      toExtensionId: ALEX,
    });
    expect(placed.status).toBe(201);
    return placed.json;
  };
  const party = (tsid: string) => `/restapi/v1.0/account/~/telephony/sessions/${tsid}/parties`;

  it('rings with no web phone registered, and the agent party follows Setup → Proceeding → Answered → Hold → Disconnected', async () => {
    const { telephonySessionId, partyId } = await ring();
    expect(codes()).toContain('Proceeding');
    const ringing = events.at(-1)!;
    expect(ringing.parties[0]).toMatchObject({
      id: partyId,
      direction: 'Inbound',
      from: { phoneNumber: CALLER },
      to: { phoneNumber: '+16505550100' },
    });
    expect(ringing.sessionId).toBeTruthy();
    expect((await control(sim, 'GET', '/desk-phones')).json).toEqual({ online: [ALEX] });

    const answered = await control(sim, 'POST', `/calls/${telephonySessionId}/desk-phone`, { action: 'answer' });
    expect(answered.status).toBe(200);
    expect(codes().at(-1)).toBe('Answered');

    // The Call Control API holds and unholds the party on the desk phone (what the softphone sends).
    const held = await (await sdk.platform().post(`${party(telephonySessionId)}/${partyId}/hold`)).json();
    expect(held).toMatchObject({ id: partyId, status: { code: 'Hold' } });
    await sdk.platform().post(`${party(telephonySessionId)}/${partyId}/unhold`);
    const muted = await (await sdk.platform().patch(`${party(telephonySessionId)}/${partyId}`, { muted: true })).json();
    expect(muted).toMatchObject({ muted: true, status: { code: 'Answered' } });

    await sdk.platform().delete(`/restapi/v1.0/account/~/telephony/sessions/${telephonySessionId}`);
    expect(codes()).toEqual(expect.arrayContaining(['Hold', 'Answered', 'Disconnected']));
    const record = await eventually(() => sim.model.listCallLog(ALEX)[0]);
    expect(record).toMatchObject({ telephonySessionId, result: 'Accepted', direction: 'Inbound' });
  });

  it('the desk phone declining ends the call (Rejected); a command in the wrong state is a 409', async () => {
    const { telephonySessionId, partyId } = await ring();
    await expect(sdk.platform().post(`${party(telephonySessionId)}/${partyId}/hold`)).rejects.toThrow(/cannot hold/);
    expect((await control(sim, 'POST', `/calls/${telephonySessionId}/desk-phone`, { action: 'hangup' })).status).toBe(
      200,
    );
    expect(events.at(-1)?.parties[0]?.status).toMatchObject({ code: 'Disconnected' });
    expect(await eventually(() => sim.model.listCallLog(ALEX)[0])).toMatchObject({ result: 'Rejected' });
  });

  it('a blind transfer from the desk phone rings the target and the agent party leaves', async () => {
    await control(sim, 'PUT', '/desk-phones/62264102', { online: true });
    try {
      const { telephonySessionId, partyId } = await ring();
      await control(sim, 'POST', `/calls/${telephonySessionId}/desk-phone`, { action: 'answer' });
      await sdk.platform().post(`${party(telephonySessionId)}/${partyId}/transfer`, { extensionNumber: '102' });
      expect(events.at(-1)?.parties[0]?.status).toMatchObject({ code: 'Disconnected', reason: 'BlindTransfer' });
      const session = sim.model.getSession(telephonySessionId)!;
      expect(session.parties.find((p) => p.extensionId === '62264102')?.status.code).toBe('Proceeding');
      await control(sim, 'POST', `/calls/${telephonySessionId}/hangup`);
    } finally {
      await control(sim, 'PUT', '/desk-phones/62264102', { online: false });
    }
  });

  it('without a desk phone or a web phone nobody is reachable (480), and bad requests are refused', async () => {
    await control(sim, 'PUT', `/desk-phones/${ALEX}`, { online: false });
    expect((await control(sim, 'POST', '/calls/inbound', { from: CALLER, toExtensionId: ALEX })).status).toBe(480);
    expect((await control(sim, 'PUT', '/desk-phones/62264200', { online: true })).status).toBe(404);
    expect((await control(sim, 'PUT', `/desk-phones/${ALEX}`, { online: 'yes' })).status).toBe(400);
  });
});
