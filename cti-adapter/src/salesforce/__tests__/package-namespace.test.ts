import { packageNamespaceOf } from '../package-namespace';

describe('packageNamespaceOf', () => {
  it('reads the namespace $RemoteAction puts before the controller, none without one', () => {
    expect(packageNamespaceOf('rcsp.SoftphoneController.matchNumbers')).toBe('rcsp');
    expect(packageNamespaceOf('SoftphoneController.matchNumbers')).toBeNull();
    expect(packageNamespaceOf('')).toBeNull();
    expect(packageNamespaceOf('1bad.SoftphoneController.matchNumbers')).toBeNull();
  });
});
