import { RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket, type RTCRtpTransceiver } from 'werift';
import { SILENCE_FRAME } from './pcmu';
import { DtmfCollector } from './telephone-event';

/**
 * A media endpoint of the simulator, for the calls the platform itself answers (a CRM-routed IVR greeting that
 * collects DTMF, a recording): a WebRTC peer (werift, a TypeScript WebRTC stack) that answers a caller's SDP offer with
 * PCMU and telephone-event, sends 20 ms PCMU frames and reports the DTMF digits the caller's browser sends (RFC 4733).
 * The real platform anchors media in its own media servers; between two web phones the simulator still only relays
 * SDP (`../sip/README.md`).
 */
export interface MediaEndpointOptions {
  /** Called for each DTMF digit received. */
  onDigit?: (digit: string) => void;
  log?: (line: string) => void;
}

const PCMU = 0;
const TELEPHONE_EVENT_8K = 101;
const FRAME_MS = 20;

export class MediaEndpoint {
  private readonly pc: RTCPeerConnection;
  private readonly transceiver: RTCRtpTransceiver;
  private readonly collector: DtmfCollector;
  private playback: NodeJS.Timeout | null = null;
  private sequence = Math.floor(Math.random() * 0xffff);
  private timestamp = Math.floor(Math.random() * 0xffffffff);
  private closed = false;
  onDigit: (digit: string) => void;

  private constructor(private readonly options: MediaEndpointOptions) {
    this.onDigit = options.onDigit ?? (() => undefined);
    this.collector = new DtmfCollector((digit) => this.onDigit(digit));
    this.pc = new RTCPeerConnection({
      codecs: {
        audio: [
          new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: 8000, channels: 1, payloadType: PCMU }),
          new RTCRtpCodecParameters({
            mimeType: 'audio/telephone-event',
            clockRate: 8000,
            channels: 1,
            payloadType: TELEPHONE_EVENT_8K,
          }),
        ],
      },
      iceUseIpv6: false,
      iceAdditionalHostAddresses: ['127.0.0.1'],
    });
    this.transceiver = this.pc.addTransceiver('audio', { direction: 'sendrecv' });
    this.pc.ontrack = ({ track }) => {
      track.onReceiveRtp.subscribe((rtp) => {
        if (rtp.header.payloadType !== PCMU) this.collector.packet(rtp.header.timestamp, rtp.payload);
      });
    };
  }

  /**
   * Answers an SDP offer (the caller's INVITE body).
   * @returns the endpoint and its SDP answer, with its ICE candidates (gathering is waited for, at most 3 s)
   * @throws Error when the offer has no audio the endpoint can take
   */
  static async answer(
    offer: string,
    options: MediaEndpointOptions = {},
  ): Promise<{ endpoint: MediaEndpoint; answer: string }> {
    const endpoint = new MediaEndpoint(options);
    const pc = endpoint.pc;
    await pc.setRemoteDescription({ type: 'offer', sdp: offer });
    await pc.setLocalDescription(await pc.createAnswer());
    if (pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 3000);
        const { unSubscribe } = pc.iceGatheringStateChange.subscribe((state) => {
          if (state === 'complete') {
            clearTimeout(timer);
            unSubscribe();
            resolve();
          }
        });
      });
    }
    const answer = pc.localDescription?.sdp;
    if (!answer) throw new Error('the media endpoint could not answer the offer');
    return { endpoint, answer };
  }

  /**
   * Plays PCMU frames once, then silence until the next `play` (a stream with gaps confuses jitter buffers).
   * @returns a promise settled when the frames are sent
   */
  play(frames: readonly Buffer[]): Promise<void> {
    this.stopPlayback();
    return new Promise((resolve) => {
      let index = 0;
      const next = (): void => {
        if (this.closed) {
          this.stopPlayback();
          resolve();
          return;
        }
        const frame = frames[index] ?? SILENCE_FRAME;
        this.send(frame, index === 0);
        index += 1;
        if (index === frames.length) resolve();
      };
      next();
      this.playback = setInterval(next, FRAME_MS);
    });
  }

  /** Stops the media and the peer connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopPlayback();
    await this.pc.close().catch((error: unknown) => this.options.log?.(`media: close failed: ${String(error)}`));
  }

  private stopPlayback(): void {
    if (this.playback) clearInterval(this.playback);
    this.playback = null;
  }

  private send(payload: Buffer, marker: boolean): void {
    this.sequence = (this.sequence + 1) & 0xffff;
    this.timestamp = (this.timestamp + payload.length) >>> 0;
    const header = new RtpHeader({
      payloadType: PCMU,
      sequenceNumber: this.sequence,
      timestamp: this.timestamp,
      marker,
    });
    try {
      this.transceiver.sender.sendRtp(new RtpPacket(header, payload));
    } catch (error) {
      this.options.log?.(`media: send failed: ${String(error)}`);
    }
  }
}
