/**
 * Issue 10, "Calls that can be missed": the panel opens when a call rings, call waiting's "Hold and answer", and the
 * calls that arrived while the softphone was closed or starting (offered once, logged once).
 */
import { MemoryKeyValueStore } from '../../ports/key-value-store';
import type { CallHistoryRecord } from '../../ports/call-history-port';
import { mergeSettings, type Settings } from '../../settings/settings';
import { FakeClock, settle } from '../../__tests__/support/fake-clock';
import { FakeCrmGateway } from '../../__tests__/support/fake-crm-gateway';
import { FakeCtiHost } from '../../__tests__/support/fake-cti-host';
import { FakeTelephony } from '../../__tests__/support/fake-telephony';
import { ANN, DAN } from '../../__tests__/support/sample-world';
import { CallTransitionError } from '../../call/call-transition-error';
import { AWAY_MARKER_KEY } from '../flows/away-calls-flow';
import { SoftphoneEngine } from '../softphone-engine';
import { startEngine } from './engine-harness';

describe('the panel opens when a call rings', () => {
  it('asks the host to show the panel for an inbound call, after the lookup was sent', async () => {
    const { telephony, host, crm } = await startEngine();
    const before = host.log.length;
    telephony.ring({ from: '+16505550101' });
    await settle();
    expect(host.log.slice(before)).toContain('panel:true');
    expect(crm.count('matchNumbers')).toBe(1);
  });

  it("opens it after the pop, with the call's card: nothing of the panel goes to the console before the pop", async () => {
    const { engine, telephony, host } = await startEngine();
    const seen: string[][] = [];
    engine.subscribe(() => seen.push([...host.log]));
    const before = host.log.length;
    telephony.ring({ from: '+16505550101' });
    expect(host.log.slice(before)).toEqual([]);
    await settle();
    const sent = host.log.slice(before).filter((entry) => entry === 'screenPop' || entry === 'panel:true');
    expect(sent).toEqual(['screenPop', 'panel:true']);
    // The ringing call's first state was published before the panel was asked to open.
    expect(seen[0]).not.toContain('panel:true');
  });

  it("opens it at the hold's deadline when the lookup is slow, and pops once the answer is in", async () => {
    const { telephony, host, crm, clock } = await startEngine();
    crm.hold();
    const before = host.log.length;
    telephony.ring({ from: '+16505550101' });
    clock.advance(99);
    expect(host.log.slice(before)).not.toContain('panel:true');
    clock.advance(1);
    expect(host.log.slice(before)).toContain('panel:true');
    crm.release();
    await settle();
    expect(host.log.slice(before).filter((entry) => entry === 'panel:true' || entry === 'screenPop')).toEqual([
      'panel:true',
      'screenPop',
    ]);
  });

  it('leaves the panel alone for a call sent straight to voicemail while the agent is busy', async () => {
    const { engine, telephony, host } = await startEngine({ settings: { toVoicemailWhenBusy: true } });
    const first = telephony.ring({ from: '+16505550101' });
    await engine.answer(first);
    await settle();
    const before = host.log.length;
    telephony.ring({ from: '+16505550103' });
    await settle();
    expect(host.log.slice(before)).not.toContain('panel:true');
    expect(telephony.count('toVoicemail')).toBe(1);
  });
});

describe('call waiting: hold and answer', () => {
  it('holds the connected call, then answers the waiting one', async () => {
    const { engine, telephony } = await startEngine();
    const first = telephony.ring({ from: '+16505550101' });
    await engine.answer(first);
    const second = telephony.ring({ from: '+16505550103' });
    await settle();
    await engine.holdAndAnswer(second);
    await settle();
    expect(telephony.calls.map((c) => [c.method, c.args[0]])).toEqual([
      ['answer', first],
      ['hold', first],
      ['answer', second],
    ]);
    const states = Object.fromEntries(engine.getState().calls.map((c) => [c.call.callId, c.call.state]));
    expect(states).toEqual({ [first]: 'held', [second]: 'connected' });
  });

  it('answers nothing when the hold is refused (the waiting call keeps ringing)', async () => {
    const { engine, telephony } = await startEngine();
    const first = telephony.ring({ from: '+16505550101' });
    await engine.answer(first);
    const second = telephony.ring({ from: '+16505550103' });
    await settle();
    telephony.failNext = new Error('hold refused');
    await expect(engine.holdAndAnswer(second)).rejects.toThrow('hold refused');
    expect(telephony.count('answer')).toBe(1);
    expect(engine.getState().calls.find((c) => c.call.callId === second)?.call.state).toBe('ringing');
  });

  it('switches back to the held call: the connected one is held first', async () => {
    const { engine, telephony } = await startEngine();
    const first = telephony.ring({ from: '+16505550101' });
    await engine.answer(first);
    const second = telephony.ring({ from: '+16505550103' });
    await settle();
    await engine.holdAndAnswer(second);
    await engine.switchTo(first);
    await settle();
    expect(telephony.calls.slice(3).map((c) => [c.method, ...c.args])).toEqual([
      ['hold', second, true],
      ['hold', first, false],
    ]);
    const states = Object.fromEntries(engine.getState().calls.map((c) => [c.call.callId, c.call.state]));
    expect(states).toEqual({ [first]: 'connected', [second]: 'held' });
    await expect(engine.switchTo(first)).rejects.toBeInstanceOf(CallTransitionError);
  });

  it('refuses a call that is not ringing, holding nothing', async () => {
    const { engine, telephony } = await startEngine();
    const first = telephony.ring({ from: '+16505550101' });
    await engine.answer(first);
    await expect(engine.holdAndAnswer(first)).rejects.toBeInstanceOf(CallTransitionError);
    expect(telephony.count('hold')).toBe(0);
  });
});

describe('call waiting: ignore', () => {
  it('stops alerting for the waiting call (the telephony is told, nothing ends it) and logs it as missed when it ends', async () => {
    const { engine, telephony, host } = await startEngine();
    const first = telephony.ring({ from: '+16505550101' });
    await engine.answer(first);
    const second = telephony.ring({ from: '+16505550103' });
    await settle();
    expect(host.activity).toBe('ringing');

    await engine.ignore(second);
    await settle();
    expect(telephony.calls.map((c) => [c.method, c.args[0]])).toEqual([
      ['answer', first],
      ['ignore', second],
    ]);
    const view = () => engine.getState().calls.find((c) => c.call.callId === second);
    expect(view()).toMatchObject({ ignored: true, call: { state: 'ringing' } });
    expect(engine.getState().activeCallId).toBe(first);
    expect(host.activity).toBe('on-call'); // the utility item no longer says "ringing"

    telephony.end(second, 'missed'); // the caller gives up
    await settle();
    expect(view()).toMatchObject({ call: { state: 'ended', endReason: 'missed' } });
    await engine.saveLog(second);
    expect(engine.getState().calls.some((c) => c.call.callId === second)).toBe(false);
  });

  it('refuses a call that is not ringing, and marks nothing when the telephony refuses', async () => {
    const { engine, telephony } = await startEngine();
    const first = telephony.ring({ from: '+16505550101' });
    await engine.answer(first);
    await expect(engine.ignore(first)).rejects.toBeInstanceOf(CallTransitionError);
    const second = telephony.ring({ from: '+16505550103' });
    await settle();
    telephony.failNext = new Error('gone');
    await expect(engine.ignore(second)).rejects.toThrow('gone');
    expect(engine.getState().calls.find((c) => c.call.callId === second)?.ignored).toBe(false);
    expect(telephony.count('ignore')).toBe(1);
  });
});

describe('calls that arrived while the softphone was closed', () => {
  const t0 = Date.parse('2026-11-21T10:00:00.000Z');

  function record(id: string, at: number, partial: Partial<CallHistoryRecord> = {}): CallHistoryRecord {
    return {
      id: `cl-${id}`,
      telephonySessionId: `s-${id}`,
      sessionId: id,
      direction: 'Inbound',
      startTime: new Date(at).toISOString(),
      duration: 0,
      result: 'Missed',
      from: { phoneNumber: '+16505550101', name: 'LEE ANN' },
      to: { phoneNumber: '+16505550100' },
      recording: null,
      ...partial,
    };
  }

  /** A world that outlives engines: the store (the browser), the org (Tasks) and the RingCentral call log. */
  function world(settings: Partial<Settings> = {}) {
    const clock = new FakeClock(t0);
    const store = new MemoryKeyValueStore();
    const crm = new FakeCrmGateway();
    crm.settings = mergeSettings(settings);
    crm.setMatches('+16505550101', [ANN]);
    crm.setMatches('+16505550103', [DAN]);
    const callLog: CallHistoryRecord[] = [];
    let lists = 0;
    const history = {
      list: async () => {
        lists += 1;
        return [...callLog];
      },
    };
    const engines: SoftphoneEngine[] = [];
    /** Opens the softphone (a new page) and registers its web phone. */
    async function open() {
      const telephony = new FakeTelephony();
      const host = new FakeCtiHost();
      const engine = new SoftphoneEngine({ telephony, host, crm, store, clock, history });
      engines.push(engine);
      await engine.start();
      telephony.setStatus({ state: 'registered' });
      await settle();
      return { engine, telephony, host };
    }
    return { clock, store, crm, callLog, open, engines, lists: () => lists };
  }

  it('offers nothing at an agent’s very first start, only sets the marker', async () => {
    const w = world();
    w.callLog.push(record('old', t0 - 3_600_000));
    const { engine } = await w.open();
    expect(engine.getState().calls).toEqual([]);
    expect(JSON.parse(w.store.get(AWAY_MARKER_KEY) ?? 'null')).toMatchObject({ activeAt: t0 });
  });

  it('offers a call missed while closed as a log form, once, and saves one Task', async () => {
    const w = world();
    const first = await w.open();
    first.engine.dispose();
    w.clock.advance(3_600_000); // the softphone is closed for an hour
    w.callLog.push(record('away', w.clock.now() - 600_000));
    w.callLog.push(record('outbound', w.clock.now() - 500_000, { direction: 'Outbound' }));
    w.callLog.push(record('before', t0 - 3_600_000)); // before the softphone was last active

    const second = await w.open();
    const offered = second.engine.getState().calls;
    expect(offered.map((c) => [c.call.callId, c.call.state, c.fromHistory, c.form.whoId])).toEqual([
      ['history:s-away', 'ended', true, ANN.id],
    ]);
    expect(second.engine.getState().notices.map((n) => n.code)).toContain('AWAY_CALLS');
    expect(second.host.pops).toEqual([]); // a past call never pops
    const saved = await second.engine.saveLog('history:s-away');
    expect(saved.ok).toBe(true);
    expect(w.crm.tasks.get('s-away')?.log).toMatchObject({ whoId: ANN.id, result: 'Missed' });
    second.engine.dispose();

    const third = await w.open();
    expect(third.engine.getState().calls).toEqual([]);
    expect([...w.crm.tasks.keys()]).toEqual(['s-away']);
  });

  it('does not offer calls the softphone rang, nor calls already logged, nor calls already open', async () => {
    const w = world();
    const first = await w.open();
    const rang = first.telephony.ring({ from: '+16505550103', telephonySessionId: 's-rang' });
    await settle();
    await first.engine.decline(rang);
    first.engine.discardDraft(rang); // "Don't log"
    await settle();
    first.engine.dispose();
    w.clock.advance(60_000);
    w.callLog.push(record('rang', w.clock.now() - 50_000, { from: { phoneNumber: '+16505550103' } }));
    w.callLog.push(record('logged', w.clock.now() - 40_000));
    w.crm.tasks.set('s-logged', {
      id: '00T000000000000042',
      log: { subject: 'x', whoId: null, whatId: null } as never,
      revision: null,
    });

    const second = await w.open();
    expect(second.engine.getState().calls).toEqual([]);
  });

  it('logs an offered call automatically after the countdown when automatic logging is on', async () => {
    const w = world({ autoLog: true, autoLogDelaySeconds: 5 });
    (await w.open()).engine.dispose();
    w.clock.advance(600_000);
    w.callLog.push(record('auto', w.clock.now() - 60_000));
    const { engine } = await w.open();
    expect(engine.getState().calls[0]?.autoLogAt).toBe(w.clock.now() + 5_000);
    w.clock.advance(5_000);
    await settle();
    expect(w.crm.tasks.get('s-auto')?.log).toMatchObject({ whoId: ANN.id });
    expect(engine.getState().calls).toEqual([]);
  });

  it('keeps the marker current while the softphone sits idle and registered (heartbeat)', async () => {
    const w = world();
    const { engine } = await w.open();
    w.clock.advance(95_000);
    expect(JSON.parse(w.store.get(AWAY_MARKER_KEY) ?? 'null')).toMatchObject({ activeAt: t0 + 90_000 });
    engine.dispose();
    w.clock.advance(60_000);
    expect(JSON.parse(w.store.get(AWAY_MARKER_KEY) ?? 'null')).toMatchObject({ activeAt: t0 + 90_000 });
  });

  it('keeps the marker when the call log cannot be read, and offers the call at the next start', async () => {
    const w = world();
    (await w.open()).engine.dispose();
    const marker = w.store.get(AWAY_MARKER_KEY);
    w.clock.advance(600_000);
    w.callLog.push(record('later', w.clock.now() - 60_000));
    const telephony = new FakeTelephony();
    const engine = new SoftphoneEngine({
      telephony,
      host: new FakeCtiHost(),
      crm: w.crm,
      store: w.store,
      clock: w.clock,
      history: { list: () => Promise.reject(new Error('CMN-201')) }, // the call-log read fails
    });
    await engine.start();
    telephony.setStatus({ state: 'registered' });
    await settle();
    expect(engine.getState().notices.map((n) => n.code)).toContain('AWAY_CALLS_FAILED');
    expect(w.store.get(AWAY_MARKER_KEY)).toBe(marker);
    engine.dispose();
    const next = await w.open();
    expect(next.engine.getState().calls.map((c) => c.call.callId)).toEqual(['history:s-later']);
  });
});

describe('screen pops of an unknown caller and the placeholder', () => {
  it('pops the placeholder in place of the new-record form the no-match pop opened (no second record there)', async () => {
    const { engine, telephony, host } = await startEngine();
    const callId = telephony.ring({ from: '+16505550199', name: 'WIRELESS CALLER' });
    await settle();
    expect(host.pops).toEqual([
      { kind: 'newRecord', entityName: 'Contact', defaultFieldValues: { Phone: '+16505550199' } },
    ]);
    await engine.answer(callId);
    await engine.hangup(callId);
    const record = await engine.createPlaceholder(callId, { name: 'Jane Roe' });
    expect(host.pops.slice(1)).toEqual([{ kind: 'record', recordId: record.id }]);
  });

  it('pops the placeholder in place of the search page (noMatchPop = search)', async () => {
    const { engine, telephony, host } = await startEngine({ settings: { noMatchPop: 'search' } });
    const callId = telephony.ring({ from: '+16505550199' });
    await settle();
    expect(host.pops).toEqual([{ kind: 'search', searchString: '6505550199' }]);
    const record = await engine.createPlaceholder(callId, { name: 'Jane Roe' });
    expect(host.pops.slice(1)).toEqual([{ kind: 'record', recordId: record.id }]);
  });

  it('pops nothing for the placeholder when nothing popped for the caller (noMatchPop = none)', async () => {
    const { engine, telephony, host } = await startEngine({ settings: { noMatchPop: 'none' } });
    const callId = telephony.ring({ from: '+16505550199' });
    await settle();
    await engine.createPlaceholder(callId, { name: 'Jane Roe' });
    expect(host.pops).toEqual([]);
  });

  it('with the pop at answer, no new-record form opens while the phone rings', async () => {
    const { engine, telephony, host } = await startEngine({ settings: { inboundPop: 'answer' } });
    const callId = telephony.ring({ from: '+16505550199' });
    await settle();
    expect(host.pops).toEqual([]);
    await engine.answer(callId);
    await settle();
    expect(host.pops).toEqual([
      { kind: 'newRecord', entityName: 'Contact', defaultFieldValues: { Phone: '+16505550199' } },
    ]);
  });

  it('several matches pop the search page when multipleMatchPop = search, and the agent still chooses', async () => {
    const { engine, telephony, host } = await startEngine({ settings: { multipleMatchPop: 'search' } });
    const callId = telephony.ring({ from: '+16505550102' });
    await settle();
    expect(host.pops).toEqual([{ kind: 'search', searchString: '6505550102' }]);
    const matches = engine.getState().calls[0]?.matches ?? [];
    expect(matches).toHaveLength(2);
    await engine.chooseRecord(callId, matches[1]!.id);
    expect(host.pops.slice(1)).toEqual([{ kind: 'record', recordId: matches[1]!.id }]);
  });
});
