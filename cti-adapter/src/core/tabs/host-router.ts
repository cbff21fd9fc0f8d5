import type { NavigationContext } from '../ports/cti-host-port';
import type { HostRouter } from './shared-host';
import type { TabHostMethod } from './tab-protocol';
import { TabUnreachableError } from './tab-requests';

/** The part of the {@link TabCoordinator} a {@link TabHostRouter} needs (owner side). @public */
export interface RouterTabs {
  readonly tabId: string;
  activeTab(): string;
  callHost(tab: string, method: TabHostMethod, args: readonly unknown[]): Promise<unknown>;
}

/**
 * Routes the owner's host methods to the tab the agent looks at ({@link RouterTabs.activeTab}): this tab (`ran:
 * false`), or a follower through the channel — this tab after all when the follower does not answer or went away (a
 * pop is never lost); a follower's host error rejects (never repeated here). A follower's `getAppViewInfo` answer is
 * checked field by field.
 * @public
 */
export class TabHostRouter implements HostRouter {
  constructor(private readonly tabs: RouterTabs) {}

  async route(
    method: TabHostMethod,
    args: readonly unknown[],
  ): Promise<{ ran: false } | { ran: true; value: unknown }> {
    const tab = this.tabs.activeTab();
    if (tab === this.tabs.tabId) return { ran: false };
    let value: unknown;
    try {
      value = await this.tabs.callHost(tab, method, args);
    } catch (error) {
      if (error instanceof TabUnreachableError) return { ran: false };
      throw error;
    }
    if (method !== 'getAppViewInfo') return { ran: true, value: undefined };
    const context = navigationOf(value);
    return context ? { ran: true, value: context } : { ran: false };
  }
}

const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** A {@link NavigationContext} from another tab's plain data, or `null` when it is not an object. @public */
export function navigationOf(value: unknown): NavigationContext | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  return {
    url: stringOrNull(v.url),
    recordId: stringOrNull(v.recordId),
    recordName: stringOrNull(v.recordName),
    objectType: stringOrNull(v.objectType),
    accountId: stringOrNull(v.accountId),
    contactId: stringOrNull(v.contactId),
    personAccount: v.personAccount === true,
  };
}
