// `npm run bench`: builds the softphone, drives it in headless Chromium through the whole harness and prints ONE
// JSON object: every figure next to the floor it cannot beat on this machine, measured in the same run, their ratios,
// the targets met or not (README "npm run bench"; options: scripts/bench/bench-options.ts). The measuring code is
// TypeScript (it reuses the end-to-end support): scripts/bench/softphone-bench.ts, run here with tsx. Progress goes to
// stderr; stdout carries only the JSON (use `npm run -s bench` so npm adds nothing to it).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', join(here, 'softphone-bench.ts'), ...process.argv.slice(2)],
  {
    cwd: join(here, '..', '..'),
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);
process.exitCode = result.status ?? 1;
