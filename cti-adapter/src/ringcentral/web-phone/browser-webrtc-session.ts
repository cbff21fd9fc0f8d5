import { whenIdle } from '../../core/support/when-idle';
import { afterThisTask } from './after-this-task';
import { sinkTo } from './call-audio-devices';

/**
 * The WebRTC media of one call, plugged into `ringcentral-web-phone` 2.5.4 through its documented seam
 * (`WebPhoneOptions.webRtcSessionFactory`, `WebRtcSession` in the library's `types.d.mts`), with one change from the
 * library's built-in media: outbound offers come from a pre-gathered peer connection ({@link WarmOfferPool}).
 *
 * Why: the web phone sends SDP without trickle ICE, so every INVITE waits for ICE gathering to complete — about
 * 120 ms in Chromium even on loopback — plus two `getUserMedia` calls and `enumerateDevices`. A warm peer connection
 * (an audio transceiver, no microphone, candidates already gathered) makes the INVITE leave at once; the
 * microphone track is attached with `RTCRtpSender.replaceTrack` while the far end rings (no renegotiation), and the
 * next warm connection is prepared — both in the task after the INVITE's, not before it.
 * The warm connection holds no microphone, so the browser shows no recording indicator while idle.
 *
 * Everything else matches the library's own media code (`call-session/index.mjs`): STUN servers from `sipInfo`,
 * the remote audio in a hidden autoplaying `<audio>` element, mute by `track.enabled`, DTMF with
 * `RTCDTMFSender.insertDTMF`, device changes with `replaceTrack` / `setSinkId`. The remote stream falls back to
 * `new MediaStream([track])` when the far SDP has no stream id (`a=msid:-`).
 * @public
 */
export interface WebRtcSessionLike {
  createOffer(options?: { iceRestart?: boolean }): Promise<string>;
  createAnswer(offer: string): Promise<string>;
  applyAnswer(answer: string): Promise<void>;
  changeInputDevice(deviceId: string): Promise<void>;
  changeOutputDevice(deviceId: string): Promise<void>;
  setMuted(muted: boolean): void;
  sendDtmf(tones: string, duration?: number, interToneGap?: number): void;
  dispose(): void;
}

/** Browser media APIs used (injectable for tests). @public */
export interface RtcEnvironment {
  createPeerConnection(config: RTCConfiguration): RTCPeerConnection;
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  /** Creates the hidden element that plays the remote audio; `null` where there is no DOM. */
  createAudioElement(): HTMLAudioElement | null;
}

/** The browser's implementations. @public */
export const browserRtcEnvironment: RtcEnvironment = {
  createPeerConnection: (config) => new RTCPeerConnection(config),
  getUserMedia: (constraints) => navigator.mediaDevices.getUserMedia(constraints),
  createAudioElement: () => {
    if (typeof document === 'undefined') return null;
    const audio = document.createElement('audio');
    audio.hidden = true;
    audio.autoplay = true;
    return audio;
  },
};

/** A peer connection whose offer is ready. */
interface WarmOffer {
  readonly pc: RTCPeerConnection;
  readonly transceiver: RTCRtpTransceiver;
  readonly sdp: string;
  readonly createdAt: number;
}

/** Waits for ICE gathering to complete (or `timeoutMs`, as the library does: 2 s). */
function gatheringComplete(pc: RTCPeerConnection, timeoutMs: number): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', onState);
      pc.removeEventListener('icecandidate', onCandidate);
      resolve();
    };
    const onState = (): void => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const onCandidate = (event: RTCPeerConnectionIceEvent): void => {
      if (event.candidate === null) done();
    };
    const timer = setTimeout(done, timeoutMs);
    pc.addEventListener('icegatheringstatechange', onState);
    pc.addEventListener('icecandidate', onCandidate);
  });
}

/**
 * Keeps one pre-gathered outbound offer ready: an `RTCPeerConnection` with a `sendrecv` audio transceiver, local
 * description set and ICE gathering complete. {@link WarmOfferPool.take} hands it out (and prepares the next);
 * offers older than `maxAgeMs` (default 5 min: interfaces may have changed) are replaced.
 * @public
 */
export class WarmOfferPool {
  private ready: WarmOffer | null = null;
  private preparing: Promise<void> | null = null;
  private disposed = false;

  constructor(
    private readonly iceServers: RTCIceServer[],
    private readonly rtc: RtcEnvironment = browserRtcEnvironment,
    private readonly options: {
      maxAgeMs?: number;
      gatherTimeoutMs?: number;
      now?: () => number;
      /** Told each time an offer is ready to hand out (diagnostics: the benchmark's `softphone:offer-ready` mark). */
      onReady?: () => void;
    } = {},
  ) {}

  /**
   * Starts preparing an offer once the page is idle (not while the registration is being reported and the console
   * answers the initialization: creating a peer connection takes milliseconds of main thread).
   */
  fillWhenIdle(): void {
    void whenIdle(1000).then(() => this.fill());
  }

  /** Starts preparing an offer if none is ready. */
  fill(): void {
    if (this.disposed || this.ready || this.preparing) return;
    this.preparing = this.prepare()
      .catch(() => undefined)
      .finally(() => {
        this.preparing = null;
      });
  }

  /**
   * The ready offer, or the one being prepared (its gathering is already under way, so waiting beats starting
   * over); `null` when there is none. Starts preparing the next one.
   */
  async takeOrWait(): Promise<WarmOffer | null> {
    if (!this.ready && this.preparing) await this.preparing;
    return this.take();
  }

  /**
   * The ready offer (now owned by the caller), or `null`; starts preparing the next one in the next task (creating a
   * peer connection takes milliseconds of main thread the INVITE of this one should not wait for).
   */
  take(): WarmOffer | null {
    const offer = this.ready;
    this.ready = null;
    const now = (this.options.now ?? Date.now)();
    const fresh =
      offer &&
      now - offer.createdAt <= (this.options.maxAgeMs ?? 300_000) &&
      offer.pc.signalingState === 'have-local-offer';
    if (offer && !fresh) offer.pc.close();
    afterThisTask(() => this.fill());
    return fresh ? offer : null;
  }

  dispose(): void {
    this.disposed = true;
    this.ready?.pc.close();
    this.ready = null;
  }

  private async prepare(): Promise<void> {
    const pc = this.rtc.createPeerConnection({ iceServers: this.iceServers });
    try {
      const transceiver = pc.addTransceiver('audio', { direction: 'sendrecv' });
      await pc.setLocalDescription(await pc.createOffer());
      await gatheringComplete(pc, this.options.gatherTimeoutMs ?? 2000);
      const sdp = pc.localDescription?.sdp;
      if (this.disposed || !sdp) {
        pc.close();
        return;
      }
      this.ready = { pc, transceiver, sdp, createdAt: (this.options.now ?? Date.now)() };
      this.options.onReady?.();
    } catch (error) {
      pc.close();
      throw error;
    }
  }
}

/** Creation context the library passes to the factory. @public */
export interface WebRtcSessionContext {
  readonly callId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly stunServers: string[];
}

/** See the module documentation. @public */
export class BrowserWebRtcSession implements WebRtcSessionLike {
  /** The call's peer connection (tests read its receivers to measure audio). */
  peerConnection: RTCPeerConnection | null = null;
  audioElement: HTMLAudioElement | null = null;
  private sender: RTCRtpSender | null = null;
  private stream: MediaStream | null = null;
  private muted = false;
  private disposed = false;
  private microphone: Promise<void> | null = null;

  constructor(
    readonly context: WebRtcSessionContext,
    private readonly pool: WarmOfferPool | null,
    private readonly rtc: RtcEnvironment = browserRtcEnvironment,
    private readonly onMediaError: (error: unknown) => void = () => undefined,
    private readonly gatherTimeoutMs = 2000,
  ) {}

  async createOffer(options: { iceRestart?: boolean } = {}): Promise<string> {
    if (!this.peerConnection && this.context.direction === 'outbound') {
      const warm = await this.pool?.takeOrWait();
      if (warm) {
        this.adopt(warm.pc, warm.transceiver.sender);
        // The microphone goes on the sender while the far end rings, after the INVITE has left.
        this.microphone = new Promise<void>((resolve) => afterThisTask(resolve))
          .then(() => this.attachMicrophone())
          .catch((error: unknown) => this.onMediaError(error));
        return warm.sdp;
      }
    }
    const pc = await this.ensurePeerConnection();
    await pc.setLocalDescription(await pc.createOffer(options));
    await gatheringComplete(pc, this.gatherTimeoutMs);
    return pc.localDescription?.sdp ?? '';
  }

  async createAnswer(offer: string): Promise<string> {
    if (!this.peerConnection) {
      // Answer to a first offer: let the offer create the audio transceiver (one made by addTransceiver before
      // setRemoteDescription would not be matched to the offered m-line), then put the microphone on it.
      const pc = this.newPeerConnection();
      this.playRemoteAudio(pc); // before setRemoteDescription: that is when `track` fires
      this.peerConnection = pc;
      await pc.setRemoteDescription({ type: 'offer', sdp: offer });
      const transceiver = pc.getTransceivers().find((t) => t.receiver.track.kind === 'audio');
      if (!transceiver) throw new Error('The offer has no audio');
      transceiver.direction = 'sendrecv';
      this.sender = transceiver.sender;
      await this.attachMicrophone();
    } else {
      await this.peerConnection.setRemoteDescription({ type: 'offer', sdp: offer });
    }
    const pc = this.peerConnection as RTCPeerConnection;
    await pc.setLocalDescription(await pc.createAnswer());
    await gatheringComplete(pc, this.gatherTimeoutMs);
    return pc.localDescription?.sdp ?? '';
  }

  async applyAnswer(answer: string): Promise<void> {
    if (!this.peerConnection) throw new Error('No local offer to apply the answer to');
    await this.peerConnection.setRemoteDescription({ type: 'answer', sdp: answer });
  }

  /** Sends the microphone `deviceId` from now on (`''`: the system default), without renegotiation. */
  async changeInputDevice(deviceId: string): Promise<void> {
    const stream = await this.rtc.getUserMedia({
      audio: deviceId === '' ? true : { deviceId: { exact: deviceId } },
      video: false,
    });
    await this.useStream(stream);
  }

  /** Plays the far end on `deviceId` (`''`: the system default). */
  async changeOutputDevice(deviceId: string): Promise<void> {
    if (this.audioElement) await sinkTo(this.audioElement, deviceId);
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    for (const track of this.stream?.getAudioTracks() ?? []) track.enabled = !muted;
  }

  sendDtmf(tones: string, duration?: number, interToneGap?: number): void {
    const dtmf = this.sender?.dtmf;
    if (dtmf?.canInsertDTMF) dtmf.insertDTMF(tones, duration, interToneGap);
  }

  dispose(): void {
    this.disposed = true;
    this.peerConnection?.close();
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    if (this.audioElement) this.audioElement.srcObject = null;
  }

  /** Resolves once the microphone track is on the call (outbound warm path), for tests. */
  async microphoneReady(): Promise<void> {
    await this.microphone;
  }

  private newPeerConnection(): RTCPeerConnection {
    return this.rtc.createPeerConnection({
      iceServers: this.context.stunServers.map((url) => ({ urls: `stun:${url}` })),
    });
  }

  private async ensurePeerConnection(): Promise<RTCPeerConnection> {
    if (this.peerConnection) return this.peerConnection;
    const pc = this.newPeerConnection();
    const transceiver = pc.addTransceiver('audio', { direction: 'sendrecv' });
    this.adopt(pc, transceiver.sender);
    await this.attachMicrophone();
    return pc;
  }

  private adopt(pc: RTCPeerConnection, sender: RTCRtpSender): void {
    this.peerConnection = pc;
    this.sender = sender;
    this.playRemoteAudio(pc);
  }

  /** Plays the remote audio in a hidden `<audio>` (Chromium also needs it for remote audio to reach Web Audio). */
  private playRemoteAudio(pc: RTCPeerConnection): void {
    pc.addEventListener('track', (event: RTCTrackEvent) => {
      this.audioElement ??= this.rtc.createAudioElement();
      if (this.audioElement) this.audioElement.srcObject = event.streams[0] ?? new MediaStream([event.track]);
    });
  }

  private async attachMicrophone(): Promise<void> {
    const stream = await this.rtc.getUserMedia({ audio: true, video: false });
    await this.useStream(stream);
  }

  private async useStream(stream: MediaStream): Promise<void> {
    if (this.disposed) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    const track = stream.getAudioTracks()[0] ?? null;
    if (track) track.enabled = !this.muted;
    await this.sender?.replaceTrack(track);
    for (const old of this.stream?.getTracks() ?? []) old.stop();
    this.stream = stream;
  }
}
