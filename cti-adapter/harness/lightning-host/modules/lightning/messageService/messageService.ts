/**
 * `lightning/messageService` of the harness's Lightning host (Lightning Message Service, LWC Developer Guide
 * "Communicate Across the DOM with Lightning Message Service"): `publish(context, channel, message)`,
 * `subscribe(context, channel, listener, {scope})` → subscription, `unsubscribe(subscription)`, the `MessageContext`
 * wire adapter, `createMessageContext` / `releaseMessageContext` and `APPLICATION_SCOPE`. Messages go over the console
 * page's one bus (`window.harnessConsole.messageService`), which also serves the softphone's Open CTI `subscribe` and
 * `publish`, so a component's message reaches the softphone frame as in Lightning Experience. A message is a
 * serializable copy; a channel is the token of `@salesforce/messageChannel/<Name>__c` (`harness/messageChannels`).
 */
interface Bus {
  publish(channelName: string, message: unknown): void;
  subscribe(channelName: string, listener: (message: unknown) => void): () => void;
}

interface ChannelToken {
  readonly channelName: string;
}

export interface MessageContextHandle {
  active: boolean;
  readonly subscriptions: Set<Subscription>;
}

export interface Subscription {
  end: () => void;
}

export const APPLICATION_SCOPE = Object.freeze({ scope: 'APPLICATION' });

function bus(): Bus {
  const shell = (globalThis as { harnessConsole?: { messageService?: Bus } }).harnessConsole;
  if (!shell?.messageService) throw new Error('Lightning Message Service is not available on this page.');
  return shell.messageService;
}

function channelNameOf(channel: unknown): string {
  const name = (channel as ChannelToken | null)?.channelName;
  if (typeof name !== 'string' || name === '') throw new Error('A message channel is required.');
  return name;
}

export function createMessageContext(): MessageContextHandle {
  return { active: true, subscriptions: new Set() };
}

export function releaseMessageContext(context: MessageContextHandle | undefined): void {
  if (!context) return;
  context.active = false;
  for (const s of context.subscriptions) s.end();
  context.subscriptions.clear();
}

/** Publishes a serializable message on the channel; a context is required, as in Lightning. */
export function publish(context: MessageContextHandle | undefined, channel: unknown, message?: unknown): void {
  if (!context?.active) throw new Error('publish needs an active MessageContext (@wire(MessageContext)).');
  bus().publish(channelNameOf(channel), message === undefined ? null : message);
}

export function subscribe(
  context: MessageContextHandle | undefined,
  channel: unknown,
  listener: (message: unknown) => void,
): Subscription {
  if (!context?.active) throw new Error('subscribe needs an active MessageContext (@wire(MessageContext)).');
  if (typeof listener !== 'function') throw new Error('subscribe needs a listener function.');
  const subscription: Subscription = { end: bus().subscribe(channelNameOf(channel), listener) };
  context.subscriptions.add(subscription);
  return subscription;
}

export function unsubscribe(subscription: Subscription | undefined): void {
  subscription?.end();
}

/** `@wire(MessageContext)`: a context for the component's life; released (and its subscriptions ended) on removal. */
export class MessageContext {
  private context: MessageContextHandle | undefined;

  constructor(private readonly emit: (value: MessageContextHandle) => void) {}

  update(): void {
    // No configuration.
  }

  connect(): void {
    this.context = createMessageContext();
    this.emit(this.context);
  }

  disconnect(): void {
    releaseMessageContext(this.context);
    this.context = undefined;
  }
}
