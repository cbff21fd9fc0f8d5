import type { Seed, SeedCrmRule, SeedDid, SeedExtension, SeedExternal } from '../seed/seed';

/**
 * SIP credentials in the shape of a `sipInfo[]` entry of `POST /restapi/v1.0/client-info/sip-provision`
 * (without the proxy fields, which depend on where the server listens).
 */
export interface SipCredentials {
  username: string;
  password: string;
  authorizationId: string;
  domain: string;
}

/** Who a set of SIP credentials belongs to. */
export type SipIdentity =
  | { kind: 'extension'; extension: SeedExtension; credentials: SipCredentials }
  | { kind: 'external'; external: SeedExternal; credentials: SipCredentials };

/** Digits of a number, for tolerant comparison (`+1 (650) 555-0100` equals `16505550100`). */
export function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}

/** Comparison key of a phone number: its digits, with a 10-digit NANP number given its leading `1`. */
export function numberKey(value: string): string {
  const digits = digitsOf(value);
  return digits.length === 10 ? `1${digits}` : digits;
}

/**
 * Read-only lookups over the seeded account: extensions, call queues, external customer numbers and SIP credentials.
 * Numbers match by their digits, so E.164 and bare digits both work; extension numbers (3 digits) match too.
 */
export class Directory {
  constructor(readonly seed: Seed) {}

  get accountId(): string {
    return this.seed.account.id;
  }

  get sipDomain(): string {
    return this.seed.account.sipDomain;
  }

  /** All extensions (users and queues) in seed order. */
  extensions(): SeedExtension[] {
    return this.seed.extensions;
  }

  /** Users (type `User`) only. */
  users(): SeedExtension[] {
    return this.seed.extensions.filter((e) => e.type === 'User');
  }

  externals(): SeedExternal[] {
    return this.seed.externals;
  }

  findExtensionById(id: string): SeedExtension | undefined {
    return this.seed.extensions.find((e) => e.id === String(id));
  }

  /** By direct number (any formatting) or by extension number. */
  findExtensionByNumber(number: string): SeedExtension | undefined {
    const digits = digitsOf(number);
    if (!digits) return undefined;
    const key = numberKey(number);
    return this.seed.extensions.find(
      (e) => numberKey(e.directNumber) === key || (digits.length <= 5 && e.extensionNumber === digits),
    );
  }

  findExtensionByEmail(email: string): SeedExtension | undefined {
    const lower = email.trim().toLowerCase();
    return this.seed.extensions.find((e) => e.email?.toLowerCase() === lower);
  }

  findExternalByNumber(number: string): SeedExternal | undefined {
    const key = numberKey(number);
    return key ? this.seed.externals.find((e) => numberKey(e.phoneNumber) === key) : undefined;
  }

  /** A CRM-routed DID of the account by number (any formatting). */
  findDid(number: string): SeedDid | undefined {
    const key = numberKey(number);
    return key ? (this.seed.dids ?? []).find((d) => numberKey(d.phoneNumber) === key) : undefined;
  }

  /** The PBX's CRM routing rules, in seed order. */
  crmRules(): SeedCrmRule[] {
    return this.seed.crmRules ?? [];
  }

  /** Member extensions of a call queue, in ring order; empty for a user. */
  queueMembers(queueId: string): SeedExtension[] {
    const queue = this.findExtensionById(queueId);
    return (queue?.members ?? []).map((id) => this.findExtensionById(id)).filter((e): e is SeedExtension => !!e);
  }

  /** SIP credentials of a user's web phone. @throws Error when the extension is unknown or not a user. */
  sipCredentialsForExtension(extensionId: string): SipCredentials {
    const ext = this.findExtensionById(extensionId);
    if (!ext?.sip) throw new Error(`no SIP credentials for extension ${extensionId}`);
    return {
      username: ext.sip.username ?? digitsOf(ext.directNumber),
      password: ext.sip.password,
      authorizationId: ext.sip.authorizationId,
      domain: this.sipDomain,
    };
  }

  /** SIP credentials of a customer phone (external number). @throws Error when the number is not seeded. */
  sipCredentialsForExternal(phoneNumber: string): SipCredentials {
    const ext = this.findExternalByNumber(phoneNumber);
    if (!ext) throw new Error(`no SIP credentials for external number ${phoneNumber}`);
    return {
      username: ext.sip.username ?? digitsOf(ext.phoneNumber),
      password: ext.sip.password,
      authorizationId: ext.sip.authorizationId,
      domain: this.sipDomain,
    };
  }

  /** Resolves a digest user name (`authorizationId`) to its owner; the registrar uses it. */
  findSipIdentityByAuthorizationId(authorizationId: string): SipIdentity | undefined {
    const ext = this.seed.extensions.find((e) => e.sip?.authorizationId === authorizationId);
    if (ext) return { kind: 'extension', extension: ext, credentials: this.sipCredentialsForExtension(ext.id) };
    const external = this.seed.externals.find((e) => e.sip.authorizationId === authorizationId);
    if (external) {
      return { kind: 'external', external, credentials: this.sipCredentialsForExternal(external.phoneNumber) };
    }
    return undefined;
  }

  /** Resolves a SIP user part (From/To `sip:USER@domain`) to its owner. */
  findSipIdentityByUsername(username: string): SipIdentity | undefined {
    for (const ext of this.seed.extensions) {
      if (ext.sip && this.sipCredentialsForExtension(ext.id).username === username) {
        return { kind: 'extension', extension: ext, credentials: this.sipCredentialsForExtension(ext.id) };
      }
    }
    for (const external of this.seed.externals) {
      if (this.sipCredentialsForExternal(external.phoneNumber).username === username) {
        return { kind: 'external', external, credentials: this.sipCredentialsForExternal(external.phoneNumber) };
      }
    }
    return undefined;
  }
}
