import type { CallLogForm } from '../core/call-log/call-log-form';
import type { SearchRecord } from '../core/crm/crm-record';
import type { SoftphoneEngine } from '../core/engine/softphone-engine';
import { CALL_CONTROLS } from '../core/ports/telephony-port';
import { forwarding } from '../core/support/forwarding';
import type { DIAL_NOT_PLACED } from '../core/ports/dial-guard-port';
import type { SoftphoneState } from '../core/engine/softphone-state';
import type { SavedLog, SoftphoneController } from '../ui/softphone-controller';
import type { MessagesAccess } from '../ui/messages-controller';
import { formatLabel, labels } from '../ui/labels';
import { ReasonError } from '../core/engine/notices';

/** Sign-in / sign-out of RingCentral, provided by the RingCentral layer's session (absent in tests). @public */
export interface SessionCommands {
  login(): Promise<void>;
  logout(): Promise<void>;
}

/**
 * The controller commands the engine carries out as they are (same name, same arguments): the call controls shared
 * by every layer ({@link CALL_CONTROLS}) and the engine's own. The compiler checks that each exists on both.
 */
const ENGINE_COMMANDS = [
  ...CALL_CONTROLS,
  'holdAndAnswer',
  'switchTo',
  'chooseRecord',
  'lookUpAgain',
  'cancelAutoLog',
  'setPresence',
  'setQueueCalls',
  'setPreferences',
  'refreshAudioDevices',
  'playTestSound',
  'dismissNotice',
  'answerDialPrompt',
] as const satisfies readonly (keyof SoftphoneController & keyof SoftphoneEngine)[];

/**
 * Adapts the core {@link SoftphoneEngine} to the UI's {@link SoftphoneController}: the commands of
 * `ENGINE_COMMANDS` go to the engine unchanged; the others remember warm-transfer consult calls, turn `saveLog`
 * failures (validation, CRM errors) into `Error`s whose message the form shows, and map history record ids to the
 * engine's call-history records. `cancelAutoLog` stops the countdown only: the form is not marked as edited.
 * @public
 */
export class EngineController
  extends forwarding<SoftphoneEngine, (typeof ENGINE_COMMANDS)[number]>(ENGINE_COMMANDS)
  implements SoftphoneController
{
  private readonly engine: SoftphoneEngine;
  private readonly session: SessionCommands | null;
  readonly messages?: MessagesAccess;
  private readonly consultCalls = new Map<string, string>();

  constructor(options: { engine: SoftphoneEngine; session?: SessionCommands | null; messages?: MessagesAccess }) {
    super();
    this.engine = options.engine;
    this.session = options.session ?? null;
    if (options.messages) this.messages = options.messages;
  }

  get state(): SoftphoneState {
    return this.engine.getState();
  }

  subscribe(listener: (state: SoftphoneState) => void): () => void {
    return this.engine.subscribe(listener);
  }

  async warmTransfer(callId: string, target: string): Promise<void> {
    const { consultCallId } = await this.engine.warmTransfer(callId, target);
    this.consultCalls.set(callId, consultCallId);
  }

  async completeWarmTransfer(callId: string): Promise<void> {
    const consultCallId = this.consultCalls.get(callId);
    if (!consultCallId) throw new ReasonError('NO_CONSULT_CALL', 'No consultation call to complete the transfer with.');
    await this.engine.completeWarmTransfer(callId, consultCallId);
    this.consultCalls.delete(callId);
  }

  setRecording(callId: string, on: boolean): Promise<void> {
    return on ? this.engine.startRecording(callId) : this.engine.stopRecording(callId);
  }

  async dial(number: string): Promise<void> {
    // Stopped by do-not-call: the prompt says why; the dialer has nothing to report.
    await this.engine.dial(number).catch((error: unknown) => {
      if ((error as Error | null)?.name !== ('DialNotPlaced' satisfies typeof DIAL_NOT_PLACED)) throw error;
    });
  }

  updateForm(callId: string, patch: Partial<CallLogForm>): void {
    this.engine.updateLogForm(callId, patch);
  }

  async createPlaceholder(callId: string, name: string): Promise<void> {
    await this.engine.createPlaceholder(callId, { name });
  }

  async saveLog(callId: string): Promise<SavedLog> {
    const result = await this.engine.saveLog(callId);
    if (result.ok) return { taskId: result.taskId };
    if ('validation' in result) throw new Error(result.validation.map((v) => v.message).join(' '));
    throw new Error(
      formatLabel(result.willRetry ? labels.Not_saved_yet_retries : labels.Not_saved, result.error.message),
    );
  }

  discard(callId: string): void {
    this.engine.discardDraft(callId);
  }

  searchRecords(term: string, objectTypes: readonly string[]): Promise<readonly SearchRecord[]> {
    return this.engine.searchRecords({ term, objectTypes, limit: 20 });
  }

  async refreshHistory(): Promise<void> {
    await this.engine.loadHistory();
  }

  async logPastCall(recordId: string): Promise<string> {
    const item = this.engine.getState().history.find((h) => h.record.id === recordId);
    if (!item) throw new ReasonError('HISTORY_CALL_GONE', 'That call is no longer in the call history.');
    return this.engine.logHistoryCall(item.record);
  }

  openRecord(recordId: string): Promise<void> {
    return this.engine.openRecord(recordId);
  }

  login(): Promise<void> {
    return this.session
      ? this.session.login()
      : Promise.reject(new ReasonError('SIGN_IN_UNAVAILABLE', 'Sign-in is not available here.'));
  }

  /**
   * Signs out of RingCentral and, meanwhile, lets the engine send the waiting call logs and forget what need not
   * outlive the session in this browser ({@link SoftphoneEngine.signOut}).
   */
  async logout(): Promise<void> {
    await Promise.all([this.engine.signOut(), this.session ? this.session.logout() : Promise.resolve()]);
  }

  protected forwardTarget(): SoftphoneEngine {
    return this.engine;
  }
}
