/**
 * A problem found by one of the offline checks, located in a file.
 *
 * `line` is 1-based; `0` means "the whole file" (e.g. a file the metadata converter dropped).
 */
export interface Finding {
  /** Name of the check that produced it, e.g. `apex-ls`, `pmd`, `metadata`. */
  check: string;
  /** Path relative to the project root when possible, otherwise absolute. */
  file: string;
  line: number;
  /** Rule or category, e.g. `ApexSOQLInjection`, `Missing`. */
  rule: string;
  message: string;
}

/** Formats a finding the way compilers do (`file:line: [check/rule] message`), so editors can jump to it. */
export function formatFinding(finding: Finding): string {
  const where = finding.line > 0 ? `${finding.file}:${finding.line}` : finding.file;
  return `${where}: [${finding.check}/${finding.rule}] ${finding.message}`;
}
