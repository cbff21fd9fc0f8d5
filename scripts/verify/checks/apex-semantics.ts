import path from 'node:path';
import { exec } from '../lib/exec';
import type { Finding } from '../lib/finding';
import { projectRoot, relative } from '../lib/paths';

/** Class path of the JVM build of apex-ls 6.0.2 shipped inside `@salesforce/code-analyzer-pmd-engine`. */
const apexLsClassPath = path.join(projectRoot, 'node_modules/@salesforce/code-analyzer-pmd-engine/dist/java-lib/*');

interface ApexLsReport {
  files: { path: string; messages: { start: { line: number }; category: string; message: string }[] }[];
}

/**
 * Semantic check of every Apex class, trigger and Visualforce page of an SFDX project with apex-ls
 * (`io.github.apexdevtools.apexls.CheckForIssues`, errors only, no cache).
 *
 * Catches unknown types, methods and fields (standard objects, custom objects and custom settings of the
 * project), incompatible assignments, pages naming missing controllers. Does not see field names inside SOQL
 * text, `$Resource` names or LWC imports (see docs/adr/0003-offline-verification-toolchain.md).
 *
 * @param projectDir folder containing `sfdx-project.json`
 * @returns one finding per reported issue; empty when clean
 * @throws when Java or the jar cannot run, or apex-ls exits with an unexpected code
 */
export async function runApexLs(projectDir: string): Promise<Finding[]> {
  const result = await exec('java', [
    '-cp',
    apexLsClassPath,
    'io.github.apexdevtools.apexls.CheckForIssues',
    '-n',
    '-f',
    'json',
    '-w',
    projectDir,
  ]);
  if (result.code !== 0 && result.code !== 4) {
    throw new Error(`apex-ls failed (exit ${result.code}): ${result.stderr || result.stdout}`);
  }
  const json = result.stdout.slice(result.stdout.indexOf('{'));
  if (result.code === 0 && json.trim() === '') return [];
  const report = JSON.parse(json) as ApexLsReport;
  const findings: Finding[] = [];
  for (const file of report.files) {
    for (const message of file.messages) {
      findings.push({
        check: 'apex-ls',
        file: relative(projectRoot, file.path),
        line: message.start.line,
        rule: message.category,
        message: message.message,
      });
    }
  }
  if (result.code === 4 && findings.length === 0) {
    throw new Error(`apex-ls reported issues but none could be read: ${result.stdout}`);
  }
  return findings;
}
