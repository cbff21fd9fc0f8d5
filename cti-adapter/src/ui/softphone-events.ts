import type { CallLogForm } from '../core/call-log/call-log-form';
import type { SearchRecord } from '../core/crm/crm-record';
import type { PreferencesPatch } from '../core/engine/flows/agent-profile';

/**
 * The softphone UI's component contract (ADR 0004, data down, events up): the events the child components raise
 * and the data the app component passes back down about them. Only the app component (`softphone/app`) talks to the
 * {@link SoftphoneController}; children never see it.
 *
 * Every event is a `CustomEvent` dispatched on the child's host element, not bubbling, not composed (the app listens
 * on the child itself: Salesforce's LWC guide, "Configure Event Propagation", recommends the most restrictive
 * propagation that works). Names are lowercase without separators and never a native DOM event name (`change`,
 * `input`, `search`, `select` … bubble out of the light-DOM children and would be mistaken for these).
 */

/** Names a call: the web phone's SIP Call-Id (`CallSnapshot.callId`). */
interface CallRef {
  readonly callId: string;
}

/** Event name → `detail` of every event a softphone child raises. @public */
export interface SoftphoneEvents {
  /** Incoming call card: answer the ringing call. */
  readonly answer: CallRef;
  /** Incoming call card: decline the ringing call. */
  readonly decline: CallRef;
  /** Incoming call card: send the ringing call to voicemail. */
  readonly tovoicemail: CallRef;
  /** Call-waiting card: hold the call in progress and answer the waiting one. */
  readonly holdandanswer: CallRef;
  /**
   * Call-waiting card: stop alerting for the waiting call — its tone and its card go (it keeps ringing for the
   * platform, which sends it on — voicemail or missed — as for an unanswered call); its log follows when it ends.
   */
  readonly ignore: CallRef;
  /** Held calls: go back to this held call (the call in progress is held). */
  readonly switchto: CallRef;
  /** Incoming call card or log form: the agent picked one of several matched records (Salesforce record id). */
  readonly chooserecord: CallRef & { readonly recordId: string };
  /** Active call: mute (`true`) or unmute. */
  readonly mute: CallRef & { readonly muted: boolean };
  /** Active call: hold (`true`) or resume. */
  readonly hold: CallRef & { readonly held: boolean };
  /** Active call: start (`true`) or stop recording. */
  readonly recording: CallRef & { readonly on: boolean };
  /** Active call: hang up. */
  readonly hangup: CallRef;
  /** Active call: DTMF digits `0-9*#`. */
  readonly dtmf: CallRef & { readonly digits: string };
  /** Active call: blind transfer to an extension or number (trimmed, non-empty). */
  readonly transfer: CallRef & { readonly target: string };
  /** Active call: warm transfer (consult first) to an extension or number (trimmed, non-empty). */
  readonly warmtransfer: CallRef & { readonly target: string };
  /** Active call: complete the warm transfer in progress. */
  readonly completetransfer: CallRef;
  /** Active call (notes) or log form: edits of the call log form, applied at once (a reload keeps them). */
  readonly formchange: CallRef & { readonly patch: Partial<CallLogForm> };
  /** Log form: stop the auto-log countdown. */
  readonly cancelautolog: CallRef;
  /** Log form: create the placeholder Contact/Lead named `name` (trimmed, non-empty) and use it as Who. */
  readonly createplaceholder: CallRef & { readonly name: string };
  /**
   * Log form: a record search — the Related To field now reads `term` (as typed, `''` once cleared), or the agent asked
   * to search by the caller-ID name; records of `objectTypes` come back down as {@link RecordSearch} (one search per
   * form: the latest term wins).
   */
  readonly recordsearch: CallRef & { readonly term: string; readonly objectTypes: readonly string[] };
  /** Log form: save the call log. */
  readonly save: CallRef;
  /** Incoming card or log form: look the caller's number up again after the lookup failed. */
  readonly lookupagain: CallRef;
  /** Log form: drop the ended call without logging it. */
  readonly discard: CallRef;
  /** Dialer: call `number` (trimmed, non-empty, as typed; the engine normalizes it). */
  readonly dial: { readonly number: string };
  /** Dialer or settings: change the agent's preferences and user-level settings (kept in this browser). */
  readonly preferenceschange: { readonly patch: PreferencesPatch };
  /** Call history: reload the call log. */
  readonly refresh: Readonly<Record<string, never>>;
  /** Call history: open a log form for a past call (RingCentral call-log record id). */
  readonly logpastcall: { readonly recordId: string };
  /** Unavailable help: start the RingCentral sign-in. */
  readonly login: Readonly<Record<string, never>>;
  /** Settings: play the test sound of the speaker (a tone) or of the ringer (the ringtone) on the chosen device. */
  readonly testsound: { readonly sound: 'speaker' | 'ringer' };
  /** Settings: the agent's call queues ring this agent (`true`) or not. */
  readonly queuecalls: { readonly on: boolean };
  /** Settings: sign out of RingCentral. */
  readonly logout: Readonly<Record<string, never>>;
  /** Unresolved tab: show the log form of this call. */
  readonly open: CallRef;
  /** Dialer: show the Settings tab (where the number RingOut rings first is set). */
  readonly opensettings: Readonly<Record<string, never>>;
  /** Keypad: one key pressed, `0-9*#`. */
  readonly digit: { readonly digit: string };
  /** Notices (the app's and the Messages tab's): forget this notice (its `id`). */
  readonly dismiss: { readonly id: number };
  /** Do-not-call prompt (ADR 0031): "Call anyway" (`proceed: true`), "Cancel" or "OK" (`false`). */
  readonly dialprompt: { readonly id: number; readonly proceed: boolean };
  /** Log queue bar: another call's form (`next`), the dialer instead of the form (`dialer`), back to the form (`log`). */
  readonly logqueue: { readonly action: 'next' | 'dialer' | 'log' };
  /** "Call logged" toast: open the saved Task (its Salesforce id). */
  readonly opentask: { readonly taskId: string };
  /** "Call logged" toast: close it. */
  readonly closetoast: Readonly<Record<string, never>>;
}

/** What the log queue bar shows (the app decides it from the calls to log and what is on screen). @public */
export interface LogQueueView {
  /** "1 call to log", "2 calls to log", … */
  readonly label: string;
  /** Next: another call's form (the form shows and more than one call waits). */
  readonly showNext: boolean;
  /** Dialer: the dialer instead of the form (the form shows). */
  readonly showDialer: boolean;
  /** Log: back to the form (the dialer shows). */
  readonly showLog: boolean;
}

/** @public */
export type SoftphoneEventName = keyof SoftphoneEvents;

/**
 * The dispatcher of an event map `E` (event name → detail): it dispatches `name` with `detail` on a component's host
 * as a `CustomEvent`, not bubbling, not composed (the parent listens on the child). One per map: {@link raise} for
 * {@link SoftphoneEvents}, `raiseMessages` for the Messages tab's events.
 * @public
 */
export function eventRaiser<E>(): <K extends keyof E & string>(
  host: { dispatchEvent(event: Event): boolean },
  name: K,
  detail: E[K],
) => void {
  return (host, name, detail) => {
    host.dispatchEvent(new CustomEvent(name, { detail }));
  };
}

/** Dispatches the softphone event `name` on `host` (a component: `raise(this, 'save', { callId })`). @public */
export const raise = eventRaiser<SoftphoneEvents>();

/**
 * What the app tells a child about the commands that child raised (its "surface": the incoming card, the active
 * call or the log form of one call; the dialer; the call history). Passed down as the child's `feedback` property.
 * @public
 */
export interface CommandFeedback {
  /** Events of this surface the engine has not answered yet, once per command in flight. */
  readonly pending: readonly SoftphoneEventName[];
  /** The engine's message (shown as is) for the last command of this surface that failed; cleared when the surface raises its next command. */
  readonly error: string | null;
}

/** No command in flight, no failure. @public */
export const IDLE: CommandFeedback = Object.freeze({ pending: Object.freeze([]), error: null });

/** Whether any of `events` is in flight in `feedback`. @public */
export function isPending(feedback: CommandFeedback | null | undefined, ...events: SoftphoneEventName[]): boolean {
  return !!feedback && feedback.pending.some((name) => events.includes(name));
}

/** Record search results for one log form (Related To, caller-ID name), passed down as its `recordSearch` property. @public */
export interface RecordSearch {
  /** The trimmed term these records answer. */
  readonly term: string;
  /** `searchRecords` results (kept from the previous term while the next search runs). */
  readonly records: readonly SearchRecord[];
  readonly searching: boolean;
  /** Why the last search failed, else `null`. */
  readonly error: string | null;
}
