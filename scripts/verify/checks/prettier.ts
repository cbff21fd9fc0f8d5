import { exec } from '../lib/exec';
import type { Finding } from '../lib/finding';
import { bin } from '../lib/paths';

/** What `npm test` formats-checks: Apex, Visualforce, metadata XML, TypeScript, JavaScript, LWC HTML/CSS, JSON. */
export const prettierPatterns = ['**/*.{cls,trigger,page,component,xml,ts,js,mjs,cjs,html,css,json}'];

/**
 * Runs `prettier --check` (with the Apex parser of `prettier-plugin-apex` and `@prettier/plugin-xml`), so an
 * Apex or XML syntax error fails here with file, line and column, and unformatted files are listed.
 *
 * @param cwd project root (its `.prettierrc.json` and `.prettierignore` apply unless `ignorePath` is given)
 * @param patterns files or globs relative to `cwd`
 * @param ignorePath an alternative ignore file (`/dev/null` to check fixtures that the project ignores)
 */
export async function runPrettierCheck(
  cwd: string,
  patterns: readonly string[] = prettierPatterns,
  ignorePath?: string,
): Promise<{ findings: Finding[]; output: string }> {
  const args = ['--check', ...(ignorePath ? ['--ignore-path', ignorePath] : []), ...patterns];
  const result = await exec(bin('prettier'), args, { cwd });
  const output = `${result.stdout}${result.stderr}`;
  const findings: Finding[] = [];
  for (const line of output.split('\n')) {
    const error = /^\[error\] (\S+?): (\w*Error): (.*?)(?: \((\d+):(\d+)\))?$/.exec(line);
    if (error) {
      findings.push({
        check: 'prettier',
        file: error[1] ?? '',
        line: Number(error[4] ?? 0),
        rule: error[2] ?? 'SyntaxError',
        message: error[3] ?? line,
      });
      continue;
    }
    const warn = /^\[warn\] (.+)$/.exec(line);
    if (warn?.[1] && !/Code style issues|Forgot to run Prettier/.test(warn[1])) {
      findings.push({
        check: 'prettier',
        file: warn[1],
        line: 0,
        rule: 'NotFormatted',
        message: 'not formatted (run `npm run format`)',
      });
    }
  }
  if (result.code !== 0 && findings.length === 0) {
    findings.push({ check: 'prettier', file: cwd, line: 0, rule: 'Failed', message: output.trim() });
  }
  return { findings, output };
}
