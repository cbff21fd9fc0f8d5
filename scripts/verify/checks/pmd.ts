import { CodeAnalyzer, CodeAnalyzerConfig } from '@salesforce/code-analyzer-core';
import * as pmdEngine from '@salesforce/code-analyzer-pmd-engine';
import type { Finding } from '../lib/finding';
import { projectRoot, relative } from '../lib/paths';

/** The PMD rule selectors that must report zero violations (AppExchange security review expectations). */
export const pmdSelectors = ['pmd:Security', 'pmd:Recommended'] as const;

/** Result of a PMD run: the findings and how many rules were applied (to show the check is not empty). */
export interface PmdResult {
  findings: Finding[];
  ruleCount: number;
}

/**
 * Runs PMD 7 (through `@salesforce/code-analyzer-core` and its PMD engine, offline, Java 17) with the
 * `Security` and `Recommended` rule tags over the Apex and Visualforce files of `targetDirs`.
 *
 * A violation may be suppressed only in the code, with `@SuppressWarnings('PMD.RuleName')` and a comment
 * saying why (PMD honours the annotation itself).
 *
 * @param targetDirs folder(s) to analyse, e.g. `<root>/force-app` and `<root>/unpackaged`
 * @throws when the analyzer cannot start (e.g. no Java runtime)
 */
export async function runPmd(targetDirs: string | readonly string[]): Promise<PmdResult> {
  const dirs = typeof targetDirs === 'string' ? [targetDirs] : [...targetDirs];
  const [firstDir = projectRoot] = dirs;
  const config = CodeAnalyzerConfig.fromObject(
    {
      log_level: 1,
      engines: { pmd: {}, cpd: { disable_engine: true } },
    },
    firstDir,
  );
  const analyzer = new CodeAnalyzer(config);
  await analyzer.addEnginePlugin(pmdEngine.createEnginePlugin());
  const workspace = await analyzer.createWorkspace(dirs);
  const selection = await analyzer.selectRules([...pmdSelectors], { workspace });
  const results = await analyzer.run(selection, { workspace });
  const findings = results.getViolations().map((violation): Finding => {
    const location = violation.getPrimaryLocation();
    const file = location.getFile();
    return {
      check: 'pmd',
      file: file ? relative(projectRoot, file) : '(unknown file)',
      line: location.getStartLine() ?? 0,
      rule: violation.getRule().getName(),
      message: violation.getMessage(),
    };
  });
  return { findings, ruleCount: selection.getCount() };
}
