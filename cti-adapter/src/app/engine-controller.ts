import type { CallLogForm } from '../core/call-log/call-log-form';
import type { SearchRecord } from '../core/crm/crm-record';
import type { SoftphoneEngine } from '../core/engine/softphone-engine';
import type { SoftphoneState } from '../core/engine/softphone-state';
import type { UserStatus } from '../core/ports/presence-port';
import type { LocalPreferences } from '../core/settings/local-preferences';
import type { SoftphoneController } from '../ui/softphone-controller';

/** Sign-in / sign-out of RingCentral, provided by the RingCentral layer's session (absent in tests). @public */
export interface SessionCommands {
  login(): Promise<void>;
  logout(): Promise<void>;
}

/**
 * Adapts the core {@link SoftphoneEngine} to the UI's {@link SoftphoneController}: remembers warm-transfer
 * consult calls, turns `saveLog` failures (validation, CRM errors) into `Error`s whose message the form shows,
 * and maps history record ids to the engine's call-history records.
 * @public
 */
export class EngineController implements SoftphoneController {
  private readonly engine: SoftphoneEngine;
  private readonly session: SessionCommands | null;
  private readonly consultCalls = new Map<string, string>();

  constructor(options: { engine: SoftphoneEngine; session?: SessionCommands | null }) {
    this.engine = options.engine;
    this.session = options.session ?? null;
  }

  get state(): SoftphoneState {
    return this.engine.getState();
  }

  subscribe(listener: (state: SoftphoneState) => void): () => void {
    return this.engine.subscribe(listener);
  }

  answer(callId: string): Promise<void> {
    return this.engine.answer(callId);
  }

  decline(callId: string): Promise<void> {
    return this.engine.decline(callId);
  }

  toVoicemail(callId: string): Promise<void> {
    return this.engine.toVoicemail(callId);
  }

  hangup(callId: string): Promise<void> {
    return this.engine.hangup(callId);
  }

  mute(callId: string, muted: boolean): Promise<void> {
    return this.engine.mute(callId, muted);
  }

  hold(callId: string, held: boolean): Promise<void> {
    return this.engine.hold(callId, held);
  }

  sendDtmf(callId: string, digits: string): Promise<void> {
    return this.engine.sendDtmf(callId, digits);
  }

  transfer(callId: string, target: string): Promise<void> {
    return this.engine.transfer(callId, target);
  }

  async warmTransfer(callId: string, target: string): Promise<void> {
    const { consultCallId } = await this.engine.warmTransfer(callId, target);
    this.consultCalls.set(callId, consultCallId);
  }

  async completeWarmTransfer(callId: string): Promise<void> {
    const consultCallId = this.consultCalls.get(callId);
    if (!consultCallId) throw new Error('No consultation call to complete the transfer with.');
    await this.engine.completeWarmTransfer(callId, consultCallId);
    this.consultCalls.delete(callId);
  }

  setRecording(callId: string, on: boolean): Promise<void> {
    return on ? this.engine.startRecording(callId) : this.engine.stopRecording(callId);
  }

  async dial(number: string): Promise<void> {
    await this.engine.dial(number);
  }

  chooseRecord(callId: string, recordId: string): Promise<void> {
    return this.engine.chooseRecord(callId, recordId);
  }

  updateForm(callId: string, patch: Partial<CallLogForm>): void {
    if (Object.keys(patch).length === 1 && patch.notes !== undefined) this.engine.setNotes(callId, patch.notes);
    else this.engine.updateLogForm(callId, patch);
  }

  cancelAutoLog(callId: string): void {
    // Stops the countdown only: the form is not marked as edited (carried notes / suggestions stay as they are).
    this.engine.cancelAutoLog(callId);
  }

  async createPlaceholder(callId: string, name: string): Promise<void> {
    await this.engine.createPlaceholder(callId, { name });
  }

  async saveLog(callId: string): Promise<void> {
    const result = await this.engine.saveLog(callId);
    if (result.ok) return;
    if ('validation' in result) throw new Error(result.validation.map((v) => v.message).join(' '));
    throw new Error(
      result.willRetry
        ? `Not saved yet (${result.error.message}); the softphone retries automatically.`
        : `Not saved: ${result.error.message}`,
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

  async logPastCall(recordId: string): Promise<void> {
    const item = this.engine.getState().history.find((h) => h.record.id === recordId);
    if (!item) throw new Error('That call is no longer in the call history.');
    this.engine.logHistoryCall(item.record);
  }

  setPresence(userStatus: UserStatus): Promise<void> {
    return this.engine.setPresence(userStatus);
  }

  setPreferences(patch: Partial<LocalPreferences>): void {
    this.engine.setPreferences(patch);
  }

  dismissNotice(id: number): void {
    this.engine.dismissNotice(id);
  }

  login(): Promise<void> {
    return this.session ? this.session.login() : Promise.reject(new Error('Sign-in is not available here.'));
  }

  logout(): Promise<void> {
    return this.session ? this.session.logout() : Promise.resolve();
  }
}
