// Known-bad sample of the ESLint rule against object literals forced to a type through `unknown` (eslint.config.mjs).
interface World {
  harness: { url: string };
  callerContext: { open(): void };
}

export function broken(harness: { url: string }): World {
  return { harness } as unknown as World;
}

export function brokenArray(): [string, number] {
  return ['a'] as unknown as [string, number];
}

export function typed(harness: { url: string }, callerContext: World['callerContext']): World {
  const world: World = { harness, callerContext };
  return world;
}

export function narrowing(value: unknown): World {
  return value as World;
}
