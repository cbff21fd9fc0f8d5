/**
 * Types of `formulon` 6 (a Salesforce formula parser and evaluator, MIT; it ships no declarations), for what the
 * checks use. A value is `{type: 'literal', dataType, value, options}`; errors are returned, not thrown
 * (formulon README, "parse" and "Errors").
 */
declare module 'formulon' {
  export interface FormulonLiteral {
    type: 'literal';
    dataType: string;
    value: unknown;
    options: Record<string, unknown>;
  }
  export interface FormulonError {
    type: 'error';
    errorType: string;
    message: string;
  }
  /** Evaluates `formula` with the given field values. */
  export function parse(
    formula: string,
    substitutions?: Record<string, FormulonLiteral>,
  ): FormulonLiteral | FormulonError;
  /** The field names (identifiers) the formula reads; `[]` when it does not parse. */
  export function extract(formula: string): string[];
}
