// `npm run bench`: builds the softphone, drives it in headless Chromium through the whole harness and prints ONE
// JSON object (cold start, ring → screen pop, round trips per inbound call, click-to-dial → INVITE, bundle size,
// targets). The measuring code is TypeScript (it reuses the end-to-end support): scripts/bench/softphone-bench.ts,
// run here with tsx. Progress goes to stderr; stdout carries only the JSON.
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
