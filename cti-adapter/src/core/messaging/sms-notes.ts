import type { KeyValueStore } from '../ports/key-value-store';
import { array, checkShape, nonEmpty, object, oneOf, record, string } from '../support/shape';
import { mergeLogMessages, type SmsLogMessage } from './sms-log';
import { messagesText, MessagesTextError, type MessagesText } from './messages-text';

/** Longest note (the contract's longest text of an SMS log entry). @public */
export const MAX_SMS_NOTE = 1000;

/** Why a note cannot be saved: nothing but blanks, or longer than {@link MAX_SMS_NOTE}. @public */
export type SmsNoteProblem = 'empty' | 'too-long';

/** Why this text cannot be saved as a note (`null`: it can). The text is measured as it will be stored (trimmed). */
export function smsNoteProblem(text: string): SmsNoteProblem | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'empty';
  return trimmed.length > MAX_SMS_NOTE ? 'too-long' : null;
}

/** What the agent reads for a note that cannot be saved (the text stays in the box). @public */
export function smsNoteProblemText(problem: SmsNoteProblem, text: string): MessagesText {
  const length = text.trim().length;
  return problem === 'empty'
    ? messagesText('NOTE_EMPTY', 'Type a note, or Skip.')
    : messagesText(
        'NOTE_TOO_LONG',
        `A note holds at most ${MAX_SMS_NOTE} characters (this one has ${length}). Shorten it to save it.`,
        MAX_SMS_NOTE,
        length,
      );
}

/**
 * A new note's id: `note-` and 32 hexadecimal digits from `crypto.getRandomValues` (made once, when the agent saves
 * it: a retry and a second tab carry the same id, so the server writes it once). Fits the contract's message id
 * (letters, digits, `.`, `_`, `-`; at most 40).
 * @public
 */
export function newSmsNoteId(
  random: (bytes: Uint8Array) => Uint8Array = (b) => globalThis.crypto.getRandomValues(b),
): string {
  const bytes = random(new Uint8Array(16));
  return `note-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The agent's note as a log entry: the text trimmed (kept as typed otherwise: markup stays text), `at` the time it was
 * saved.
 * @throws MessagesTextError with the text to show when the note cannot be saved ({@link smsNoteProblem})
 * @public
 */
export function smsNote(text: string, at: string, id: string): SmsLogMessage {
  const problem = smsNoteProblem(text);
  if (problem) throw new MessagesTextError(smsNoteProblemText(problem, text));
  return { id, direction: 'note', at, text: text.trim() };
}

const STORE_KEY = 'softphone.smsNotes';
const shelfShape = record(array(object({ id: nonEmpty, direction: oneOf('note'), at: string, text: string })));

/**
 * Notes saved before their conversation's day is in the SMS outbox (automatic logging off, or a day waiting in
 * Unresolved): kept in the agent's storage (`softphone.smsNotes`, by `<conversationId>:<day>`) until the day's log
 * takes them — "the note waits with the conversation's log". Once a log of the day is stored in the outbox, its entry
 * carries the notes (every later log of the day carries them again; the server writes each once).
 * @public
 */
export class SmsNoteShelf {
  constructor(private readonly kv: KeyValueStore) {}

  /** The notes waiting for a day's log, in transcript order. */
  waiting(key: string): SmsLogMessage[] {
    return mergeLogMessages(this.read()[key] ?? []);
  }

  /**
   * Keeps a note for a day (storage first: the note survives a reload).
   * @throws Error when the browser's storage refuses it (the agent keeps the text and may try again)
   */
  keep(key: string, note: SmsLogMessage): void {
    const all = this.read();
    all[key] = mergeLogMessages(all[key] ?? [], [note]);
    this.write(all);
  }

  /** Forgets the notes of a day that a log stored in the outbox now carries. */
  taken(key: string, ids: readonly string[]): void {
    const all = this.read();
    const left = (all[key] ?? []).filter((n) => !ids.includes(n.id));
    if (left.length === (all[key] ?? []).length) return;
    if (left.length === 0) delete all[key];
    else all[key] = left;
    try {
      this.write(all);
    } catch {
      // Still on the shelf: the next log of the day carries them again (the server writes each once).
    }
  }

  private read(): Record<string, SmsLogMessage[]> {
    const text = this.kv.get(STORE_KEY);
    if (!text) return {};
    try {
      const checked = checkShape(shelfShape, JSON.parse(text));
      if (checked.ok) return { ...(checked.value as Record<string, SmsLogMessage[]>) };
    } catch {
      // Not this version's shape: read as no notes waiting.
    }
    return {};
  }

  private write(all: Record<string, SmsLogMessage[]>): void {
    if (Object.keys(all).length === 0) this.kv.remove(STORE_KEY);
    else this.kv.set(STORE_KEY, JSON.stringify(all));
  }
}
