/** `npm run test:apex`: the offline Apex checks alone (apex-ls, PMD, tests present). */
import path from 'node:path';
import { formatFinding } from './lib/finding';
import { projectRoot } from './lib/paths';
import { runApexLs } from './checks/apex-semantics';
import { runPmd } from './checks/pmd';
import { checkApexTestsPresent } from './checks/apex-tests-present';

async function main(): Promise<void> {
  const packageDir = path.join(projectRoot, 'force-app');
  const apexLs = await runApexLs(projectRoot);
  const pmd = await runPmd(packageDir);
  const tests = checkApexTestsPresent(packageDir);
  const findings = [...apexLs, ...pmd.findings, ...tests.findings];
  for (const finding of findings) console.log(formatFinding(finding));
  console.log(
    `apex-ls: ${apexLs.length} issue(s); PMD (${pmd.ruleCount} rules): ${pmd.findings.length} violation(s); ` +
      `tests present: ${tests.classCount} classes, ${tests.testCount} test classes, ${tests.findings.length} missing`,
  );
  process.exitCode = findings.length === 0 ? 0 : 1;
}

void main();
