import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../lib/finding';
import { listFiles, projectRoot, relative } from '../lib/paths';

/**
 * A path that exists on one machine only: a developer's home or workspace folder, or the team's private notes
 * folder beside the repository. A source cited that way cannot be opened by anyone else.
 */
const MACHINE_PATH =
  /(?:^|[\s`'"(<[])((?:\/work\/|\/home\/[a-z_][\w-]*\/|\/Users\/|\/root\/|[A-Z]:\\Users\\)[^\s`'")>\]]*|(?:\.\.\/)+shared\/notes[^\s`'")>\]]*)/;

/** Files people read as text: code, markup, metadata and docs (not lock files or the generated bundle). */
const TEXT_FILE = /\.(?:ts|mts|cts|js|mjs|cjs|html|css|cls|trigger|page|component|xml|md|json|sh|txt)$/;
const GENERATED = /(?:^|\/)(?:package-lock\.json|SoftphoneBundle[\w.-]*)$/;

/** The folders `npm test` scans: every source, metadata and doc folder of the repository, plus the README. */
export const CITATION_ROOTS = ['cti-adapter', 'force-app', 'unpackaged', 'scripts', 'docs', 'config', 'README.md'];

/**
 * Finds citations of a machine path (a workspace or home folder, or the private `shared/notes` beside the
 * repository) in the text files under
 * `roots`. Public TypeScript and Apex docs cite a document anyone can open (a guide page, an API reference, a
 * seed by its file name), never a path on one machine.
 *
 * @param root absolute folder the `roots` are relative to (the repository, or a fixture)
 * @param roots files or folders under `root`; the known-bad fixture `__fixtures__/citations-bad` is skipped
 *   unless it is the `root` itself
 * @returns one finding per line that names a machine path, and how many files were read
 */
export function checkSourceCitations(
  root: string = projectRoot,
  roots: readonly string[] = CITATION_ROOTS,
): { findings: Finding[]; fileCount: number } {
  const files = roots
    .map((entry) => path.join(root, entry))
    .flatMap((entry) => (TEXT_FILE.test(entry) ? [entry] : listFiles(entry)))
    .filter((file) => TEXT_FILE.test(file) && !GENERATED.test(file))
    .filter((file) => root.includes('citations-bad') || !file.includes(`${path.sep}citations-bad${path.sep}`));
  const findings: Finding[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const match = MACHINE_PATH.exec(line);
        if (!match) return;
        findings.push({
          check: 'citations',
          file: relative(projectRoot, file),
          line: index + 1,
          rule: 'MachinePath',
          message: `cites a path on one machine (${match[1]}); cite a public document instead`,
        });
      });
  }
  return { findings, fileCount: files.length };
}
