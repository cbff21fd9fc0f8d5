import { compareApexText } from '../support/apex-text-order';

/**
 * How a CRM routing rule turns a CRM value into a destination, as PBXware does (seed `002_dfbb423dce69a7d6.txt`,
 * "How Does Routing Work?"; `docs/contracts/crm-routing.md`, "How rows are evaluated"): rows are tried in order, the
 * first whose comparison is true gives the destination, else the rule's default destination. Numbers when both sides
 * are numbers (`^[+-]?(\d+(\.\d*)?|\.\d+)$` after trimming, compared exactly as decimals), otherwise text trimmed and
 * lower-cased, compared code unit by code unit; `contains` is a text test; no value (nothing matched, a blank field)
 * matches no row.
 *
 * One source in TypeScript for the two harness parts that evaluate rows: the simulator's PBX (value mode, the PBX
 * evaluates) and the org stand-in (decision mode). The package's Apex twin is `RoutingRowEvaluator`; the contract
 * vectors (`unpackaged/main/default/staticresources/CrmRoutingVectors.json`) hold both to the same answers.
 */

/** The operators of a row, as the contract writes them. */
export const ROUTING_OPERATORS = ['<', '>', '=', '<=', '>=', '!=', 'contains'] as const;
export type RoutingOperator = (typeof ROUTING_OPERATORS)[number];

/** `Operator__c` picklist values of `CRM_Routing_Row__c` and their symbols. */
export const OPERATOR_OF_PICKLIST: Readonly<Record<string, RoutingOperator>> = {
  LT: '<',
  GT: '>',
  EQ: '=',
  LE: '<=',
  GE: '>=',
  NE: '!=',
  CONTAINS: 'contains',
};

/** Where a row sends a call. */
export type RowDestination = 'queue' | 'ivr' | 'recording';

/** `Destination__c` picklist values of `CRM_Routing_Row__c` and the contract's names. */
export const DESTINATION_OF_PICKLIST: Readonly<Record<string, RowDestination>> = {
  Queue: 'queue',
  IVR: 'ivr',
  Recording: 'recording',
};

/** One row of a rule. */
export interface RoutingRow {
  /** Position in the rule (1 is tried first). */
  readonly order: number;
  readonly operator: RoutingOperator;
  readonly value: string;
  readonly destination: RowDestination;
  /** Queue or IVR number, or the recording name. */
  readonly option: string;
}

/** What the default destination is (`Is_Voicemail__c`): its voicemail, itself, or as the PBX decides. */
export type IsVoicemail = 'Yes' | 'No' | 'Not_Set';

/** Where a call goes (the contract's decision). */
export interface RoutingDecision {
  readonly destination: RowDestination | 'default';
  readonly option: string;
  /** `order` of the matching row; null for the default destination. */
  readonly row: number | null;
  /** On `default`: true (Is Voicemail = Yes), false (No), null (Not set); always null on a row. */
  readonly voicemail: boolean | null;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Whether a trimmed text is a number in the contract's sense (`42`, `-3.5`, `+.5`, `7.`; not `1,000` or `1e3`). */
export function isRoutingNumber(text: string): boolean {
  return NUMBER.test(text);
}

/**
 * Compares two numbers written as the contract's decimals, exactly (no floating point): negative, zero or positive.
 * @throws Error when either is not a number (check with {@link isRoutingNumber} first)
 */
export function compareDecimals(left: string, right: string): number {
  const a = decimalParts(left);
  const b = decimalParts(right);
  if (a.zero && b.zero) return 0;
  if (a.zero) return b.negative ? 1 : -1;
  if (b.zero) return a.negative ? -1 : 1;
  if (a.negative !== b.negative) return a.negative ? -1 : 1;
  const magnitude = compareMagnitude(a, b);
  return a.negative ? -magnitude : magnitude;
}

interface DecimalParts {
  negative: boolean;
  zero: boolean;
  whole: string;
  fraction: string;
}

function decimalParts(text: string): DecimalParts {
  if (!isRoutingNumber(text)) throw new Error(`not a number: ${text}`);
  const negative = text.startsWith('-');
  const unsigned = text.replace(/^[+-]/, '');
  const [rawWhole = '', rawFraction = ''] = unsigned.split('.');
  const whole = rawWhole.replace(/^0+/, '');
  const fraction = rawFraction.replace(/0+$/, '');
  return { negative, zero: whole === '' && fraction === '', whole, fraction };
}

function compareMagnitude(a: DecimalParts, b: DecimalParts): number {
  if (a.whole.length !== b.whole.length) return a.whole.length - b.whole.length;
  if (a.whole !== b.whole) return a.whole < b.whole ? -1 : 1;
  const width = Math.max(a.fraction.length, b.fraction.length);
  const fa = a.fraction.padEnd(width, '0');
  const fb = b.fraction.padEnd(width, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/** One comparison of the contract: whether `value` (the CRM value) satisfies `operator rowValue`. */
export function rowMatches(operator: RoutingOperator, value: string | null | undefined, rowValue: string): boolean {
  if (value === null || value === undefined || value.trim() === '' || rowValue.trim() === '') return false;
  const left = value.trim();
  const right = rowValue.trim();
  if (operator === 'contains') return left.toLowerCase().includes(right.toLowerCase());
  const order =
    isRoutingNumber(left) && isRoutingNumber(right)
      ? compareDecimals(left, right)
      : compareApexText(left.toLowerCase(), right.toLowerCase());
  switch (operator) {
    case '<':
      return order < 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '>=':
      return order >= 0;
    case '!=':
      return order !== 0;
    case '=':
      return order === 0;
  }
}

/** The destination of a call: the first matching row by `order`, else the default destination. */
export function decideRoute(
  value: string | null,
  rows: readonly RoutingRow[],
  defaultDestination: string,
  isVoicemail: IsVoicemail,
): RoutingDecision {
  const ordered = rows
    .map((row, position) => ({ row, position }))
    .sort((a, b) => a.row.order - b.row.order || a.position - b.position);
  for (const { row } of ordered) {
    if (rowMatches(row.operator, value, row.value)) {
      return { destination: row.destination, option: row.option, row: row.order, voicemail: null };
    }
  }
  return {
    destination: 'default',
    option: defaultDestination,
    row: null,
    voicemail: isVoicemail === 'Yes' ? true : isVoicemail === 'No' ? false : null,
  };
}

/** Decision mode as text: `<destination>:<option>`, `voicemail:<option>` for the default destination's voicemail. */
export function decisionText(decision: RoutingDecision): string {
  const destination =
    decision.destination === 'default' && decision.voicemail === true ? 'voicemail' : decision.destination;
  return `${destination}:${decision.option}`;
}

/** Reads a decision text (`queue:201`); null when it is not one. */
export function parseDecisionText(
  text: string,
): { destination: RowDestination | 'default' | 'voicemail'; option: string } | null {
  const match = /^(queue|ivr|recording|default|voicemail):(.*)$/.exec(text.trim());
  return match ? { destination: match[1] as RowDestination | 'default' | 'voicemail', option: match[2]!.trim() } : null;
}
