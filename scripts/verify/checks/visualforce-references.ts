import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../lib/finding';
import { listFiles, projectRoot, relative } from '../lib/paths';

/** Where the package's Visualforce pages and static resources live, and the client code that runs on their origin. */
export const PACKAGE_DIRS = ['force-app'];
export const CLIENT_SOURCE_DIRS = ['cti-adapter/src'];

/**
 * Salesforce's own root paths on a Visualforce origin (Open CTI library, remoting, logout…) and RingCentral API paths,
 * which client code names relative to the RingCentral server: not files the package must ship.
 */
const PLATFORM_PATHS = /^\/(?:support|services|secur|jslibrary|lightning|restapi|analytics|sfc|img|s)\//;

const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/** A page or static resource name without a namespace prefix (`rcsoft__RingCentralOAuthCallback` → the page). */
const localName = (name: string): string => name.replace(/^[A-Za-z]\w*?__(?=\w)/, '');

/**
 * Checks that what the package's metadata and the softphone's code ask of the Visualforce origin is something the
 * package ships (Visualforce Developer Guide: pages are served at `/apex/<Page>`, static resources at
 * `/resource/<Name>`; `{!$Page.X}` and `{!$Resource.X}` name them), and that its pages keep to Salesforce's CSP
 * (no inline script):
 * - `MissingPage`: `/apex/<Name>` (call center items, pages, string literals of the client code) or `{!$Page.<Name>}`
 *   names no `pages/<Name>.page` of the package;
 * - `MissingStaticResource`: `{!$Resource.<Name>}` or `/resource/<Name>` names no static resource of the package;
 * - `MissingResourceFile`: `{!URLFOR($Resource.<Name>, 'path')}` names a file the archive resource `<Name>` (a folder
 *   `staticresources/<Name>/`, as the build writes it) does not hold: the org would answer 404 (a module preloaded
 *   or a chunk renamed by the build). Skipped while the folder is not built;
 * - `NotServedOnVisualforce`: client code names a root-relative file (`'/oauth/callback.html'`): a Visualforce origin
 *   serves no such file — ship it as a page or a static resource (the defect that left the sign-in without its
 *   redirect page);
 * - `InlineScript`: a page has a `<script>` without `src`, an `on…=` event attribute or a `javascript:` URL.
 *
 * @param root absolute folder the other arguments are relative to (the repository, or a fixture)
 */
export function checkVisualforceReferences(
  root: string = projectRoot,
  packageDirs: readonly string[] = PACKAGE_DIRS,
  sourceDirs: readonly string[] = CLIENT_SOURCE_DIRS,
): { findings: Finding[]; referenceCount: number } {
  const findings: Finding[] = [];
  let referenceCount = 0;
  const packageFiles = packageDirs.flatMap((dir) =>
    existsSync(path.join(root, dir)) ? listFiles(path.join(root, dir)) : [],
  );
  const pages = new Set(
    packageFiles
      .filter((f) => f.endsWith('.page') && path.basename(path.dirname(f)) === 'pages')
      .map((f) => path.basename(f, '.page')),
  );
  const resources = new Set(
    packageFiles.filter((f) => f.endsWith('.resource-meta.xml')).map((f) => path.basename(f, '.resource-meta.xml')),
  );
  /** Archive resources by name → their built folder (`staticresources/<Name>/`), when it exists. */
  const resourceFolders = new Map(
    packageFiles
      .filter((f) => f.endsWith('.resource-meta.xml'))
      .map((f) => [path.basename(f, '.resource-meta.xml'), f.slice(0, -'.resource-meta.xml'.length)] as const)
      .filter(([, folder]) => existsSync(folder) && statSync(folder).isDirectory()),
  );
  const report = (file: string, line: number, rule: string, message: string): void => {
    findings.push({ check: 'visualforce-references', file: relative(projectRoot, file), line, rule, message });
  };
  const needPage = (file: string, text: string, index: number, name: string, how: string): void => {
    referenceCount += 1;
    if (!pages.has(localName(name))) {
      report(
        file,
        lineOf(text, index),
        'MissingPage',
        `${how} names no Visualforce page of the package (pages/${localName(name)}.page)`,
      );
    }
  };
  const needResource = (file: string, text: string, index: number, name: string, how: string): void => {
    referenceCount += 1;
    if (!resources.has(localName(name))) {
      report(file, lineOf(text, index), 'MissingStaticResource', `${how} names no static resource of the package`);
    }
  };

  for (const file of packageFiles) {
    const isPage = file.endsWith('.page');
    if (!isPage && !file.endsWith('-meta.xml')) continue;
    const text = readFileSync(file, 'utf8');
    const scanned = isPage ? text.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' ')) : text;
    for (const m of scanned.matchAll(/\/apex\/(\w+)/g)) needPage(file, scanned, m.index, m[1]!, `/apex/${m[1]}`);
    if (!isPage) continue;
    for (const m of scanned.matchAll(/\$Page\.(\w+)/g)) needPage(file, scanned, m.index, m[1]!, `$Page.${m[1]}`);
    for (const m of scanned.matchAll(/\$Resource\.(\w+)/g))
      needResource(file, scanned, m.index, m[1]!, `$Resource.${m[1]}`);
    for (const m of scanned.matchAll(/URLFOR\(\s*\$Resource\.(\w+)\s*,\s*'([^']+)'\s*\)/g)) {
      const folder = resourceFolders.get(localName(m[1]!));
      if (folder && !existsSync(path.join(folder, m[2]!))) {
        report(
          file,
          lineOf(scanned, m.index),
          'MissingResourceFile',
          `URLFOR($Resource.${m[1]}, '${m[2]}') names no file of the archive ${m[1]} (the org answers 404)`,
        );
      }
    }
    for (const m of scanned.matchAll(/<script\b([^>]*)>/gi)) {
      if (!/\bsrc\s*=/i.test(m[1] ?? '')) {
        report(
          file,
          lineOf(scanned, m.index),
          'InlineScript',
          'inline <script>: load the code from a static resource (Salesforce CSP)',
        );
      }
    }
    for (const m of scanned.matchAll(/<[a-z][\w:-]*\b[^>]*?\s(on[a-z]+)\s*=/gi)) {
      report(
        file,
        lineOf(scanned, m.index),
        'InlineScript',
        `inline event handler ${m[1]}=: attach listeners from the static resource`,
      );
    }
    for (const m of scanned.matchAll(/javascript:/gi)) {
      report(file, lineOf(scanned, m.index), 'InlineScript', 'javascript: URL (Salesforce CSP)');
    }
  }

  const sources = sourceDirs.flatMap((dir) =>
    existsSync(path.join(root, dir)) ? listFiles(path.join(root, dir)) : [],
  );
  for (const file of sources) {
    if (!/\.(ts|js|mjs|html)$/.test(file) || /[\\/]__tests__[\\/]/.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(['"`])(\/[^'"`\s]*)\1/g)) {
      const literal = m[2]!;
      const page = /^\/apex\/(\w+)/.exec(literal);
      if (page) {
        needPage(file, text, m.index, page[1]!, `'${literal}'`);
        continue;
      }
      const resource = /^\/resource\/(?:\d+\/)?(\w+)/.exec(literal);
      if (resource) {
        needResource(file, text, m.index, resource[1]!, `'${literal}'`);
        continue;
      }
      if (/\.\w{2,5}$/.test(literal) && !PLATFORM_PATHS.test(literal)) {
        referenceCount += 1;
        report(
          file,
          lineOf(text, m.index),
          'NotServedOnVisualforce',
          `'${literal}' is a file no Visualforce origin serves: ship it as a page (/apex/<Page>) or a static resource (/resource/<Name>)`,
        );
      }
    }
  }
  return { findings, referenceCount };
}
