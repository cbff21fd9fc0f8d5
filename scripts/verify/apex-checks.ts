/** `npm run test:apex`: the offline Apex checks alone (apex-ls, PMD, tests present) on every source folder. */
import { formatFinding } from './lib/finding';
import { projectRoot } from './lib/paths';
import { sourceDirectories } from './lib/sfdx-project';
import { runApexLs } from './checks/apex-semantics';
import { runPmd } from './checks/pmd';
import { checkApexTestsPresent } from './checks/apex-tests-present';

async function main(): Promise<void> {
  const sourceDirs = sourceDirectories(projectRoot);
  const apexLs = await runApexLs(projectRoot);
  const pmd = await runPmd(sourceDirs);
  const tests = sourceDirs.map((dir) => checkApexTestsPresent(dir));
  const missing = tests.flatMap((t) => t.findings);
  const findings = [...apexLs, ...pmd.findings, ...missing];
  for (const finding of findings) console.log(formatFinding(finding));
  const classCount = tests.reduce((sum, t) => sum + t.classCount, 0);
  const testCount = tests.reduce((sum, t) => sum + t.testCount, 0);
  console.log(
    `apex-ls: ${apexLs.length} issue(s); PMD (${pmd.ruleCount} rules): ${pmd.findings.length} violation(s); ` +
      `tests present: ${classCount} classes, ${testCount} test classes, ${missing.length} missing`,
  );
  process.exitCode = findings.length === 0 ? 0 : 1;
}

void main();
