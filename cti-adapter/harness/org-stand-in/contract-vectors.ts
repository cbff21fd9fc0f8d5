import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunAs } from './org-stand-in';
import type { SoftphoneSettings } from './softphone-settings';

/**
 * The contract vectors of the remote API (`docs/contracts/softphone-remote-api.md`, "Contract vectors"): one
 * `SoftphoneVectors<Endpoint>.json` per endpoint, in the Salesforce project's unpackaged folder (`unpackaged/`, the
 * `unpackagedMetadata` of `force-app` in `sfdx-project.json`), where the Apex contract tests load them as static
 * resources. They are test data: deployed with the package's tests, never packaged.
 */
export const CONTRACT_VECTOR_DIR = join(
  __dirname,
  '..',
  '..',
  '..',
  'unpackaged',
  'main',
  'default',
  'staticresources',
);

/** The vector whose expected `settings` are the built-in defaults: the one source of the defaults. */
export const BUILT_IN_DEFAULTS_VECTOR = { file: 'SoftphoneVectorsSettings.json', id: 'settings-built-in-defaults' };

export interface ContractVector {
  id: string;
  description?: string;
  requires?: string[];
  runAs?: RunAs;
  /**
   * Optional: more users of the org (another agent of the call, the assignee of a follow-up Task), named by `@ref` and
   * created like `runAs` users; `isActive: false` deactivates one (a user who left).
   */
  users?: { '@ref': string; runAs: RunAs; isActive?: boolean }[];
  settings?: Partial<SoftphoneSettings> | null;
  /** Lock entries of the org default (`locked` / `unlocked`). */
  locks?: Record<string, 'locked' | 'unlocked'> | null;
  records?: Record<string, Record<string, unknown>[]>;
  existingTasks?: Record<string, unknown>[] | null;
  request: unknown;
  expected: unknown;
  /** Optional: for each entry some stored row of the object must match by subset (ids as `@ref:` names). */
  expectedRecords?: Record<string, Record<string, unknown>[]>;
  /** Optional: rows per object after the call. */
  expectedCounts?: Record<string, number>;
  /** Optional: dotted response paths that must not exist (`logged.s-2999`). */
  absentPaths?: string[];
  /** Token endpoints: the running user's Salesforce login (`null`: no browser session). */
  salesforceLogin?: string | null;
  /** Token endpoints: the credential the runner seals as `"@sealed"` (`"@sealed-altered"`: one character changed). */
  credential?: VectorCredential | null;
  /** Token endpoints: the RingCentral callouts expected in order (url, form fields by subset) and their answers. */
  callouts?: VectorCallout[];
  /** Token endpoints: texts no string of the response may contain, except the opaque `sealed` value. */
  absentTexts?: string[];
  /** Token endpoints: `new` when the response must carry another sealed value than the request's. */
  expectedSealed?: 'new';
}

/** A credential to seal for a token vector; times are seconds from now (negative: in the past). */
export interface VectorCredential {
  login: string;
  /** `runAs`: the vector's user; `other`: another user of the org. */
  user: 'runAs' | 'other';
  server: string;
  clientId: string;
  accessToken: string;
  accessExpiresInSeconds: number;
  refreshToken: string;
  refreshExpiresInSeconds: number;
  ownerId: string;
}

/** One expected RingCentral callout and the answer the runner gives it. */
export interface VectorCallout {
  request: { url: string; form: Record<string, string> };
  response: { status: number; headers?: Record<string, string>; body: unknown };
}

export interface VectorFile {
  file: string;
  endpoint: string;
  vectors: ContractVector[];
}

/** Reads one vector file (`{endpoint, vectors}`); throws naming the file when it has another shape. */
export function readVectorFile(dir: string, file: string): VectorFile {
  const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { endpoint?: unknown; vectors?: unknown };
  if (typeof doc.endpoint !== 'string' || !Array.isArray(doc.vectors))
    throw new Error(`${file}: expected {endpoint, vectors}`);
  return { file, endpoint: doc.endpoint, vectors: doc.vectors as ContractVector[] };
}

/** Reads every `SoftphoneVectors*.json` of a folder (default: the contract's), in name order. */
export function loadVectorFiles(dir: string = CONTRACT_VECTOR_DIR): VectorFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^SoftphoneVectors.*\.json$/.test(f))
    .sort()
    .map((file) => readVectorFile(dir, file));
}

/** One vector by file and id; throws when it is missing. */
export function findVector(file: string, id: string, dir: string = CONTRACT_VECTOR_DIR): ContractVector {
  const vector = readVectorFile(dir, file).vectors.find((v) => v.id === id);
  if (!vector) throw new Error(`${file}: no vector ${id}`);
  return vector;
}

const SETTINGS_KEYS: readonly (keyof SoftphoneSettings)[] = [
  'matchObjects',
  'objectPriority',
  'personAccountAssociation',
  'defaultRegion',
  'inboundPop',
  'outboundPop',
  'multipleMatchPop',
  'noMatchPop',
  'callingDevice',
  'ringerEnabled',
  'autoLog',
  'saveOnRinging',
  'autoLogSms',
  'smsNotesPrompt',
  'closeCallViewOnHangUp',
  'autoLogDelaySeconds',
  'autoFillRelatedTo',
  'autoSelectSingleMatch',
  'toVoicemailWhenBusy',
  'placeholderObject',
  'placeholderCompany',
  'dispositionsMandatory',
  'dispositions',
  'dispositionField',
  'hvsMode',
  'hvsDispositionField',
  'logFields',
  'dncCallMode',
  'dncSmsMode',
];

let builtInDefaults: SoftphoneSettings | undefined;

/**
 * The built-in default settings as the contract pins them: `expected.settings` of the vector
 * `settings-built-in-defaults`. Read once; every call returns a fresh copy the caller may change.
 * @throws when the vector lacks a settings key or has one the stand-in does not know
 */
export function builtInDefaultSettings(): SoftphoneSettings {
  if (!builtInDefaults) {
    const vector = findVector(BUILT_IN_DEFAULTS_VECTOR.file, BUILT_IN_DEFAULTS_VECTOR.id);
    const settings = (vector.expected as { settings?: Record<string, unknown> } | null)?.settings ?? {};
    const keys = Object.keys(settings).sort();
    if (keys.join() !== [...SETTINGS_KEYS].sort().join())
      throw new Error(`${BUILT_IN_DEFAULTS_VECTOR.id}: expected.settings has keys ${keys.join(', ')}`);
    builtInDefaults = settings as unknown as SoftphoneSettings;
  }
  return JSON.parse(JSON.stringify(builtInDefaults)) as SoftphoneSettings;
}
