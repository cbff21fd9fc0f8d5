import { FakeCrmGateway } from '../../core/__tests__/support/fake-crm-gateway';
import { FakeCtiHost } from '../../core/__tests__/support/fake-cti-host';
import type { EndReason } from '../../core/call/call-state';
import { SoftphoneEngine } from '../../core/engine/softphone-engine';
import { MemoryKeyValueStore } from '../../core/ports/key-value-store';
import { flush } from './support/fake-clock';
import { sipMessage, type FakeCallSession } from './support/fake-web-phone';
import { ringInbound, setup } from './support/telephony-fixture';

// One state model: the core engine over the real RingCentral telephony adapter (fake web phone underneath).
// The core owns each call's state and the end reason the agent asked for; the adapter reports protocol facts, which
// decide the reason only where the core has no intent (remote BYE, Cmd 7, final responses, transport loss, the
// consult call of a warm transfer).

async function engineOverTelephony() {
  const ctx = setup();
  const engine = new SoftphoneEngine({
    telephony: ctx.telephony,
    host: new FakeCtiHost(),
    crm: new FakeCrmGateway(),
    store: new MemoryKeyValueStore(),
    clock: ctx.clock,
  });
  await engine.start();
  await ctx.telephony.start();
  await flush();
  expect(engine.getState().telephony).toEqual({ state: 'registered' });
  /** The end reason the core recorded for `callId` (null while live). */
  const coreEnd = (callId: string): EndReason | null | undefined =>
    engine.getState().calls.find((v) => v.call.callId === callId)?.call.endReason;
  /** The end reason the adapter reported for `callId`. */
  const adapterEnd = (callId: string): EndReason | undefined =>
    ctx.ofType('ended').find((e) => e.callId === callId)?.reason;
  return { ...ctx, engine, coreEnd, adapterEnd };
}

async function answeredInbound(ctx: Awaited<ReturnType<typeof engineOverTelephony>>): Promise<FakeCallSession> {
  const session = ringInbound(ctx.phone());
  await flush();
  await ctx.engine.answer('call-in-1');
  expect(ctx.engine.getState().calls[0]?.call.state).toBe('connected');
  return session;
}

describe('engine over RingCentralTelephony: who decides the end reason', () => {
  it('the remote side hangs up: no intent in the core, the adapter reports the remote BYE as remote-hangup', async () => {
    const ctx = await engineOverTelephony();
    const session = await answeredInbound(ctx);
    session.dispose(); // the far end's BYE
    expect(ctx.adapterEnd('call-in-1')).toBe('remote-hangup');
    expect(ctx.coreEnd('call-in-1')).toBe('remote-hangup');
  });

  it('the agent hangs up: BYE sent, both say hangup', async () => {
    const ctx = await engineOverTelephony();
    const session = await answeredInbound(ctx);
    await ctx.engine.hangup('call-in-1');
    expect(session.actions).toEqual(['answer', 'hangup']);
    session.dispose();
    expect(ctx.adapterEnd('call-in-1')).toBe('hangup');
    expect(ctx.coreEnd('call-in-1')).toBe('hangup');
  });

  it('the core intent wins: the agent hung up, then the socket closed before the call was over', async () => {
    const ctx = await engineOverTelephony();
    await answeredInbound(ctx);
    await ctx.engine.hangup('call-in-1');
    ctx.phone().sipClient.wsc?.drop();
    expect(ctx.adapterEnd('call-in-1')).toBe('lost');
    expect(ctx.coreEnd('call-in-1')).toBe('hangup');
  });

  it('transport loss without an intent ends the call as lost in the core', async () => {
    const ctx = await engineOverTelephony();
    await answeredInbound(ctx);
    ctx.phone().sipClient.wsc?.drop();
    expect(ctx.adapterEnd('call-in-1')).toBe('lost');
    expect(ctx.coreEnd('call-in-1')).toBe('lost');
    expect(ctx.engine.getState().telephony).toMatchObject({ state: 'unavailable', reason: 'network' });
  });

  it('decline: declined in the core (its intent) and in the adapter (the Cmd 12 it sent); nothing of the call stays in the adapter', async () => {
    const ctx = await engineOverTelephony();
    const session = ringInbound(ctx.phone());
    await flush();
    await ctx.engine.decline('call-in-1');
    expect(session.actions).toEqual(['decline']);
    expect(ctx.coreEnd('call-in-1')).toBeNull(); // live until the platform's CANCEL
    session.dispose();
    expect(ctx.coreEnd('call-in-1')).toBe('declined');
    expect(ctx.adapterEnd('call-in-1')).toBe('declined');
    await expect(ctx.telephony.answer('call-in-1')).rejects.toThrow(/Unknown or ended call/);
  });

  it.each([
    ['the caller gives up', 'missed', null],
    ['another device answers (MESSAGE Cmd 7)', 'answered-elsewhere', '<Msg><Hdr Cmd="7"/><Bdy Cln="802264101"/></Msg>'],
  ] as const)('ringing, %s: the platform fact decides, %s in both', async (_, reason, cmd7) => {
    const ctx = await engineOverTelephony();
    const session = ringInbound(ctx.phone());
    await flush();
    if (cmd7) session.emit('inboundMessage', sipMessage('MESSAGE sip:802264101@sip.ringcentral.com SIP/2.0', {}, cmd7));
    session.dispose();
    expect(ctx.coreEnd('call-in-1')).toBe(reason);
    expect(ctx.adapterEnd('call-in-1')).toBe(reason);
  });

  it('outbound: a 486 is busy; hanging up before the 183 is cancelled in both', async () => {
    const ctx = await engineOverTelephony();
    const busy = await ctx.engine.dial('+16505550101');
    const busySession = ctx.phone().callSessions[0];
    busySession?.emit('failed', 'SIP/2.0 486 Busy Here');
    busySession?.dispose();
    expect(ctx.coreEnd(busy.callId)).toBe('busy');

    const cancelled = await ctx.engine.dial('+16505550101');
    const session = ctx.phone().callSessions.find((s) => s.callId === cancelled.callId);
    if (!session) throw new Error('no session');
    await ctx.engine.hangup(cancelled.callId);
    session.remotePeer = '<sip:+16505550101@sip.ringcentral.com>;tag=t';
    session.emit('ringing'); // the 183: the CANCEL leaves now
    expect(session.actions).toEqual(['cancel']);
    session.emit('failed', 'SIP/2.0 487 Request Terminated');
    session.dispose();
    expect(ctx.adapterEnd(cancelled.callId)).toBe('cancelled');
    expect(ctx.coreEnd(cancelled.callId)).toBe('cancelled');
  });

  it('warm transfer: the core has an intent for the transferred call only; the consult call ends as transferred from the REFER the adapter sent', async () => {
    const ctx = await engineOverTelephony();
    const session = await answeredInbound(ctx);
    const { consultCallId } = await ctx.engine.warmTransfer('call-in-1', '102');
    const consult = ctx.phone().callSessions.find((s) => s.callId === consultCallId);
    if (!consult) throw new Error('consult session missing');
    consult.emit('answered');
    await ctx.engine.completeWarmTransfer('call-in-1', consultCallId);
    session.dispose();
    consult.dispose();
    expect(ctx.coreEnd('call-in-1')).toBe('transferred');
    expect(ctx.coreEnd(consultCallId)).toBe('transferred');
    expect(ctx.adapterEnd(consultCallId)).toBe('transferred');
  });
});
