import type { MessagesState } from '../core/messaging/messages-state';
import type { SmsTemplateList } from '../core/ports/sms-template-port';

/**
 * The record a thread is opened from ("Send SMS" on a record page, Open CTI): the conversation's record (Who of its
 * log) when the number matches it.
 * @public
 */
export interface SmsRecordContext {
  readonly recordId: string;
  readonly objectType: string | null;
  readonly name: string | null;
}

/**
 * What the Messages tab needs from the Messages feature (the core's `MessagingService` of the lazy Messages chunk,
 * ADR 0019): one immutable {@link MessagesState} stream and the agent's commands. The Messages tab's root component
 * (`softphone-messages-panel`) is the only component that talks to it — as the app is for calls (ADR 0004) — and
 * passes data down to the list, the thread and the compose box and their events up to it.
 * Commands never reject except `openNumber` (an `Error` for a number that cannot receive text messages) and the
 * query `listTemplates` (an `Error` to show); failures are in the state (`sendError`, `loadError`, `notices`).
 * @public
 */
export interface MessagesController {
  getState(): MessagesState;
  /** Calls `listener` with every new state; returns the unsubscribe function. */
  subscribe(listener: (state: MessagesState) => void): () => void;
  loadMoreConversations(): Promise<void>;
  open(conversationId: string): Promise<void>;
  /** Opens (or starts) the conversation with a number; resolves with its id. */
  openNumber(number: string, context?: SmsRecordContext | null): Promise<string>;
  close(): void;
  /**
   * Whether the Messages tab is on screen (an open thread's messages are marked read only then); `viewer` names who
   * shows it when several tabs show one Messages feature (ADR 0028): on screen while any viewer shows it.
   */
  setViewing(viewing: boolean, viewer?: string): void;
  loadOlder(): Promise<void>;
  setDraft(text: string): void;
  chooseSender(phoneNumber: string): void;
  chooseRecord(recordId: string): void;
  logThread(): Promise<void>;
  retryMatch(): void;
  send(): Promise<void>;
  /** Sends the draft despite a do-not-call warning (ADR 0031, `dncSmsMode` `warn`); a block cannot be overridden. */
  sendAnyway(): Promise<void>;
  /** Saves the open thread's note after a send into the day's SMS log (a failure is `thread.notePrompt.error`). */
  saveNote(text: string): void;
  /** Closes the open thread's note prompt without a note. */
  skipNote(): void;
  dismissNotice(id: number): void;
  /**
   * The agent's SMS templates (org-wide and personal) matching `search`, each with `filled` (its body with the open
   * conversation's record's values) and `missing` (placeholders without a value). Rejects with an `Error` to show.
   */
  listTemplates(search: string): Promise<SmsTemplateList>;
}

/**
 * How the app reaches the Messages feature (given by the composition root): `load` loads its chunk once per
 * RingCentral sign-in and resolves with its controller (rejects with an `Error` to show when signed out or when the
 * chunk cannot load); `onShow` tells the app to bring the Messages tab forward (a thread opened from outside the
 * softphone, e.g. a record's Send SMS), and returns the unsubscribe function.
 * @public
 */
export interface MessagesAccess {
  load(): Promise<MessagesController>;
  onShow(listener: () => void): () => void;
}
