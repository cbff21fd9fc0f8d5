import path from 'node:path';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Finding } from '../lib/finding';
import { listFiles, projectRoot, relative } from '../lib/paths';
import { readSfdxProject } from '../lib/sfdx-project';
import { checkMetadataConversion, type MetadataConversionResult } from './metadata-conversion';
import { isTestClass } from './apex-tests-present';

/** What `checkProjectMetadata` converted and found. */
export interface ProjectMetadataResult {
  findings: Finding[];
  /** Source folders converted (packaged and unpackaged). */
  directories: string[];
  fileCount: number;
  memberCount: number;
}

/** Source files that can use a static resource at run time (pages, components, Apex, triggers, LWC, Aura). */
const RUNTIME_SOURCE = /\.(?:page|component|cls|trigger|js|html|cmp|app)$/;

/** Blanks Apex comments (strings stay: `PageReference.forResource('Name')` names a resource in a string). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, ' ');
}

/**
 * Static resources of a packaged folder that nothing shipped uses: a resource named only by `@IsTest` classes (or by
 * nothing) is test data, and test data in the package ships to every subscriber org (the contract vectors once did).
 * Uses are `$Resource.Name`, `@salesforce/resourceUrl/Name` and the name in non-test Apex (a string such
 * as `PageReference.forResource('Name')`); descriptions in `-meta.xml` files are not uses.
 */
function testOnlyResources(projectDir: string, packageDir: string): Finding[] {
  const files = listFiles(path.join(projectDir, packageDir));
  const resources = files
    .map((file) => /\/staticresources\/([A-Za-z]\w*)\.resource-meta\.xml$/.exec(file.split(path.sep).join('/')))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ name: match[1] ?? '', file: match.input }));
  if (resources.length === 0) return [];
  const runtimeSources = files
    .filter((file) => {
      const segments = file.split(path.sep);
      return RUNTIME_SOURCE.test(file) && !segments.includes('staticresources') && !segments.includes('__tests__');
    })
    .map((file) => readFileSync(file, 'utf8'))
    .filter((source) => !isTestClass(source))
    .map(withoutComments);
  return resources
    .filter(({ name }) => !runtimeSources.some((source) => new RegExp(`\\b${name}\\b`).test(source)))
    .map(({ name, file }) => ({
      check: 'metadata',
      file: relative(projectDir, file),
      line: 0,
      rule: 'TestOnlyResourceInPackage',
      message: `static resource ${name} is used only by tests (or by nothing) yet is packaged: move it to the unpackaged directory (unpackagedMetadata in sfdx-project.json) so it does not ship`,
    }));
}

/** Content types Salesforce serves the files of (an archive: `URLFOR($Resource.Name, 'path')`). */
const ARCHIVE_TYPES = new Set(['application/zip', 'application/x-zip-compressed', 'application/jar']);

/**
 * Static resources in folder form (`staticresources/<Name>/…` next to `<Name>.resource-meta.xml`) whose content type
 * is not an archive: the converter zips the folder, but Salesforce then serves one file of the declared type instead of
 * the archive's files, so `URLFOR($Resource.Name, 'file.js')` — a page loading a module of the softphone bundle —
 * finds nothing. Rule `StaticResourceFolderNotArchive`, at the meta file.
 */
export function checkStaticResourceFolders(projectDir: string, packageDir: string): Finding[] {
  const root = path.join(projectDir, packageDir);
  const metas = listFiles(root).filter((file) =>
    /\/staticresources\/[A-Za-z]\w*\.resource-meta\.xml$/.test(file.split(path.sep).join('/')),
  );
  const findings: Finding[] = [];
  for (const meta of metas) {
    const folder = meta.replace(/\.resource-meta\.xml$/, '');
    if (!existsSync(folder) || !statSync(folder).isDirectory()) continue;
    const text = readFileSync(meta, 'utf8');
    const contentType = /<contentType>\s*([^<\s]+)\s*<\/contentType>/.exec(text)?.[1] ?? '(none)';
    if (ARCHIVE_TYPES.has(contentType)) continue;
    const line = text
      .slice(0, text.indexOf('<contentType>') >= 0 ? text.indexOf('<contentType>') : 0)
      .split('\n').length;
    findings.push({
      check: 'metadata',
      file: relative(projectDir, meta),
      line,
      rule: 'StaticResourceFolderNotArchive',
      message: `static resource ${path.basename(folder)} is a folder but its contentType is ${contentType}: declare application/zip so Salesforce serves its files (URLFOR($Resource.${path.basename(folder)}, 'file'))`,
    });
  }
  return findings;
}

/**
 * Converts every source folder of `sfdx-project.json` (`sf project convert source`, each file checked against the
 * produced `package.xml` by `checkMetadataConversion`) and checks the package boundary:
 * - a packaged folder's `unpackagedMetadata.path` exists and is itself a package directory (so
 *   `sf project deploy start` deploys it with the package for `sf apex run test`);
 * - no member of the unpackaged folder is also produced by the packaged folder (a file left behind or copied ends up
 *   in the package's `package.xml`; Salesforce does not allow the same metadata in both);
 * - no static resource of a packaged folder is test-only data;
 * - a static resource in folder form is declared an archive ({@link checkStaticResourceFolders}).
 *
 * @param projectDir folder containing `sfdx-project.json`
 */
export async function checkProjectMetadata(projectDir: string = projectRoot): Promise<ProjectMetadataResult> {
  const project = readSfdxProject(projectDir);
  const findings: Finding[] = [];
  const directories = [...new Set([...project.directories.map((d) => d.path), ...project.unpackaged])].filter((dir) =>
    existsSync(path.join(projectDir, dir)),
  );
  const converted = new Map<string, MetadataConversionResult>();
  for (const dir of directories) {
    const result = await checkMetadataConversion(projectDir, dir);
    converted.set(dir, result);
    findings.push(...result.findings);
  }
  for (const dir of directories) findings.push(...checkStaticResourceFolders(projectDir, dir));
  for (const packaged of project.packaged) {
    findings.push(...testOnlyResources(projectDir, packaged.path));
    const unpackagedPath = packaged.unpackagedPath;
    if (!unpackagedPath) continue;
    if (!existsSync(path.join(projectDir, unpackagedPath))) {
      findings.push(boundary(`unpackagedMetadata.path "${unpackagedPath}" of ${packaged.path} does not exist`));
      continue;
    }
    if (!project.directories.some((d) => d.path === unpackagedPath)) {
      findings.push(
        boundary(
          `"${unpackagedPath}" (unpackagedMetadata of ${packaged.path}) is not a package directory: add {"path": "${unpackagedPath}", "default": false} so deploys and test runs include it`,
        ),
      );
    }
    const inPackage = converted.get(packaged.path)?.memberFiles ?? new Map<string, string[]>();
    for (const [member, files] of converted.get(unpackagedPath)?.memberFiles ?? new Map<string, string[]>()) {
      const [file] = inPackage.get(member) ?? [];
      if (file === undefined) continue;
      findings.push({
        check: 'metadata',
        file,
        line: 0,
        rule: 'UnpackagedInPackage',
        message: `${member.replace(':', ' ')} is unpackaged metadata (${files[0]}) but is also in ${packaged.path}, so it would ship in the package`,
      });
    }
  }
  const results = [...converted.values()];
  return {
    findings,
    directories,
    fileCount: results.reduce((sum, r) => sum + r.fileCount, 0),
    memberCount: results.reduce((sum, r) => sum + r.memberCount, 0),
  };
}

function boundary(message: string): Finding {
  return { check: 'metadata', file: 'sfdx-project.json', line: 0, rule: 'UnpackagedDirectory', message };
}
