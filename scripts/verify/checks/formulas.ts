import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'formulon';
import {
  applySaveContext,
  formulaFields,
  FORMULON_DATA_TYPES,
} from '../../../cti-adapter/harness/org-stand-in/formula-engine';
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
 *   (Salesforce Help, "Formula Operators and Functions": HYPERLINK);
 * - `rejected` (validation rules): whether the error condition holds, i.e. the save is refused.
 */
export type SampleExpectation =
  | { blank: true }
  | { text: string }
  | { number: number }
  | { checkbox: boolean }
  | { hyperlink: { url: string; label: string; target?: string } }
  | { rejected: boolean };

export interface FormulaSample {
  /** What the record stands for, e.g. `not recorded`. */
  name: string;
  /** Values of the fields the formula reads, by API name; `null` is a blank field. */
  record: Record<string, SampleValue>;
  /**
   * Validation rules: the save the record is part of (default an insert). `ISNEW()` is `isNew`; `ISCHANGED(F)` is
   * whether `F` is listed in `changed` (Salesforce Help, "ISNEW", "ISCHANGED").
   */
  save?: { isNew: boolean; changed?: readonly string[] };
  expect: SampleExpectation;
}

/**
 * Sample records per formula field, keyed `<Object>.<Field>` (e.g. `Activity.Call_Recording__c`), and per validation
 * rule, keyed `<Object>.<Rule>` (e.g. `Task.Recording_Link_Is_RingCentral_Media`).
 */
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
 * Salesforce field type → formulon data type: the type of a field a formula reads, and the type a formula field's
 * result must have (a NULL result fits any type). One table with the org stand-in, which evaluates the package's
 * validation rules on save.
 */
const DATA_TYPES: Readonly<Record<string, string>> = FORMULON_DATA_TYPES;

/** A formula to evaluate: a formula field (result of its type) or a validation rule's error condition (checkbox). */
interface FormulaUnderTest {
  key: string;
  object: string;
  file: string;
  line: number;
  text: string;
  blanksAsZero: boolean;
  /** Salesforce type of the result (`Checkbox` for a validation rule). */
  resultType: string;
  isRule: boolean;
}

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

/**
 * Reads every `objects/<Object>/validationRules/<Rule>.validationRule-meta.xml`, keyed `<Object>.<Rule>`, as formulas
 * whose result is a checkbox (true = the save is refused).
 */
function readValidationRules(packageDir: string): FormulaUnderTest[] {
  const rules: FormulaUnderTest[] = [];
  if (!existsSync(packageDir)) return rules;
  for (const file of listFiles(packageDir)) {
    const match = /\/objects\/(\w+)\/validationRules\/(\w+)\.validationRule-meta\.xml$/.exec(
      file.split(path.sep).join('/'),
    );
    if (!match) continue;
    const root = tryReadXml(file);
    if ('error' in root) continue; // reported by the metadata-text check
    const condition = root.children.find((child) => child.name === 'errorConditionFormula');
    if (!condition) continue;
    rules.push({
      key: `${match[1]}.${match[2]}`,
      object: match[1] as string,
      file,
      line: condition.line,
      text: condition.text,
      blanksAsZero: false,
      resultType: 'Checkbox',
      isRule: true,
    });
  }
  return rules;
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
  if ('rejected' in expected)
    return result.value === expected.rejected
      ? null
      : `expected the save to be ${expected.rejected ? 'refused' : 'accepted'}, the error condition is ${got}`;
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
 * Parses and evaluates every formula field and every validation rule of the package with `formulon` (a Salesforce
 * formula engine in JavaScript) on the sample records declared for it, and compares each result with the expected
 * one. A validation rule's error condition must be true exactly for the records it must refuse; `ISNEW()` and
 * `ISCHANGED(Field)` take the sample's `save` (formulon does not implement them).
 *
 * Why: a formula is only compiled by the org at deploy, and a formula that compiles can still return the wrong
 * thing (a formatter turned `""` into `" "`, so "blank when not recorded" showed a space, and the link label
 * into `" Play recording "`; a recording-link rule that checks only `https://` lets any host through). Rules, each
 * reported at the `<formula>` / `<errorConditionFormula>` line:
 * - `NoSamples`: a formula field or validation rule without sample records;
 * - `FormulaError`: formulon cannot evaluate it (syntax error, wrong argument types, unknown field, or a function
 *   formulon does not implement — a check that cannot evaluate a formula fails rather than passes);
 * - `MissingSampleValue`: a field the formula reads has no value in a sample record (blank must be `null`);
 * - `ResultType`: the result's type is not the field's (`<type>Text</type>` must return text);
 * - `WrongResult`: the result differs from the expected one;
 * - `StaleSamples` (reported in the samples table): samples for a name that is no formula field or rule of the package.
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
  const formulas: FormulaUnderTest[] = [];
  for (const [key, field] of fields) {
    if (!field.formula) continue;
    formulas.push({
      key,
      object: key.split('.')[0] as string,
      file: field.file,
      line: field.formula.line,
      text: field.formula.text,
      blanksAsZero: field.formula.blanksAsZero,
      resultType: field.type,
      isRule: false,
    });
  }
  formulas.push(...readValidationRules(packageDir));
  const findings: Finding[] = [];
  let sampleCount = 0;
  /** Task and Event custom fields are Activity fields in source format. */
  const fieldOf = (object: string, name: string): FieldInfo | undefined =>
    fields.get(`${object}.${name}`) ??
    (object === 'Task' || object === 'Event' ? fields.get(`Activity.${name}`) : undefined);
  for (const formula of formulas) {
    const { key, object, line, blanksAsZero } = formula;
    const report = (rule: string, message: string): void => {
      findings.push({ check: 'formulas', file: relative(projectRoot, formula.file), line, rule, message });
    };
    const cases = samples[key] ?? [];
    if (cases.length === 0) {
      report(
        'NoSamples',
        `${key} has no sample records: declare what it ${formula.isRule ? 'refuses and accepts' : 'returns for typical records'}`,
      );
      continue;
    }
    const identifiers = formulaFields(formula.text);
    for (const sample of cases) {
      sampleCount += 1;
      const save = sample.save ?? { isNew: true, changed: [] };
      const text = applySaveContext(formula.text, {
        isNew: save.isNew,
        changed: (field) => (save.changed ?? []).some((name) => name.toLowerCase() === field.toLowerCase()),
      });
      const substitutions: Record<string, Literal> = {};
      const problems: string[] = [];
      for (const identifier of identifiers) {
        if (!(identifier in sample.record)) {
          problems.push(`${identifier} has no value in sample "${sample.name}" (use null for blank)`);
          continue;
        }
        const value = literal(sample.record[identifier] as SampleValue, fieldOf(object, identifier), blanksAsZero);
        if (typeof value === 'string') problems.push(`${identifier} ${value}`);
        else substitutions[identifier] = value;
      }
      if (problems.length > 0) {
        for (const problem of problems) report('MissingSampleValue', `${key}: ${problem}`);
        continue;
      }
      const result = parse(text, substitutions) as Literal | { type: 'error'; errorType: string; message: string };
      if (result.type === 'error') {
        report('FormulaError', `${key}, sample "${sample.name}": ${result.errorType}: ${result.message}`);
        continue;
      }
      const expectedType = DATA_TYPES[formula.resultType];
      if (result.dataType !== 'null' && expectedType && result.dataType !== expectedType) {
        report(
          'ResultType',
          `${key} is a ${formula.resultType} ${formula.isRule ? 'condition' : 'field'} but returns ${result.dataType} (sample "${sample.name}")`,
        );
        continue;
      }
      const wrong = mismatch(result, sample.expect);
      if (wrong) report('WrongResult', `${key}, sample "${sample.name}": ${wrong}`);
    }
  }
  const keys = new Set(formulas.map((formula) => formula.key));
  for (const key of Object.keys(samples)) {
    if (keys.has(key)) continue;
    findings.push({
      check: 'formulas',
      file: samplesFile ? relative(projectRoot, samplesFile) : '(formula samples)',
      line: lineOf(samplesFile, key),
      rule: 'StaleSamples',
      message: `${key} is not a formula field or validation rule of the package`,
    });
  }
  return { findings, formulaCount: formulas.length, sampleCount };
}
