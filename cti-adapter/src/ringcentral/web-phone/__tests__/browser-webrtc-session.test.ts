import { BrowserWebRtcSession, WarmOfferPool, type RtcEnvironment } from '../browser-webrtc-session';
import { flush } from '../../__tests__/support/fake-clock';

class FakeTrack {
  enabled = true;
  stopped = false;
  constructor(readonly kind = 'audio') {}
  stop(): void {
    this.stopped = true;
  }
}

class FakeStream {
  constructor(readonly tracks: FakeTrack[]) {}
  getTracks(): FakeTrack[] {
    return this.tracks;
  }
  getAudioTracks(): FakeTrack[] {
    return this.tracks;
  }
}

class FakeSender {
  track: FakeTrack | null = null;
  readonly tones: string[] = [];
  dtmf = { canInsertDTMF: true, insertDTMF: (tones: string) => this.tones.push(tones) };
  async replaceTrack(track: FakeTrack | null): Promise<void> {
    this.track = track;
  }
}

class FakeTransceiver {
  readonly sender = new FakeSender();
  readonly receiver = { track: new FakeTrack() };
  constructor(public direction: string) {}
}

class FakePeerConnection extends EventTarget {
  static created: FakePeerConnection[] = [];
  readonly log: string[] = [];
  readonly transceivers: FakeTransceiver[] = [];
  localDescription: { type: string; sdp: string } | null = null;
  signalingState = 'stable';
  iceGatheringState = 'new';
  closed = false;
  constructor(readonly config: RTCConfiguration) {
    super();
    FakePeerConnection.created.push(this);
  }
  addTransceiver(kind: string, init: { direction: string }): FakeTransceiver {
    this.log.push(`addTransceiver ${kind} ${init.direction}`);
    const t = new FakeTransceiver(init.direction);
    this.transceivers.push(t);
    return t;
  }
  getTransceivers(): FakeTransceiver[] {
    return this.transceivers;
  }
  async createOffer(options?: { iceRestart?: boolean }): Promise<{ type: string; sdp: string }> {
    this.log.push(`createOffer${options?.iceRestart ? ' iceRestart' : ''}`);
    return { type: 'offer', sdp: `offer-${FakePeerConnection.created.indexOf(this)}` };
  }
  async createAnswer(): Promise<{ type: string; sdp: string }> {
    this.log.push('createAnswer');
    return { type: 'answer', sdp: 'answer' };
  }
  async setLocalDescription(desc: { type: string; sdp: string }): Promise<void> {
    this.log.push(`setLocal ${desc.type}`);
    this.signalingState = desc.type === 'offer' ? 'have-local-offer' : 'stable';
    this.iceGatheringState = 'gathering';
    this.localDescription = { ...desc, sdp: `${desc.sdp}+candidates` };
  }
  async setRemoteDescription(desc: { type: string; sdp: string }): Promise<void> {
    this.log.push(`setRemote ${desc.type}`);
    if (desc.type === 'offer' && this.transceivers.length === 0)
      this.transceivers.push(new FakeTransceiver('recvonly'));
    const track = this.transceivers[0]?.receiver.track;
    this.dispatchEvent(Object.assign(new Event('track'), { track, streams: [new FakeStream([track as FakeTrack])] }));
  }
  completeGathering(): void {
    this.iceGatheringState = 'complete';
    this.dispatchEvent(new Event('icegatheringstatechange'));
  }
  close(): void {
    this.closed = true;
  }
}

function environment() {
  const streams: FakeStream[] = [];
  const audio: { srcObject: unknown }[] = [];
  const rtc: RtcEnvironment = {
    createPeerConnection: (config) => new FakePeerConnection(config) as unknown as RTCPeerConnection,
    getUserMedia: async () => {
      const stream = new FakeStream([new FakeTrack()]);
      streams.push(stream);
      return stream as unknown as MediaStream;
    },
    createAudioElement: () => {
      const element = { srcObject: null as unknown };
      audio.push(element);
      return element as unknown as HTMLAudioElement;
    },
  };
  return { rtc, streams, audio };
}

const lastPc = (): FakePeerConnection => {
  const pc = FakePeerConnection.created.at(-1);
  if (!pc) throw new Error('no peer connection');
  return pc;
};

beforeEach(() => {
  FakePeerConnection.created = [];
});

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('WarmOfferPool', () => {
  it('prepares one offer with a sendrecv audio transceiver and gathered candidates, no microphone', async () => {
    const { rtc, streams } = environment();
    const pool = new WarmOfferPool([{ urls: 'stun:stun.test:3478' }], rtc);
    pool.fill();
    pool.fill();
    await flush();
    expect(FakePeerConnection.created).toHaveLength(1);
    expect(pool.take()).toBeNull(); // still gathering
    expect(FakePeerConnection.created).toHaveLength(1);
    lastPc().completeGathering();
    await flush();
    const warm = pool.take();
    expect(warm?.sdp).toBe('offer-0+candidates');
    expect(FakePeerConnection.created).toHaveLength(1); // nothing more in the INVITE's task
    await nextTask();
    expect(FakePeerConnection.created).toHaveLength(2); // the next one is being prepared
    expect(FakePeerConnection.created[0]?.log).toEqual([
      'addTransceiver audio sendrecv',
      'createOffer',
      'setLocal offer',
    ]);
    expect(FakePeerConnection.created[0]?.config).toEqual({ iceServers: [{ urls: 'stun:stun.test:3478' }] });
    expect(streams).toHaveLength(0);
  });

  it('replaces an offer older than maxAgeMs and closes everything on dispose', async () => {
    const { rtc } = environment();
    let now = 0;
    const pool = new WarmOfferPool([], rtc, { maxAgeMs: 1000, now: () => now });
    pool.fill();
    await flush();
    lastPc().completeGathering();
    await flush();
    now = 5000;
    expect(pool.take()).toBeNull();
    expect(FakePeerConnection.created[0]?.closed).toBe(true);
    await flush();
    lastPc().completeGathering();
    await flush();
    pool.dispose();
    expect(lastPc().closed).toBe(true);
  });
});

describe('BrowserWebRtcSession', () => {
  it('outbound: returns the warm offer at once, then puts the microphone on its sender', async () => {
    const { rtc, audio, streams } = environment();
    const pool = new WarmOfferPool([], rtc);
    pool.fill();
    await flush();
    lastPc().completeGathering();
    await flush();
    const session = new BrowserWebRtcSession({ callId: 'c1', direction: 'outbound', stunServers: [] }, pool, rtc);
    session.setMuted(true);
    await expect(session.createOffer({ iceRestart: true })).resolves.toBe('offer-0+candidates');
    expect(streams).toHaveLength(0); // the microphone is opened after the INVITE's task
    await session.microphoneReady();
    expect(streams).toHaveLength(1);
    const warmPc = FakePeerConnection.created[0] as FakePeerConnection;
    const sender = warmPc.transceivers[0]?.sender;
    expect(sender?.track).toBeInstanceOf(FakeTrack);
    expect(sender?.track?.enabled).toBe(false); // muted before the track arrived
    await session.applyAnswer('answer-sdp');
    expect(warmPc.log.at(-1)).toBe('setRemote answer');
    expect(audio[0]?.srcObject).toBeInstanceOf(FakeStream);
    session.sendDtmf('1#');
    expect(sender?.tones).toEqual(['1#']);
    session.dispose();
    expect(warmPc.closed).toBe(true);
    expect(sender?.track?.stopped).toBe(true);
  });

  it('outbound without a warm offer gathers like the library (microphone first)', async () => {
    const { rtc, streams } = environment();
    const session = new BrowserWebRtcSession(
      { callId: 'c2', direction: 'outbound', stunServers: ['stun.test:19302'] },
      null,
      rtc,
    );
    const offer = session.createOffer();
    await flush();
    expect(streams).toHaveLength(1);
    lastPc().completeGathering();
    await expect(offer).resolves.toBe('offer-0+candidates');
    expect(lastPc().config).toEqual({ iceServers: [{ urls: 'stun:stun.test:19302' }] });
  });

  it('inbound: answers on the transceiver the offer created, microphone on it, remote audio played', async () => {
    const { rtc, audio } = environment();
    const pool = new WarmOfferPool([], rtc);
    const session = new BrowserWebRtcSession({ callId: 'c3', direction: 'inbound', stunServers: [] }, pool, rtc);
    const answer = session.createAnswer('remote-offer');
    await flush();
    const pc = lastPc();
    pc.completeGathering();
    await expect(answer).resolves.toBe('answer+candidates');
    expect(pc.log).toEqual(['setRemote offer', 'createAnswer', 'setLocal answer']);
    expect(pc.transceivers).toHaveLength(1);
    expect(pc.transceivers[0]?.direction).toBe('sendrecv');
    expect(pc.transceivers[0]?.sender.track).toBeInstanceOf(FakeTrack);
    expect(audio).toHaveLength(1);
    expect(audio[0]?.srcObject).toBeInstanceOf(FakeStream);
  });

  it('a re-INVITE offer is answered on the same connection', async () => {
    const { rtc } = environment();
    const session = new BrowserWebRtcSession({ callId: 'c4', direction: 'inbound', stunServers: [] }, null, rtc);
    const first = session.createAnswer('offer-1');
    await flush();
    lastPc().completeGathering();
    await first;
    const second = session.createAnswer('offer-2');
    await flush();
    lastPc().completeGathering();
    await expect(second).resolves.toBe('answer+candidates');
    expect(FakePeerConnection.created).toHaveLength(1);
  });
});
