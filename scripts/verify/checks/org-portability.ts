import { readFileSync } from 'node:fs';
import type { Finding } from '../lib/finding';
import { listFiles, projectRoot, relative } from '../lib/paths';
import { packageCustomNames } from './custom-field-references';

/** Blanks comments but keeps string literals and line breaks (line numbers stay right). */
function withoutComments(source: string): string {
  const blank = (text: string): string => text.replace(/[^\n]/g, ' ');
  return source.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/\/\/.*$/gm, blank);
}

/** Methods whose first argument is a field or object name looked up at run time (SObject, Map, describe maps). */
const NAME_LOOKUP = /\.(get|put|containsKey|remove|isSet|getSObject|getSObjects|putSObject)\(\s*$/;
/** A profile chosen by its name, which Salesforce translates into the org's language. */
// `LIKE :term` is a search of what a person typed (the names they see), not a lookup of a fixed name: not reported.
const PROFILE_BY_NAME =
  /\bFROM\s+Profile\s+WHERE\b[^\]']*?\bName\s*(?:=|!=|IN\b|LIKE\s*')|\bProfile\.Name\s*(?:=|!=|IN\b|LIKE\s*')/gi;

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/**
 * Apex that works in the developer's org and breaks in a customer's. Rules, reported at the line of the offence:
 * - `PackageNameAsText`: a package custom field or object named in a string literal that is looked up at run time
 *   (`record.get('Key__c')`, `put`, `containsKey`, `fields.getMap().get('Key__c')`, `getGlobalDescribe().get(…)`).
 *   In a managed package the org names it `<ns>__Key__c` (describe maps and `getPopulatedFieldsAsMap` key it so,
 *   Apex Developer Guide, "Namespace Prefix"), so the lookup finds nothing. Use the token (`Task.Key__c`) or
 *   `PackageSchema.field` for names that arrive as text.
 * - `ProfileByName`: a profile found by its name (`FROM Profile WHERE Name = 'Standard User'`, `Profile.Name = …`):
 *   standard profile names are translated into the org's default language, so the query finds nothing in a German
 *   org. Find profiles by what they grant (permissions, licence). A search by what an admin typed
 *   (`Name LIKE :pattern`) is not a lookup of a fixed name and is not reported.
 *
 * @param sourceDirs source folders (package and unpackaged tests): the package's names come from all of them
 */
export function checkOrgPortability(sourceDirs: readonly string[]): { findings: Finding[]; fileCount: number } {
  const packageNames = packageCustomNames(sourceDirs);
  const findings: Finding[] = [];
  const files = sourceDirs.flatMap((dir) => listFiles(dir)).filter((file) => /\.(cls|trigger)$/.test(file));
  for (const file of files) {
    const code = withoutComments(readFileSync(file, 'utf8'));
    const report = (index: number, rule: string, message: string): void => {
      findings.push({
        check: 'org-portability',
        file: relative(projectRoot, file),
        line: lineAt(code, index),
        rule,
        message,
      });
    };
    for (const literal of code.matchAll(/'((?:\\.|[^'\\\n])*)'/g)) {
      const name = (literal[1] ?? '').trim();
      const index = literal.index ?? 0;
      if (!packageNames.has(name.toLowerCase()) || !NAME_LOOKUP.test(code.slice(Math.max(0, index - 40), index)))
        continue;
      report(
        index,
        'PackageNameAsText',
        `'${name}' is a field or object of the package looked up by its name: in a namespaced org it is <ns>__${name}, so use its token or PackageSchema.field`,
      );
    }
    for (const match of code.matchAll(PROFILE_BY_NAME)) {
      report(
        match.index ?? 0,
        'ProfileByName',
        'a profile found by its name, which is translated into the org language: find it by what it grants',
      );
    }
  }
  return { findings, fileCount: files.length };
}
