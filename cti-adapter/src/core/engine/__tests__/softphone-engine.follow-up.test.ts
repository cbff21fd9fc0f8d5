import { settle } from '../../__tests__/support/fake-clock';
import type { SoftphoneEngine } from '../softphone-engine';
import type { FollowUpForm } from '../../call-log/call-log-form';
import { startEngine, viewOf } from './engine-harness';

/** Issue 15 (seed `003_50ccaf370a5819aa.txt`, "Call Report"): the follow-up Task of a call log, ADR 0033. */
const SAM = { ownerId: '005000000000002AAA', ownerName: 'Sam Supervisor' };
const followUp = (partial: Partial<FollowUpForm> = {}): FollowUpForm => ({
  subject: null,
  ...SAM,
  dueDate: '2026-11-23',
  ...partial,
});
const notices = (engine: SoftphoneEngine) => engine.getState().notices.filter((n) => n.code === 'FOLLOW_UP_FAILED');

describe('SoftphoneEngine — the follow-up Task of a call log (issue 15)', () => {
  it('sends the follow-up of the form inside the agent’s log, and keeps it in the draft across a reload', async () => {
    const { engine, telephony, crm, store, clock } = await startEngine();
    const callId = telephony.ring({ from: '+16505550101' });
    await engine.answer(callId);
    telephony.end(callId, 'remote-hangup');
    engine.updateLogForm(callId, { followUp: followUp({ subject: 'Send the quote' }) });
    const stored = JSON.parse(store.get(`softphone.draft.${callId}`) ?? '{}') as { form: { followUp: unknown } };
    expect(stored.form.followUp).toEqual(followUp({ subject: 'Send the quote' }));
    // A reload (a new engine over the same store) finds it in the draft.
    const reloaded = await startEngine({ store, clock, crm });
    expect(viewOf(reloaded.engine, callId).form.followUp).toEqual(followUp({ subject: 'Send the quote' }));
    expect(await reloaded.engine.saveLog(callId)).toMatchObject({ ok: true });
    expect(crm.upsertBatches().at(-1)?.[0]?.followUp).toEqual({
      subject: 'Send the quote',
      ownerId: SAM.ownerId,
      dueDate: '2026-11-23',
    });
  });

  it('adding a follow-up stops the auto-log countdown; an incomplete one is refused on Save, never saved without it', async () => {
    const { engine, telephony, crm, clock } = await startEngine({
      settings: { autoLog: true, autoLogDelaySeconds: 10 },
    });
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    telephony.end(callId, 'missed');
    await settle();
    expect(viewOf(engine, callId).autoLogAt).not.toBeNull();
    engine.updateLogForm(callId, { followUp: followUp({ ownerId: null, ownerName: null }) });
    expect(viewOf(engine, callId).autoLogAt).toBeNull();
    clock.advance(60_000);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(0);
    const refused = await engine.saveLog(callId);
    expect(refused).toMatchObject({ ok: false, validation: [{ field: 'followUp.ownerId', code: 'REQUIRED' }] });
    expect(crm.count('upsertCallLogs')).toBe(0);
    engine.updateLogForm(callId, { followUp: followUp() });
    expect(await engine.saveLog(callId)).toMatchObject({ ok: true });
    expect(crm.upsertBatches()[0]?.[0]).toMatchObject({ source: 'agent', followUp: { ownerId: SAM.ownerId } });
  });

  it('a follow-up refused alone: the call is logged, the form keeps it with the message, saved again once changed', async () => {
    const { engine, telephony, crm } = await startEngine();
    const callId = telephony.ring({ from: '+16505550101' });
    await engine.answer(callId);
    telephony.end(callId, 'remote-hangup');
    engine.updateLogForm(callId, { followUp: followUp() });
    crm.refuseFollowUps({
      code: 'INVALID_INPUT',
      reason: 'Sam Supervisor is not active.',
      field: 'logs[0].followUp.ownerId',
    });
    expect(await engine.saveLog(callId)).toMatchObject({ ok: false, willRetry: false });
    const view = viewOf(engine, callId);
    expect(view).toMatchObject({ logStatus: 'failed', form: { followUp: followUp() } });
    expect(view.logError?.message).toBe(
      'The call is logged, but its follow-up task could not be saved: Sam Supervisor is not active.',
    );
    // The notice does not say the call log could not be saved: it was.
    expect(notices(engine).map((n) => n.message)).toEqual([
      'The call is logged, but its follow-up task could not be saved: Sam Supervisor is not active. Open the call and save it again.',
    ]);
    crm.refuseFollowUps(null);
    engine.updateLogForm(callId, { followUp: followUp({ ownerId: '005000000000001AAA', ownerName: 'Alex Agent' }) });
    expect(await engine.saveLog(callId)).toMatchObject({ ok: true });
    expect(crm.tasks.size).toBe(1);
    expect(engine.getState().calls).toHaveLength(0);
  });
  it('tells a follow-up refused alone by the call Task the server names, not by its words (a translated message)', async () => {
    const { engine, telephony, crm } = await startEngine();
    const callId = telephony.ring({ from: '+16505550101' });
    await engine.answer(callId);
    telephony.end(callId, 'remote-hangup');
    engine.updateLogForm(callId, { followUp: followUp() });
    // The server's messages are Custom Labels (issue 16): in French the English prefix is gone.
    const french =
      "L'appel est enregistré, mais sa tâche de suivi n'a pas pu être enregistrée : Sam Supervisor est inactif.";
    crm.refuseFollowUps({ code: 'INVALID_INPUT', reason: '', message: french, field: 'logs[0].followUp.ownerId' });
    expect(await engine.saveLog(callId)).toMatchObject({ ok: false, willRetry: false });
    expect(notices(engine)).toEqual([
      expect.objectContaining({ code: 'FOLLOW_UP_FAILED', message: `${french} Open the call and save it again.` }),
    ]);
    expect(engine.getState().notices.filter((n) => n.code.startsWith('LOG_FAILED'))).toEqual([]);
  });

  it('a log with a follow-up refused with no call Task saved is a failed call log, whatever its message says', async () => {
    const { engine, telephony, crm } = await startEngine();
    const callId = telephony.ring({ from: '+16505550101' });
    await engine.answer(callId);
    telephony.end(callId, 'remote-hangup');
    engine.updateLogForm(callId, { followUp: followUp() });
    // A row without the call's Task: nothing was written, even if the words look like a follow-up's failure.
    jest.spyOn(crm, 'upsertCallLogs').mockImplementation((logs) =>
      Promise.resolve(
        logs.map((l) => ({
          telephonySessionId: l.telephonySessionId,
          ok: false as const,
          error: { code: 'NO_ACCESS', message: 'The call is logged, but not by you.', field: null },
        })),
      ),
    );
    expect(await engine.saveLog(callId)).toMatchObject({ ok: false, willRetry: false });
    expect(notices(engine)).toEqual([]);
    expect(engine.getState().notices.map((n) => n.code)).toEqual(['LOG_FAILED']);
  });
});
