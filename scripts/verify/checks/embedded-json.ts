import type { Finding } from '../lib/finding';
import { childText, listMetadataXml, tryReadXml, walk, type XmlElement } from '../lib/metadata-xml';
import { projectRoot, relative } from '../lib/paths';
import { METADATA_ROOTS } from './metadata-text';

/** Text that is meant as JSON: an object or an array, e.g. a call center's `<customSettings>`. */
const LOOKS_LIKE_JSON = /^\s*(?:\{[\s\S]*\}|\[[\s\S]*\])\s*$/;

/**
 * `reqGeneralInfo` items that the CallCenter type carries in its own fields or that describe the call center,
 * so they are not part of `customSettings`: the adapter URL (`adapterUrl`), the display name (`displayName`),
 * the internal name (the file's full name) and the description.
 */
const OWN_FIELD_ITEMS = new Set(['reqAdapterUrl', 'reqDisplayName', 'reqInternalName', 'reqDescription']);

/**
 * Documents whose texts are display strings, never JSON: a Custom Label's value is a format string whose `{0}`,
 * `{1}` are placeholders (Salesforce Help, "Custom Labels"; `{0} / {1}` is a label, not a broken object).
 */
const DISPLAY_TEXT_DOCUMENTS = new Set(['CustomLabels', 'Translations']);

function items(callCenter: XmlElement, sectionName: string): Map<string, string> {
  const section = callCenter.children.find(
    (child) => child.name === 'sections' && childText(child, 'name') === sectionName,
  );
  const found = new Map<string, string>();
  for (const item of section?.children.filter((child) => child.name === 'items') ?? []) {
    found.set(childText(item, 'name') ?? '', childText(item, 'value') ?? '');
  }
  return found;
}

/**
 * Checks the JSON that metadata carries as text (files that are not well-formed XML are left to `metadata-text`).
 * - `InvalidJson`: a leaf element whose text is a JSON object or array (`{…}` / `[…]`) does not parse. Custom
 *   Labels and Translations are display strings with `{n}` placeholders and are not read as JSON.
 * - For a call center (`<CallCenter>`, Metadata API Developer Guide, CallCenter): `<customSettings>` is the JSON
 *   object Salesforce keeps beside the sections (what `sf project retrieve start` writes, e.g.
 *   `{"reqTimeout":"15000",…}`); its keys must be exactly the `reqGeneralInfo` items other than those with a
 *   field of their own (adapter URL, display name, internal name, description), with the same values:
 *   `UnknownSettingKey` (a key that names no item, such as `" reqTimeout "`), `MissingSettingKey`,
 *   `SettingValueMismatch`; and `adapterUrl` must equal the `reqAdapterUrl` item (`AdapterUrlMismatch`).
 *
 * @param root absolute folder the `roots` are relative to (the repository, or a fixture)
 * @param roots folders or files under `root`
 */
export function checkEmbeddedJson(
  root: string = projectRoot,
  roots: readonly string[] = METADATA_ROOTS,
): { findings: Finding[]; jsonCount: number } {
  const findings: Finding[] = [];
  let jsonCount = 0;
  for (const file of listMetadataXml(root, roots)) {
    const report = (line: number, rule: string, message: string): void => {
      findings.push({ check: 'embedded-json', file: relative(projectRoot, file), line, rule, message });
    };
    const document = tryReadXml(file);
    if ('error' in document) continue; // reported by the metadata-text check
    if (DISPLAY_TEXT_DOCUMENTS.has(document.name)) continue;
    const parsed = new Map<XmlElement, unknown>();
    for (const { element } of walk(document)) {
      if (element.children.length > 0 || !LOOKS_LIKE_JSON.test(element.text)) continue;
      jsonCount += 1;
      try {
        parsed.set(element, JSON.parse(element.text));
      } catch (error) {
        report(element.line, 'InvalidJson', `<${element.name}> is not valid JSON: ${(error as Error).message}`);
      }
    }
    if (document.name !== 'CallCenter') continue;
    const general = items(document, 'reqGeneralInfo');
    const adapterUrl = childText(document, 'adapterUrl');
    const adapterItem = general.get('reqAdapterUrl');
    if (adapterUrl !== undefined && adapterItem !== undefined && adapterUrl !== adapterItem) {
      const line = document.children.find((child) => child.name === 'adapterUrl')?.line ?? 0;
      report(line, 'AdapterUrlMismatch', `adapterUrl "${adapterUrl}" differs from item reqAdapterUrl "${adapterItem}"`);
    }
    const element = document.children.find((child) => child.name === 'customSettings');
    if (!element || !parsed.has(element)) continue;
    const settings = parsed.get(element);
    if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
      report(element.line, 'InvalidJson', '<customSettings> must be a JSON object of item names to values');
      continue;
    }
    const expected = [...general].filter(([name]) => !OWN_FIELD_ITEMS.has(name));
    for (const [key, value] of Object.entries(settings)) {
      if (!general.has(key) || OWN_FIELD_ITEMS.has(key)) {
        report(
          element.line,
          'UnknownSettingKey',
          `customSettings key ${JSON.stringify(key)} is not an item of reqGeneralInfo`,
        );
      } else if (String(value) !== general.get(key)) {
        report(
          element.line,
          'SettingValueMismatch',
          `customSettings ${key} is ${JSON.stringify(value)} but the reqGeneralInfo item says "${general.get(key)}"`,
        );
      }
    }
    for (const [name] of expected) {
      if (!Object.prototype.hasOwnProperty.call(settings, name)) {
        report(element.line, 'MissingSettingKey', `customSettings has no key for the reqGeneralInfo item ${name}`);
      }
    }
  }
  return { findings, jsonCount };
}
