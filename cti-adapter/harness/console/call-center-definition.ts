import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

/**
 * The call center the console's utility bar runs, read from the package's source-format file
 * `force-app/main/default/callCenters/<Name>.callCenter-meta.xml` (Metadata API `CallCenter`: `adapterUrl`,
 * `displayName`, `sections[{name, label, items[{name, label, value}]}]`, see the Metadata API Developer Guide, CallCenter (developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_callcenter.htm)).
 * `settings` is the flat map `getCallCenterSettings` returns (`"/reqGeneralInfo/reqAdapterUrl"` → value).
 */
export interface CallCenterDefinition {
  /** File it came from, or null for the built-in fallback (no call center file in the package yet). */
  file: string | null;
  displayName: string;
  /** Path + query of the adapter page on the adapter origin (`/apex/OpenCTIIndex`). */
  adapterPath: string;
  standbyPath: string | null;
  /** `reqTimeout` in ms, or null without a standby URL. */
  timeoutMs: number | null;
  heightPx: number;
  widthPx: number;
  settings: Record<string, string>;
}

/** Reduces an adapter URL (absolute VF domain URL, or relative) to the page path, dropping a `ns__` page prefix. */
export function adapterPathOf(url: string): string {
  const u = new URL(url, 'https://placeholder.invalid');
  return u.pathname.replace(/^\/apex\/\w+?__/, '/apex/') + u.search;
}

export function parseCallCenter(xml: string, file: string | null): CallCenterDefinition {
  const parser = new XMLParser({
    ignoreAttributes: true,
    isArray: (name) => name === 'sections' || name === 'items',
    parseTagValue: false,
  });
  const doc = parser.parse(xml) as { CallCenter?: Record<string, unknown> };
  const cc = doc.CallCenter;
  if (!cc) throw new Error(`${file ?? 'call center'}: root element must be <CallCenter>`);
  const settings: Record<string, string> = {};
  for (const section of (cc.sections as { name?: string; items?: { name?: string; value?: unknown }[] }[]) ?? []) {
    for (const item of section.items ?? []) {
      if (section.name && item.name)
        settings[`/${section.name}/${item.name}`] = item.value === undefined ? '' : String(item.value);
    }
  }
  const adapterUrl = String(cc.adapterUrl ?? settings['/reqGeneralInfo/reqAdapterUrl'] ?? '/apex/OpenCTIIndex');
  settings['/reqGeneralInfo/reqAdapterUrl'] ??= adapterUrl;
  if (cc.displayName !== undefined) settings['/reqGeneralInfo/reqDisplayName'] ??= String(cc.displayName);
  // In the Metadata API format the internal name is the file's full name (`RingCentralOpenCTI.callCenter-meta.xml`).
  const fullName = file ? basename(file).replace(/\.callCenter-meta\.xml$/, '') : null;
  if (fullName) settings['/reqGeneralInfo/reqInternalName'] ??= fullName;
  const standby = settings['/reqGeneralInfo/reqStandbyUrl'];
  const timeout = Number(settings['/reqGeneralInfo/reqTimeout']);
  return {
    file,
    displayName: String(cc.displayName ?? settings['/reqGeneralInfo/reqDisplayName'] ?? 'Softphone'),
    adapterPath: adapterPathOf(adapterUrl),
    standbyPath: standby ? adapterPathOf(standby) : null,
    timeoutMs: standby && Number.isFinite(timeout) && timeout > 0 ? timeout : null,
    heightPx: Number(settings['/reqGeneralInfo/reqSoftphoneHeight']) || 480,
    widthPx: Number(settings['/reqGeneralInfo/reqSoftphoneWidth']) || 340,
    settings,
  };
}

/** Reads the first `*.callCenter-meta.xml` of the folder, or a built-in fallback naming `/apex/OpenCTIIndex`. */
export function loadCallCenter(dirOrFile: string): CallCenterDefinition {
  let file: string | null = null;
  if (dirOrFile.endsWith('.xml')) file = existsSync(dirOrFile) ? dirOrFile : null;
  else if (existsSync(dirOrFile)) {
    const name = readdirSync(dirOrFile)
      .filter((f) => f.endsWith('.callCenter-meta.xml'))
      .sort()[0];
    file = name ? join(dirOrFile, name) : null;
  }
  if (file) return parseCallCenter(readFileSync(file, 'utf8'), file);
  return parseCallCenter(
    `<CallCenter><adapterUrl>/apex/OpenCTIIndex</adapterUrl><displayName>RingCentral Softphone (harness fallback)</displayName>
     <sections><name>reqGeneralInfo</name><items><name>reqInternalName</name><value>RingCentralSoftphone</value></items>
     <items><name>reqUseApi</name><value>true</value></items><items><name>reqSoftphoneHeight</name><value>480</value></items>
     <items><name>reqSoftphoneWidth</name><value>340</value></items>
     <items><name>reqSalesforceCompatibilityMode</name><value>Lightning</value></items></sections></CallCenter>`,
    null,
  );
}
