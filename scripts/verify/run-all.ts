/**
 * `npm test`: every offline check of the project, in order, failing on any finding.
 *
 *   build → runtime dependencies → typecheck → eslint → prettier → apex-ls → custom field names → org portability
 *   (namespace, language) → citations → metadata text → formulas → embedded JSON → PMD → Apex tests present
 *   → UI labels (no literal text in the softphone's templates; labels, page and translations agree)
 *   → Apex messages (no literal user-facing message in the package's Apex) → the org stand-in's messages (the Apex labels)
 *   → metadata conversion and package boundary → the same with a namespace (a namespaced copy: apex-ls + conversion)
 *   (the Apex and metadata steps cover every source folder of sfdx-project.json: the package and its unpackaged tests)
 *   → Jest (engine, checks, ui) → sfdx-lwc-jest (package LWC) → end-to-end (headless Chromium)
 *
 * Every step runs even when an earlier one failed (so one run shows every problem), except that the
 * end-to-end tests are skipped when the build failed. Findings are printed as `file:line: [check/rule] message`.
 * The last line is `tests: N passed, M failed` where N and M count Jest tests plus one per offline check.
 *
 * Options: `--skip-e2e` (local fast loop; CI never passes it), `--only <step,step>`.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { exec } from './lib/exec';
import { cpuSeconds } from './lib/cpu-time';
import { formatFinding, type Finding } from './lib/finding';
import { bin, projectRoot } from './lib/paths';
import { runApexLs } from './checks/apex-semantics';
import { runPmd } from './checks/pmd';
import { checkApexTestsPresent } from './checks/apex-tests-present';
import { checkContractVectorTests } from './checks/contract-vector-tests';
import { checkCustomFieldReferences } from './checks/custom-field-references';
import { checkOrgPortability } from './checks/org-portability';
import { checkNamespacedCopy, CHECK_NAMESPACE } from './checks/namespaced-copy';
import { checkSourceCitations } from './checks/source-citations';
import { checkMetadataText } from './checks/metadata-text';
import { checkFormulas } from './checks/formulas';
import { checkEmbeddedJson } from './checks/embedded-json';
import { checkVisualforceReferences } from './checks/visualforce-references';
import { checkUiLabels } from './checks/ui-labels';
import { checkApexMessages } from './checks/apex-messages';
import { checkStandInMessages } from './checks/stand-in-messages';
import { generatedLabelFiles } from '../i18n/generate-labels';
import { FORMULA_SAMPLES } from './formula-samples';
import { checkRuntimeDependencies, collectDependencyFacts } from './checks/runtime-dependencies';
import { checkProjectMetadata } from './checks/package-boundary';
import { readSfdxProject, sourceDirectories } from './lib/sfdx-project';
import { runPrettierCheck } from './checks/prettier';
import { runTypeCheck } from './checks/typescript';
import { runEslint } from './checks/eslint';

interface StepResult {
  ok: boolean;
  /** One-line description of what was checked, e.g. `42 files, 0 findings`. */
  summary: string;
  passed: number;
  failed: number;
}

interface Step {
  name: string;
  run: () => Promise<StepResult>;
}

const packageDir = path.join(projectRoot, 'force-app');
/** Every source folder of sfdx-project.json: the package (force-app) and its unpackaged tests and test data. */
const sourceDirs = sourceDirectories(projectRoot);
const sourceLabel = sourceDirs.map((dir) => path.relative(projectRoot, dir)).join(' + ');

function fromFindings(findings: Finding[], what: string): StepResult {
  for (const finding of findings) console.log(`  ${formatFinding(finding)}`);
  return {
    ok: findings.length === 0,
    summary: `${what}, ${findings.length} finding(s)`,
    passed: findings.length === 0 ? 1 : 0,
    failed: findings.length === 0 ? 0 : 1,
  };
}

async function runJest(args: string[], label: string): Promise<StepResult> {
  const result = await exec(bin('jest'), ['--ci', '--colors=false', ...args], { cwd: projectRoot, echo: true });
  const output = `${result.stdout}\n${result.stderr}`;
  const tests = /^Tests:\s+(.*)$/m.exec(output)?.[1] ?? '';
  const passed = Number(/(\d+) passed/.exec(tests)?.[1] ?? 0);
  const failed = Number(/(\d+) failed/.exec(tests)?.[1] ?? 0);
  const ok = result.code === 0 && passed > 0;
  return {
    ok,
    summary: `${label}: ${tests || 'no tests ran'}`,
    passed,
    failed: ok ? failed : Math.max(failed, 1),
  };
}

const steps: Step[] = [
  {
    name: 'build',
    run: async () => {
      const result = await exec('npm', ['run', '--silent', 'build'], { cwd: projectRoot, echo: true });
      return {
        ok: result.code === 0,
        summary: `npm run build exit ${result.code}`,
        passed: result.code === 0 ? 1 : 0,
        failed: result.code === 0 ? 0 : 1,
      };
    },
  },
  {
    name: 'dependencies',
    run: async () => {
      const { findings, runtimeCount } = checkRuntimeDependencies(await collectDependencyFacts());
      return fromFindings(findings, `${runtimeCount} runtime dependencies = what the bundle ships and npm start runs`);
    },
  },
  {
    name: 'typecheck',
    run: async () => fromFindings(await runTypeCheck(projectRoot), 'tsc --noEmit (strict)'),
  },
  {
    name: 'eslint',
    run: async () => {
      const { findings, fileCount } = await runEslint();
      return fromFindings(findings, `${fileCount} files (LWC + TypeScript rules)`);
    },
  },
  {
    name: 'prettier',
    run: async () =>
      fromFindings((await runPrettierCheck(projectRoot)).findings, 'Apex, Visualforce, XML, TS, JS, HTML, CSS, JSON'),
  },
  {
    name: 'apex-ls',
    run: async () => fromFindings(await runApexLs(projectRoot), 'Apex + Visualforce semantic check (apex-ls 6.0.2)'),
  },
  {
    name: 'custom-fields',
    run: async () => {
      const { findings, nameCount } = checkCustomFieldReferences(sourceDirs);
      return fromFindings(
        findings,
        `custom names used in Apex of ${sourceLabel} checked against ${nameCount} package objects/fields`,
      );
    },
  },
  {
    name: 'org-portability',
    run: async () => {
      const { findings, fileCount } = checkOrgPortability(sourceDirs);
      return fromFindings(
        findings,
        `${fileCount} Apex files: no package field looked up by its name as text (namespace), no profile by its name (language), no system-mode read under sharing (guest users)`,
      );
    },
  },
  {
    name: 'citations',
    run: async () => {
      const { findings, fileCount } = checkSourceCitations();
      return fromFindings(findings, `${fileCount} source and doc files cite no path on one machine`);
    },
  },
  {
    name: 'metadata-text',
    run: async () => {
      const { findings, fileCount } = await checkMetadataText();
      return fromFindings(findings, `${fileCount} metadata XML files: text without formatter whitespace`);
    },
  },
  {
    name: 'formulas',
    run: async () => {
      const samplesFile = path.join(__dirname, 'formula-samples.ts');
      const { findings, formulaCount, sampleCount } = checkFormulas(packageDir, FORMULA_SAMPLES, samplesFile);
      return fromFindings(
        findings,
        `${formulaCount} formula fields and validation rules evaluated on ${sampleCount} sample records (formulon)`,
      );
    },
  },
  {
    name: 'embedded-json',
    run: async () => {
      const { findings, jsonCount } = checkEmbeddedJson();
      return fromFindings(findings, `${jsonCount} JSON texts in metadata parsed, call center customSettings = items`);
    },
  },
  {
    name: 'visualforce-references',
    run: async () => {
      const { findings, referenceCount } = checkVisualforceReferences();
      return fromFindings(
        findings,
        `${referenceCount} pages, static resources and Visualforce-origin paths named by metadata and client code exist in the package; no inline script`,
      );
    },
  },
  {
    name: 'ui-labels',
    run: async () => {
      const { findings, templateCount, codeCount, labelCount, languages } = checkUiLabels();
      for (const generated of await generatedLabelFiles(projectRoot)) {
        if (generated.current !== generated.expected)
          findings.push({
            check: 'ui-labels',
            file: generated.file,
            line: 0,
            rule: 'GeneratedOutOfDate',
            message: 'out of date with the Custom Labels: run npx tsx scripts/i18n/generate-labels.ts',
          });
      }
      return fromFindings(
        findings,
        `${templateCount} UI templates and ${codeCount} UI code files without literal text; ${labelCount} Softphone labels on the adapter page and in labels.generated.ts, translated to ${languages.join(', ') || 'no other language'}`,
      );
    },
  },
  {
    name: 'apex-messages',
    run: async () => {
      const { findings, fileCount, byClass, allowedCount } = checkApexMessages();
      for (const [className, count] of [...byClass].sort((a, b) => b[1] - a[1]))
        console.log(`  ${className}: ${count} literal message(s)`);
      return fromFindings(
        findings,
        `${fileCount} Apex classes speak through Custom Labels (System.Label + LabelFormat); ${allowedCount} literal(s) accepted by the allow-list`,
      );
    },
  },
  {
    name: 'stand-in-messages',
    run: async () => {
      const { findings, fileCount, byFile, allowedCount } = checkStandInMessages();
      for (const [file, count] of [...byFile].sort((a, b) => b[1] - a[1]))
        console.log(`  ${file}: ${count} literal message(s)`);
      return fromFindings(
        findings,
        `${fileCount} files of the org stand-in answer the Apex labels (systemLabel); ${allowedCount} literal(s) accepted by the allow-list`,
      );
    },
  },
  {
    name: 'pmd',
    run: async () => {
      const { findings, ruleCount } = await runPmd(sourceDirs);
      return fromFindings(
        findings,
        `PMD ${ruleCount} rules (Security + Recommended, Apex + Visualforce) on ${sourceLabel}`,
      );
    },
  },
  {
    name: 'apex-tests',
    run: async () => {
      // Each folder on its own: the package's classes need tests inside the package (its coverage must not depend on
      // the unpackaged tests, which subscriber orgs never get).
      const results = sourceDirs.map((dir) => ({ dir, ...checkApexTestsPresent(dir) }));
      const counts = results.map(
        (r) => `${path.relative(projectRoot, r.dir)}: ${r.classCount} classes, ${r.testCount} test classes`,
      );
      return fromFindings(
        results.flatMap((r) => r.findings),
        counts.join('; '),
      );
    },
  },
  {
    name: 'contract-vector-tests',
    run: async () => {
      const unpackaged = path.join(projectRoot, 'unpackaged', 'main', 'default');
      const { findings, classCount, vectorCount } = checkContractVectorTests(
        path.join(unpackaged, 'classes'),
        path.join(unpackaged, 'staticresources'),
      );
      return fromFindings(
        findings,
        `${vectorCount} contract vectors listed in order and run by a test method of ${classCount} Apex contract test classes`,
      );
    },
  },
  {
    name: 'metadata',
    run: async () => {
      const { findings, memberCount, fileCount, directories } = await checkProjectMetadata(projectRoot);
      const packaged = readSfdxProject(projectRoot).packaged.map((d) => d.path);
      return fromFindings(
        findings,
        `sf project convert source of ${directories.join(' + ')}: ${fileCount} source files → ${memberCount} package.xml members; nothing unpackaged or test-only in ${packaged.join(', ')}`,
      );
    },
  },
  {
    name: 'namespaced',
    run: async () => {
      const { findings, directories, memberCount } = await checkNamespacedCopy(projectRoot);
      return fromFindings(
        findings,
        `a copy with "namespace": "${CHECK_NAMESPACE}": apex-ls + sf project convert source of ${directories.join(' + ')} (${memberCount} members)`,
      );
    },
  },
  { name: 'jest-engine', run: () => runJest(['--selectProjects', 'engine'], 'engine + harness unit tests') },
  {
    name: 'jest-checks',
    run: () => runJest(['--selectProjects', 'checks'], 'self-tests of the checks (known-bad samples)'),
  },
  {
    name: 'jest-ui',
    run: async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const config = require(path.join(projectRoot, 'jest.config.js')) as { projects: { displayName?: string }[] };
      if (!config.projects.some((project) => project.displayName === 'ui')) {
        return { ok: false, summary: 'jest.config.js has no "ui" project', passed: 0, failed: 1 };
      }
      return runJest(['--selectProjects', 'ui'], 'softphone UI components');
    },
  },
  {
    name: 'lwc',
    run: async () => {
      const hasLwc = existsSync(path.join(packageDir, 'main', 'default', 'lwc'));
      if (!hasLwc) return { ok: true, summary: 'package has no Lightning web components', passed: 0, failed: 0 };
      const result = await exec(
        bin('sfdx-lwc-jest'),
        ['--skipApiVersionCheck', '--', '--selectProjects', 'lwc', '--ci'],
        {
          cwd: projectRoot,
          echo: true,
        },
      );
      const tests = /^Tests:\s+(.*)$/m.exec(`${result.stdout}\n${result.stderr}`)?.[1] ?? '';
      const passed = Number(/(\d+) passed/.exec(tests)?.[1] ?? 0);
      const failed = Number(/(\d+) failed/.exec(tests)?.[1] ?? 0);
      return {
        ok: result.code === 0,
        summary: `sfdx-lwc-jest: ${tests}`,
        passed,
        failed: result.code === 0 ? failed : Math.max(failed, 1),
      };
    },
  },
  { name: 'e2e', run: () => runJest(['--selectProjects', 'e2e', '--runInBand'], 'end-to-end (headless Chromium)') },
];

/**
 * `12.3 s wall, 20.1 s CPU`: a step's elapsed time and the CPU time (user + system) it used, its child processes
 * included ({@link cpuSeconds}). On a shared machine the wall time grows with the other loads; the CPU time does not,
 * and CPU over wall says how many cores the step kept busy.
 */
function timing(seconds: number, cpu: number): string {
  return `${seconds.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.includes('--only') ? (args[args.indexOf('--only') + 1] ?? '').split(',') : null;
  const skipE2e = args.includes('--skip-e2e');
  const selected = steps.filter((step) => (only ? only.includes(step.name) : !(skipE2e && step.name === 'e2e')));
  const results: { name: string; result: StepResult; seconds: number; cpu: number }[] = [];
  const started = Date.now();
  const cpuAtStart = cpuSeconds();
  for (const step of selected) {
    if (step.name === 'e2e' && results.some((r) => r.name === 'build' && !r.result.ok)) {
      results.push({
        name: step.name,
        result: { ok: false, summary: 'skipped: the build failed', passed: 0, failed: 1 },
        seconds: 0,
        cpu: 0,
      });
      continue;
    }
    console.log(`\n▶ ${step.name}`);
    const t0 = Date.now();
    const cpu0 = cpuSeconds().seconds;
    let result: StepResult;
    try {
      result = await step.run();
    } catch (error) {
      result = { ok: false, summary: `crashed: ${(error as Error).message}`, passed: 0, failed: 1 };
    }
    const seconds = (Date.now() - t0) / 1000;
    const cpu = cpuSeconds().seconds - cpu0;
    console.log(`${result.ok ? '✔' : '✘'} ${step.name}: ${result.summary} (${timing(seconds, cpu)})`);
    results.push({ name: step.name, result, seconds, cpu });
  }
  console.log('\nSummary');
  const width = Math.max(14, ...results.map((r) => r.name.length));
  for (const { name, result, seconds, cpu } of results) {
    console.log(`  ${result.ok ? 'PASS' : 'FAIL'}  ${name.padEnd(width)} ${result.summary} (${timing(seconds, cpu)})`);
  }
  const passed = results.reduce((sum, r) => sum + r.result.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.result.failed, 0);
  const allOk = results.every((r) => r.result.ok);
  const cpuAtEnd = cpuSeconds();
  console.log(
    `  total ${timing((Date.now() - started) / 1000, cpuAtEnd.seconds - cpuAtStart.seconds)}${cpuAtEnd.children ? '' : ' (CPU of this process only: child processes not counted on this platform)'}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${availableParallelism()} cores`,
  );
  console.log(`tests: ${passed} passed, ${allOk ? failed : Math.max(failed, 1)} failed`);
  process.exitCode = allOk ? 0 : 1;
}

void main();
