import { settle } from '../../__tests__/support/fake-clock';
import { ACME_ID, ANN, GLOBEX } from '../../__tests__/support/sample-world';
import { startEngine, viewOf } from './engine-harness';

/**
 * The agent empties Name (Who) or Related To (What) on the log form: the agent's Save sends `""`, which clears the
 * Task's field, where `null` keeps the stored one (contract, `upsertCallLogs`, merge rules; vector
 * `upsert-agent-save-null-keeps-empty-string-clears-each-editable-field`; ADR 0010, amendment "Clearing Who and What").
 */
const CLEAR_WHAT = { whatId: null, whatName: null, whatObjectType: null } as const;
const CLEAR_WHO = { whoId: null, whoName: null, whoObjectType: null } as const;

async function endedCallWithAnn() {
  const harness = await startEngine();
  const callId = harness.telephony.ring({ from: '+16505550101' });
  await harness.engine.answer(callId);
  harness.telephony.end(callId, 'remote-hangup');
  await settle();
  return { ...harness, callId };
}

describe('SoftphoneEngine — the agent clears Who or What of a log', () => {
  it('a Related To the agent removed is sent as "" on Save (cleared on the Task); the Name stays', async () => {
    const { engine, crm, callId } = await endedCallWithAnn();
    expect(viewOf(engine, callId).form).toMatchObject({ whoId: ANN.id, whatId: ACME_ID });
    engine.updateLogForm(callId, CLEAR_WHAT);
    expect(viewOf(engine, callId).form).toMatchObject({ whatId: null, whatCleared: true });
    engine.updateLogForm(callId, { withoutRecord: false, notes: 'No account for this one' });
    expect(await engine.saveLog(callId)).toMatchObject({ ok: true });
    expect(crm.upsertBatches()[0]?.[0]).toMatchObject({ source: 'agent', whoId: ANN.id, whatId: '' });
  });

  it('a Name the agent removed is sent as "" (with the log confirmed on no record when What is gone too)', async () => {
    const { engine, crm, callId } = await endedCallWithAnn();
    engine.updateLogForm(callId, CLEAR_WHO);
    engine.updateLogForm(callId, CLEAR_WHAT);
    // Neither Who nor What: the agent must say so, as for any log on no record.
    expect(await engine.saveLog(callId)).toMatchObject({ ok: false, validation: [{ field: 'whoId' }] });
    engine.updateLogForm(callId, { withoutRecord: true });
    expect(await engine.saveLog(callId)).toMatchObject({ ok: true });
    expect(crm.upsertBatches()[0]?.[0]).toMatchObject({ whoId: '', whatId: '' });
  });

  it('a field the agent never had, or chose again after removing it, is not cleared', async () => {
    const { engine, crm, telephony } = await startEngine();
    // GLOBEX is an Account: the log has a What and no Who; no edit of Who means Who stays null (keep).
    const callId = telephony.ring({ from: '+442079460104' });
    await engine.answer(callId);
    telephony.end(callId, 'remote-hangup');
    await settle();
    engine.updateLogForm(callId, CLEAR_WHO); // no Name to remove: nothing is marked
    engine.updateLogForm(callId, CLEAR_WHAT);
    engine.updateLogForm(callId, { whatId: GLOBEX.id, whatName: GLOBEX.name, whatObjectType: 'Account' });
    expect(viewOf(engine, callId).form).not.toHaveProperty('whoCleared');
    expect(await engine.saveLog(callId)).toMatchObject({ ok: true });
    expect(crm.upsertBatches()[0]?.[0]).toMatchObject({ whoId: null, whatId: GLOBEX.id });
  });

  it('the clearing is kept in the stored draft: after a reload the Save still clears', async () => {
    const { engine, store, clock, crm, callId } = await endedCallWithAnn();
    engine.updateLogForm(callId, CLEAR_WHAT);
    engine.dispose();
    const reloaded = await startEngine({ store, clock, crm });
    expect(viewOf(reloaded.engine, callId).form).toMatchObject({ whatId: null, whatCleared: true });
    expect(await reloaded.engine.saveLog(callId)).toMatchObject({ ok: true });
    expect(crm.upsertBatches().at(-1)?.[0]).toMatchObject({ whoId: ANN.id, whatId: '' });
  });
});
