import path from 'node:path';
import os from 'node:os';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Finding } from '../lib/finding';
import { projectRoot, relative } from '../lib/paths';
import { readSfdxProject } from '../lib/sfdx-project';
import { runApexLs } from './apex-semantics';
import { checkProjectMetadata } from './package-boundary';

/** The namespace the copy is checked with (any registered-looking prefix; the package's real one is chosen at packaging). */
export const CHECK_NAMESPACE = 'rcsp';

/**
 * Checks the project as a managed package sees it: copies `sfdx-project.json`, `.forceignore` and every source folder
 * to a temporary folder, sets `"namespace"` in the copy's `sfdx-project.json`, and runs apex-ls and the metadata
 * conversion (`sf project convert source` with the package boundary rules) on the copy. With a namespace, apex-ls
 * resolves the package's own qualified references (`rcsp.SoftphoneApi`, `rcsp__Field__c`), which it cannot check
 * without one. Findings name the original files, so `file:line` points into the project.
 *
 * What only an org shows (a namespaced scratch org): Apex compiled and run with the namespace, describe map keys,
 * SOQL/SOSL with prefixed names — see docs/adr/0011-namespace-neutral-wire.md for the commands.
 *
 * @param projectDir folder containing `sfdx-project.json`
 * @param namespace the namespace to set (default {@link CHECK_NAMESPACE})
 */
export async function checkNamespacedCopy(
  projectDir: string = projectRoot,
  namespace: string = CHECK_NAMESPACE,
): Promise<{ findings: Finding[]; directories: string[]; memberCount: number }> {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'namespaced-copy-'));
  try {
    const project = readSfdxProject(projectDir);
    const directories = [...new Set([...project.directories.map((d) => d.path), ...project.unpackaged])].filter((dir) =>
      existsSync(path.join(projectDir, dir)),
    );
    for (const dir of directories) cpSync(path.join(projectDir, dir), path.join(copy, dir), { recursive: true });
    if (existsSync(path.join(projectDir, '.forceignore'))) {
      cpSync(path.join(projectDir, '.forceignore'), path.join(copy, '.forceignore'));
    }
    const config = JSON.parse(readFileSync(path.join(projectDir, 'sfdx-project.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    writeFileSync(path.join(copy, 'sfdx-project.json'), JSON.stringify({ ...config, namespace }, null, 2));

    const original = (file: string): string => {
      const absolute = path.resolve(path.isAbsolute(file) ? file : path.join(projectRoot, file));
      const inCopy = path.relative(copy, absolute);
      return inCopy.startsWith('..') ? file : relative(projectRoot, path.join(projectDir, inCopy));
    };
    const apex = (await runApexLs(copy)).map((f) => ({ ...f, check: 'namespaced', file: original(f.file) }));
    const metadata = await checkProjectMetadata(copy);
    const converted = metadata.findings.map((f) => ({
      ...f,
      check: 'namespaced',
      file:
        f.file === 'sfdx-project.json'
          ? relative(projectRoot, path.join(projectDir, f.file))
          : original(path.join(copy, f.file)),
    }));
    return { findings: [...apex, ...converted], directories, memberCount: metadata.memberCount };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
