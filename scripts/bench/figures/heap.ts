/**
 * The heap figure of `npm run bench`: calls placed through the simulator's control API and handled inside the frame,
 * with the frame's JS heap after GC, DOM counters and what it keeps in localStorage at checkpoints.
 */
import type { Frame } from 'playwright-core';
import { round, slope, type HeapCheckpoint } from '../bench-report';
import { agentTurn, probe, storageCounts } from '../bench-probes';
import { CALLER, clearConsoleLog, loadConsole, progress } from '../bench-session';
import { AGENT, control, type BenchWorld } from '../bench-world';

export async function measureHeap(
  world: BenchWorld,
  calls: number,
): Promise<{ growth: number | null; checkpoints: HeapCheckpoint[] }> {
  const frame = await loadConsole(world, 'product');
  // The heap browser keys processes by origin: the frame has a renderer of its own, so the heap and DOM counters
  // below are the softphone's alone (not the console's, which shares the process otherwise).
  const cdp = await world.context.newCDPSession(frame);
  const checkpoints: HeapCheckpoint[] = [];
  const measure = async (done: number): Promise<void> => {
    await clearConsoleLog(world);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
    const stored = await probe(frame, storageCounts, undefined);
    checkpoints.push({
      calls: done,
      usedHeapBytes: heap.usedSize,
      domNodes: dom.nodes,
      attachedElements: stored.attachedElements,
      jsEventListeners: dom.jsEventListeners,
      storedDrafts: stored.drafts,
      storedOutboxEntries: stored.outbox,
      storageBytes: stored.bytes,
    });
  };
  const warmup = Math.min(20, Math.max(2, Math.floor(calls / 10)));
  const every = Math.max(1, Math.floor(calls / 10));
  for (let i = 0; i < warmup + calls; i += 1) {
    if (i === warmup || (i > warmup && (i - warmup) % every === 0)) await measure(i - warmup);
    await heapCall(world, frame, i);
    if (i % 50 === 49) progress(`${world.label} heap: ${i + 1 - warmup}/${calls} calls`);
  }
  await measure(calls);
  await cdp.detach().catch(() => undefined);
  const s = slope(checkpoints.map((p) => ({ x: p.calls, y: p.usedHeapBytes })));
  return { growth: s === null ? null : round(s, 0), checkpoints };
}

/** One call of the heap figure: answered, hung up and logged (even calls), or declined and discarded (odd). */
async function heapCall(world: BenchWorld, frame: Frame, i: number): Promise<void> {
  await clearConsoleLog(world);
  const placed = await control<{ telephonySessionId: string }>(world, '/calls/inbound', {
    from: CALLER,
    to: AGENT.number,
  });
  await probe(frame, agentTurn, { kind: i % 2 === 0 ? 'answer-log' : 'decline-discard', timeoutMs: 20_000 });
  await control(world, `/calls/${placed.telephonySessionId}/hangup`, {}).catch(() => undefined);
}
