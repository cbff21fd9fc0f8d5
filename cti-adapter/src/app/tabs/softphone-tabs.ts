import type { CtiHostPort } from '../../core/ports/cti-host-port';
import { SharedHost } from '../../core/tabs/shared-host';
import { TabCoordinator } from '../../core/tabs/tab-coordinator';
import { tabNames } from '../../core/tabs/tab-protocol';
import type { SoftphoneController } from '../../ui/softphone-controller';
import { BroadcastTabChannel, browserHasTabs, browserLocks, DocumentTabAttention, WebLocksTabLock } from './browser-tabs';
import { isTabCommand } from './tab-commands';

/** This tab's part in "several tabs, one softphone" (ADR 0028). @public */
export interface SoftphoneTabs {
  readonly coordinator: TabCoordinator;
  readonly attention: DocumentTabAttention;
}

/**
 * Elects this tab (owner or follower) over the agent's Web Lock and channel; `null` when the browser lacks Web Locks
 * or `BroadcastChannel` (then every tab runs its own softphone, as before ADR 0028). The tab says goodbye at
 * `pagehide`; a crash releases the lock all the same.
 * @public
 */
export async function electTab(ids: { readonly orgId: string; readonly userId: string }): Promise<SoftphoneTabs | null> {
  if (!browserHasTabs()) return null;
  const names = tabNames(ids.orgId, ids.userId);
  const attention = new DocumentTabAttention();
  const coordinator = new TabCoordinator({
    lock: new WebLocksTabLock(browserLocks(), names.lock),
    channel: new BroadcastTabChannel(names.channel),
    attention,
  });
  addEventListener('pagehide', (event) => {
    if (!event.persisted) coordinator.close();
  });
  await coordinator.start();
  return { coordinator, attention };
}

/**
 * The owner's host: screen pops in the tab the agent looks at, click-to-dial and navigation from every tab
 * ({@link SharedHost}).
 * @public
 */
export function sharedHost(tabs: SoftphoneTabs, host: CtiHostPort): SharedHost {
  return new SharedHost(host, tabs.coordinator, () => tabs.attention.touch());
}

/**
 * Serves this (owner) tab's controller to the followers: its state after every change, their commands (only the
 * controller's commands, {@link isTabCommand}) and their host events.
 * @public
 */
export function serveTabs(tabs: SoftphoneTabs, controller: SoftphoneController, host: SharedHost): void {
  tabs.coordinator.serve({
    snapshot: () => controller.state,
    subscribe: (listener) => controller.subscribe(() => listener()),
    execute: async (name, args) => {
      if (!isTabCommand(name)) throw new Error(`Unknown command ${name}.`);
      const method = controller[name] as (...a: readonly unknown[]) => unknown;
      return await method.apply(controller, [...args]);
    },
    hostEvent: (event, payload) => host.hostEvent(event, payload),
  });
}
