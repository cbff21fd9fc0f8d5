import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BUILT_IN_DEFAULTS_VECTOR, builtInDefaultSettings, CONTRACT_VECTOR_DIR, findVector } from '../contract-vectors';
import { OrgStandIn } from '../org-stand-in';
import { compareText, type Match } from '../softphone-remote-api';
import { defaultSettings } from '../softphone-settings';

const REPO = join(__dirname, '..', '..', '..', '..');

describe('where the contract vectors live', () => {
  it('is the unpackaged folder that sfdx-project.json names for the package, never the package itself', () => {
    const project = JSON.parse(readFileSync(join(REPO, 'sfdx-project.json'), 'utf8')) as {
      packageDirectories: { path: string; package?: string; unpackagedMetadata?: { path: string } }[];
    };
    const packaged = project.packageDirectories.find((d) => d.package !== undefined);
    expect(packaged?.unpackagedMetadata?.path).toBeDefined();
    expect(relative(REPO, CONTRACT_VECTOR_DIR)).toBe(
      join(packaged!.unpackagedMetadata!.path, 'main', 'default', 'staticresources'),
    );
    const packageResources = join(REPO, packaged!.path, 'main', 'default', 'staticresources');
    const shipped = existsSync(packageResources) ? readdirSync(packageResources) : [];
    expect(shipped.filter((f) => f.startsWith('SoftphoneVectors'))).toEqual([]);
  });
});

describe('built-in default settings (one source: the contract vector settings-built-in-defaults)', () => {
  const contract = (
    findVector(BUILT_IN_DEFAULTS_VECTOR.file, BUILT_IN_DEFAULTS_VECTOR.id).expected as {
      settings: Record<string, unknown>;
    }
  ).settings;

  it('are exactly the vector, key for key, in the stand-in', () => {
    expect(defaultSettings()).toStrictEqual(contract);
  });

  it('are what a fresh org answers to getSoftphoneSettings', () => {
    const org = new OrgStandIn();
    const response = org.api.invoke('getSoftphoneSettings', {}) as { settings?: unknown };
    expect(response.settings).toStrictEqual(contract);
  });

  it('are the defaults the admin guide lists (docs/admin-guide.md, "Settings reference")', () => {
    const guide = readFileSync(join(REPO, 'docs', 'admin-guide.md'), 'utf8');
    const listed = new Map<string, string>();
    for (const line of guide.split('\n')) {
      const cells = line.split('|').map((cell) => cell.trim());
      const key = /^`(\w+)`/.exec(cells[2] ?? '')?.[1];
      if (key && cells[3] !== undefined) listed.set(key, cells[3]);
    }
    const rendered = (key: string, value: unknown): string => {
      if (key === 'dispositionsMandatory') return value ? 'unchecked (required)' : 'checked (optional)';
      if (key === 'hvsMode') return value ? '`true`' : 'blank (off)';
      if (typeof value === 'boolean') return value ? 'checked' : 'unchecked';
      if (value === null || (Array.isArray(value) && value.length === 0)) return 'blank';
      if (key === 'dispositions') return (value as string[]).join('; ');
      return Array.isArray(value) ? `\`${value.join(',')}\`` : `\`${String(value)}\``;
    };
    for (const [key, value] of Object.entries(contract)) {
      expect([key, listed.get(key)]).toEqual([key, rendered(key, value)]);
    }
  });

  it('hand out a fresh copy each time, so a caller cannot change the defaults of the next one', () => {
    const first = builtInDefaultSettings();
    first.dispositions.push('Changed');
    first.defaultRegion = 'GB';
    expect(builtInDefaultSettings()).toStrictEqual(contract);
  });
});

describe('match order of records saved in one statement (server order, final)', () => {
  it('compares text as Apex String.compareTo does: code units, Z before a', () => {
    expect(['a', 'Z', '9', 'b'].sort(compareText)).toEqual(['9', 'Z', 'a', 'b']);
  });

  it('shares one timestamp per statement and orders equal timestamps by id descending across the Z/a id boundary', () => {
    const org = new OrgStandIn();
    // Push the id counter so the three Contacts get ids ending in …Z, …a, …b (base 62: 0-9, A-Z, a-z). The org's seven
    // users (the five vector users, Sam Supervisor and a deactivated user) and four profiles (two shared, two of the
    // routing users' own) took eleven ids before.
    org.store.insertAll(
      'Account',
      Array.from({ length: 23 }, (_, i) => ({ Name: `Filler ${i}` })),
    );
    const contacts = org.store.insertAll('Contact', [
      { FirstName: 'Pat', LastName: 'Reyes', Phone: '(650) 555-0113' },
      { FirstName: 'Quinn', LastName: 'Reyes', MobilePhone: '650.555.0113' },
      { FirstName: 'Robin', LastName: 'Reyes', HomePhone: '+1 650 555 0113' },
    ]);
    expect(contacts.map((c) => c.Id.charAt(14))).toEqual(['Z', 'a', 'b']);
    expect(new Set(contacts.map((c) => c.LastModifiedDate)).size).toBe(1);
    const response = org.api.invoke('matchNumbers', {
      numbers: [{ e164: '+16505550113', countryCallingCode: '1', nationalNumber: '6505550113' }],
    }) as unknown as { results: { matches: Match[] }[] };
    expect(response.results[0]?.matches.map((m) => m.name)).toEqual(['Robin Reyes', 'Quinn Reyes', 'Pat Reyes']);
  });
});
