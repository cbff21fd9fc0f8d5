/**
 * The tabs chunk (ADR 0028), loaded lazily once the first paint has elected the tab: the coordinator over the
 * `BroadcastChannel`, the owner's serving of its controller and host, and the follower's mirror.
 */
import type { CtiHostPort } from '../../core/ports/cti-host-port';
import { navigationOf, TabHostRouter } from '../../core/tabs/host-router';
import type { SharedHost } from '../../core/tabs/shared-host';
import { TabCoordinator } from '../../core/tabs/tab-coordinator';
import type { TabLockPort } from '../../core/tabs/tab-ports';
import type { SoftphoneController } from '../../ui/softphone-controller';
import { BroadcastTabChannel, DocumentTabAttention } from './browser-tabs';
import { startFollowerTab } from './follower-tab';
import { SignInOffers, type TabSignInTarget } from './sign-in-offers';
import { SwitchController } from './switch-controller';
import { isTabCommand } from './tab-commands';
import { MESSAGES_PREFIX } from './messages-commands';
import { isMessagesCommand, OwnerMessages } from './owner-messages';
import { ReasonError } from '../../core/engine/notices';

/** This tab's part in "several tabs, one softphone". @public */
export interface SoftphoneTabs {
  readonly coordinator: TabCoordinator;
  readonly attention: DocumentTabAttention;
}

/**
 * Joins the agent's tabs: `held` is the first paint's answer to `hold(false)` (owner when `true`; a follower waits in
 * the lock's line). The tab says goodbye at `pagehide`; a crash releases the lock all the same.
 * @public
 */
export async function joinTabs(options: {
  readonly lock: TabLockPort;
  readonly held: boolean;
  readonly channelName: string;
}): Promise<SoftphoneTabs> {
  const attention = new DocumentTabAttention();
  const coordinator = new TabCoordinator({
    lock: options.lock,
    channel: new BroadcastTabChannel(options.channelName),
    attention,
  });
  addEventListener('pagehide', (event) => {
    if (!event.persisted) coordinator.close();
  });
  await coordinator.start(options.held);
  return { coordinator, attention };
}

/**
 * Serves this (owner) tab's controller to the followers — its state after every change, their commands (only the
 * controller's commands, {@link isTabCommand}) — and routes the host: pops in the tab the agent looks at, followers'
 * click-to-dial and navigation to the engine (checked field by field). Closing this tab during a call asks first
 * (`beforeunload`): the call's audio is here. While the agent is signed out, a sign-in can start in any tab
 * (`signIn`: this tab's RingCentral connection; {@link SignInOffers}). The followers' Messages tabs are served by this
 * tab's Messages feature ({@link OwnerMessages}).
 * @public
 */
export function serveTabs(
  tabs: SoftphoneTabs,
  controller: SoftphoneController,
  host: SharedHost,
  signIn: TabSignInTarget | null = null,
): void {
  host.attach(new TabHostRouter(tabs.coordinator));
  // The call's audio lives in this tab: closing it during a call asks first (followers close without asking).
  globalThis.addEventListener?.('beforeunload', (event) => {
    if (controller.state.calls.some((c) => c.call.state === 'connected' || c.call.state === 'held')) {
      event.preventDefault();
    }
  });
  const offers = signIn ? new SignInOffers(signIn, (url) => tabs.coordinator.offerSignIn(url)) : null;
  // The Messages tab of the followers is this tab's Messages feature (ADR 0028, fifth amendment).
  const messages = new OwnerMessages(controller.messages, (state) => tabs.coordinator.publishMessages(state));
  tabs.coordinator.serve({
    snapshot: () => controller.state,
    subscribe: (listener) =>
      controller.subscribe(() => {
        listener();
        offers?.refresh();
      }),
    execute: async (name, args, from) => {
      if (name.startsWith(MESSAGES_PREFIX)) {
        const command = name.slice(MESSAGES_PREFIX.length);
        if (!isMessagesCommand(command)) throw new Error(`Unknown command ${name}.`);
        return await messages.execute(command, args, from);
      }
      if (!isTabCommand(name)) throw new Error(`Unknown command ${name}.`);
      const method = controller[name] as (...a: unknown[]) => unknown;
      return await method.apply(controller, [...args]);
    },
    hostEvent: (event, payload) => {
      const context = navigationOf(payload);
      if (!context) return;
      if (event === 'navigation') host.emitRemote('navigation', context);
      else if (typeof payload.number === 'string' && payload.number.trim())
        host.emitRemote('clickToDial', { ...context, number: payload.number });
    },
    followerGone: (tab) => messages.followerGone(tab),
    signIn: (code, state) =>
      offers
        ? offers.complete(code, state)
        : Promise.reject(new ReasonError('SIGN_IN_UNAVAILABLE', 'Sign-in is not available here.')),
  });
  offers?.refresh();
}

/**
 * Follows the owner: mounts the UI once the owner's first state arrived. When this tab is granted the lock (the owner
 * closed or crashed), `takeOver()` starts this tab's own engine and the mounted UI moves to it without a reload.
 * @public
 */
export async function follow(
  tabs: SoftphoneTabs,
  host: CtiHostPort,
  page: { takeOver(): SoftphoneController; mount(controller: SoftphoneController): void },
): Promise<void> {
  let follower: { controller: SwitchController; stop(): void } | null = null;
  let owner: SoftphoneController | null = null;
  const promote = (): void => {
    if (owner) return;
    follower?.stop();
    owner = page.takeOver();
    if (follower) follower.controller.use(owner);
    else page.mount(owner);
  };
  tabs.coordinator.on('role', (role) => {
    if (role.name === 'owner') promote();
  });
  if (tabs.coordinator.role.name === 'owner') return promote();
  const mirror = await startFollowerTab({
    coordinator: tabs.coordinator,
    host,
    onAttention: () => tabs.attention.touch(),
  });
  if (owner) return mirror.stop();
  follower = { controller: new SwitchController(mirror), stop: () => mirror.stop() };
  page.mount(follower.controller);
}
