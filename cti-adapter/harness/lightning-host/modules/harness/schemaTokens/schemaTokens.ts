/**
 * What `@salesforce/schema/<Object>.<field…>` gives the package's components in the harness: `{objectApiName,
 * fieldApiName}`, with the package's own custom fields named as the org names them. A component of a namespaced
 * package imports its fields without the prefix and the platform resolves them in the package's namespace (the same
 * source ships with and without one: NebulaLogger's components import `LogEntry__c.Message__c` unprefixed in its
 * `Nebula` package); the User Interface API then answers under the full names (`rcsp__from_number__c`), which
 * `getFieldValue` looks up by the token. The console puts the signed-in session on `window.harnessSession` before it
 * loads the Lightning host (`console-app.ts`); `HARNESS_NAMESPACE=rcsp npm start` gives it a prefix.
 */

interface SchemaSession {
  readonly namespacePrefix?: string;
  readonly packageFields?: readonly string[];
}

/** A schema token; a path (`Who.Name`) keeps standard segments and prefixes the package's fields. */
export function schemaToken(
  objectApiName: string,
  fieldApiName: string | null,
): { objectApiName: string; fieldApiName?: string } {
  if (fieldApiName === null) return { objectApiName };
  const session = (globalThis as { harnessSession?: SchemaSession }).harnessSession;
  const prefix = session?.namespacePrefix ?? '';
  const fields = new Set((session?.packageFields ?? []).map((f) => f.toLowerCase()));
  const full = (segment: string): string =>
    prefix !== '' && fields.has(segment.toLowerCase()) ? `${prefix}${segment}` : segment;
  return { objectApiName, fieldApiName: fieldApiName.split('.').map(full).join('.') };
}
