import { exec } from '../lib/exec';
import type { Finding } from '../lib/finding';
import { bin } from '../lib/paths';

/**
 * Type-checks a TypeScript project with `tsc --noEmit` (strict mode is set in the tsconfig).
 *
 * @param cwd folder to run in
 * @param tsconfig path of the tsconfig, relative to `cwd`
 */
export async function runTypeCheck(cwd: string, tsconfig = 'tsconfig.json'): Promise<Finding[]> {
  const result = await exec(bin('tsc'), ['-p', tsconfig, '--noEmit', '--pretty', 'false'], { cwd });
  const findings: Finding[] = [];
  for (const line of result.stdout.split('\n')) {
    const match = /^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/.exec(line);
    if (match) {
      findings.push({
        check: 'tsc',
        file: match[1] ?? '',
        line: Number(match[2]),
        rule: match[3] ?? 'TS',
        message: match[4] ?? '',
      });
    }
  }
  if (result.code !== 0 && findings.length === 0) {
    findings.push({
      check: 'tsc',
      file: tsconfig,
      line: 0,
      rule: 'Failed',
      message: `${result.stdout}${result.stderr}`,
    });
  }
  return findings;
}
