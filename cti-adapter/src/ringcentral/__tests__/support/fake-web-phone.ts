import type {
  CallSessionEventMap,
  CallSessionLike,
  RecordingResult,
  SipClientEventMap,
  SipMessageLike,
  WebPhoneCreateOptions,
  WebPhoneEventMap,
  WebPhoneLike,
  WebSocketLike,
} from '../../web-phone/web-phone-types';

type AnyListener = (...args: unknown[]) => void;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
class Emitter<M extends { [K in keyof M]: any[] }> {
  private readonly map = new Map<keyof M, AnyListener[]>();
  on<K extends keyof M>(event: K, listener: (...args: M[K]) => void): void {
    this.map.set(event, [...(this.map.get(event) ?? []), listener as unknown as AnyListener]);
  }
  off<K extends keyof M>(event: K, listener: (...args: M[K]) => void): void {
    this.map.set(
      event,
      (this.map.get(event) ?? []).filter((l) => l !== (listener as unknown as AnyListener)),
    );
  }
  emit<K extends keyof M>(event: K, ...args: M[K]): void {
    for (const l of [...(this.map.get(event) ?? [])]) (l as unknown as (...a: M[K]) => void)(...args);
  }
  clear(): void {
    this.map.clear();
  }
}

export class FakeSocket implements WebSocketLike {
  readyState = 1;
  private readonly closeListeners = new Set<() => void>();
  addEventListener(_type: 'close', listener: () => void): void {
    this.closeListeners.add(listener);
  }
  removeEventListener(_type: 'close', listener: () => void): void {
    this.closeListeners.delete(listener);
  }
  drop(): void {
    this.readyState = 3;
    for (const l of [...this.closeListeners]) l();
  }
  close(): void {
    if (this.readyState !== 3) this.drop();
  }
}

export class FakeSipClient extends Emitter<SipClientEventMap> {
  wsc: FakeSocket | undefined = undefined;
  disposed = 0;
  /** The sockets opened by `preconnect()` (the adapter's `PreconnectingSipClient`), in order. */
  readonly preconnected: FakeSocket[] = [];
  /** Every `preconnect()` and `start()` of this client's phone, in order (`start` = REGISTER sent). */
  readonly steps: ('preconnect' | 'start')[] = [];
  preconnect(): void {
    this.steps.push('preconnect');
    const socket = new FakeSocket();
    this.preconnected.push(socket);
    this.wsc = socket;
  }
  /** As `DefaultSipClient`: the next `start()` connects to `outboundProxyBackup` when `true`. */
  useBackupOutboundProxy = false;
  async dispose(): Promise<void> {
    this.disposed += 1;
  }
  toggleBackupOutboundProxy(enabled = true): void {
    this.useBackupOutboundProxy = enabled;
  }
}

/** Builds a SIP message with the given headers. */
export function sipMessage(subject: string, headers: Record<string, string>, body = ''): SipMessageLike {
  return { subject, headers, body, getHeader: (name) => headers[name] };
}

/** A scriptable call session; the test drives its events and inspects what the adapter called. */
export class FakeCallSession extends Emitter<CallSessionEventMap> implements CallSessionLike {
  state = 'init';
  sipMessage: SipMessageLike | undefined;
  remotePeer: string | undefined;
  readonly actions: string[] = [];
  recordingResult: RecordingResult = { code: 0, description: 'ok', recordingId: 'rec-1' };
  transferError: Error | null = null;

  constructor(
    readonly callId: string,
    readonly direction: 'inbound' | 'outbound',
    readonly remoteNumber: string,
    readonly localNumber = '16505550100',
  ) {
    super();
  }

  get sessionId(): string | undefined {
    return this.sipMessage?.getHeader?.('p-rc-api-ids')?.match(/session-id=(s-[0-9a-fz]+?)$/)?.[1];
  }
  get partyId(): string | undefined {
    return this.sipMessage?.getHeader?.('p-rc-api-ids')?.match(/party-id=(p-[0-9a-fz]+?-\d);/)?.[1];
  }

  async answer(): Promise<void> {
    this.actions.push('answer');
    this.state = 'answered';
    this.emit('answered');
  }
  async decline(): Promise<void> {
    this.actions.push('decline');
  }
  async toVoicemail(): Promise<void> {
    this.actions.push('toVoicemail');
  }
  async cancel(): Promise<void> {
    this.actions.push('cancel');
  }
  async hangup(): Promise<void> {
    this.actions.push('hangup');
  }
  async hold(): Promise<void> {
    this.actions.push('hold');
  }
  async unhold(): Promise<void> {
    this.actions.push('unhold');
  }
  mute(): void {
    this.actions.push('mute');
  }
  unmute(): void {
    this.actions.push('unmute');
  }
  sendDtmf(tones: string): void {
    this.actions.push(`dtmf:${tones}`);
  }
  async transfer(target: string): Promise<void> {
    this.actions.push(`transfer:${target}`);
    if (this.transferError) throw this.transferError;
  }
  async completeWarmTransfer(consult: CallSessionLike): Promise<void> {
    this.actions.push(`complete:${consult.callId}`);
  }
  async startRecording(): Promise<RecordingResult> {
    this.actions.push('startRecording');
    return this.recordingResult;
  }
  async stopRecording(): Promise<RecordingResult> {
    this.actions.push('stopRecording');
    return { code: 0 };
  }
  dispose(): void {
    this.state = 'disposed';
    this.emit('disposed');
    this.clear();
  }
}

/** Behaviour of {@link FakeWebPhone.call}: what happens after the INVITE. */
export type OutboundScript = 'pending' | 'forbidden' | { throws: Error };

export class FakeWebPhone extends Emitter<WebPhoneEventMap> implements WebPhoneLike {
  readonly sipClient = new FakeSipClient();
  readonly callSessions: FakeCallSession[] = [];
  /** What `start()` does before it connects, on the proxy the client is set to. */
  startResult: (proxy: 'primary' | 'backup') => Promise<void> = async () => undefined;
  /** The proxy of every `start()`, in order. */
  readonly starts: ('primary' | 'backup')[] = [];
  outbound: OutboundScript = 'pending';
  disposed = 0;
  private counter = 0;

  constructor(readonly options: WebPhoneCreateOptions) {
    super();
  }

  async start(): Promise<void> {
    const proxy = this.sipClient.useBackupOutboundProxy ? 'backup' : 'primary';
    this.starts.push(proxy);
    this.sipClient.steps.push('start');
    await this.startResult(proxy);
    this.sipClient.wsc = new FakeSocket();
  }

  async dispose(): Promise<void> {
    this.disposed += 1;
  }

  /** Mimics the library: push + `outboundCall` synchronously, INVITE after an await; resolves at the answer. */
  async call(callee: string, callerId?: string): Promise<CallSessionLike | undefined> {
    const session = new FakeCallSession(`out-${++this.counter}`, 'outbound', callee);
    this.callSessions.push(session);
    this.emit('outboundCall', session);
    await Promise.resolve();
    const script = this.outbound;
    if (typeof script === 'object') throw script.throws;
    this.sipClient.emit(
      'outboundMessage',
      sipMessage(`INVITE sip:${callee}@sip.ringcentral.com SIP/2.0`, {
        'Call-Id': session.callId,
        ...(callerId ? { 'P-Asserted-Identity': `sip:${callerId}@sip.ringcentral.com` } : {}),
      }),
    );
    if (script === 'forbidden') return undefined;
    return new Promise((resolve) => session.on('answered', () => resolve(session)));
  }

  /** Server side: an inbound INVITE arrives. */
  ring(
    callId: string,
    headers: Record<string, string>,
    from = '<sip:+16505550101@sip.ringcentral.com>;tag=a',
  ): FakeCallSession {
    const session = new FakeCallSession(callId, 'inbound', from.match(/<sip:(.+?)@/)?.[1] ?? '');
    session.sipMessage = sipMessage('INVITE sip:16505550100@sip.ringcentral.com SIP/2.0', { From: from, ...headers });
    session.state = 'ringing';
    this.callSessions.push(session);
    this.emit('inboundCall', session);
    return session;
  }
}
