/**
 * The package's namespace as the org names it, read from a remote action name the `OpenCTIIndex` page renders with
 * `{!$RemoteAction.SoftphoneController.matchNumbers}`: `rcsp.SoftphoneController.matchNumbers` in an org where the
 * package is installed with the namespace `rcsp`, `SoftphoneController.matchNumbers` without one (Visualforce
 * Developer Guide, "JavaScript Remoting": `$RemoteAction` resolves the namespace). The wire stays namespace-neutral
 * (ADR 0011); only names the console resolves by text — a Lightning Message Channel for Open CTI `subscribe` — need it.
 * @returns the namespace, or null
 * @public
 */
export function packageNamespaceOf(remoteActionName: string): string | null {
  const parts = remoteActionName.trim().split('.');
  if (parts.length !== 3) return null;
  const namespace = parts[0] ?? '';
  return /^[A-Za-z][A-Za-z0-9]{0,14}$/.test(namespace) ? namespace : null;
}
