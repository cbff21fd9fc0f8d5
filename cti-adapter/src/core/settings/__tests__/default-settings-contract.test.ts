import { BUILT_IN_DEFAULTS_VECTOR, findVector } from '../../../../harness/org-stand-in/contract-vectors';
import { DEFAULT_SETTINGS } from '../settings';

// The built-in defaults have one source: the contract vector `settings-built-in-defaults` (its `expected.settings`),
// in the Salesforce project's unpackaged test data (read with the harness's contract-vector loader). The package's Apex
// (SoftphoneSettingsDefaults_Tests) and the harness org stand-in (which reads its defaults from the vector) are held
// to the same vector.
function contractDefaults(): Record<string, unknown> {
  const vector = findVector(BUILT_IN_DEFAULTS_VECTOR.file, BUILT_IN_DEFAULTS_VECTOR.id);
  return (vector.expected as { settings: Record<string, unknown> }).settings;
}

describe('DEFAULT_SETTINGS and the contract', () => {
  it('are the contract vector settings-built-in-defaults exactly: same keys, same values', () => {
    expect(Object.keys(DEFAULT_SETTINGS).sort()).toEqual(Object.keys(contractDefaults()).sort());
    expect(JSON.parse(JSON.stringify(DEFAULT_SETTINGS))).toStrictEqual(contractDefaults());
  });
});
