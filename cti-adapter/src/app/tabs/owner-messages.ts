import type { MessagesState } from '../../core/messaging/messages-state';
import type { Unsubscribe } from '../../core/support/typed-emitter';
import type { MessagesAccess, MessagesController, SmsRecordContext } from '../../ui/messages-controller';
import { labels } from '../../ui/labels';
import { MESSAGES_COMMANDS, type MessagesCommand } from './messages-commands';

/** Why a follower's Messages command was refused (its arguments are not what the command takes). */
const BAD_ARGUMENTS = 'The Messages request from the other tab was not understood.';

const isString = (value: unknown): value is string => typeof value === 'string';
const isRecordContext = (value: unknown): value is SmsRecordContext => {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    isString(v.recordId) && (v.objectType === null || isString(v.objectType)) && (v.name === null || isString(v.name))
  );
};

/** What each command takes from the channel (a follower's arguments are checked before the service sees them). */
const ARGUMENTS: Readonly<Record<MessagesCommand, (args: readonly unknown[]) => boolean>> = {
  load: () => true,
  loadMoreConversations: () => true,
  open: (a) => isString(a[0]),
  openNumber: (a) => isString(a[0]) && (a[1] === undefined || a[1] === null || isRecordContext(a[1])),
  close: () => true,
  setViewing: (a) => typeof a[0] === 'boolean',
  loadOlder: () => true,
  setDraft: (a) => isString(a[0]),
  chooseSender: (a) => isString(a[0]),
  chooseRecord: (a) => isString(a[0]),
  logThread: () => true,
  retryMatch: () => true,
  send: () => true,
  sendAnyway: () => true,
  saveNote: (a) => isString(a[0]),
  skipNote: () => true,
  dismissNotice: (a) => typeof a[0] === 'number',
  listTemplates: (a) => isString(a[0]),
};

/** Whether `name` is a Messages command a follower may send. @public */
export function isMessagesCommand(name: string): name is MessagesCommand {
  return (MESSAGES_COMMANDS as readonly string[]).includes(name);
}

/**
 * The owner tab's side of the Messages tab in follower tabs (ADR 0028, fifth amendment): the follower's commands are
 * carried out by this tab's one Messages feature (the `MessagingService` over this tab's RingCentral session, its
 * SMS log outbox and its Salesforce calls), and its state is published to the followers after every change once a
 * follower asked for it (`load`). A follower's `setViewing` counts as a viewer of its own (by tab id), so that an
 * open thread is marked read — once, by this tab — while any tab shows the Messages tab; a follower that closes stops
 * viewing ({@link OwnerMessages.followerGone}).
 * @public
 */
export class OwnerMessages {
  private controller: MessagesController | null = null;
  private off: Unsubscribe | null = null;

  /**
   * @param access this tab's Messages feature (`undefined`: none here; every command is refused)
   * @param publish posts the feature's state to the followers
   */
  constructor(
    private readonly access: MessagesAccess | undefined,
    private readonly publish: (state: MessagesState) => void,
  ) {}

  /** Carries out `command` of follower `from`; resolves with the command's value, rejects with the error to show. */
  async execute(command: MessagesCommand, args: readonly unknown[], from: string): Promise<unknown> {
    if (!this.access) throw new Error(labels.Texts_not_available_here);
    if (!ARGUMENTS[command](args)) throw new Error(BAD_ARGUMENTS);
    // The feature of the current sign-in (a new one after signing out and in: followers then see the new one's state).
    const controller = this.follow(await this.access.load());
    switch (command) {
      case 'load':
        return null;
      case 'setViewing':
        controller.setViewing(args[0] as boolean, `tab:${from}`);
        return null;
      case 'openNumber':
        return await controller.openNumber(args[0] as string, (args[1] as SmsRecordContext | null | undefined) ?? null);
      default: {
        const method = controller[command] as (...a: unknown[]) => unknown;
        const value = await method.apply(controller, [...args]);
        return value ?? null;
      }
    }
  }

  /** Follower `tab` closed: it no longer shows the Messages tab. */
  followerGone(tab: string): void {
    this.controller?.setViewing(false, `tab:${tab}`);
  }

  /** Publishes `controller`'s state from now on (once per feature). */
  private follow(controller: MessagesController): MessagesController {
    if (controller === this.controller) return controller;
    this.off?.();
    this.controller = controller;
    this.off = controller.subscribe((state) => this.publish(state));
    this.publish(controller.getState());
    return controller;
  }
}
