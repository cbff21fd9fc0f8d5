import { codeOnly } from './custom-field-references';

/** A class declaration: annotations, modifiers, the sharing keyword if any, `class Name`. */
const CLASS_DECLARATION =
  /((?:@\w+(?:\([^)]*\))?\s+)*)((?:(?:public|private|global|protected|virtual|abstract|static)\s+)*)(?:(with|without|inherited)\s+sharing\s+)?((?:(?:public|private|global|protected|virtual|abstract|static)\s+)*)class\s+(\w+)[^{;]*\{/gi;
/** A query in system mode: static SOQL/SOSL `WITH SYSTEM_MODE`, or a query method given `AccessLevel.SYSTEM_MODE`. */
const SYSTEM_MODE_SOQL = /\bWITH\s+SYSTEM_MODE\b/gi;
const SYSTEM_MODE_ARGUMENT = /\bAccessLevel\s*\.\s*SYSTEM_MODE\b/gi;
const QUERY_CALL =
  /\b(?:Database\s*\.\s*(?:query|queryWithBinds|countQuery|countQueryWithBinds|getQueryLocator|getQueryLocatorWithBinds|getCursor)|Search\s*\.\s*(?:query|find))\s*\(/gi;

interface ClassRange {
  readonly name: string;
  readonly sharing: 'with' | 'without' | 'inherited' | 'default';
  readonly isTest: boolean;
  readonly start: number;
  readonly end: number;
}

function classRanges(code: string): ClassRange[] {
  const ranges: ClassRange[] = [];
  for (const match of code.matchAll(CLASS_DECLARATION)) {
    const open = (match.index ?? 0) + match[0].length - 1;
    let depth = 0;
    let end = code.length;
    for (let i = open; i < code.length; i++) {
      if (code[i] === '{') depth++;
      else if (code[i] === '}' && --depth === 0) {
        end = i + 1;
        break;
      }
    }
    ranges.push({
      name: match[5] ?? '',
      sharing: ((match[3] ?? '').toLowerCase() || 'default') as ClassRange['sharing'],
      isTest: /@IsTest\b/i.test(match[1] ?? ''),
      start: match.index ?? 0,
      end,
    });
  }
  return ranges;
}

/** The offsets where the code reads in system mode (static SOQL/SOSL or a query method's access level argument). */
function systemModeReads(code: string): number[] {
  const reads = [...code.matchAll(SYSTEM_MODE_SOQL)].map((m) => m.index ?? 0);
  const calls = [...code.matchAll(QUERY_CALL)].map((m) => (m.index ?? 0) + m[0].length - 1);
  for (const argument of code.matchAll(SYSTEM_MODE_ARGUMENT)) {
    const at = argument.index ?? 0;
    // The argument belongs to a query call when the nearest open parenthesis around it is that call's.
    const call = calls.filter((open) => open < at).at(-1);
    if (call === undefined) continue;
    let depth = 0;
    let inside = true;
    for (let i = call; i < at; i++) {
      if (code[i] === '(') depth++;
      else if (code[i] === ')' && --depth === 0) {
        inside = false;
        break;
      }
    }
    if (inside && depth === 1) reads.push(at);
  }
  return reads.sort((a, b) => a - b);
}

/**
 * A query in system mode (`WITH SYSTEM_MODE`, `Database.query(…, AccessLevel.SYSTEM_MODE)`, `Search.query(…)`) in a
 * class that applies sharing: system mode drops object and field permissions, but record sharing stays that of the
 * class's sharing keyword ("Set an Access Mode for Database Operations" and "Use the with sharing, without sharing,
 * and inherited sharing Keywords", Apex Developer Guide; a class without a keyword is `with sharing`). Such a read still
 * sees only the running user's records: in tests that run as the records' owner it passes, in an org it finds nothing
 * for a user who owns nothing (a Site guest user). The package reads in user mode; a read that must see every record
 * lives in a `without sharing` class (an inner one is enough) with its justification. Test classes are left out.
 * @param files Apex source files as `{ path, source }`
 * @returns one finding per read: `{ path, line, className, sharing }`
 */
export function systemModeReadsWithSharing(
  files: readonly { path: string; source: string }[],
): { path: string; line: number; className: string; sharing: string }[] {
  const found: { path: string; line: number; className: string; sharing: string }[] = [];
  for (const { path, source } of files) {
    const code = codeOnly(source);
    const classes = classRanges(code);
    for (const at of systemModeReads(code)) {
      const enclosing = classes.filter((c) => c.start <= at && at < c.end).sort((a, b) => b.start - a.start);
      const innermost = enclosing[0];
      if (!innermost || enclosing.some((c) => c.isTest)) continue;
      if (innermost.sharing === 'without') continue;
      found.push({
        path,
        line: code.slice(0, at).split('\n').length,
        className: innermost.name,
        sharing: innermost.sharing === 'default' ? 'with (no keyword)' : innermost.sharing,
      });
    }
  }
  return found;
}
