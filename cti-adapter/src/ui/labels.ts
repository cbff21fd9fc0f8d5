import type { LabelName } from './labels.generated';

/**
 * The softphone's text: the package's Custom Labels of the `Softphone` category in the agent's language (ADR 0032).
 * The `OpenCTIIndex` page renders them (`{!$Label.<name>}`, which Visualforce answers with the Translation Workbench's
 * translation for the user's language, else the master value) into `#softphone-labels`, one
 * `<span data-label="<name>">` each; the bundle reads them once at start ({@link installLabels}), before the first
 * render — no round trip, and no catalog of its own. Templates read `{labels.<name>}` (every component has
 * `readonly labels = labels`), code reads `labels.<name>` and fills placeholders with {@link formatLabel}.
 * @public
 */
export type Labels = Readonly<Record<LabelName, string>>;

const values: Record<string, string> = {};

/** The installed labels (empty strings until {@link installLabels} ran). @public */
export const labels = values as Labels;

/** Installs the labels (from the page at start; the English master values in tests). @public */
export function installLabels(source: Readonly<Record<string, string>>): void {
  Object.assign(values, source);
}

/** The labels the page rendered into `root` (`#softphone-labels`): `data-label` → text. `null` → none. @public */
export function readPageLabels(root: ParentNode | null): Record<string, string> {
  const out: Record<string, string> = {};
  root?.querySelectorAll('[data-label]').forEach((element) => {
    const name = element.getAttribute('data-label');
    if (name) out[name] = (element.textContent ?? '').trim();
  });
  return out;
}

/**
 * A label with its placeholders `{0}`, `{1}`, … filled, as Salesforce's own labels write them (Apex `String.format`
 * style). A placeholder without an argument stays as written.
 * @public
 */
export function formatLabel(template: string, ...args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}
