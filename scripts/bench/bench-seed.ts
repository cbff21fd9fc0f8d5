/**
 * Data the bench puts in front of the softphone for its list and backlog figures, written with the softphone's own
 * storage classes (so the keys and the JSON are exactly what the softphone reads after a reload):
 * - unresolved calls: ended, unlogged call drafts with a conflict (`CallDraftStore`);
 * - a backlog of unsent call logs: pending outbox entries (`CallLogOutbox.enqueue`, nothing sent);
 * - call history: ended calls in the RingCentral simulator's call log (through its telephony model).
 * All go through the store the app gives the engine — `LocalStorageStore.forUser(orgId, userId)`, as `src/app/main.ts`
 * wires it — over an in-memory `Storage`, and come out as `[key, value]` pairs for the page's `localStorage`: the keys
 * are the agent's own (`rcsf:<orgId>:<userId>:…`), not the unkeyed ones the softphone only adopts from an upgrade.
 */
import { LocalStorageStore } from '../../cti-adapter/src/app/local-storage-store';
import { MapStorage } from '../../cti-adapter/test-support/map-storage';
import { sampleCallLog } from '../../cti-adapter/test-support/sample-call-log';
import type { CallLog } from '../../cti-adapter/src/core/call-log/call-log';
import { NEW_DRAFT_FIELDS, type CallDraft } from '../../cti-adapter/src/core/call-log/call-draft';
import { CallDraftStore } from '../../cti-adapter/src/core/call-log/call-draft-store';
import { CallLogOutbox } from '../../cti-adapter/src/core/call-log/call-log-outbox';
import type { CrmGateway } from '../../cti-adapter/src/core/ports/crm-gateway';
import type { SmsLog } from '../../cti-adapter/src/core/messaging/sms-log';
import { SmsLogOutbox } from '../../cti-adapter/src/core/messaging/sms-log-outbox';

/** The Salesforce org and user whose softphone storage is seeded (the page's `#softphone-config`). */
export interface Agent {
  readonly orgId: string;
  readonly userId: string;
}

/** The agent's store over `storage`, as the app makes it for the engine. */
function agentStore(agent: Agent, storage: Storage): LocalStorageStore {
  return LocalStorageStore.forUser(agent.orgId, agent.userId, { storage });
}

/** Stored entries (`localStorage` key and value) plus the ids the bench looks for afterwards. */
export interface Seed {
  readonly entries: [string, string][];
  readonly ids: string[];
}

/** `n` ended inbound calls nobody could be matched to (`no-match`), unlogged, one minute apart. */
export function unresolvedCallsSeed(n: number, now: number, agent: Agent): Seed {
  const storage = new MapStorage();
  const drafts = new CallDraftStore(agentStore(agent, storage));
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const callId = `bench-unresolved-${i}`;
    const startedAt = now - (i + 1) * 60_000;
    const draft: CallDraft = {
      call: {
        callId,
        telephonySessionId: `s-bench-unresolved-${i}`,
        sessionId: null,
        partyId: null,
        direction: 'inbound',
        state: 'ended',
        remoteNumber: `+1415555${String(1000 + (i % 9000)).padStart(4, '0')}`,
        remoteName: null,
        localNumber: '+16505550100',
        localName: null,
        queueName: null,
        muted: false,
        recording: 'off',
        recordingUrl: null,
        recordingId: null,
        startedAt,
        answeredAt: null,
        endedAt: startedAt + 20_000,
        endReason: 'missed',
        transferTarget: null,
      },
      ...NEW_DRAFT_FIELDS,
      matchStatus: 'done',
      conflict: 'no-match',
    };
    drafts.save(draft);
    ids.push(callId);
  }
  return { entries: storage.entries(), ids };
}

/**
 * `n` call logs as the softphone would send them (inbound, answered, no record associated), two minutes apart: the
 * shared sample call log (`sampleCallLog`) with a number, a time and a subject of their own.
 */
export function backlogLogs(n: number, idPrefix: string, now: number): CallLog[] {
  const logs: CallLog[] = [];
  for (let i = 0; i < n; i += 1) {
    const start = now - (i + 1) * 120_000;
    logs.push(
      sampleCallLog({
        telephonySessionId: `${idPrefix}${i}`,
        source: 'auto',
        fromNumber: `+1415555${String(1000 + (i % 9000)).padStart(4, '0')}`,
        fromName: null,
        toName: 'Alex Agent',
        startTime: new Date(start).toISOString(),
        endTime: new Date(start + 65_000).toISOString(),
        durationSeconds: 65,
        subject: `Inbound call ${i}`,
      }),
    );
  }
  return logs;
}

/** A backlog of `logs` waiting in the agent's outbox (`pending`, due now), as the outbox persists it. */
export function backlogSeed(logs: readonly CallLog[], now: number, agent: Agent): Seed {
  const storage = new MapStorage();
  const refuse = (): Promise<never> => Promise.reject(new Error('the seed sends nothing'));
  const gateway = new Proxy({} as CrmGateway, { get: () => refuse });
  const outbox = new CallLogOutbox({
    gateway,
    store: agentStore(agent, storage),
    clock: { now: () => now, setTimeout: () => 0, clearTimeout: () => undefined },
  });
  for (const log of logs) outbox.enqueue(log);
  outbox.dispose();
  return { entries: storage.entries(), ids: logs.map((l) => l.telephonySessionId) };
}

/**
 * A day's `n` SMS messages as the softphone logs them: `n` conversations of one inbound message each, so each is one
 * log (one Task per conversation per day) and the outbox has `n` logs to send in batches of 200.
 */
export function smsBacklogLogs(n: number, idPrefix: string, now: number): SmsLog[] {
  const day = new Date(now).toISOString().slice(0, 10);
  const logs: SmsLog[] = [];
  for (let i = 0; i < n; i += 1) {
    const contactNumber = `+1415555${String(1000 + (i % 9000)).padStart(4, '0')}`;
    logs.push({
      conversationId: `${idPrefix}${i}`,
      day,
      source: 'auto',
      contactNumber,
      agentNumber: '+16505550100',
      contactName: null,
      whoId: null,
      whatId: null,
      messages: [
        {
          id: `${idPrefix}${i}-m`,
          direction: 'inbound',
          at: new Date(now - i * 1000).toISOString(),
          text: `Message ${i}`,
        },
      ],
    });
  }
  return logs;
}

/**
 * SMS logs waiting in the SMS outbox (`pending`, due now) under the agent's own storage namespace
 * (`rcsf:<orgId>:<userId>:`, `LocalStorageStore.forUser`: SMS outbox keys are not adopted from the unkeyed namespace).
 */
export function smsBacklogSeed(logs: readonly SmsLog[], now: number, agent: Agent): Seed {
  const storage = new MapStorage();
  const refuse = (): Promise<never> => Promise.reject(new Error('the seed sends nothing'));
  const outbox = new SmsLogOutbox({
    gateway: { upsertSmsLogs: refuse },
    store: agentStore(agent, storage),
    clock: { now: () => now, setTimeout: () => 0, clearTimeout: () => undefined },
  });
  for (const log of logs) outbox.enqueue(log);
  outbox.dispose();
  return { entries: storage.entries(), ids: logs.map((l) => l.conversationId) };
}

/** The part of the simulator's telephony model used to write call-log records. */
interface CallLogModel {
  createSession(input: { from: string; to: string; direction: 'Inbound'; fromName?: string }): {
    telephonySessionId: string;
    parties: { id: string }[];
  };
  partyRinging(telephonySessionId: string, partyId: string): unknown;
  endSession(telephonySessionId: string, reason?: string): unknown;
}

/** `n` missed inbound calls to the agent in the simulator's call log (model-only sessions, no SIP). */
export function seedCallHistory(model: unknown, n: number, agentNumber: string): void {
  const m = model as CallLogModel;
  for (let i = 0; i < n; i += 1) {
    const session = m.createSession({
      from: `+1415555${String(1000 + (i % 9000)).padStart(4, '0')}`,
      to: agentNumber,
      direction: 'Inbound',
    });
    const callee = session.parties[1];
    if (callee) m.partyRinging(session.telephonySessionId, callee.id);
    m.endSession(session.telephonySessionId, 'CallerCancelled');
  }
}

/** The part of the simulator's model used to write a conversation straight into the agent's message store. */
interface MessageModel {
  directory: { findExtensionByNumber(number: string): { id: string } | undefined };
  messages: {
    add(input: {
      owner: string;
      type: 'SMS';
      direction: 'Inbound' | 'Outbound';
      from: { phoneNumber: string };
      to: { phoneNumber: string }[];
      subject: string;
      messageStatus: 'Received' | 'Delivered';
      readStatus: 'Read';
    }): { conversationId: string };
  };
}

/**
 * A conversation of `n` SMS messages between the agent and `customerNumber` in the simulator's message store,
 * alternating inbound and outbound, all read (so the softphone's unread count and its start are unchanged). Written
 * to the store directly, before any subscription, so no event is fired. Returns its `conversationId`.
 */
export function seedSmsThread(model: unknown, n: number, agentNumber: string, customerNumber: string): string {
  const m = model as MessageModel;
  const agent = m.directory.findExtensionByNumber(agentNumber);
  if (!agent) throw new Error(`no extension with the number ${agentNumber}`);
  let conversationId = '';
  for (let i = 0; i < n; i += 1) {
    const inbound = i % 2 === 0;
    conversationId = m.messages.add({
      owner: agent.id,
      type: 'SMS',
      direction: inbound ? 'Inbound' : 'Outbound',
      from: { phoneNumber: inbound ? customerNumber : agentNumber },
      to: [{ phoneNumber: inbound ? agentNumber : customerNumber }],
      subject: `${inbound ? 'Question' : 'Answer'} ${i + 1} of ${n}: when can we meet about the renewal?`,
      messageStatus: inbound ? 'Received' : 'Delivered',
      readStatus: 'Read',
    }).conversationId;
  }
  return conversationId;
}
