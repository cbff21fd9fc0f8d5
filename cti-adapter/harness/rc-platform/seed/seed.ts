import { readFileSync } from 'node:fs';
import defaultSeedJson from './account.json';

/**
 * SIP digest credentials of one registrant, shaped like one `sipInfo[]` entry of
 * `POST /restapi/v1.0/client-info/sip-provision` (RingCentral API reference, "Register Device").
 * `username` is the SIP user part (From/To), `authorizationId` the digest user name.
 */
export interface SeedSipCredentials {
  username: string;
  authorizationId: string;
  password: string;
}

/** One extension of the seeded account: a user (`User`) or a call queue (`Department`). */
export interface SeedExtension {
  /** Extension id as RingCentral returns it (digits, a string here; REST renders it as a number where the API does). */
  id: string;
  extensionNumber: string;
  type: 'User' | 'Department';
  name: string;
  firstName?: string;
  lastName?: string;
  /** Login e-mail (users only). */
  email?: string;
  /** Login password (users only). */
  password?: string;
  /** Direct number, E.164. */
  directNumber: string;
  /** SIP credentials of the user's web phone (users only). */
  sip?: { username?: string; authorizationId: string; password: string };
  /** Member extension ids (call queues only), in ring order. */
  members?: string[];
}

/** An external (PSTN) number: a "customer phone" with the caller-ID name its carrier sends. */
export interface SeedExternal {
  phoneNumber: string;
  callerIdName: string;
  sip: { username?: string; authorizationId: string; password: string };
}

/** A registered OAuth application. `redirectUriPaths` are accepted on any loopback origin. */
export interface SeedOAuthClient {
  clientId: string;
  name: string;
  public: boolean;
  clientSecret?: string;
  grants: string[];
  redirectUriPaths: string[];
}

/** The whole seed file (`seed/account.json`), matching `docs/sample-world.md`. */
export interface Seed {
  account: { id: string; name: string; mainNumber: string; sipDomain: string; timezone: string };
  extensions: SeedExtension[];
  externals: SeedExternal[];
  oauthClients: SeedOAuthClient[];
}

/**
 * Reads and validates a seed file; without `file`, a fresh copy of the shipped `seed/account.json`.
 * @throws Error when the file is missing, not JSON, or lacks a required field (message names the field).
 */
export function loadSeed(file?: string): Seed {
  const parsed: unknown = file ? JSON.parse(readFileSync(file, 'utf8')) : structuredClone(defaultSeedJson);
  return validateSeed(parsed);
}

/** Checks the shape of a parsed seed object. @throws Error naming the first invalid field. */
export function validateSeed(value: unknown): Seed {
  const seed = value as Partial<Seed>;
  if (!seed || typeof seed !== 'object') throw new Error('seed: not an object');
  if (!seed.account?.id || !seed.account.sipDomain)
    throw new Error('seed: account.id and account.sipDomain are required');
  if (!Array.isArray(seed.extensions) || seed.extensions.length === 0)
    throw new Error('seed: extensions[] is required');
  if (!Array.isArray(seed.externals)) throw new Error('seed: externals[] is required');
  if (!Array.isArray(seed.oauthClients)) throw new Error('seed: oauthClients[] is required');
  const ids = new Set<string>();
  for (const ext of seed.extensions) {
    if (!ext.id || !ext.extensionNumber || !ext.directNumber)
      throw new Error(`seed: extension ${ext.name} lacks id/number`);
    if (ids.has(ext.id)) throw new Error(`seed: duplicate extension id ${ext.id}`);
    ids.add(ext.id);
    if (ext.type === 'User' && (!ext.email || !ext.password || !ext.sip)) {
      throw new Error(`seed: user ${ext.id} needs email, password and sip`);
    }
  }
  for (const ext of seed.extensions) {
    for (const member of ext.members ?? []) {
      if (!ids.has(member)) throw new Error(`seed: queue ${ext.id} names unknown member ${member}`);
    }
  }
  return seed as Seed;
}
