/** A backlog of N unsent logs → sent (`npm run bench`): round trips and server-side time, and the floor. */
import type { CallLog } from '../../../cti-adapter/src/core/call-log/call-log';
import { round, UPSERT_BATCH_SIZE } from '../bench-report';
import { bareUpserts, probe, removeStorageKeys, writeStorage } from '../bench-probes';
import { backlogLogs, backlogSeed } from '../bench-seed';
import { agentOf } from '../bench-sign-in';
import { accountUrl, loadConsole, waitFor } from '../bench-session';
import type { BenchWorld } from '../bench-world';

export interface BacklogResult {
  roundTrips: number;
  sendMs: number;
  failed: number;
  logs: CallLog[];
}

/** Seeds `n` unsent logs, reloads, and waits until the outbox sent them all; server-side times of the upserts. */
export async function backlogSend(world: BenchWorld, n: number): Promise<BacklogResult> {
  let frame = await loadConsole(world, 'product');
  const logs = backlogLogs(n, `bench-backlog-${world.label}-${Date.now()}-`, Date.now());
  const seed = backlogSeed(logs, Date.now(), await agentOf(frame));
  await probe(frame, writeStorage, { entries: seed.entries, remove: false });
  const from = world.remoteCalls.length;
  world.mode = 'product';
  await world.console.goto(accountUrl(world));
  const sent = (): number =>
    world.remoteCalls
      .slice(from)
      .filter((call) => call.method === 'upsertCallLogs')
      .reduce((a, b) => a + b.items, 0);
  const upsertsSoFar = () => world.remoteCalls.slice(from).filter((call) => call.method === 'upsertCallLogs');
  try {
    await waitFor('the backlog to be sent', () => (sent() >= n ? true : null), 120_000);
  } catch (error) {
    // How far it got tells a slow server (some requests answered) from a softphone that never sent (none).
    const sizes = upsertsSoFar().map((call) => call.items);
    throw new Error(`${(error as Error).message}: ${sent()} of ${n} logs sent in requests of [${sizes.join(', ')}]`);
  }
  const upserts = upsertsSoFar();
  frame = await world.frame();
  await frame.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  const ids = new Set(seed.ids);
  const tasks = world.harness.org.store.all('Task').filter((t) => ids.has(String(t.CALL_UNIQUE_ID__c)));
  await probe(frame, removeStorageKeys, ['bench-backlog-']);
  return {
    roundTrips: upserts.length,
    sendMs: round(upserts.at(-1)!.endedAt - upserts[0]!.startedAt, 2)!,
    failed: n - tasks.length,
    logs,
  };
}

/**
 * The floor: the same logs in ⌈n/200⌉ bare upserts sent back to back from the adapter frame (server-side times). The
 * same ids, so the org stand-in searches as many Tasks per log as it did for the softphone's (it scans them all to
 * find a log's Task; new ids would scan 1,000 more each).
 */
export async function backlogFloor(world: BenchWorld, logs: readonly CallLog[]): Promise<number> {
  const frame = await loadConsole(world, 'product');
  const batches: unknown[][] = [];
  for (let i = 0; i < logs.length; i += UPSERT_BATCH_SIZE) batches.push(logs.slice(i, i + UPSERT_BATCH_SIZE));
  const from = world.remoteCalls.length;
  await probe(frame, bareUpserts, { batches });
  const upserts = world.remoteCalls.slice(from).filter((call) => call.method === 'upsertCallLogs');
  return round(upserts.at(-1)!.endedAt - upserts[0]!.startedAt, 2)!;
}
