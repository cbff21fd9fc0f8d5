import { exec } from '../lib/exec';
import type { Finding } from '../lib/finding';
import { bin, projectRoot, relative } from '../lib/paths';

interface EslintFileResult {
  filePath: string;
  messages: { line?: number; ruleId: string | null; message: string }[];
}

/**
 * Lints with the project's `eslint.config.mjs` (Salesforce's LWC rules for Lightning web components,
 * typescript-eslint for TypeScript). Warnings count as findings (`--max-warnings 0` semantics).
 * Runs the ESLint CLI (JSON formatter) in a child process: the flat config is an ES module.
 *
 * @param patterns files or globs relative to the project root (default: everything not ignored)
 * @param options.ignore `false` to lint files the project config ignores (used by the self-tests on fixtures)
 */
export async function runEslint(
  patterns: readonly string[] = ['.'],
  options: { ignore?: boolean } = {},
): Promise<{ findings: Finding[]; fileCount: number }> {
  const args = ['--format', 'json', ...(options.ignore === false ? ['--no-ignore'] : []), ...patterns];
  const result = await exec(bin('eslint'), args, { cwd: projectRoot });
  let results: EslintFileResult[];
  try {
    results = JSON.parse(result.stdout) as EslintFileResult[];
  } catch {
    throw new Error(`eslint failed (exit ${result.code}): ${result.stderr || result.stdout}`);
  }
  const findings: Finding[] = [];
  for (const file of results) {
    for (const message of file.messages) {
      findings.push({
        check: 'eslint',
        file: relative(projectRoot, file.filePath),
        line: message.line ?? 0,
        rule: message.ruleId ?? 'parse',
        message: message.message,
      });
    }
  }
  return { findings, fileCount: results.length };
}
