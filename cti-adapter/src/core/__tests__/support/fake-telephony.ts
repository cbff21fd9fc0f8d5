import type { EndReason } from '../../call/call-state';
import type {
  CallerIdNumber,
  DialOptions,
  TelephonyEventMap,
  TelephonyPort,
  TelephonyStatus,
} from '../../ports/telephony-port';
import { TypedEmitter, type Unsubscribe } from '../../support/typed-emitter';

/**
 * Fake {@link TelephonyPort}: records every control call and lets the test play the platform's events.
 * Controls answer like the platform would (answer → `answered`, decline → `ended`…), so engine flows run end to end.
 */
export class FakeTelephony implements TelephonyPort {
  readonly calls: { method: string; args: unknown[] }[] = [];
  status: TelephonyStatus = { state: 'starting' };
  private readonly emitter = new TypedEmitter<TelephonyEventMap>();
  private seq = 0;
  /** Set to make the next control reject. */
  failNext: Error | null = null;

  on<K extends keyof TelephonyEventMap>(type: K, listener: (event: TelephonyEventMap[K]) => void): Unsubscribe {
    return this.emitter.on(type, listener);
  }

  emit<K extends keyof TelephonyEventMap>(type: K, event: TelephonyEventMap[K]): void {
    this.emitter.emit(type, event);
  }

  setStatus(status: TelephonyStatus): void {
    this.status = status;
    this.emit('status', status);
  }

  /** Plays an inbound call. */
  ring(options: {
    callId?: string;
    from: string;
    name?: string | null;
    telephonySessionId?: string;
    queueName?: string;
  }): string {
    const callId = options.callId ?? `call-${++this.seq}`;
    this.emit('ringing', {
      ...(options.queueName ? { queueName: options.queueName } : {}),
      callId,
      remoteNumber: options.from,
      remoteName: options.name ?? null,
      localNumber: '+16505550100',
      localName: 'Alex Agent',
      telephonySessionId: options.telephonySessionId ?? `s-${callId}`,
      sessionId: `sess-${callId}`,
      partyId: `p-${callId}-1`,
    });
    return callId;
  }

  end(callId: string, reason: EndReason): void {
    this.emit('ended', { callId, reason });
  }

  private record(method: string, ...args: unknown[]): Promise<void> {
    this.calls.push({ method, args });
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      return Promise.reject(error);
    }
    return Promise.resolve();
  }

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  async answer(callId: string): Promise<void> {
    await this.record('answer', callId);
    this.emit('answered', { callId });
  }

  async decline(callId: string): Promise<void> {
    await this.record('decline', callId);
    this.emit('ended', { callId, reason: 'remote-hangup' });
  }

  async toVoicemail(callId: string): Promise<void> {
    await this.record('toVoicemail', callId);
    this.emit('ended', { callId, reason: 'remote-hangup' });
  }

  /** Nothing is sent: the call rings on until the test ends it (`end(callId, 'missed')`). */
  async ignore(callId: string): Promise<void> {
    await this.record('ignore', callId);
  }

  async hangup(callId: string): Promise<void> {
    await this.record('hangup', callId);
    this.emit('ended', { callId, reason: 'remote-hangup' });
  }

  async mute(callId: string, muted: boolean): Promise<void> {
    await this.record('mute', callId, muted);
    this.emit('muted', { callId, muted });
  }

  async hold(callId: string, held: boolean): Promise<void> {
    await this.record('hold', callId, held);
    this.emit('held', { callId, held });
  }

  sendDtmf(callId: string, digits: string): Promise<void> {
    return this.record('sendDtmf', callId, digits);
  }

  async transfer(callId: string, target: string): Promise<void> {
    await this.record('transfer', callId, target);
    this.emit('ended', { callId, reason: 'remote-hangup' });
  }

  async warmTransfer(callId: string, target: string): Promise<{ consultCallId: string }> {
    await this.record('warmTransfer', callId, target);
    return { consultCallId: `consult-${callId}` };
  }

  async completeWarmTransfer(callId: string, consultCallId: string): Promise<void> {
    await this.record('completeWarmTransfer', callId, consultCallId);
    this.emit('ended', { callId, reason: 'remote-hangup' });
  }

  /** Outbound: emits `dialing` synchronously (like the web phone's `outboundCall`), then the 183 ids. */
  async call(to: string, options: DialOptions): Promise<{ callId: string }> {
    this.calls.push({ method: 'call', args: [to, options] });
    const callId = `out-${++this.seq}`;
    this.emit('dialing', { callId, remoteNumber: to, localNumber: options.callerId ?? '+16505550100' });
    this.emit('identified', {
      callId,
      telephonySessionId: `s-${callId}`,
      sessionId: `sess-${callId}`,
      partyId: `p-${callId}-1`,
    });
    return { callId };
  }

  startRecording(callId: string): Promise<void> {
    return this.record('startRecording', callId);
  }

  stopRecording(callId: string): Promise<void> {
    return this.record('stopRecording', callId);
  }

  async listCallerIds(): Promise<CallerIdNumber[]> {
    return [{ phoneNumber: '+16505550100', usageType: 'DirectNumber', primary: true, label: null }];
  }
}
