import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { errorConditionHolds } from './formula-engine';

/**
 * The package's validation rules (`objects/<Object>/validationRules/*.validationRule-meta.xml`), applied by the org
 * stand-in to every insert and update of their object as the org does: an active rule whose error condition holds
 * refuses the save with FIELD_CUSTOM_VALIDATION_EXCEPTION and the rule's error message (Salesforce Help, "Validation
 * Rules"). Formulas are evaluated with formulon (`formula-engine.ts`).
 */
export interface ValidationRule {
  readonly object: string;
  readonly name: string;
  readonly active: boolean;
  readonly formula: string;
  readonly errorMessage: string;
  readonly errorDisplayField: string | null;
}

/** A save refused by a validation rule (the platform's FIELD_CUSTOM_VALIDATION_EXCEPTION). */
export class ValidationRuleError extends Error {
  readonly statusCode = 'FIELD_CUSTOM_VALIDATION_EXCEPTION';
  constructor(
    readonly rule: ValidationRule,
    message: string,
  ) {
    super(message);
    this.name = 'ValidationRuleError';
  }
}

/** Reads the validation rules of every object folder below `objectsDir` (missing folder = no rules). */
export function readValidationRules(objectsDir: string): ValidationRule[] {
  if (!existsSync(objectsDir)) return [];
  const parser = new XMLParser({ parseTagValue: false, trimValues: false });
  const rules: ValidationRule[] = [];
  for (const object of readdirSync(objectsDir).sort()) {
    const dir = join(objectsDir, object, 'validationRules');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.validationRule-meta.xml'))
      .sort()) {
      const doc = parser.parse(readFileSync(join(dir, file), 'utf8')) as { ValidationRule?: Record<string, string> };
      const rule = doc.ValidationRule ?? {};
      rules.push({
        object,
        name: file.replace('.validationRule-meta.xml', ''),
        active: rule.active === 'true',
        formula: rule.errorConditionFormula ?? '',
        errorMessage: rule.errorMessage ?? '',
        errorDisplayField: rule.errorDisplayField ?? null,
      });
    }
  }
  return rules;
}

/**
 * The Salesforce type of a field of one of the package's custom objects (`objects/<Object>/fields/<Field>.field-meta.xml`
 * `<type>`), for the rules of those objects; `undefined` when the package has no such field.
 */
export function packageFieldType(objectsDir: string, object: string, field: string): string | undefined {
  const file = join(objectsDir, object, 'fields', `${field}.field-meta.xml`);
  if (!object.endsWith('__c') || !existsSync(file)) return undefined;
  return /<type>(\w+)<\/type>/.exec(readFileSync(file, 'utf8'))?.[1];
}

/**
 * A text prefix the rules read as another (`from` → `to`): how the harness lets a host it runs stand for a host it
 * cannot have, e.g. the RingCentral simulator's `https://127.0.0.1:8443` for RingCentral's media entry point
 * `https://media.ringcentral.com`. Only what the formulas see changes; the record keeps its value.
 */
export interface OriginAlias {
  readonly from: string;
  readonly to: string;
}

/** The active rules of a set of objects, checked on save. */
export class ValidationRules {
  constructor(
    private readonly rules: readonly ValidationRule[],
    /** Salesforce type of a field of an object by its API name as formulas write it (undefined = no such field). */
    private readonly fieldType: (object: string, field: string) => string | undefined,
    /** Text prefixes read as others by the formulas (default none). */
    private readonly aliases: readonly OriginAlias[] = [],
  ) {}

  /** The values as the formulas read them: a text starting with an alias's `from` starts with its `to` instead. */
  private asRead(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
    if (this.aliases.length === 0) return { ...values };
    const read: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(values)) {
      const alias =
        typeof value === 'string'
          ? this.aliases.find((a) => value.toLowerCase().startsWith(a.from.toLowerCase()))
          : undefined;
      read[field] = alias && typeof value === 'string' ? alias.to + value.slice(alias.from.length) : value;
    }
    return read;
  }

  /**
   * Throws {@link ValidationRuleError} for the first active rule of `object` whose error condition holds.
   * @param values the record as it would be saved (standard API names)
   * @param previous the stored record for an update, undefined for an insert
   */
  check(object: string, values: Readonly<Record<string, unknown>>, previous?: Readonly<Record<string, unknown>>): void {
    const read = this.asRead(values);
    for (const rule of this.rules) {
      if (!rule.active || rule.object !== object) continue;
      const context = {
        isNew: previous === undefined,
        changed: (field: string): boolean =>
          previous !== undefined && (previous[field] ?? null) !== (values[field] ?? null),
      };
      if (errorConditionHolds(rule.formula, read, context, (field) => this.fieldType(object, field))) {
        throw new ValidationRuleError(rule, rule.errorMessage);
      }
    }
  }
}
