import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The harness's Lightning host (the package's Lightning web components with the open-source base components, built
 * by `scripts/build/build-lightning-host.mjs`): where the console serves it from, and the build when it is missing or
 * older than its sources. The build is a development tool (rollup and the LWC compiler), spawned, never imported.
 */
export function lightningHostFile(repoRoot: string): string {
  return join(repoRoot, 'node_modules', '.cache', 'lightning-host', 'lightning-host.js');
}

/**
 * Builds the Lightning host when it is stale (`--if-stale`); the build's output goes to stderr so that `npm start`'s
 * stdout keeps its one URL. @throws when the build fails
 */
export function ensureLightningHost(repoRoot: string): void {
  const script = join(repoRoot, 'scripts', 'build', 'build-lightning-host.mjs');
  if (!existsSync(script)) return;
  const result = spawnSync(process.execPath, [script, '--if-stale'], {
    cwd: repoRoot,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (result.status !== 0)
    throw new Error(`the Lightning host build failed (exit ${String(result.status ?? result.signal)})`);
}
