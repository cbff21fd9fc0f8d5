import { extract, parse, type FormulonError, type FormulonLiteral } from 'formulon';

/**
 * Salesforce formulas evaluated with formulon (a Salesforce formula engine in JavaScript), shared by the org stand-in
 * (validation rules on save) and the `formulas` check of `npm test` (formula fields and validation rules on sample
 * records), so both read a formula the same way.
 */

/**
 * Salesforce field type → formulon data type (formulon README, "Data Types"): the type of a field a formula reads,
 * and the type a formula field's result must have.
 */
export const FORMULON_DATA_TYPES: Readonly<Record<string, string>> = Object.freeze({
  Text: 'text',
  TextArea: 'text',
  LongTextArea: 'text',
  Html: 'text',
  Url: 'text',
  Email: 'text',
  Phone: 'text',
  Picklist: 'picklist',
  Number: 'number',
  Currency: 'number',
  Percent: 'number',
  Checkbox: 'checkbox',
  Date: 'date',
  DateTime: 'datetime',
  Time: 'time',
});

/** What the record-context functions of a validation rule return for one save (Salesforce Help, "ISNEW", "ISCHANGED"). */
export interface SaveContext {
  /** The record is being inserted. */
  readonly isNew: boolean;
  /** Whether a field (API name as the formula writes it) differs from its stored value; false on insert. */
  readonly changed: (field: string) => boolean;
}

/**
 * Replaces `ISNEW()` and `ISCHANGED(Field)` — functions of the record being saved, which formulon does not implement —
 * by `TRUE` or `FALSE` for one save, so the rest of the formula is evaluated by formulon.
 */
export function applySaveContext(formula: string, context: SaveContext): string {
  return formula
    .replace(/\bISNEW\s*\(\s*\)/gi, context.isNew ? 'TRUE' : 'FALSE')
    .replace(/\bISCHANGED\s*\(\s*([A-Za-z][\w.]*)\s*\)/gi, (_whole, field: string) =>
      context.changed(field) ? 'TRUE' : 'FALSE',
    );
}

/** The fields a formula reads (record-context functions included). */
export function formulaFields(formula: string): string[] {
  return extract(applySaveContext(formula, { isNew: false, changed: () => false }));
}

/** A field value as formulon takes it: data type from the Salesforce field type, text length for text. */
export function fieldLiteral(fieldType: string, value: unknown, length = 255): FormulonLiteral | null {
  const dataType = FORMULON_DATA_TYPES[fieldType];
  if (!dataType) return null;
  if ((dataType === 'date' || dataType === 'datetime') && typeof value === 'string') {
    return { type: 'literal', dataType, value: new Date(value), options: {} };
  }
  const options = dataType === 'text' || dataType === 'picklist' ? { length } : {};
  return { type: 'literal', dataType, value: value ?? null, options };
}

/**
 * Results of formulon by their input, for the formulas the org evaluates on every save. formulon parses the formula
 * text again on each call (its PEG parser takes ≈ 6 ms for the package's recording-link rule, twice per save: fields,
 * then value), which made a request of 200 call logs take ≈ 2.5 s in the stand-in against milliseconds for the Apex.
 * Both functions are pure, so their results are kept by input; at most `MEMO_LIMIT` of each (the oldest goes first)
 * since record values vary without bound.
 */
const MEMO_LIMIT = 500;
const fieldsByText = new Map<string, readonly string[]>();
const resultByInput = new Map<string, FormulonLiteral | FormulonError>();

function remembered<V>(memo: Map<string, V>, key: string, compute: () => V): V {
  const known = memo.get(key);
  if (known !== undefined || memo.has(key)) return known as V;
  const value = compute();
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
  memo.set(key, value);
  return value;
}

/**
 * Evaluates a checkbox formula (a validation rule's error condition) on one save.
 * @param fieldType the Salesforce type of each field the formula reads (undefined = not a field of the object)
 * @returns true when the condition holds (the save is refused)
 * @throws when formulon cannot evaluate the formula or a field is unknown
 */
export function errorConditionHolds(
  formula: string,
  values: Readonly<Record<string, unknown>>,
  context: SaveContext,
  fieldType: (field: string) => string | undefined,
): boolean {
  const text = applySaveContext(formula, context);
  const substitutions: Record<string, FormulonLiteral> = {};
  for (const field of remembered(fieldsByText, text, () => extract(text))) {
    const type = fieldType(field);
    const literal = type ? fieldLiteral(type, values[field]) : null;
    if (!literal) throw new Error(`formula reads ${field}, which has no formulon type (${String(type)})`);
    substitutions[field] = literal;
  }
  // A literal is JSON data (a Date becomes its ISO text): equal keys are equal inputs.
  const key = JSON.stringify([text, substitutions]);
  const result = remembered(resultByInput, key, () => parse(text, substitutions));
  if (result.type === 'error') throw new Error(`${result.errorType}: ${result.message}`);
  return result.value === true;
}
