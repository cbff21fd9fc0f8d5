/**
 * Issue 10, "Queue calls" (ADR 0025), in headless Chromium through the whole harness: a call to the Support Queue
 * shows the queue and the caller; nobody answers, the queue overflows to its voicemail, and the call is logged once
 * for the queue — the agent's softphone waits for RingCentral's call log of the session before it offers the form,
 * and a second member's log of the same call is answered "already logged" without a second Task.
 *
 * The harness runs one softphone (Alex, signed in in the console). The queue's other member (Sam) has no softphone
 * page here: Sam's log is sent as Sam's softphone sends it, through the same remote API of the org stand-in
 * (`upsertCallLogs` as Sam), with the same call facts. A queue call another member answered is covered by the engine
 * tests ("call queue calls", "queue calls this agent did not take"): the simulator can ring only Alex's web phone.
 */
import { callTasks, recordId, screenshotSoftphone, useSoftphoneWorld, waitForTask } from './support/softphone-world';

jest.setTimeout(180_000);

const SUPPORT_QUEUE = '+16505550120';
const ANN_LEE = '+16505550101';

const spec = useSoftphoneWorld();

function control(path: string, body?: unknown): Promise<Response> {
  return fetch(`${spec.world.harness.rcPlatform!.urls.control}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
}

test('a queue call nobody answers (overflow to voicemail) is logged once for the queue; the second member gets "already logged"', async () => {
  const { org } = spec.world.harness;
  const res = await control('/calls/inbound', { from: ANN_LEE, to: SUPPORT_QUEUE });
  expect(res.status).toBe(201);
  const { telephonySessionId } = (await res.json()) as { telephonySessionId: string };

  // The queue and the caller while it rings.
  await spec.phone.waitForSelector('.softphone-incoming .softphone-call-queue', { timeout: 20_000 });
  expect(await spec.phone.textContent('.softphone-incoming .softphone-call-queue')).toBe('via Support Queue');
  expect(await spec.phone.textContent('.softphone-incoming')).toContain('Ann Lee');

  // Nobody answers: after the queue's ring time the call goes to the queue's voicemail and the ring ends here. The
  // outcome is not known yet (the call goes on): no form to log.
  await spec.phone.waitForSelector('.softphone-incoming', { state: 'detached', timeout: 60_000 });
  expect(await spec.phone.$('.softphone-log-form')).toBeNull();
  expect(callTasks(spec.world).filter((t) => t.telephony_session_id__c === telephonySessionId)).toHaveLength(0);

  // The caller leaves a message and hangs up: RingCentral writes the call log; the softphone reads it (no member
  // accepted the call) and offers the log form.
  expect((await control(`/calls/${telephonySessionId}/hangup`)).status).toBe(200);
  await spec.phone.waitForSelector('.softphone-log-form', { timeout: 60_000 });
  await screenshotSoftphone(spec.world, 'softphone-queue-call-missed-by-all');
  await spec.phone.fill('#softphone-log-notes', 'Called back, left a message.');
  await spec.phone.click('.softphone-log-save');
  const task = await waitForTask(spec.world, (t) => t.CALL_UNIQUE_ID__c === `${telephonySessionId}:queue-missed`);
  expect(task).toMatchObject({
    OwnerId: org.users.agent.Id,
    WhoId: recordId(spec.world, 'Contact', 'Ann Lee'),
    telephony_session_id__c: telephonySessionId,
    Description: 'Called back, left a message.',
    CallType: 'Inbound',
  });

  // Sam, the queue's other member, logs the same missed call from Sam's softphone.
  const sam = org.store.addUser({
    Name: 'Sam Supervisor',
    Username: 'sam@example.test',
    permissionSets: ['Softphone_Agent'],
    customPermissions: [],
    objectAccess: 'all',
  });
  const answer = org.api.invoke(
    'upsertCallLogs',
    {
      logs: [
        {
          telephonySessionId,
          revision: Date.now() * 1000,
          source: 'agent',
          direction: 'inbound',
          fromNumber: ANN_LEE,
          toNumber: SUPPORT_QUEUE,
          fromName: 'Ann Lee',
          toName: 'Support Queue',
          startTime: new Date(Date.now() - 60_000).toISOString(),
          endTime: new Date().toISOString(),
          durationSeconds: 0,
          result: 'Missed',
          notes: 'Sam: will call her tomorrow.',
          queueMissed: true,
        },
      ],
    },
    sam.Id,
  );
  expect(answer).toMatchObject({
    ok: true,
    results: [{ telephonySessionId, ok: true, taskId: task.Id, created: false, alreadyLogged: true }],
  });
  const tasks = callTasks(spec.world).filter((t) => t.telephony_session_id__c === telephonySessionId);
  expect(tasks).toHaveLength(1);
  expect(tasks[0]).toMatchObject({ OwnerId: org.users.agent.Id, Description: 'Called back, left a message.' });
});
