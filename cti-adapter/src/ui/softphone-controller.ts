import type { SoftphoneState } from '../core/engine/softphone-state';
import type { CallLogForm } from '../core/call-log/call-log-form';
import type { SearchRecord } from '../core/crm/crm-record';
import type { PresenceMode } from '../core/presence/presence-mode';
import type { PreferencesPatch } from '../core/engine/flows/agent-profile';
import type { MessagesAccess } from './messages-controller';

/** A call log Salesforce saved: the Task's record id. @public */
export interface SavedLog {
  readonly taskId: string;
}

/**
 * What the softphone UI needs from the engine: one immutable {@link SoftphoneState} snapshot stream and the
 * agent's commands. The composition root (`src/app/`) adapts the core engine (`src/core/engine/`) to this
 * interface; component tests use a fake. Every command returns a promise that rejects with an `Error` whose
 * `message` is shown to the agent as is.
 * @public
 */
export interface SoftphoneController {
  /** The current snapshot. */
  readonly state: SoftphoneState;
  /** Calls `listener` with every new snapshot; returns the unsubscribe function. */
  subscribe(listener: (state: SoftphoneState) => void): () => void;

  // Call controls (ids: the web phone's SIP Call-Id, `CallSnapshot.callId`).
  answer(callId: string): Promise<void>;
  decline(callId: string): Promise<void>;
  toVoicemail(callId: string): Promise<void>;
  /**
   * Call waiting's "Ignore": the ringing `callId` stops alerting here and its card goes (`CallView.ignored`); it rings
   * on for the caller until voicemail or the caller hangs up, and is logged when it ends.
   */
  ignore(callId: string): Promise<void>;
  /** Call waiting: holds the call in progress, then answers the ringing `callId`. */
  holdAndAnswer(callId: string): Promise<void>;
  /** Back to a held call: holds the connected call, then resumes `callId`. */
  switchTo(callId: string): Promise<void>;
  hangup(callId: string): Promise<void>;
  mute(callId: string, muted: boolean): Promise<void>;
  hold(callId: string, held: boolean): Promise<void>;
  /** DTMF digits `0-9*#`. */
  sendDtmf(callId: string, digits: string): Promise<void>;
  transfer(callId: string, target: string): Promise<void>;
  warmTransfer(callId: string, target: string): Promise<void>;
  completeWarmTransfer(callId: string): Promise<void>;
  setRecording(callId: string, on: boolean): Promise<void>;
  /** Outbound call from the dialer (raw number as typed; the engine normalizes it). */
  dial(number: string): Promise<void>;

  // Matching and logging.
  /** The agent picked one of several matched records: pop it and use it on the log. */
  chooseRecord(callId: string, recordId: string): Promise<void>;
  /** Persists form edits at once (notes per keystroke; a reload keeps them). */
  updateForm(callId: string, patch: Partial<CallLogForm>): void;
  /** Stops the auto-log countdown of a call. */
  cancelAutoLog(callId: string): void;
  /** Creates the placeholder Contact/Lead (per setting) named `name` for the call's number and uses it as Who. */
  createPlaceholder(callId: string, name: string): Promise<void>;
  /**
   * Saves the call log (idempotent: the Task is keyed by the telephony session id). Resolves with the Task's id once
   * Salesforce saved it (the confirmation links to it).
   */
  saveLog(callId: string): Promise<SavedLog>;
  /** Looks the caller's number up again after a failed lookup. */
  lookUpAgain(callId: string): Promise<void>;
  /** Drops an ended call without logging it. */
  discard(callId: string): void;
  /** `searchRecords` for the Who picker / Related To. */
  searchRecords(term: string, objectTypes: readonly string[]): Promise<readonly SearchRecord[]>;

  // Call history.
  refreshHistory(): Promise<void>;
  /**
   * Opens a log form for a past call of the call history tab (by RingCentral call-log record id). Resolves with the
   * call id of the form (`CallView.call.callId`).
   */
  logPastCall(recordId: string): Promise<string>;
  /** Shows a record in the console (Open CTI `screenPop`, type `SOBJECT`), e.g. the Task just logged. */
  openRecord(recordId: string): Promise<void>;

  // Agent.
  /** Available, Busy, Do Not Disturb or Invisible (RingCentral presence). */
  setPresence(mode: PresenceMode): Promise<void>;
  /** Whether the agent's call queues ring this agent (refused during Do Not Disturb). */
  setQueueCalls(on: boolean): Promise<void>;
  setPreferences(patch: PreferencesPatch): void;
  /** Lists the microphones and speakers again (the Settings tab opened). */
  refreshAudioDevices(): Promise<void>;
  /** Plays the test sound of the speaker or the ringer on the device in use; resolves once played. */
  playTestSound(sound: 'speaker' | 'ringer'): Promise<void>;
  dismissNotice(id: number): void;
  /** The do-not-call prompt (ADR 0031): "Call anyway" (`true`), "Cancel" or "OK" (`false`). */
  answerDialPrompt(id: number, proceed: boolean): void;
  /** Starts the RingCentral sign-in (PKCE popup). */
  login(): Promise<void>;
  logout(): Promise<void>;

  /** The Messages tab's feature, loaded on first use (ADR 0019); absent where text messages are not available. */
  readonly messages?: MessagesAccess;
}
