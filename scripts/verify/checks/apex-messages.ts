import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../lib/finding';
import { listFiles, projectRoot, relative } from '../lib/paths';

/** The package's Apex (test-only Apex in `unpackaged` never talks to a user). */
export const APEX_MESSAGE_DIRS = ['force-app/main/default/classes'];

/** A class whose literal messages are accepted, and why. */
export interface AllowedLiterals {
  /** The class name (the file's base name). */
  readonly className: string;
  /** Only literals matching this are accepted; absent: every literal message of the class. */
  readonly texts?: RegExp;
  readonly reason: string;
}

/**
 * Literal messages that stay English on purpose (ADR 0032, second amendment and its amendment "Apex messages of call
 * logs, settings, the admin page and search"). Keep it short: each entry says why no user reads the text in their
 * language. The CRM routing endpoint's classes left the list in the sixth amendment: their messages are labels now.
 */
export const ALLOWED_LITERALS: readonly AllowedLiterals[] = [
  {
    className: 'RingCentralOAuthRules',
    texts: /^(Expected |Required\.$)/,
    reason:
      'validation of the sign-in request the softphone builds itself (server, client id, PKCE verifier, code, redirect URI): an agent never causes it',
  },
  {
    className: 'TokenSeal',
    reason:
      'IllegalArgumentException of a wrong-sized sealing key (a defect): SoftphoneErrors logs it in a Softphone Error Log and the agent reads the INTERNAL label',
  },
];

/** Blanks comments but keeps string literals and line breaks (line numbers stay right). */
function withoutComments(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === "'") {
      const end = stringEnd(source, i);
      out += source.slice(i, end);
      i = end;
    } else if (source.startsWith('//', i)) {
      const end = source.indexOf('\n', i);
      const stop = end < 0 ? source.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      out += source.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The offset just after the Apex string literal that opens at `start`. */
function stringEnd(code: string, start: number): number {
  let i = start + 1;
  while (i < code.length && code[i] !== "'" && code[i] !== '\n') i += code[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, code.length);
}

/** The offset of the `)` that closes the `(` at `open` (strings skipped), or the end of the code. */
function closing(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i]!;
    if (c === "'") i = stringEnd(code, i) - 1;
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if ((c === ')' || c === '}' || c === ']') && --depth === 0) return i;
  }
  return code.length;
}

/**
 * Whether a literal is part of a sentence a person reads: a word and a space (`'Expected '`, `' characters.'` of a
 * concatenation), or a capitalised word ending a sentence (`'Required.'`). Not text: field paths (`'.endTime'`,
 * `'settings.logFields'`), separators (`', '`), codes (`'INVALID_INPUT'`).
 */
export function readsAsMessage(text: string): boolean {
  return (/[A-Za-z]{2,}/.test(text) && /\s/.test(text)) || /^[A-Z][a-z]+[.!?]$/.test(text);
}

interface Literal {
  readonly text: string;
  readonly index: number;
}

/**
 * The text literals of an expression (`code[from, to)`), skipping those inside `LabelFormat.format(…)` and
 * `System.Label…` (already a label: their values are data), and the identifiers it names.
 */
function literalsOf(code: string, from: number, to: number): { literals: Literal[]; names: Set<string> } {
  const literals: Literal[] = [];
  const names = new Set<string>();
  let i = from;
  while (i < to) {
    const c = code[i]!;
    if (c === "'") {
      const end = stringEnd(code, i);
      const text = code.slice(i + 1, end - 1);
      if (readsAsMessage(text)) literals.push({ text, index: i });
      i = end;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(code.slice(i, Math.min(to, i + 200)));
    if (word) {
      const open = i + word[0].length;
      if (/^LabelFormat\.format$/i.test(word[0]) && code[open] === '(') {
        i = closing(code, open) + 1;
        continue;
      }
      for (const part of word[0].split('.')) if (part) names.add(part);
      i = open;
      continue;
    }
    i++;
  }
  return { literals, names };
}

/** Where the statement going on at `start` ends (its `;`, or the code's end): strings and brackets skipped whole. */
function statementEnd(code: string, start: number): number {
  let end = start;
  while (end < code.length && code[end] !== ';') {
    if (code[end] === "'") end = stringEnd(code, end);
    else if ('({['.includes(code[end]!)) end = closing(code, end) + 1;
    else end++;
  }
  return end;
}

/** The class-level constants (`static final … NAME = …;`) of a class, with the text literals of their value. */
function constantsOf(code: string): Map<string, Literal[]> {
  const constants = new Map<string, Literal[]>();
  for (const m of code.matchAll(/\bstatic\s+final\s+[\w<>,.\s]+?\s(\w+)\s*=/gi)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = statementEnd(code, start);
    const { literals } = literalsOf(code, start, end);
    if (literals.length) constants.set(m[1]!.toLowerCase(), literals);
  }
  return constants;
}

/**
 * Where a message reaches a person: the arguments of an exception's constructor or static factory
 * (`new XException(…)`, `SoftphoneException.invalid(…)`, `CrmRoutingException.of(…)`), of `addError(…)`, and the
 * value given to a field named as a message (`outcome.message = …`, `failureMessage = …`).
 */
function messageSinks(
  code: string,
  messageParams: Map<string, Set<number>>,
): { from: number; to: number; what: string }[] {
  const sinks: { from: number; to: number; what: string }[] = [];
  for (const m of code.matchAll(/\b(\w+)\s*\(/g)) {
    const indexes = messageParams.get(m[1]!.toLowerCase());
    if (!indexes || /^(if|for|while|catch|switch|return|new)$/i.test(m[1]!)) continue;
    const open = (m.index ?? 0) + m[0].length - 1;
    if (/\b(?:public|private|protected|global|static)\b[^;{}()]*$/.test(code.slice(Math.max(0, open - 200), open)))
      continue;
    const args = argumentRanges(code, open);
    for (const index of indexes) {
      const range = args[index];
      if (range) sinks.push({ from: range[0], to: range[1], what: `${m[1]}(…) (its message parameter)` });
    }
  }
  const call = /\b(new\s+\w*Exception|\w*Exception\.\w+|\.addError)\s*\(/g;
  for (const m of code.matchAll(call)) {
    const open = (m.index ?? 0) + m[0].length - 1;
    sinks.push({ from: open + 1, to: closing(code, open), what: m[1]!.replace(/\s+/g, ' ').replace(/^\./, '') });
  }
  for (const m of code.matchAll(/\b(\w*message)\s*=(?!=)/gi)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = statementEnd(code, start);
    sinks.push({ from: start, to: end, what: `${m[1]} =` });
  }
  return sinks;
}

/** The [start, end) offsets of each top-level argument of the call whose `(` is at `open`. */
function argumentRanges(code: string, open: number): [number, number][] {
  const close = closing(code, open);
  const ranges: [number, number][] = [];
  let start = open + 1;
  let depth = 0;
  for (let i = open + 1; i < close; i++) {
    const c = code[i]!;
    if (c === "'") i = stringEnd(code, i) - 1;
    else if ('({['.includes(c)) depth++;
    else if (')}]'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      ranges.push([start, i]);
      start = i + 1;
    }
  }
  if (code.slice(start, close).trim()) ranges.push([start, close]);
  return ranges;
}

/**
 * The methods of the classes that take a message (a parameter named `message` or `…Message`, as
 * `CallLogWriter.fail(drafts, code, message)`), by lower-case name, with the parameter's position.
 */
export function messageParameters(sources: readonly string[]): Map<string, Set<number>> {
  const params = new Map<string, Set<number>>();
  const declaration =
    /\b(?:public|private|protected|global)\s+(?:static\s+|override\s+|virtual\s+)*[\w.<>,\s]+?\s(\w+)\s*\(([^()]*)\)\s*\{/g;
  for (const code of sources) {
    for (const m of code.matchAll(declaration)) {
      m[2]!.split(',').forEach((param, index) => {
        if (!/\bString\s+(\w*Message|message)\s*$/.test(param.trim())) return;
        const name = m[1]!.toLowerCase();
        if (!params.has(name)) params.set(name, new Set());
        params.get(name)!.add(index);
      });
    }
  }
  return params;
}

function isTestClass(code: string, file: string): boolean {
  return (
    /_Tests?\.cls$/.test(file) || /@IsTest[\s\S]{0,200}?\bclass\b/i.test(code.slice(0, code.search(/\bclass\b/i) + 6))
  );
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/**
 * `apex-messages` (ADR 0032): the package's Apex speaks to users through Custom Labels (`System.Label.Apex_…`, values
 * by `LabelFormat.format`), so every message answers in the user's language. Reported, in a class outside tests:
 * - `LiteralMessage`: a text literal (a sentence, or a capitalised word ending in `.`) in an exception's constructor
 *   or factory arguments, in `addError(…)`, given to a field named `…message`, or passed as the message parameter of
 *   one of the package's methods (a parameter named `message`/`…Message`: `CallLogWriter.fail(drafts, code, '…')`);
 * - `LiteralMessageConstant`: a class constant holding such text that one of those names (`FAILURE + reason`,
 *   `MESSAGES.get(code)`): reported at the constant.
 * Literals of {@link ALLOWED_LITERALS} (each with its reason) are accepted. `byClass` counts the findings of each class, so a report reads per class.
 */
export function checkApexMessages(
  root: string = projectRoot,
  dirs: readonly string[] = APEX_MESSAGE_DIRS,
  allowed: readonly AllowedLiterals[] = ALLOWED_LITERALS,
): { findings: Finding[]; fileCount: number; byClass: Map<string, number>; allowedCount: number } {
  const findings: Finding[] = [];
  const byClass = new Map<string, number>();
  let fileCount = 0;
  let allowedCount = 0;
  const files = dirs
    .map((dir) => path.join(root, dir))
    .filter((dir) => existsSync(dir))
    .flatMap((dir) => listFiles(dir).filter((f) => f.endsWith('.cls')));
  const sources = new Map(files.map((file) => [file, withoutComments(readFileSync(file, 'utf8'))]));
  const messageParams = messageParameters([...sources.values()]);
  for (const file of files) {
    const code = sources.get(file)!;
    if (isTestClass(code, file)) continue;
    fileCount++;
    const className = path.basename(file, '.cls');
    const rules = allowed.filter((a) => a.className === className);
    const constants = constantsOf(code);
    const reported = new Set<number>();
    const report = (literal: Literal, rule: string, what: string): void => {
      if (reported.has(literal.index)) return;
      reported.add(literal.index);
      if (rules.some((r) => !r.texts || r.texts.test(literal.text))) {
        allowedCount++;
        return;
      }
      byClass.set(className, (byClass.get(className) ?? 0) + 1);
      findings.push({
        check: 'apex-messages',
        file: relative(projectRoot, file),
        line: lineAt(code, literal.index),
        rule,
        message: `'${literal.text}' reaches a user through ${what}: make it an Apex Custom Label (System.Label.Apex_…, values through LabelFormat.format; ADR 0032)`,
      });
    };
    for (const sink of messageSinks(code, messageParams)) {
      const { literals, names } = literalsOf(code, sink.from, sink.to);
      for (const literal of literals) report(literal, 'LiteralMessage', sink.what);
      for (const name of names) {
        for (const literal of constants.get(name.toLowerCase()) ?? []) {
          report(literal, 'LiteralMessageConstant', `${sink.what} (constant ${name})`);
        }
      }
    }
  }
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { findings, fileCount, byClass, allowedCount };
}
