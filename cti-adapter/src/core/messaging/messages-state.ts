import type { LogEntry } from '../call-log/log-outbox';
import type { CrmMatch } from '../crm/crm-record';
import type { NoticeCode, NoticeParam } from '../engine/notices';
import type { SmsSender, SmsStatus } from '../ports/message-store-port';
import type { SmsConsent } from './sms-consent';
import type { SmsComposition } from './sms-text';
import type { MessagesText } from './messages-text';

/**
 * Everything the Messages tab renders, as one immutable snapshot ({@link MessagingService.subscribe}).
 * @public
 */
export interface MessagesState {
  /** `starting` until the first conversations are read; `unavailable` when RingCentral is not reachable (`problem`). */
  readonly status: 'starting' | 'ready' | 'unavailable';
  /** Why the conversations could not be read (a code the UI words in the agent's language, ADR 0032). */
  readonly problem: MessagesText | null;
  /** Conversations, the newest message first. */
  readonly conversations: readonly ConversationView[];
  /** Older conversations exist in RingCentral ({@link MessagingService.loadMoreConversations}). */
  readonly moreConversations: boolean;
  readonly loadingConversations: boolean;
  /** Unread inbound messages over all conversations (the badge). */
  readonly unreadTotal: number;
  /** The extension's SMS numbers and the one messages are sent from. */
  readonly senders: readonly SmsSender[];
  readonly sender: string | null;
  /** The conversation on screen, else `null`. */
  readonly thread: ThreadView | null;
  /** Conversations' days not logged yet because no record or several matched (the agent chooses, then it logs). */
  readonly unresolved: readonly UnresolvedView[];
  /** Whether text messages are logged by themselves (setting `autoLogSms`). */
  readonly autoLog: boolean;
  readonly notices: readonly MessagesNotice[];
}

/** One entry of the Messages tab's Unresolved list. @public */
export interface UnresolvedView {
  readonly conversationId: string;
  readonly day: string;
  readonly name: string;
  readonly reason: 'no-match' | 'multiple-matches';
}

/** The SMS log of the open conversation's latest day. @public */
export interface ThreadLogView {
  /** The day (`yyyy-MM-dd`) of the conversation's newest message, `null` before any. */
  readonly day: string | null;
  /** The outbox status of that day's log, `null` when it was never logged. */
  readonly status: 'pending' | 'sending' | 'sent' | 'failed' | null;
  /** The outbox's last failure of that log (the server's words, and the attempts it gave up after), else `null`. */
  readonly error: LogError | null;
  readonly taskId: string | null;
  /** The agent's notes of that day that wait for its log (automatic logging off: Log takes them). */
  readonly notesWaiting: number;
}

/**
 * The note prompt of a thread after the agent sent a text (setting `smsNotesPrompt`): Save puts the note into the SMS
 * log of `day`, Skip closes it. The agent may keep texting meanwhile.
 * @public
 */
export interface NotePromptView {
  /** The day (`yyyy-MM-dd`, the agent's) of the sent message: the note goes into that day's Task. */
  readonly day: string;
  /** Why the last Save did not save (the text stays in the box), else `null`. */
  readonly error: MessagesText | null;
  /** Longest note, in characters. */
  readonly maxLength: number;
}

/** How far the matching of a conversation's number got. @public */
export type MatchState = 'pending' | 'one' | 'several' | 'none' | 'failed';

/** The last failure of a log in the outbox. @public */
export type LogError = NonNullable<LogEntry<unknown, string>['lastError']>;

/** One row of the conversation list. @public */
export interface ConversationView {
  /** RingCentral `conversationId`, or `new:<E.164>` for a conversation the agent opens before its first message. */
  readonly id: string;
  /** The other party's number (E.164). */
  readonly number: string;
  /** The number as the agent reads it (national form in the default region). */
  readonly displayNumber: string;
  /** The chosen or single matched record's name, else RingCentral's name for the number, else the number. */
  readonly name: string;
  readonly lastText: string;
  /** ISO 8601, `null` before the first message. */
  readonly lastAt: string | null;
  readonly lastDirection: 'Inbound' | 'Outbound' | null;
  readonly unread: number;
  readonly matchState: MatchState;
}

/** The conversation on screen. @public */
export interface ThreadView extends ConversationView {
  readonly matches: readonly CrmMatch[];
  /** The record the conversation is with (chosen by the agent, the record texted from, or the single match). */
  readonly recordId: string | null;
  /** Messages loaded so far, oldest first. */
  readonly messages: readonly ThreadMessage[];
  /** Older messages exist in RingCentral ({@link MessagingService.loadOlder}). */
  readonly moreOlder: boolean;
  readonly loadingOlder: boolean;
  /** Why the thread could not be read, else `null`. */
  readonly loadError: MessagesText | null;
  readonly draft: string;
  readonly composition: SmsComposition;
  readonly consent: SmsConsent;
  readonly sending: boolean;
  /** Why the last send failed (the draft is kept), else `null`. */
  readonly sendError: MessagesText | null;
  /** Epoch ms before which RingCentral refuses another send (429 `Retry-After`), else `null`. */
  readonly retryAt: number | null;
  /** Whether Send is enabled, and if not why (`null` when it is). */
  readonly blockedReason: MessagesText | null;
  /** The SMS log of the newest day (`null` when logging is not available here). */
  readonly log: ThreadLogView | null;
  /** The note prompt after a send (setting `smsNotesPrompt`), else `null`. */
  readonly notePrompt: NotePromptView | null;
}

/** One message of a thread. @public */
export interface ThreadMessage {
  readonly id: string;
  readonly direction: 'Inbound' | 'Outbound';
  /** Plain text (shown as text, never as markup). */
  readonly text: string;
  readonly status: SmsStatus;
  readonly createdAt: string;
  readonly errorCode: string | null;
  readonly read: boolean;
}

/** A message for the agent about the Messages tab. @public */
export interface MessagesNotice {
  readonly id: number;
  readonly level: 'info' | 'warning' | 'error';
  /** Stable code ({@link NoticeCode}); the UI shows its label with `params`, else the English `message`. */
  readonly code: NoticeCode;
  readonly params: readonly NoticeParam[];
  readonly message: string;
}
