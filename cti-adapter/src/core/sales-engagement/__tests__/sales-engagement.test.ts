import { settle } from '../../__tests__/support/fake-clock';
import { ANN, DAN } from '../../__tests__/support/sample-world';
import { startEngine, viewOf, type EngineHarness } from '../../engine/__tests__/engine-harness';
import type {
  SalesEngagementCompletion,
  SalesEngagementPort,
  SalesEngagementWorkStart,
} from '../../ports/sales-engagement-port';
import type { Settings } from '../../settings/settings';
import { buildCallLog } from '../../call-log/build-call-log';
import { EMPTY_FORM } from '../../call-log/call-log-form';
import { callDraftFixture } from '../../__tests__/support/call-draft-fixture';
import { MANDATORY_FIELDS_MESSAGE, awaitsSalesEngagementStep, dispositionApplies } from '../sales-engagement';
import { MANUAL_SAVE_MESSAGE, SalesEngagementFlow } from '../sales-engagement-flow';

// Issue 16, Sales Engagement: the seed's rules (`004_7d3109e70c064dca.txt`, "When does the Cadence move to the next
// step with RingCentral for Salesforce integration?") over the engine and the Sales Engagement flow.

/** The host's work queue: the test starts work items; completions are recorded (or refused with `fail`). */
class FakeWorkQueue implements SalesEngagementPort {
  listener: ((work: SalesEngagementWorkStart) => void) | null = null;
  readonly completions: { workId: string; completion: SalesEngagementCompletion }[] = [];
  fail: Error | null = null;

  onWorkStart(listener: (work: SalesEngagementWorkStart) => void): Promise<() => void> {
    this.listener = listener;
    return Promise.resolve(() => (this.listener = null));
  }

  completeWork(workId: string, completion: SalesEngagementCompletion): Promise<void> {
    if (this.fail) return Promise.reject(this.fail);
    this.completions.push({ workId, completion });
    return Promise.resolve();
  }

  start(workId: string, to: string): void {
    if (!this.listener) throw new Error('no work start listener');
    this.listener({ workId, completeWorkWhen: 'TaskSaved', to });
  }
}

const HVS: Partial<Settings> = { hvsMode: true, hvsDispositionField: 'hvs_disposition__c' };

async function start(settings: Partial<Settings> = {}): Promise<EngineHarness & { queue: FakeWorkQueue }> {
  const harness = await startEngine({ settings: { ...HVS, ...settings } });
  const queue = new FakeWorkQueue();
  await new SalesEngagementFlow({ engine: harness.engine, port: queue, clock: harness.clock }).start();
  return { ...harness, queue };
}

/** The work queue's Call: the work start, then the click-to-dial of its number (Ann Lee's record). */
async function callFromQueue(h: EngineHarness & { queue: FakeWorkQueue }, workId: string): Promise<string> {
  h.queue.start(workId, '(650) 555-0101');
  h.host.click({ number: '(650) 555-0101', recordId: ANN.id, recordName: ANN.name, objectType: 'Contact' });
  await settle();
  const view = h.engine.getState().calls.find((c) => c.salesEngagement?.workId === workId);
  if (!view) throw new Error(`no call linked to ${workId}`);
  return view.call.callId;
}

async function talkAndHangUp(h: EngineHarness, callId: string): Promise<void> {
  h.telephony.emit('answered', { callId });
  await h.engine.hangup(callId);
  await settle();
}

describe('Sales Engagement — the call of a work item', () => {
  it('links the work start to the click-to-dial call of its number, whichever comes first', async () => {
    const h = await start();
    const first = await callFromQueue(h, '0Zx000000000001AAA');
    expect(viewOf(h.engine, first).salesEngagement).toEqual({ workId: '0Zx000000000001AAA', completed: false });
    await talkAndHangUp(h, first);
    // The click-to-dial first, then the work start.
    h.host.click({ number: '650-555-0103', recordId: DAN.id, recordName: DAN.name, objectType: 'Contact' });
    await settle();
    h.queue.start('0Zx000000000002AAA', '+16505550103');
    await settle();
    const second = h.engine.getState().calls.find((c) => c.call.remoteNumber === '+16505550103');
    expect(second?.salesEngagement).toEqual({ workId: '0Zx000000000002AAA', completed: false });
  });

  it('a dial that is not the work item (another number) stays a plain call; a work start whose call never comes is dropped', async () => {
    const h = await start();
    h.queue.start('0Zx000000000003AAA', '+16505550199');
    await h.engine.dial('+16505550103');
    await settle();
    expect(h.engine.getState().calls[0]?.salesEngagement).toBeNull();
    h.clock.advance(60_000);
    await h.engine.dial('+16505550199');
    await settle();
    const late = h.engine.getState().calls.find((c) => c.call.remoteNumber === '+16505550199');
    expect(late?.salesEngagement).toBeNull();
  });
});

describe('Sales Engagement — mandatory disposition', () => {
  it('a save without the disposition is refused with "Mandatory fields are required": no Task, the step stays', async () => {
    const h = await start({ dispositionsMandatory: true });
    const callId = await callFromQueue(h, '0Zx000000000001AAA');
    await talkAndHangUp(h, callId);
    const refused = await h.engine.saveLog(callId);
    expect(refused).toMatchObject({ ok: false, validation: [{ field: 'disposition', code: 'REQUIRED' }] });
    expect(h.engine.getState().notices.map((n) => n.message)).toContain(MANDATORY_FIELDS_MESSAGE);
    expect(h.crm.count('upsertCallLogs')).toBe(0);
    expect(h.queue.completions).toEqual([]);
  });

  it('with the disposition: the Task is saved and completeWork gets {disposition, taskId, wasConnected}', async () => {
    const h = await start({ dispositionsMandatory: true });
    const callId = await callFromQueue(h, '0Zx000000000001AAA');
    await talkAndHangUp(h, callId);
    h.engine.updateLogForm(callId, { disposition: 'Meaningful Connect' });
    const saved = await h.engine.saveLog(callId);
    await settle();
    expect(saved.ok).toBe(true);
    const task = h.crm.tasks.get(`s-${callId}`);
    expect(task?.log.disposition).toBe('Meaningful Connect');
    expect(h.queue.completions).toEqual([
      {
        workId: '0Zx000000000001AAA',
        completion: { disposition: 'Meaningful Connect', taskId: task?.id, wasConnected: true },
      },
    ]);
  });

  it('with automatic logging: no Task at the end, the call waits in Unresolved for its disposition', async () => {
    const h = await start({ dispositionsMandatory: true, autoLog: true, autoLogDelaySeconds: 5 });
    const callId = await callFromQueue(h, '0Zx000000000001AAA');
    await talkAndHangUp(h, callId);
    h.clock.advance(10_000);
    await settle();
    expect(h.crm.count('upsertCallLogs')).toBe(0);
    expect(viewOf(h.engine, callId).conflict).toBe('disposition-required');
    expect(h.queue.completions).toEqual([]);
  });
});

describe('Sales Engagement — disposition not mandatory', () => {
  it('saved with a disposition: the Task is logged and the step completes, once', async () => {
    const h = await start();
    const callId = await callFromQueue(h, '0Zx000000000001AAA');
    h.telephony.end(callId, 'remote-hangup'); // nobody answered
    await settle();
    h.engine.updateLogForm(callId, { disposition: 'Left Voicemail' });
    // Two Saves at once (a double click): one Task, one completion.
    await Promise.all([h.engine.saveLog(callId), h.engine.saveLog(callId)]);
    await settle();
    expect(h.queue.completions).toHaveLength(1);
    expect(h.queue.completions[0]?.completion).toMatchObject({ disposition: 'Left Voicemail', wasConnected: false });
  });

  it('saved without a disposition: the Task is logged, no completeWork (the step stays)', async () => {
    const h = await start();
    const callId = await callFromQueue(h, '0Zx000000000001AAA');
    await talkAndHangUp(h, callId);
    expect((await h.engine.saveLog(callId)).ok).toBe(true);
    await settle();
    expect(h.crm.count('upsertCallLogs')).toBe(1);
    expect(h.queue.completions).toEqual([]);
  });

  it('automatic logging without a disposition: the Task is saved, the log stays open for the disposition, then completes', async () => {
    const h = await start({ autoLog: true, autoLogDelaySeconds: 5 });
    const callId = await callFromQueue(h, '0Zx000000000001AAA');
    await talkAndHangUp(h, callId);
    h.clock.advance(10_000);
    await settle();
    const view = viewOf(h.engine, callId);
    expect(view.taskId).not.toBeNull();
    expect(awaitsSalesEngagementStep(view)).toBe(true);
    expect(h.queue.completions).toEqual([]);
    h.engine.updateLogForm(callId, { disposition: 'Call Back Later' });
    await h.engine.saveLog(callId);
    await settle();
    expect(h.queue.completions.map((c) => c.completion.disposition)).toEqual(['Call Back Later']);
    expect(h.engine.getState().calls.some((c) => c.call.callId === callId)).toBe(false);
  });

  it('a disposition chosen during the call: the save after its end completes the step', async () => {
    const h = await start({ autoLog: true, autoLogDelaySeconds: 5 });
    const callId = await callFromQueue(h, '0Zx000000000001AAA');
    h.telephony.emit('answered', { callId });
    await settle();
    // The disposition of a live call is chosen through the form; the edit cancels the countdown as any edit does.
    h.engine.updateLogForm(callId, { disposition: 'Meaningful Connect' });
    await h.engine.hangup(callId);
    await settle();
    await h.engine.saveLog(callId);
    await settle();
    expect(h.queue.completions.map((c) => c.completion.disposition)).toEqual(['Meaningful Connect']);
  });
});

describe('Sales Engagement — several calls', () => {
  it('a new call while a Sales Engagement log is open: that log is not saved automatically and the agent is told', async () => {
    const h = await start({ autoLog: true, autoLogDelaySeconds: 30 });
    const callId = await callFromQueue(h, '0Zx000000000001AAA');
    await talkAndHangUp(h, callId);
    expect(viewOf(h.engine, callId).autoLogAt).not.toBeNull(); // the countdown of the ended call runs
    const sent = h.crm.count('upsertCallLogs'); // the log saved on answer (autoLog without saveOnRinging)
    h.telephony.ring({ from: '+16505550103' });
    await settle();
    expect(h.engine.getState().notices.map((n) => n.message)).toContain(MANUAL_SAVE_MESSAGE);
    expect(viewOf(h.engine, callId).autoLogAt).toBeNull();
    h.clock.advance(60_000);
    await settle();
    expect(h.crm.count('upsertCallLogs')).toBe(sent);
    expect(h.queue.completions).toEqual([]);
  });

  it('several work items at once: each save completes its own work item', async () => {
    const h = await start();
    const first = await callFromQueue(h, '0Zx000000000001AAA');
    await talkAndHangUp(h, first);
    h.queue.start('0Zx000000000002AAA', '+16505550103');
    await h.engine.dial('+16505550103');
    await settle();
    const second = h.engine.getState().calls.find((c) => c.salesEngagement?.workId === '0Zx000000000002AAA');
    expect(second).toBeDefined();
    await talkAndHangUp(h, second!.call.callId);
    h.engine.updateLogForm(second!.call.callId, { disposition: 'Not Interested', whoId: DAN.id });
    h.engine.updateLogForm(first, { disposition: 'Unqualified' });
    await h.engine.saveLog(second!.call.callId);
    await h.engine.saveLog(first);
    await settle();
    expect(h.queue.completions.map((c) => [c.workId, c.completion.disposition])).toEqual([
      ['0Zx000000000002AAA', 'Not Interested'],
      ['0Zx000000000001AAA', 'Unqualified'],
    ]);
  });

  it('a completion the host refuses is told to the agent (the Task stays saved)', async () => {
    const h = await start();
    h.queue.fail = new Error('SERVER_ERROR');
    const callId = await callFromQueue(h, '0Zx000000000001AAA');
    await talkAndHangUp(h, callId);
    h.engine.updateLogForm(callId, { disposition: 'Meaningful Connect' });
    expect((await h.engine.saveLog(callId)).ok).toBe(true);
    await settle();
    expect(h.engine.getState().notices.map((n) => n.code)).toContain('SALES_ENGAGEMENT_STEP_FAILED');
  });
});

describe('Sales Engagement mode — calls not started from the work queue', () => {
  it('have no disposition: a mandatory disposition does not block them and none is sent', async () => {
    const h = await start({ dispositionsMandatory: true });
    await h.engine.dial('+16505550101');
    await settle();
    const callId = h.engine.getState().calls[0]!.call.callId;
    h.engine.updateLogForm(callId, { disposition: 'Meaningful Connect', whoId: ANN.id });
    await talkAndHangUp(h, callId);
    expect((await h.engine.saveLog(callId)).ok).toBe(true);
    expect(h.crm.tasks.get(`s-${callId}`)?.log.disposition).toBeNull();
    expect(h.queue.completions).toEqual([]);
  });

  it('dispositionApplies: always outside Sales Engagement mode, only for work-queue calls in it', () => {
    expect(dispositionApplies({ hvsMode: false }, null)).toBe(true);
    expect(dispositionApplies({ hvsMode: true }, null)).toBe(false);
    expect(dispositionApplies({ hvsMode: true }, { workId: 'w', completed: false })).toBe(true);
  });

  it('buildCallLog drops the disposition of a call that is not a work item in Sales Engagement mode', () => {
    const draft = callDraftFixture({ callId: 'c-1', telephonySessionId: 's-c-1' });
    const settings = {
      defaultRegion: 'US',
      dispositionsMandatory: true,
      dispositions: ['Left Voicemail'],
      logFields: [],
      hvsMode: true,
    };
    const form = { ...EMPTY_FORM, disposition: 'Left Voicemail', withoutRecord: true };
    const plain = buildCallLog({ call: draft.call, form, settings, source: 'agent' });
    expect(plain.ok && plain.log.disposition).toBeNull();
    const link = { workId: 'w', completed: false };
    const work = buildCallLog({ call: draft.call, form, settings, source: 'agent', salesEngagement: link });
    expect(work.ok && work.log.disposition).toBe('Left Voicemail');
  });
});
