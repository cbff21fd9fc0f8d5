import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../settings';

// The built-in defaults have one source: the contract vector `settings-built-in-defaults` (its `expected.settings`),
// in the Salesforce project's unpackaged test data. The package's Apex (SoftphoneSettingsDefaults_Tests) and the
// harness org stand-in (which reads its defaults from the vector) are held to the same vector.
const VECTORS = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  '..',
  'unpackaged',
  'main',
  'default',
  'staticresources',
  'SoftphoneVectorsSettings.json',
);

function contractDefaults(): Record<string, unknown> {
  const doc = JSON.parse(readFileSync(VECTORS, 'utf8')) as {
    vectors: { id: string; expected: { settings: Record<string, unknown> } }[];
  };
  const vector = doc.vectors.find((v) => v.id === 'settings-built-in-defaults');
  if (!vector) throw new Error('SoftphoneVectorsSettings.json has no vector settings-built-in-defaults');
  return vector.expected.settings;
}

describe('DEFAULT_SETTINGS and the contract', () => {
  it('are the contract vector settings-built-in-defaults exactly: same keys, same values', () => {
    expect(Object.keys(DEFAULT_SETTINGS).sort()).toEqual(Object.keys(contractDefaults()).sort());
    expect(JSON.parse(JSON.stringify(DEFAULT_SETTINGS))).toStrictEqual(contractDefaults());
  });
});
