import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { extract, parse } from 'formulon';
import type { Finding } from '../lib/finding';
import { childText, tryReadXml, type XmlElement } from '../lib/metadata-xml';
import { listFiles, projectRoot, relative } from '../lib/paths';

/** A field value of a sample record: a plain value typed from the package's field file, or a typed value. */
export type SampleValue =
  | string
  | number
  | boolean
  | null
  | { type: 'text' | 'number' | 'checkbox' | 'date' | 'datetime'; value: string | number | boolean | null };

/**
 * What a formula must return for one sample record:
 * - `blank`: blank (`""` or null), as a text formula shows nothing;
 * - `text` / `number` / `checkbox`: exactly that value;
 * - `hyperlink`: a `HYPERLINK(url, friendly_name, target)` result with exactly that URL, label and target
 *   (Salesforce Help, "Formula Operators and Functions": HYPERLINK).
 */
export type SampleExpectation =
  | { blank: true }
  | { text: string }
  | { number: number }
  | { checkbox: boolean }
  | { hyperlink: { url: string; label: string; target?: string } };

export interface FormulaSample {
  /** What the record stands for, e.g. `not recorded`. */
  name: string;
  /** Values of the fields the formula reads, by API name; `null` is a blank field. */
  record: Record<string, SampleValue>;
  expect: SampleExpectation;
}

/** Sample records per formula field, keyed `<Object>.<Field>` (e.g. `Activity.Call_Recording__c`). */
export type FormulaSamples = Record<string, readonly FormulaSample[]>;

interface Literal {
  type: 'literal';
  dataType: string;
  value: unknown;
  options: Record<string, unknown>;
}

interface FieldInfo {
  file: string;
  type: string;
  length: number;
  precision: number;
  scale: number;
  formula?: { text: string; line: number; blanksAsZero: boolean };
}

/**
 * Salesforce field type → formulon data type (formulon README, "Data Types"): the type of a field a formula reads,
 * and the type a formula field's result must have (a NULL result fits any type).
 */
const DATA_TYPES: Record<string, string> = {
  Text: 'text',
  TextArea: 'text',
  LongTextArea: 'text',
  Html: 'text',
  Url: 'text',
  Email: 'text',
  Phone: 'text',
  Number: 'number',
  Currency: 'number',
  Percent: 'number',
  Checkbox: 'checkbox',
  Date: 'date',
  DateTime: 'datetime',
  Time: 'time',
};

function fieldInfo(file: string, root: XmlElement): FieldInfo {
  const number = (name: string, fallback: number): number => Number(childText(root, name) ?? fallback);
  const formula = root.children.find((child) => child.name === 'formula');
  return {
    file,
    type: childText(root, 'type') ?? '',
    length: number('length', 255),
    precision: number('precision', 18),
    scale: number('scale', 0),
    formula: formula && {
      text: formula.text,
      line: formula.line,
      blanksAsZero: childText(root, 'formulaTreatBlanksAs') === 'BlankAsZero',
    },
  };
}

/** Reads every `objects/<Object>/fields/<Field>.field-meta.xml` of the package, keyed `<Object>.<Field>`. */
function readFields(packageDir: string): Map<string, FieldInfo> {
  const fields = new Map<string, FieldInfo>();
  if (!existsSync(packageDir)) return fields;
  for (const file of listFiles(packageDir)) {
    const match = /\/objects\/(\w+)\/fields\/(\w+)\.field-meta\.xml$/.exec(file.split(path.sep).join('/'));
    if (!match) continue;
    const root = tryReadXml(file);
    if ('error' in root) continue; // reported by the metadata-text check
    fields.set(`${match[1]}.${match[2]}`, fieldInfo(file, root));
  }
  return fields;
}

function literal(value: SampleValue, field: FieldInfo | undefined, blanksAsZero: boolean): Literal | string {
  const typed = value !== null && typeof value === 'object' ? value : undefined;
  const dataType = typed?.type ?? (field ? DATA_TYPES[field.type] : undefined);
  if (!dataType) {
    return field
      ? `field type ${field.type} has no formulon data type`
      : 'is not a field of the package: give its value as {type, value}';
  }
  let raw = typed ? typed.value : value;
  if (raw === null && dataType === 'number' && blanksAsZero) raw = 0;
  if ((dataType === 'date' || dataType === 'datetime') && typeof raw === 'string') {
    return { type: 'literal', dataType, value: new Date(raw), options: {} };
  }
  if (dataType === 'number') {
    const precision = field?.precision ?? 18;
    const scale = field?.scale ?? 0;
    return { type: 'literal', dataType, value: raw, options: { length: precision - scale, scale } };
  }
  if (dataType === 'text') {
    return { type: 'literal', dataType, value: raw, options: { length: field?.length ?? 255 } };
  }
  return { type: 'literal', dataType, value: raw, options: {} };
}

/** `<a href="URL" target="T">LABEL</a>` as formulon renders HYPERLINK. */
const HYPERLINK = /^<a href="([^"]*)"(?: target="([^"]*)")?>([\s\S]*)<\/a>$/;

function mismatch(result: Literal, expected: SampleExpectation): string | null {
  const got = JSON.stringify(result.value);
  if ('blank' in expected) {
    return result.value === null || result.value === '' ? null : `expected blank, got ${got}`;
  }
  if ('text' in expected)
    return result.value === expected.text ? null : `expected ${JSON.stringify(expected.text)}, got ${got}`;
  if ('number' in expected) return result.value === expected.number ? null : `expected ${expected.number}, got ${got}`;
  if ('checkbox' in expected)
    return result.value === expected.checkbox ? null : `expected ${expected.checkbox}, got ${got}`;
  const link = typeof result.value === 'string' ? HYPERLINK.exec(result.value) : null;
  if (!link) return `expected a hyperlink, got ${got}`;
  const actual = { url: link[1], label: link[3], target: link[2] };
  const want = expected.hyperlink;
  const wrong = (['url', 'label', 'target'] as const).filter((key) => actual[key] !== want[key]);
  return wrong.length === 0
    ? null
    : `expected a hyperlink ${wrong.map((key) => `${key} ${JSON.stringify(want[key])}`).join(', ')}, got ${wrong
        .map((key) => `${key} ${JSON.stringify(actual[key])}`)
        .join(', ')}`;
}

/** Line of `'<key>'` in the samples table, so a stale entry is reported where it is written. */
function lineOf(file: string | undefined, key: string): number {
  if (!file || !existsSync(file)) return 0;
  return (
    readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((text) => text.includes(`'${key}'`)) + 1
  );
}

/**
 * Parses and evaluates every formula field of the package with `formulon` (a Salesforce formula engine in
 * JavaScript) on the sample records declared for it, and compares each result with the expected one.
 *
 * Why: a formula is only compiled by the org at deploy, and a formula that compiles can still return the wrong
 * thing (a formatter turned `""` into `" "`, so "blank when not recorded" showed a space, and the link label
 * into `" Play recording "`). Rules, each reported at the `<formula>` line of the field file:
 * - `NoSamples`: a formula field without sample records;
 * - `FormulaError`: formulon cannot evaluate it (syntax error, wrong argument types, unknown field, or a function
 *   formulon does not implement — a check that cannot evaluate a formula fails rather than passes);
 * - `MissingSampleValue`: a field the formula reads has no value in a sample record (blank must be `null`);
 * - `ResultType`: the result's type is not the field's (`<type>Text</type>` must return text);
 * - `WrongResult`: the result differs from the expected one;
 * - `StaleSamples` (reported in the samples table): samples for a field that is not a formula of the package.
 *
 * @param packageDir the package folder, e.g. `<root>/force-app`
 * @param samples sample records per field
 * @param samplesFile where `samples` is written, for the line of a stale entry
 */
export function checkFormulas(
  packageDir: string,
  samples: FormulaSamples,
  samplesFile?: string,
): { findings: Finding[]; formulaCount: number; sampleCount: number } {
  const fields = readFields(packageDir);
  const findings: Finding[] = [];
  let formulaCount = 0;
  let sampleCount = 0;
  for (const [key, field] of fields) {
    if (!field.formula) continue;
    formulaCount += 1;
    const object = key.split('.')[0] as string;
    const { text: formula, line, blanksAsZero } = field.formula;
    const report = (rule: string, message: string): void => {
      findings.push({ check: 'formulas', file: relative(projectRoot, field.file), line, rule, message });
    };
    const cases = samples[key] ?? [];
    if (cases.length === 0) {
      report('NoSamples', `${key} has no sample records: declare what it returns for typical records`);
      continue;
    }
    const identifiers = extract(formula);
    for (const sample of cases) {
      sampleCount += 1;
      const substitutions: Record<string, Literal> = {};
      const problems: string[] = [];
      for (const identifier of identifiers) {
        if (!(identifier in sample.record)) {
          problems.push(`${identifier} has no value in sample "${sample.name}" (use null for blank)`);
          continue;
        }
        const value = literal(
          sample.record[identifier] as SampleValue,
          fields.get(`${object}.${identifier}`),
          blanksAsZero,
        );
        if (typeof value === 'string') problems.push(`${identifier} ${value}`);
        else substitutions[identifier] = value;
      }
      if (problems.length > 0) {
        for (const problem of problems) report('MissingSampleValue', `${key}: ${problem}`);
        continue;
      }
      const result = parse(formula, substitutions) as Literal | { type: 'error'; errorType: string; message: string };
      if (result.type === 'error') {
        report('FormulaError', `${key}, sample "${sample.name}": ${result.errorType}: ${result.message}`);
        continue;
      }
      const expectedType = DATA_TYPES[field.type];
      if (result.dataType !== 'null' && expectedType && result.dataType !== expectedType) {
        report(
          'ResultType',
          `${key} is a ${field.type} field but returns ${result.dataType} (sample "${sample.name}")`,
        );
        continue;
      }
      const wrong = mismatch(result, sample.expect);
      if (wrong) report('WrongResult', `${key}, sample "${sample.name}": ${wrong}`);
    }
  }
  for (const key of Object.keys(samples)) {
    if (fields.get(key)?.formula) continue;
    findings.push({
      check: 'formulas',
      file: samplesFile ? relative(projectRoot, samplesFile) : '(formula samples)',
      line: lineOf(samplesFile, key),
      rule: 'StaleSamples',
      message: `${key} is not a formula field of the package`,
    });
  }
  return { findings, formulaCount, sampleCount };
}
