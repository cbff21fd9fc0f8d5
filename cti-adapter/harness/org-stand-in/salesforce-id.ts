/**
 * Salesforce-like record ids for the in-memory org.
 *
 * Shape (Salesforce "Record IDs" help article): 3-character key prefix of the object, then 12 base-62
 * characters, then the 3-character case-safe suffix that turns the 15-character id into the 18-character one.
 * The suffix encodes, for each 5-character chunk of the 15-character id, which characters are upper case.
 */

/** Key prefixes of the objects the stand-in knows (Salesforce standard object key prefixes). */
export const KEY_PREFIXES = {
  Account: '001',
  Contact: '003',
  User: '005',
  Opportunity: '006',
  Organization: '00D',
  Profile: '00e',
  Lead: '00Q',
  Task: '00T',
  Case: '500',
  // Custom objects get key prefixes a00…a0Z in an org; these are the stand-in's.
  CRM_Routing_Rule__c: 'a0R',
  CRM_Routing_Row__c: 'a0W',
  CRM_Routing_Request__c: 'a0Q',
  CRM_Routing_Secret__c: 'a0S',
  SMS_Template__c: 'a0T',
  Do_Not_Contact__c: 'a0D',
  /** A custom object's prefix is given by the org (`a0…`); this one stands for the package's settings audit. */
  Softphone_Settings_Audit__c: 'a01',
} as const;

export type KnownObject = keyof typeof KEY_PREFIXES;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** Computes the 3-character case-safe suffix of a 15-character id. */
export function caseSafeSuffix(id15: string): string {
  if (id15.length !== 15) throw new Error(`caseSafeSuffix: expected 15 characters, got ${id15.length}`);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/** Normalizes a 15- or 18-character id to 18 characters; returns null for anything else. */
export function to18(id: string): string | null {
  if (!/^[a-zA-Z0-9]{15}([A-Z0-5]{3})?$/.test(id)) return null;
  const id15 = id.slice(0, 15);
  return id15 + caseSafeSuffix(id15);
}

/** Generates sequential 18-character ids per key prefix (`001…`, `003…`), deterministic for a given order. */
export class SalesforceIdFactory {
  private counter = 0;

  /** @param pod two characters standing for the instance ("pod") part of real ids. */
  constructor(private readonly pod = '5g') {}

  next(prefix: string): string {
    this.counter++;
    let n = this.counter;
    let body = '';
    for (let i = 0; i < 9; i++) {
      body = BASE62.charAt(n % 62) + body;
      n = Math.floor(n / 62);
    }
    const id15 = `${prefix}${this.pod}0${body}`;
    return id15 + caseSafeSuffix(id15);
  }
}

/** The object an id belongs to, from its key prefix; null when the prefix is unknown. */
export function objectOfId(id: string): string | null {
  const prefix = id.slice(0, 3);
  for (const [name, p] of Object.entries(KEY_PREFIXES)) if (p === prefix) return name;
  return null;
}
