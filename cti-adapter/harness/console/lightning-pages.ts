import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { OrgUser } from '../org-stand-in/org-store';

/**
 * Where the console stand-in shows the package's Lightning web components, read from the package's metadata as
 * Lightning does (Metadata API Developer Guide: CustomTab, FlexiPage, CustomApplication `actionOverrides`,
 * PermissionSet `tabSettings`):
 * - a custom tab (`tabs/<Tab>.tab-meta.xml`, `flexiPage`) opens `/lightning/n/<Tab>` with its app page's components;
 * - a record page of an object whose View the app overrides with a flexipage shows that page's components;
 * - a tab is visible to users whose permission sets set it `Visible` (the console's navigation bar lists it).
 * Components of the package (`componentName` without a namespace, such as `softphoneAdmin`) become tags
 * (`c-softphone-admin`) the Lightning host mounts; standard components (`force:detailPanel`, `force:highlightsPanel`)
 * are the console's own record page.
 */
export interface PageComponent {
  /** Region of the flexipage (`main`, `header`, `sidebar`). */
  region: string;
  /** Tag of the package component (`c-softphone-call-card`). */
  tag: string;
}

export interface TabPage {
  name: string;
  label: string;
  components: PageComponent[];
}

interface FlexiPage {
  type: string;
  sobjectType: string | null;
  components: PageComponent[];
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) =>
    [
      'flexiPageRegions',
      'itemInstances',
      'actionOverrides',
      'tabs',
      'tabSettings',
      'componentInstanceProperties',
    ].includes(name),
});

function readDir(dir: string, suffix: string): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  if (!existsSync(dir)) return out;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(suffix))) {
    const doc = parser.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, Record<string, unknown>>;
    const root = Object.values(doc).find((v) => typeof v === 'object' && v !== null);
    if (root) out.set(file.slice(0, -suffix.length), root);
  }
  return out;
}

/** `softphoneCallCard` → `c-softphone-call-card`; null for a namespaced (standard) component. */
export function tagOfComponent(componentName: string): string | null {
  if (componentName.includes(':')) return null;
  const name = componentName.replace(/^c__/, '');
  return `c-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export class LightningPages {
  private readonly flexipages = new Map<string, FlexiPage>();
  private readonly tabs = new Map<string, { label: string; flexiPage: string }>();
  private readonly recordPages = new Map<string, string>();
  private readonly tabVisibility = new Map<string, Set<string>>();
  private readonly appTabs: string[] = [];

  /** @param packageDir the package's `force-app/main/default` folder */
  constructor(packageDir: string) {
    for (const [name, page] of readDir(join(packageDir, 'flexipages'), '.flexipage-meta.xml')) {
      const regions = (page.flexiPageRegions as Record<string, unknown>[] | undefined) ?? [];
      const components: PageComponent[] = [];
      for (const region of regions) {
        for (const item of (region.itemInstances as Record<string, unknown>[] | undefined) ?? []) {
          const instance = item.componentInstance as { componentName?: string } | undefined;
          const tag = instance?.componentName ? tagOfComponent(instance.componentName) : null;
          if (tag) components.push({ region: String(region.name ?? 'main'), tag });
        }
      }
      this.flexipages.set(name, {
        type: String(page.type ?? ''),
        sobjectType: page.sobjectType ? String(page.sobjectType) : null,
        components,
      });
    }
    for (const [name, tab] of readDir(join(packageDir, 'tabs'), '.tab-meta.xml')) {
      if (tab.flexiPage) this.tabs.set(name, { label: String(tab.label ?? name), flexiPage: String(tab.flexiPage) });
    }
    for (const [, app] of readDir(join(packageDir, 'applications'), '.app-meta.xml')) {
      for (const override of (app.actionOverrides as Record<string, unknown>[] | undefined) ?? []) {
        if (override.actionName === 'View' && override.type === 'Flexipage' && override.pageOrSobjectType)
          this.recordPages.set(String(override.pageOrSobjectType), String(override.content));
      }
      for (const tab of (app.tabs as unknown[] | undefined) ?? []) this.appTabs.push(String(tab));
    }
    for (const [name, set] of readDir(join(packageDir, 'permissionsets'), '.permissionset-meta.xml')) {
      const visible = new Set<string>();
      for (const setting of (set.tabSettings as Record<string, unknown>[] | undefined) ?? []) {
        if (setting.visibility === 'Visible') visible.add(String(setting.tab));
      }
      this.tabVisibility.set(name, visible);
    }
  }

  /** The app page of a custom tab, or null when the package has no such tab. */
  tab(name: string): TabPage | null {
    const tab = this.tabs.get(name);
    const page = tab ? this.flexipages.get(tab.flexiPage) : undefined;
    return tab && page ? { name, label: tab.label, components: page.components } : null;
  }

  /** Whether the user's permission sets make a custom tab visible. */
  canSeeTab(user: OrgUser, name: string): boolean {
    return user.permissionSets.some((set) => this.tabVisibility.get(set)?.has(name));
  }

  /** The app's custom tabs the user sees (standard tabs are the console's own navigation). */
  visibleTabs(user: OrgUser): { name: string; label: string }[] {
    return this.appTabs
      .filter((name) => this.tabs.has(name) && this.canSeeTab(user, name))
      .map((name) => ({ name, label: this.tabs.get(name)!.label }));
  }

  /** The package components of the record page the app shows for an object (`[]` without an override). */
  recordPageComponents(objectType: string): PageComponent[] {
    const page = this.flexipages.get(this.recordPages.get(objectType) ?? '');
    return page && page.type === 'RecordPage' && page.sobjectType === objectType ? page.components : [];
  }
}
