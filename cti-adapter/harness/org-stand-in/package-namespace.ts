import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The package's namespace in the stand-in org. In a managed package's subscriber org (or a scratch org with the
 * namespace) every custom field of the package is stored and described as `<ns>__<Name>__c` (Apex Developer Guide,
 * "Namespace Prefix"). The stand-in stores records under those full names, refuses writes that name a package field
 * without its prefix (as the API refuses an unknown field), and its remote API speaks the namespace-neutral wire of
 * docs/adr/0011-namespace-neutral-wire.md: the package's fields travel by their local names (`key__c`), full names are
 * accepted too. `npm test` runs every contract vector without and with a namespace (`vector-runner.ts`).
 */
export class PackageNamespace {
  /** `''` or `<ns>__`. */
  readonly prefix: string;
  private readonly localNames: ReadonlyMap<string, string>;
  private readonly objectNames: ReadonlyMap<string, string>;

  /**
   * @param namespace e.g. `rcsp`, or `''` for an org without one
   * @param packageFields local API names of the package's custom fields (any object)
   * @param packageObjects local API names of the package's custom objects and custom settings (`X__c`)
   */
  constructor(
    readonly namespace: string,
    packageFields: Iterable<string>,
    packageObjects: Iterable<string> = [],
  ) {
    if (namespace !== '' && !/^[A-Za-z][A-Za-z0-9]{0,14}$/.test(namespace))
      throw new Error(`namespace must be 1-15 letters and digits starting with a letter, got ${namespace}`);
    this.prefix = namespace === '' ? '' : `${namespace}__`;
    this.localNames = new Map([...packageFields].map((name) => [name.toLowerCase(), name]));
    this.objectNames = new Map([...packageObjects].map((name) => [name.toLowerCase(), name]));
  }

  /**
   * Reads the package's custom field names from `objects/<Object>/fields/*.field-meta.xml` of a package folder, and
   * its custom objects and settings from the `objects/<Name>__c` folders.
   */
  static fromPackage(namespace: string, objectsDir: string): PackageNamespace {
    const names: string[] = [];
    const objects: string[] = [];
    if (existsSync(objectsDir)) {
      for (const object of readdirSync(objectsDir)) {
        if (object.endsWith('__c')) objects.push(object);
        const dir = join(objectsDir, object, 'fields');
        if (!existsSync(dir)) continue;
        for (const file of readdirSync(dir)) {
          if (file.endsWith('__c.field-meta.xml')) names.push(file.replace('.field-meta.xml', ''));
        }
      }
    }
    return new PackageNamespace(namespace, names, objects);
  }

  /** The stored (full) name of one of the package's objects or custom settings: `Key__c` → `rcsp__Key__c`. */
  fullObject(name: string): string {
    const local = this.objectNames.get(name.toLowerCase());
    return this.prefix === '' || local === undefined ? name : `${this.prefix}${local}`;
  }

  /** The local names of the package's custom fields (`key__c`), as its metadata spells them. */
  packageFields(): string[] {
    return [...this.localNames.values()];
  }

  /** Whether a local name (`key__c`) is a field of the package. */
  isPackageField(localName: string): boolean {
    return this.localNames.has(localName.toLowerCase());
  }

  /** The stored (full) name of a field named by its local or full name: `key__c` → `rcsp__key__c`. */
  full(name: string): string {
    if (this.prefix === '') return name;
    const local = this.local(name);
    return this.isPackageField(local) ? `${this.prefix}${this.localNames.get(local.toLowerCase())}` : name;
  }

  /** The wire (local) name of a field named by its full or local name: `rcsp__key__c` → `key__c`. */
  local(name: string): string {
    if (this.prefix === '' || !name.toLowerCase().startsWith(this.prefix.toLowerCase())) return name;
    const rest = name.slice(this.prefix.length);
    return this.isPackageField(rest) ? (this.localNames.get(rest.toLowerCase()) ?? rest) : name;
  }

  /** Field values keyed by stored names (what the wire or a contract vector names by local names). */
  toStore(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(fields).map(([k, v]) => [this.full(k), v]));
  }

  /** A stored record keyed by wire names. */
  fromStore<T extends Record<string, unknown>>(record: T): T {
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [this.local(k), v])) as T;
  }

  /**
   * The package fields a write names without the prefix, which an org with a namespace does not have (the API
   * answers INVALID_FIELD "No such column"); empty outside a namespace.
   */
  unprefixedPackageFields(fields: Readonly<Record<string, unknown>>): string[] {
    return this.prefix === '' ? [] : Object.keys(fields).filter((k) => this.isPackageField(k));
  }
}

/** No namespace: every name is its own stored and wire name. */
export const NO_NAMESPACE = new PackageNamespace('', []);
