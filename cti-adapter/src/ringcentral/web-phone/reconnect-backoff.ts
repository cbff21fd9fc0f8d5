/**
 * Delay before reconnect attempt `attempt` (1-based): exponential from `baseMs`, capped at `maxMs`, with ±20 %
 * jitter so many tabs do not reconnect in step after an outage. Milliseconds.
 * @public
 */
export function reconnectDelayMs(
  attempt: number,
  options: { baseMs?: number; maxMs?: number; random?: () => number } = {},
): number {
  const base = options.baseMs ?? 1000;
  const max = options.maxMs ?? 30_000;
  const random = options.random ?? Math.random;
  const raw = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.8 + 0.4 * random()));
}
