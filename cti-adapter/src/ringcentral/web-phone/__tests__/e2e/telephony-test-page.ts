/**
 * Browser entry of the web-phone end-to-end test: bundled at test time with esbuild and loaded in headless
 * Chromium. It runs the RingCentral layer exactly as the softphone does (real `@ringcentral/sdk` login, real
 * `ringcentral-web-phone` through {@link RingCentralTelephony}) and exposes a small driver on `window.rcTest`.
 */
import { MemoryKeyValueStore } from '../../../../core/ports/key-value-store';
import { TELEPHONY_EVENT_TYPES, type DialOptions, type TelephonyEventMap } from '../../../../core/ports/telephony-port';
import { RingCentralSession } from '../../../auth/ringcentral-session';
import { RingCentralTelephony } from '../../ringcentral-telephony';
import { defaultWebPhoneFactory } from '../../web-phone-factory';
import type { WebPhoneLike } from '../../web-phone-types';
import { defaultSdkFactory } from '../../../auth/default-sdk';

interface PageConfig {
  server: string;
  clientId: string;
  clientSecret: string;
  jwt: string;
}

type RecordedEvent = { type: keyof TelephonyEventMap } & Record<string, unknown>;

const events: RecordedEvent[] = [];
const store = new MemoryKeyValueStore();
let telephony: RingCentralTelephony | null = null;
let webPhones: WebPhoneLike[] = [];
const meter = { samples: [] as { t: number; rms: number }[], trackId: '', timer: 0 as unknown as number };

function requireTelephony(): RingCentralTelephony {
  if (!telephony) throw new Error('not started');
  return telephony;
}

/** Samples the RMS level of the remote audio of the current call every 50 ms. */
function watchRemoteAudio(): void {
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 2048;
  const buffer = new Float32Array(analyser.fftSize);
  meter.timer = window.setInterval(() => {
    const session = webPhones.at(-1)?.callSessions.at(-1) as
      | { rtcPeerConnection?: RTCPeerConnection; webRtcSession?: { peerConnection?: RTCPeerConnection | null } }
      | undefined;
    const pc = session?.webRtcSession?.peerConnection ?? session?.rtcPeerConnection;
    const track = pc?.getReceivers().find((r) => r.track?.kind === 'audio')?.track;
    if (track && track.id !== meter.trackId) {
      meter.trackId = track.id;
      context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
      void context.resume();
    }
    if (!track) return;
    analyser.getFloatTimeDomainData(buffer);
    let sum = 0;
    for (const v of buffer) sum += v * v;
    meter.samples.push({ t: performance.now(), rms: Math.sqrt(sum / buffer.length) });
    if (meter.samples.length > 400) meter.samples.shift();
  }, 50);
}

const api = {
  events,
  async start(config: PageConfig): Promise<unknown> {
    const session = new RingCentralSession({
      sdkFactory: defaultSdkFactory,
      server: config.server,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      redirectUri: `${location.origin}/apex/RingCentralOAuthCallback`,
      orgId: '00D000000000001',
      userId: '005000000000001',
      store,
    });
    await session.loginWithJwt(config.jwt);
    telephony = new RingCentralTelephony({
      api: session.api,
      store,
      mediaServer: session.mediaServer,
      reconnectDelay: () => 300,
      webPhoneFactory: (options) => {
        const phone = defaultWebPhoneFactory(options);
        webPhones.push(phone);
        return phone;
      },
      ringtone: {
        start: () => events.push({ type: 'status', ringtone: 'on' }),
        stop: () => events.push({ type: 'status', ringtone: 'off' }),
      },
    });
    for (const type of TELEPHONY_EVENT_TYPES) {
      telephony.on(type, (event) => events.push({ type, ...(event as object) }));
    }
    watchRemoteAudio();
    await telephony.start();
    return telephony.status;
  },
  status: () => telephony?.status,
  instanceIds: () => webPhones.map((p) => (p as unknown as { sipClient: { instanceId: string } }).sipClient.instanceId),
  call: (to: string, options: DialOptions = {}) => requireTelephony().call(to, options),
  /** Milliseconds from `call()` to the `dialing` event (the INVITE left), for the printed figures. */
  timeToInvite: async (to: string): Promise<{ callId: string; ms: number }> => {
    const started = performance.now();
    const { callId } = await requireTelephony().call(to, {});
    return { callId, ms: performance.now() - started };
  },
  answer: (id: string) => requireTelephony().answer(id),
  decline: (id: string) => requireTelephony().decline(id),
  toVoicemail: (id: string) => requireTelephony().toVoicemail(id),
  hangup: (id: string) => requireTelephony().hangup(id),
  hold: (id: string, held: boolean) => requireTelephony().hold(id, held),
  mute: (id: string, muted: boolean) => requireTelephony().mute(id, muted),
  transfer: (id: string, target: string) => requireTelephony().transfer(id, target),
  warmTransfer: (id: string, target: string) => requireTelephony().warmTransfer(id, target),
  completeWarmTransfer: (id: string, consultId: string) => requireTelephony().completeWarmTransfer(id, consultId),
  startRecording: (id: string) => requireTelephony().startRecording(id),
  stopRecording: (id: string) => requireTelephony().stopRecording(id),
  listCallerIds: () => requireTelephony().listCallerIds(),
  energy: (windowMs = 1500): number => {
    const since = performance.now() - windowMs;
    return meter.samples.filter((s) => s.t >= since).reduce((max, s) => Math.max(max, s.rms), 0);
  },
  dispose: async () => {
    await telephony?.dispose();
    webPhones = [];
  },
};

declare global {
  interface Window {
    rcTest: typeof api;
  }
}

window.rcTest = api;
