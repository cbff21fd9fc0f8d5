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

/** The active rules of a set of objects, checked on save. */
export class ValidationRules {
  constructor(
    private readonly rules: readonly ValidationRule[],
    /** Salesforce type of a field of an object by its API name as formulas write it (undefined = no such field). */
    private readonly fieldType: (object: string, field: string) => string | undefined,
  ) {}

  /**
   * Throws {@link ValidationRuleError} for the first active rule of `object` whose error condition holds.
   * @param values the record as it would be saved (standard API names)
   * @param previous the stored record for an update, undefined for an insert
   */
  check(object: string, values: Readonly<Record<string, unknown>>, previous?: Readonly<Record<string, unknown>>): void {
    for (const rule of this.rules) {
      if (!rule.active || rule.object !== object) continue;
      const context = {
        isNew: previous === undefined,
        changed: (field: string): boolean =>
          previous !== undefined && (previous[field] ?? null) !== (values[field] ?? null),
      };
      if (errorConditionHolds(rule.formula, values, context, (field) => this.fieldType(object, field))) {
        throw new ValidationRuleError(rule, rule.errorMessage);
      }
    }
  }
}
