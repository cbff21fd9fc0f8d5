import type { MessagesController } from '../../ui/messages-controller';

/**
 * The Messages commands a follower tab sends to the owner tab's Messages feature (ADR 0028, fifth amendment): every
 * command of the UI's {@link MessagesController} (checked by the compiler, {@link MESSAGES_COMMANDS_COMPLETE}) plus
 * `load` (start the feature and publish its state). On the channel a command is named `messages.<command>`.
 * @public
 */
export const MESSAGES_COMMANDS = [
  'load',
  'loadMoreConversations',
  'open',
  'openNumber',
  'close',
  'setViewing',
  'loadOlder',
  'setDraft',
  'chooseSender',
  'chooseRecord',
  'logThread',
  'retryMatch',
  'send',
  'sendAnyway',
  'saveNote',
  'skipNote',
  'dismissNotice',
  'listTemplates',
] as const satisfies readonly (keyof MessagesController | 'load')[];

/** @public */
export type MessagesCommand = (typeof MESSAGES_COMMANDS)[number];

/** The prefix of a Messages command's name on the channel. @public */
export const MESSAGES_PREFIX = 'messages.';

/** Controller members that are not commands (the state and its subscription). */
type Unlisted = Exclude<keyof MessagesController, MessagesCommand | 'getState' | 'subscribe'>;
/** A controller method missing from {@link MESSAGES_COMMANDS} makes this `true` fail to compile. @public */
export const MESSAGES_COMMANDS_COMPLETE: [Unlisted] extends [never] ? true : Unlisted = true;

/**
 * The commands a follower sends again to a new owner when the owner tab went away before answering: those that do
 * the same twice. `send`, `sendAnyway`, `logThread` and `saveNote` are never repeated (the first may have reached
 * RingCentral or Salesforce before the tab closed); `dismissNotice` and `skipNote` name the old owner's state.
 * @public
 */
export const MESSAGES_RETRIED: ReadonlySet<MessagesCommand> = new Set<MessagesCommand>([
  'load',
  'loadMoreConversations',
  'open',
  'openNumber',
  'close',
  'setViewing',
  'loadOlder',
  'setDraft',
  'chooseSender',
  'chooseRecord',
  'retryMatch',
  'listTemplates',
]);
