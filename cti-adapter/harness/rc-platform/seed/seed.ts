import { readFileSync } from 'node:fs';
import { ROUTING_OPERATORS, type IsVoicemail, type RoutingOperator } from '../../crm-routing/routing-rows';
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

/** One extension of the seeded account: a user (`User`), a call queue (`Department`) or an IVR menu (`IvrMenu`). */
export interface SeedExtension {
  /** Extension id as RingCentral returns it (digits, a string here; REST renders it as a number where the API does). */
  id: string;
  extensionNumber: string;
  type: 'User' | 'Department' | 'IvrMenu';
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
  /** IVR menus: the greeting played to collect DTMF digits (a sound name; the simulator plays a tone pattern). */
  greeting?: string;
  /** IVR menus: the key of the CRM routing rule the collected digits go to. */
  crmRule?: string;
}

/** A phone number of the account routed by a CRM rule before any extension (PBXware "CRM Routing" on a DID). */
export interface SeedDid {
  phoneNumber: string;
  /** Its label (RingCentral's `inDIDLabel`). */
  name: string;
  /** Key of the CRM routing rule evaluated for calls to it. */
  crmRule: string;
}

/**
 * A CRM routing rule as the PBX holds it (seed `002_dfbb423dce69a7d6.txt`, PBXware "CRM Routing", CRM To Use = Custom
 * CRM): the URL it calls (`{URL}?field_name={CRM_FIELD_NAME}&dtmf={DTMF}`, plus `caller_id`, see
 * `docs/contracts/crm-routing.md`), GET or POST (JSON body), one custom header line, the rows it evaluates itself
 * (`value` mode) or the destination it reads back (`decision` mode), and the default destination.
 */
export interface SeedCrmRule {
  /** The rule's URL name in Salesforce (the last segment of `crm.url`). */
  key: string;
  name: string;
  location: 'DID' | 'IVR';
  /** PBXware's CRM Field Name. */
  fieldName: string;
  /** IVR rules: the greeting played before digits are collected. */
  greeting?: string;
  crm: {
    /** Must start with `https://` (PBXware). */
    url: string;
    method: 'GET' | 'POST';
    /** One header line, `Name: value` (the rule's secret: `X-CRM-Routing-Secret: …`), or null. */
    header: string | null;
    /** How long the PBX waits for the CRM, ms. */
    timeoutMs: number;
    /**
     * Whether the request carries the caller's number as `caller_id` (default true). False sends exactly the request
     * the seed documents, `field_name` and `dtmf` only: Salesforce then finds the caller only by DTMF.
     */
    sendCallerId?: boolean;
  };
  mode: 'value' | 'decision';
  /** Value mode: the rows the PBX evaluates, first match wins. */
  rows: { operator: RoutingOperator; value: string; destination: 'queue' | 'ivr' | 'recording'; option: string }[];
  /** Extension, queue or IVR number. */
  defaultDestination: string;
  isVoicemail: IsVoicemail;
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
  /** CRM-routed DIDs (optional). */
  dids?: SeedDid[];
  /** CRM routing rules of the PBX (optional). */
  crmRules?: SeedCrmRule[];
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
  validateCrmRouting(seed as Seed);
  return seed as Seed;
}

/** Checks the CRM routing part: rules well-formed (https URLs, known operators), DIDs and IVRs naming existing rules. */
function validateCrmRouting(seed: Seed): void {
  const keys = new Set<string>();
  for (const rule of seed.crmRules ?? []) {
    if (!/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(rule.key)) throw new Error(`seed: crm rule key ${rule.key}`);
    if (keys.has(rule.key)) throw new Error(`seed: duplicate crm rule ${rule.key}`);
    keys.add(rule.key);
    if (!rule.crm?.url?.startsWith('https://'))
      throw new Error(`seed: crm rule ${rule.key}: the CRM URL must start with https://`);
    for (const row of rule.rows ?? []) {
      if (!(ROUTING_OPERATORS as readonly string[]).includes(row.operator))
        throw new Error(`seed: crm rule ${rule.key}: unknown operator ${row.operator}`);
    }
  }
  const named = [
    ...(seed.dids ?? []).map((d) => d.crmRule),
    ...seed.extensions.filter((e) => e.crmRule).map((e) => e.crmRule!),
  ];
  for (const key of named) if (!keys.has(key)) throw new Error(`seed: unknown crm rule ${key}`);
}
