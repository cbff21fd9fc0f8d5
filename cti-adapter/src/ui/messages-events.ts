import { eventRaiser } from './softphone-events';
import { dayKey, formatDate, formatTime, formatWeekday } from './locale-dates';

/**
 * The events the Messages tab's components raise (data down, events up, ADR 0004): the conversation list, the thread
 * and the compose box raise them; the tab's root (`softphone-messages-panel`) applies them to the Messages feature.
 * @public
 */
export interface MessagesEvents {
  /** Conversation list: show this conversation's thread. */
  readonly openconversation: { readonly conversationId: string };
  /** Conversation list: read the next page of older conversations. */
  readonly loadmoreconversations: Readonly<Record<string, never>>;
  /** Conversation list: start (or open) the conversation with the number typed (trimmed, non-empty). */
  readonly newconversation: { readonly number: string };
  /** Thread: the agent scrolled back past the oldest loaded message: read an older page. */
  readonly loadolder: Readonly<Record<string, never>>;
  /** Compose: the draft now reads `text` (kept at once: a reload keeps it). */
  readonly draftchange: { readonly text: string };
  /** Compose: send the draft. */
  readonly sendsms: Readonly<Record<string, never>>;
  /** Compose: send from this number (E.164, one of the senders). */
  readonly senderchange: { readonly phoneNumber: string };
  /** Compose: show the SMS templates. */
  readonly opentemplates: Readonly<Record<string, never>>;
  /** Templates: list the templates containing this text (as typed; empty: all). */
  readonly searchtemplates: { readonly search: string };
  /** Templates: insert this template (its id) at the compose box's cursor. */
  readonly choosetemplate: { readonly templateId: string };
  /** Templates: close the list without inserting. */
  readonly closetemplates: Readonly<Record<string, never>>;
  /** Note prompt: save this note (as typed) into the conversation's SMS log of the day. */
  readonly savenote: { readonly text: string };
  /** Note prompt: close it without a note (Skip, Escape). */
  readonly skipnote: Readonly<Record<string, never>>;
}

/** @public */
export type MessagesEventName = keyof MessagesEvents;

/** Dispatches a Messages tab event from a component (not bubbling: the parent listens on the child). @public */
export const raiseMessages = eventRaiser<MessagesEvents>();

/**
 * When a message was sent or received, as the list and the thread show it: the time today, the weekday within the
 * last week, else the date (in the agent's Salesforce locale and time zone, ADR 0032).
 * @public
 */
export function messageTime(iso: string | null, now: number = Date.now()): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  if (dayKey(at) === dayKey(now)) return formatTime(at);
  if (now - at.getTime() < 6 * 24 * 3600 * 1000 && at.getTime() <= now) return formatWeekday(at);
  return formatDate(at);
}
