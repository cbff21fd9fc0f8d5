import type { SoftphoneController } from '../../ui/softphone-controller';

/**
 * Every command of the UI's {@link SoftphoneController}: what a follower tab sends to the owner tab, and what the
 * owner carries out for it (ADR 0028). The compiler checks that the list names controller methods and that no
 * method is missing ({@link Unlisted}).
 * @public
 */
export const TAB_COMMANDS = [
  'answer',
  'decline',
  'toVoicemail',
  'holdAndAnswer',
  'ignore',
  'switchTo',
  'hangup',
  'mute',
  'hold',
  'sendDtmf',
  'transfer',
  'warmTransfer',
  'completeWarmTransfer',
  'setRecording',
  'dial',
  'chooseRecord',
  'updateForm',
  'cancelAutoLog',
  'createPlaceholder',
  'saveLog',
  'lookUpAgain',
  'discard',
  'searchRecords',
  'refreshHistory',
  'logPastCall',
  'openRecord',
  'setPresence',
  'setQueueCalls',
  'setPreferences',
  'refreshAudioDevices',
  'playTestSound',
  'dismissNotice',
  'answerDialPrompt',
  'login',
  'logout',
] as const satisfies readonly (keyof SoftphoneController)[];

/** @public */
export type TabCommand = (typeof TAB_COMMANDS)[number];

/** Controller members that are not commands (the state, its subscription, the Messages feature). */
type NotCommands = 'state' | 'subscribe' | 'messages';

/** A controller method missing from {@link TAB_COMMANDS} makes this `true` fail to compile. */
type Unlisted = Exclude<keyof SoftphoneController, TabCommand | NotCommands>;
export const TAB_COMMANDS_COMPLETE: [Unlisted] extends [never] ? true : Unlisted = true;

/** Whether `name` is a command a follower may send. @public */
export function isTabCommand(name: string): name is TabCommand {
  return (TAB_COMMANDS as readonly string[]).includes(name);
}
