import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import type { Finding } from '../lib/finding';
import { listFiles, projectRoot, relative } from '../lib/paths';

/** Blanks comments and string literals but keeps line breaks and offsets, so positions and line numbers stay right. */
export function codeOnly(source: string): string {
  const blank = (text: string): string => text.replace(/[^\n]/g, ' ');
  return source
    .replace(/\/\*[\s\S]*?\*\//g, blank)
    .replace(/\/\/.*$/gm, blank)
    .replace(/'(?:\\.|[^'\\\n])*'/g, blank);
}

function existingDirs(sourceDirs: string | readonly string[]): string[] {
  return (typeof sourceDirs === 'string' ? [sourceDirs] : [...sourceDirs]).filter((dir) => existsSync(dir));
}

/**
 * The custom objects and fields a package defines (`objects/X__c/` folders and `objects/<Object>/fields/X__c` files),
 * lower-cased: the names the org prefixes with the package's namespace.
 * @param sourceDirs source folders of the project
 */
export function packageCustomNames(sourceDirs: string | readonly string[]): Set<string> {
  const known = new Set<string>();
  for (const dir of existingDirs(sourceDirs)) {
    for (const file of listFiles(dir)) {
      const rel = relative(dir, file);
      const object = /(?:^|\/)objects\/([A-Za-z]\w*__c)\//.exec(rel)?.[1];
      if (object) known.add(object.toLowerCase());
      const field = /(?:^|\/)objects\/[A-Za-z]\w*\/fields\/([A-Za-z]\w*__c)\.field-meta\.xml$/.exec(rel)?.[1];
      if (field) known.add(field.toLowerCase());
    }
  }
  return known;
}

/**
 * Checks that every custom name (`Something__c`) used in Apex code — field tokens, SOQL in brackets, sObject
 * types — is defined by the package: an object folder `objects/X__c/` or a field file `objects/<Object>/fields/X__c.field-meta.xml`.
 *
 * Why: apex-ls stops checking the fields of a standard object once the package adds a field to it (seen for
 * Task/Activity and Contact), so a typo in `CALL_UNIQUE_ID__c` would pass apex-ls and fail only at deploy.
 * Names are compared case-insensitively, like Apex. Names inside string literals (dynamic SOQL) are not seen.
 *
 * @param sourceDirs source folders, e.g. `<root>/force-app` (the package) and `<root>/unpackaged` (its tests): names
 *   are known from the objects of all of them, and checked in the Apex of all of them
 */
export function checkCustomFieldReferences(sourceDirs: string | readonly string[]): {
  findings: Finding[];
  nameCount: number;
} {
  const dirs = existingDirs(sourceDirs);
  const files = dirs.flatMap((dir) => listFiles(dir).map((file) => ({ dir, file })));
  const known = packageCustomNames(dirs);
  const findings: Finding[] = [];
  const objectsDirs = dirs.map((dir) => `${path.basename(dir)}/**/objects`).join(', ');
  for (const { file } of files.filter((f) => /\.(cls|trigger)$/.test(f.file))) {
    const lines = codeOnly(readFileSync(file, 'utf8')).split('\n');
    lines.forEach((text, index) => {
      for (const match of text.matchAll(/\b([A-Za-z]\w*?__c)\b/g)) {
        const name = match[1] ?? '';
        if (known.has(name.toLowerCase())) continue;
        findings.push({
          check: 'custom-fields',
          file: relative(projectRoot, file),
          line: index + 1,
          rule: 'UnknownCustomName',
          message: `${name} is not a custom object or field of the package (${objectsDirs})`,
        });
      }
    });
  }
  return { findings, nameCount: known.size };
}
