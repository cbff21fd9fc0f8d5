/**
 * A Custom Label with its placeholders `{0}`, `{1}`, … filled, as Salesforce's own labels write them (the Apex
 * `String.format` convention): `formatLabel(Edit_name, 'Gold rule')` → `Edit Gold rule`. A placeholder without an
 * argument stays as written. The package's components import their text from `@salesforce/label/c.<Name>` (ADR 0032)
 * and fill it here, so a translation can put the values where its grammar wants them.
 * @param {string} template the label's text
 * @param {...(string|number)} args the values of `{0}`, `{1}`, …
 * @returns {string}
 */
export function formatLabel(template, ...args) {
  return String(template).replace(/\{(\d+)\}/g, (whole, index) => {
    const value = args[Number(index)];
    return value === undefined || value === null ? whole : String(value);
  });
}
