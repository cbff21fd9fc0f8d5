import path from 'node:path';
import os from 'node:os';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { exec } from '../lib/exec';
import type { Finding } from '../lib/finding';
import { bin, listFiles, projectRoot, relative } from '../lib/paths';

/**
 * How a source-format file maps to a Metadata API member. `member` returns the member name the converter must
 * put in `package.xml` for this file, or `null` when the file is a companion of another (e.g. `X.cls` next to
 * `X.cls-meta.xml`) that is checked through its partner.
 */
interface Rule {
  folder: string;
  type: string;
  /** Regex on the path below the folder; group 1 is the member name. */
  pattern: RegExp;
  /** Builds the member from the match (defaults to group 1). */
  member?: (match: RegExpMatchArray) => string;
}

/** Source-format layouts of the metadata types this package uses (Salesforce DX source format). */
const rules: Rule[] = [
  { folder: 'classes', type: 'ApexClass', pattern: /^(?:.*\/)?([A-Za-z]\w*)\.cls(?:-meta\.xml)?$/ },
  { folder: 'triggers', type: 'ApexTrigger', pattern: /^(?:.*\/)?([A-Za-z]\w*)\.trigger(?:-meta\.xml)?$/ },
  { folder: 'pages', type: 'ApexPage', pattern: /^([A-Za-z]\w*)\.page(?:-meta\.xml)?$/ },
  { folder: 'components', type: 'ApexComponent', pattern: /^([A-Za-z]\w*)\.component(?:-meta\.xml)?$/ },
  {
    folder: 'staticresources',
    type: 'StaticResource',
    pattern: /^([A-Za-z]\w*)(?:\.resource-meta\.xml|\.[A-Za-z0-9]+|\/.+)$/,
  },
  { folder: 'permissionsets', type: 'PermissionSet', pattern: /^([A-Za-z]\w*)\.permissionset-meta\.xml$/ },
  {
    folder: 'customPermissions',
    type: 'CustomPermission',
    pattern: /^([A-Za-z]\w*)\.customPermission-meta\.xml$/,
  },
  { folder: 'callCenters', type: 'CallCenter', pattern: /^([A-Za-z]\w*)\.callCenter-meta\.xml$/ },
  { folder: 'applications', type: 'CustomApplication', pattern: /^([A-Za-z]\w*)\.app-meta\.xml$/ },
  { folder: 'flexipages', type: 'FlexiPage', pattern: /^([A-Za-z]\w*)\.flexipage-meta\.xml$/ },
  { folder: 'tabs', type: 'CustomTab', pattern: /^([A-Za-z]\w*)\.tab-meta\.xml$/ },
  { folder: 'layouts', type: 'Layout', pattern: /^(.+)\.layout-meta\.xml$/ },
  {
    folder: 'messageChannels',
    type: 'LightningMessageChannel',
    pattern: /^([A-Za-z]\w*)\.messageChannel-meta\.xml$/,
  },
  { folder: 'sharingRules', type: 'SharingRules', pattern: /^([A-Za-z]\w*)\.sharingRules-meta\.xml$/ },
  { folder: 'lwc', type: 'LightningComponentBundle', pattern: /^([a-z][A-Za-z0-9_]*)\/.+$/ },
  { folder: 'aura', type: 'AuraDefinitionBundle', pattern: /^([A-Za-z][A-Za-z0-9_]*)\/.+$/ },
  { folder: 'cspTrustedSites', type: 'CspTrustedSite', pattern: /^([A-Za-z]\w*)\.cspTrustedSite-meta\.xml$/ },
  {
    folder: 'remoteSiteSettings',
    type: 'RemoteSiteSetting',
    pattern: /^([A-Za-z]\w*)\.remoteSite-meta\.xml$/,
  },
  { folder: 'customMetadata', type: 'CustomMetadata', pattern: /^([A-Za-z]\w*\.[A-Za-z]\w*)\.md-meta\.xml$/ },
  { folder: 'labels', type: 'CustomLabels', pattern: /^(CustomLabels)\.labels-meta\.xml$/ },
  { folder: 'translations', type: 'Translations', pattern: /^([a-z]{2,3}(?:_[A-Z]{2})?)\.translation-meta\.xml$/ },
  { folder: 'objects', type: 'CustomObject', pattern: /^([A-Za-z]\w*)\/\1\.object-meta\.xml$/ },
  {
    folder: 'objects',
    type: 'CustomField',
    pattern: /^([A-Za-z]\w*)\/fields\/([A-Za-z]\w*)\.field-meta\.xml$/,
    member: (m) => `${m[1]}.${m[2]}`,
  },
  {
    folder: 'objects',
    type: 'ListView',
    pattern: /^([A-Za-z]\w*)\/listViews\/([A-Za-z]\w*)\.listView-meta\.xml$/,
    member: (m) => `${m[1]}.${m[2]}`,
  },
  {
    folder: 'objects',
    type: 'RecordType',
    pattern: /^([A-Za-z]\w*)\/recordTypes\/([A-Za-z]\w*)\.recordType-meta\.xml$/,
    member: (m) => `${m[1]}.${m[2]}`,
  },
  {
    folder: 'objects',
    type: 'ValidationRule',
    pattern: /^([A-Za-z]\w*)\/validationRules\/([A-Za-z]\w*)\.validationRule-meta\.xml$/,
    member: (m) => `${m[1]}.${m[2]}`,
  },
  {
    folder: 'objects',
    type: 'CompactLayout',
    pattern: /^([A-Za-z]\w*)\/compactLayouts\/([A-Za-z]\w*)\.compactLayout-meta\.xml$/,
    member: (m) => `${m[1]}.${m[2]}`,
  },
  {
    folder: 'objects',
    type: 'FieldSet',
    pattern: /^([A-Za-z]\w*)\/fieldSets\/([A-Za-z]\w*)\.fieldSet-meta\.xml$/,
    member: (m) => `${m[1]}.${m[2]}`,
  },
  {
    folder: 'objects',
    type: 'WebLink',
    pattern: /^([A-Za-z]\w*)\/webLinks\/([A-Za-z]\w*)\.webLink-meta\.xml$/,
    member: (m) => `${m[1]}.${m[2]}`,
  },
];

/** Files that are not metadata and that the converter legitimately ignores (see `.forceignore`). */
const ignored = [/(^|\/)__tests__\//, /(^|\/)jsconfig\.json$/, /(^|\/)\.eslintrc\.json$/, /\.ts$/];

/** Parses `package.xml` into a set of `Type:member`. */
function readManifest(file: string): Set<string> {
  const parser = new XMLParser({ isArray: (name) => name === 'types' || name === 'members' });
  const doc = parser.parse(readFileSync(file, 'utf8')) as {
    Package?: { types?: { name: string; members: string[] }[] };
  };
  const members = new Set<string>();
  for (const type of doc.Package?.types ?? []) {
    for (const member of type.members) members.add(`${type.name}:${member}`);
  }
  return members;
}

/** What converting one source folder produced. */
export interface MetadataConversionResult {
  findings: Finding[];
  memberCount: number;
  fileCount: number;
  /** `Type:member` of the produced `package.xml` (empty when the conversion failed). */
  members: Set<string>;
  /** The source files (relative to the project) behind each `Type:member` they must produce. */
  memberFiles: Map<string, string[]>;
}

/**
 * A copy of the project's `sfdx-project.json`, `.forceignore` and one package directory in a fresh temporary folder.
 * The converter recognizes a metadata type by the folder names of a file's whole path: in a checkout whose path has
 * a folder named like a type folder (`…/lwc/force-app/…`, `…/classes/…`), every file looks like part of a bundle of
 * that type and the conversion produces nothing useful. The copy's path has no such folder.
 * @returns the temporary project folder (the caller removes it)
 */
function stageProject(projectDir: string, packageDir: string): string {
  const stageDir = mkdtempSync(path.join(os.tmpdir(), 'convert-project-'));
  for (const file of ['sfdx-project.json', '.forceignore']) {
    const source = path.join(projectDir, file);
    if (existsSync(source)) cpSync(source, path.join(stageDir, file));
  }
  cpSync(path.join(projectDir, packageDir), path.join(stageDir, packageDir), { recursive: true });
  return stageDir;
}

/**
 * Converts the package directory with `sf project convert source` and checks that EVERY source file is
 * represented in the produced `package.xml`. The converter silently drops a `.cls` without its meta file,
 * a misnamed field file (and, then, other fields of the object), so its success alone proves little.
 *
 * @param projectDir folder containing `sfdx-project.json`
 * @param packageDir package directory relative to `projectDir` (default `force-app`)
 * @returns findings for files the converter rejected or dropped, or that do not follow a known layout
 */
export async function checkMetadataConversion(
  projectDir: string,
  packageDir = 'force-app',
): Promise<MetadataConversionResult> {
  const outputDir = mkdtempSync(path.join(os.tmpdir(), 'convert-check-'));
  const stageDir = stageProject(projectDir, packageDir);
  try {
    const result = await exec(
      bin('sf'),
      ['project', 'convert', 'source', '--root-dir', packageDir, '--output-dir', outputDir, '--json'],
      {
        cwd: stageDir,
        env: { ...process.env, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true', NODE_NO_WARNINGS: '1' },
      },
    );
    if (result.code !== 0) {
      let message = result.stdout || result.stderr;
      try {
        const parsed = JSON.parse(result.stdout) as { message?: string };
        message = parsed.message ?? message;
      } catch {
        // not JSON: keep the raw output
      }
      const at = message.indexOf(`${packageDir}/`);
      const failedFile = at >= 0 ? /^[^\s"'():]+/.exec(message.slice(at))?.[0] : undefined;
      return {
        findings: [
          {
            check: 'metadata',
            file: failedFile ?? packageDir,
            line: 0,
            rule: 'ConvertFailed',
            message: `sf project convert source failed: ${message.trim()}`,
          },
        ],
        memberCount: 0,
        fileCount: 0,
        members: new Set(),
        memberFiles: new Map(),
      };
    }
    const manifest = readManifest(path.join(outputDir, 'package.xml'));
    const findings: Finding[] = [];
    const memberFiles = new Map<string, string[]>();
    const defaultDir = path.join(projectDir, packageDir, 'main', 'default');
    const files = listFiles(path.join(projectDir, packageDir));
    let fileCount = 0;
    for (const file of files) {
      const rel = relative(projectDir, file);
      if (ignored.some((pattern) => pattern.test(rel))) continue;
      fileCount += 1;
      const inDefault = relative(defaultDir, file);
      if (inDefault.startsWith('..')) {
        findings.push(misplaced(rel, 'metadata must live under main/default/<type folder>/'));
        continue;
      }
      const [folder, ...rest] = inDefault.split('/');
      const below = rest.join('/');
      const candidates = rules.filter((rule) => rule.folder === folder);
      if (candidates.length === 0) {
        findings.push(
          misplaced(rel, `unknown metadata folder "${folder}" (add its layout to the check if it is real)`),
        );
        continue;
      }
      const hit = candidates
        .map((rule) => ({ rule, match: below.match(rule.pattern) }))
        .find((candidate) => candidate.match !== null);
      if (!hit?.match) {
        findings.push(misplaced(rel, `file name does not follow the source format of ${folder}/`));
        continue;
      }
      const member = hit.rule.member ? hit.rule.member(hit.match) : (hit.match[1] ?? '');
      const key = `${hit.rule.type}:${member}`;
      memberFiles.set(key, [...(memberFiles.get(key) ?? []), rel]);
      if (hit.rule.type === 'CustomLabels') continue;
      if (!manifest.has(key)) {
        findings.push({
          check: 'metadata',
          file: rel,
          line: 0,
          rule: 'DroppedByConverter',
          message: `${hit.rule.type} ${member} is missing from the converted package.xml (the converter dropped it: a missing -meta.xml or a misnamed file?)`,
        });
      }
    }
    return { findings, memberCount: manifest.size, fileCount, members: manifest, memberFiles };
  } finally {
    rmSync(stageDir, { recursive: true, force: true });
    rmSync(outputDir, { recursive: true, force: true });
  }
}

function misplaced(file: string, message: string): Finding {
  return { check: 'metadata', file, line: 0, rule: 'UnknownLayout', message };
}

/** Convenience for the CLI: the project's own package directory. */
export function projectPackageDir(): string {
  return path.join(projectRoot, 'force-app');
}
