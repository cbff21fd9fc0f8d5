import { readFileSync } from 'node:fs';
import type { Finding } from '../lib/finding';
import { listFiles, projectRoot, relative } from '../lib/paths';
import { packageCustomNames } from './custom-field-references';
import { systemModeReadsWithSharing } from './system-mode-reads';

/** Blanks comments but keeps string literals and line breaks (line numbers stay right). */
function withoutComments(source: string): string {
  const blank = (text: string): string => text.replace(/[^\n]/g, ' ');
  return source.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/\/\/.*$/gm, blank);
}

/** Methods whose first argument is a field or object name looked up at run time (SObject, Map, describe maps). */
const NAME_LOOKUP = /\.(get|put|containsKey|remove|isSet|getSObject|getSObjects|putSObject|queried)\(\s*$/;
/** A map literal handed to `JSON.serialize(` or as the values of a test record (`queried('<Object>', `), whose keys
 * become the field names of a record. */
const RECORD_MAP_START = /(?:JSON\.serialize\(|queried\([^()]*,)\s*new\s+Map<\s*String\s*,\s*Object\s*>\s*\{/g;

/** The [start, end) offsets of the braces of each record-shaped map literal (nested braces included). */
function recordMapRanges(code: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const match of code.matchAll(RECORD_MAP_START)) {
    const open = (match.index ?? 0) + match[0].length - 1;
    let depth = 0;
    for (let i = open; i < code.length; i++) {
      if (code[i] === '{') depth++;
      else if (code[i] === '}' && --depth === 0) {
        ranges.push([open, i + 1]);
        break;
      }
    }
  }
  return ranges;
}
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
 *   `PackageSchema.field` for names that arrive as text. The same for the keys of a map literal that becomes a record
 *   (`JSON.serialize(new Map<String, Object>{ 'Key__c' => … })` for `JSON.deserialize`, a test record
 *   `queried('Task', new Map<String, Object>{ … })`): in the namespace its keys must be the full names
 *   (`PackageSchema.apiName(Task.Key__c)`). Other maps keyed by local names (the namespace-neutral wire) are fine.
 * - `ProfileByName`: a profile found by its name (`FROM Profile WHERE Name = 'Standard User'`, `Profile.Name = …`):
 *   standard profile names are translated into the org's default language, so the query finds nothing in a German
 *   org. Find profiles by what they grant (permissions, licence). A search by what an admin typed
 *   (`Name LIKE :pattern`) is not a lookup of a fixed name and is not reported.
 * - `SystemModeReadWithSharing`: a query in system mode in a class that applies sharing (`system-mode-reads.ts`):
 *   it still sees only the running user's records, which passes in tests that run as the records' owner and finds
 *   nothing for a Site guest user in an org.
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
    const recordMaps = recordMapRanges(code);
    for (const literal of code.matchAll(/'((?:\\.|[^'\\\n])*)'/g)) {
      const name = (literal[1] ?? '').trim();
      const index = literal.index ?? 0;
      const end = index + (literal[0]?.length ?? 0);
      const lookedUp = NAME_LOOKUP.test(code.slice(Math.max(0, index - 40), index));
      const recordKey =
        /^\s*=>/.test(code.slice(end, end + 10)) && recordMaps.some(([from, to]) => index > from && index < to);
      if (!packageNames.has(name.toLowerCase()) || !(lookedUp || recordKey)) continue;
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
  const sources = files.map((file) => ({ path: file, source: readFileSync(file, 'utf8') }));
  for (const read of systemModeReadsWithSharing(sources)) {
    findings.push({
      check: 'org-portability',
      file: relative(projectRoot, read.path),
      line: read.line,
      rule: 'SystemModeReadWithSharing',
      message: `a query in system mode in ${read.className}, declared ${read.sharing} sharing: system mode drops object and field permissions, not sharing, so it sees only the running user's records (none for a Site guest user). Read in user mode, or in a without sharing class with its justification`,
    });
  }
  return { findings, fileCount: files.length };
}
