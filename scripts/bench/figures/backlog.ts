/**
 * A backlog of N unsent logs → sent (`npm run bench`): round trips and server-side time, and the floor. Two kinds:
 * call logs (`upsertCallLogs`, the call-log outbox) and SMS logs (`upsertSmsLogs`, the SMS outbox, one log per
 * conversation and day), both batched by 200 by the same outbox.
 */
import type { Frame } from 'playwright-core';
import { round, UPSERT_BATCH_SIZE } from '../bench-report';
import { bareUpserts, probe, removeStorageKeys, writeStorage } from '../bench-probes';
import { backlogLogs, backlogSeed, smsBacklogLogs, smsBacklogSeed, type Seed } from '../bench-seed';
import { agentOf } from '../bench-sign-in';
import { accountUrl, loadConsole, waitFor } from '../bench-session';
import type { BenchWorld } from '../bench-world';

/** What differs between the call-log and the SMS-log backlog. */
interface BacklogKind {
  /** The remote action the outbox sends through. */
  readonly method: 'upsertCallLogs' | 'upsertSmsLogs';
  /** The `#softphone-config` attribute naming it (for the floor). */
  readonly actionAttribute: string;
  /** The logs and their stored outbox entries; `prefix` starts every id, so the cleanup finds them. */
  seed(frame: Frame, n: number, prefix: string): Promise<{ logs: unknown[]; seed: Seed }>;
  /** Whether a Task of the org stand-in is one of the seeded logs'. */
  isSaved(task: Record<string, unknown>, ids: ReadonlySet<string>, prefix: string): boolean;
}

export const CALL_LOGS: BacklogKind = {
  method: 'upsertCallLogs',
  actionAttribute: 'data-upsert-call-logs',
  seed: async (frame, n, prefix) => {
    const logs = backlogLogs(n, prefix, Date.now());
    return { logs, seed: backlogSeed(logs, Date.now(), await agentOf(frame)) };
  },
  isSaved: (task, ids) => ids.has(String(task.CALL_UNIQUE_ID__c)),
};

export const SMS_LOGS: BacklogKind = {
  method: 'upsertSmsLogs',
  actionAttribute: 'data-upsert-sms-logs',
  seed: async (frame, n, prefix) => {
    const logs = smsBacklogLogs(n, prefix, Date.now());
    return { logs, seed: smsBacklogSeed(logs, Date.now(), await agentOf(frame)) };
  },
  // The Task of an SMS log is keyed `sms:<conversationId>:<day>:<user id>` (ADR 0019).
  isSaved: (task, _ids, prefix) => String(task.CALL_UNIQUE_ID__c).startsWith(`sms:${prefix}`),
};

export interface BacklogResult {
  roundTrips: number;
  sendMs: number;
  failed: number;
  logs: unknown[];
}

/** Seeds `n` unsent logs, reloads, and waits until the outbox sent them all; server-side times of the upserts. */
export async function backlogSend(world: BenchWorld, n: number, kind: BacklogKind = CALL_LOGS): Promise<BacklogResult> {
  let frame = await loadConsole(world, 'product');
  const prefix = `bench-backlog-${world.label}-${Date.now()}-`;
  const { logs, seed } = await kind.seed(frame, n, prefix);
  await probe(frame, writeStorage, { entries: seed.entries, remove: false });
  const from = world.remoteCalls.length;
  world.mode = 'product';
  await world.console.goto(accountUrl(world));
  const upsertsSoFar = () => world.remoteCalls.slice(from).filter((call) => call.method === kind.method);
  const sent = (): number => upsertsSoFar().reduce((a, b) => a + b.items, 0);
  try {
    await waitFor('the backlog to be sent', () => (sent() >= n ? true : null), 120_000);
  } catch (error) {
    // How far it got tells a slow server (some requests answered) from a softphone that never sent (none).
    const sizes = upsertsSoFar().map((call) => call.items);
    throw new Error(`${(error as Error).message}: ${sent()} of ${n} logs sent in requests of [${sizes.join(', ')}]`);
  }
  const done = upsertsSoFar();
  frame = await world.frame();
  await frame.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  const ids = new Set(seed.ids);
  const tasks = world.harness.org.store.all('Task').filter((t) => kind.isSaved(t, ids, prefix));
  await probe(frame, removeStorageKeys, ['bench-backlog-']);
  return {
    roundTrips: done.length,
    sendMs: round(done.at(-1)!.endedAt - done[0]!.startedAt, 2)!,
    failed: n - tasks.length,
    logs,
  };
}

/**
 * The floor: the same logs in ⌈n/200⌉ bare upserts sent back to back from the adapter frame (server-side times). The
 * same ids, so the org stand-in searches as many Tasks per log as it did for the softphone's (it scans them all to
 * find a log's Task; new ids would scan 1,000 more each).
 */
export async function backlogFloor(
  world: BenchWorld,
  logs: readonly unknown[],
  kind: BacklogKind = CALL_LOGS,
): Promise<number> {
  const frame = await loadConsole(world, 'product');
  const batches: unknown[][] = [];
  for (let i = 0; i < logs.length; i += UPSERT_BATCH_SIZE) batches.push(logs.slice(i, i + UPSERT_BATCH_SIZE));
  const from = world.remoteCalls.length;
  await probe(frame, bareUpserts, { batches, action: kind.actionAttribute });
  const upserts = world.remoteCalls.slice(from).filter((call) => call.method === kind.method);
  return round(upserts.at(-1)!.endedAt - upserts[0]!.startedAt, 2)!;
}
