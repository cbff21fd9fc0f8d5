/**
 * Script of the benchmark's floor page (`BenchFloor.page`, bundled by `npm run bench` with the softphone's own build
 * settings into the static resource `BenchFloorBundle`). What the softphone cannot do faster on this machine with
 * these libraries: the RingCentral SDK and web phone register with the sign-in the softphone stored (one bare
 * `refreshRingCentralToken` round trip for the access token, as the softphone's cold start makes), while the
 * settings round trip (`getSoftphoneSettings`, Visualforce remoting) and `getCallCenterSettings` (Open CTI) run in
 * parallel; then `notifyInitializationComplete`. No microphone check, no engine, no UI.
 *
 * Marks (`performance.mark`, read by the bench): `floor:bundle-start`, `floor:token`, `floor:provisioned`, `floor:registered`,
 * `floor:initialization-complete`, `floor:inbound:<Call-ID>` (the web phone's `inboundCall` event).
 * `window.benchFloor` lets the bench place a call with the web phone's own `call()` and end calls. The offer of such a
 * call is prepared before the call (`prepare()`: one real offer with its ICE candidates, from an `RTCPeerConnection`
 * with the microphone track), as the protocol allows and the softphone does; `call(to, {libraryMedia: true})` uses the
 * library's own media session instead (microphone, peer connection and ICE gathering inside `call()`).
 * Query parameters (set by the bench): `rcServer`, `rcClientId`, plus the utility bar's `sfdcIframeOrigin`, `mode`.
 */
import { SDK } from '@ringcentral/sdk';
import WebPhone from 'ringcentral-web-phone';
import { memorySdkStorage } from '../../../cti-adapter/src/ringcentral/auth/token-storage';
import type { VisualforceRemotingManager } from '../../../cti-adapter/src/salesforce/visualforce-remoting';
import { brokeredAccessToken } from '../bench-probes';
import { sealedSignInOf } from '../bench-sign-in';

performance.mark('floor:bundle-start');

interface OpenCti {
  getCallCenterSettings(arg: { callback: (result: unknown) => void }): void;
  notifyInitializationComplete(arg: { callback: (result: unknown) => void }): void;
}

interface CallSessionLike {
  readonly callId: string;
  cancel?(): Promise<void>;
  decline?(): Promise<void>;
  hangup(): Promise<void>;
}

const page = window as unknown as {
  sforce: { opencti: OpenCti };
  Visualforce: { remoting: { Manager: VisualforceRemotingManager } };
  benchFloor?: unknown;
};
const params = new URLSearchParams(location.search);
const config = document.getElementById('bench-floor-config')?.dataset ?? {};

/**
 * The agent's sign-in as the softphone keeps it (ADR 0016: a sealed credential in `localStorage`, access tokens only in
 * memory): the floor gets its access token the way the softphone's cold start does, one bare `refreshRingCentralToken`
 * round trip under the renewal lock ({@link brokeredAccessToken}), and gives it to the SDK, whose cache stays in memory.
 */
const signIn =
  config.orgId && config.userId && config.refreshRingcentralToken
    ? sealedSignInOf({ orgId: config.orgId, userId: config.userId, action: config.refreshRingcentralToken })
    : null;
const sdk = new SDK({
  server: params.get('rcServer') ?? '',
  clientId: params.get('rcClientId') ?? '',
  cachePrefix: 'bench-floor-',
  appName: 'SoftphoneBenchFloor',
  defaultRequestInit: { credentials: 'omit' },
  localStorage: memorySdkStorage() as unknown as Storage,
});

async function signInToSdk(): Promise<void> {
  const token = signIn ? await brokeredAccessToken(signIn) : null;
  if (!token) throw new Error('bench floor: no stored RingCentral sign-in (sign in from the softphone first)');
  performance.mark('floor:token');
  await sdk
    .platform()
    .auth()
    .setData({
      token_type: 'bearer',
      access_token: token,
      expires_in: '3600',
      expire_time: Date.now() + 3_600_000,
    });
}

const calls = new Map<string, CallSessionLike>();

/** One real offer (microphone track, ICE gathered), made once and handed to every floor call. */
let preparedOffer: Promise<string> | null = null;
function prepareOffer(): Promise<string> {
  preparedOffer ??= (async () => {
    const pc = new RTCPeerConnection({ iceServers: [] });
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    for (const track of stream.getAudioTracks()) pc.addTrack(track, stream);
    await pc.setLocalDescription(await pc.createOffer());
    if (pc.iceGatheringState !== 'complete')
      await new Promise<void>((resolve) => {
        pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
        setTimeout(resolve, 2000);
      });
    return pc.localDescription?.sdp ?? '';
  })();
  return preparedOffer;
}
let offerSdp = '';

/** A media session whose offer is ready (the floor page never answers). */
const preparedSession = (): WebRtcSessionLike => ({
  createOffer: () => Promise.resolve(offerSdp),
  createAnswer: () => Promise.reject(new Error('the floor page does not answer calls')),
  applyAnswer: () => Promise.resolve(),
  changeInputDevice: () => Promise.resolve(),
  changeOutputDevice: () => Promise.resolve(),
  setMuted: () => undefined,
  sendDtmf: () => undefined,
  dispose: () => undefined,
});

interface WebRtcSessionLike {
  createOffer(): Promise<string>;
  createAnswer(offer: string): Promise<string>;
  applyAnswer(answer: string): Promise<void>;
  changeInputDevice(deviceId: string): Promise<void>;
  changeOutputDevice(deviceId: string): Promise<void>;
  setMuted(muted: boolean): void;
  sendDtmf(tones: string): void;
  dispose(): void;
}

async function register(): Promise<WebPhone> {
  await signInToSdk();
  const response = await sdk
    .platform()
    .post('/restapi/v1.0/client-info/sip-provision', { sipInfo: [{ transport: 'WSS' }] });
  const body = (await response.json()) as { sipInfo: ConstructorParameters<typeof WebPhone>[0]['sipInfo'][] };
  performance.mark('floor:provisioned');
  const phone = new WebPhone({
    sipInfo: body.sipInfo[0]!,
    instanceId: '6f4c3b8e-bench-4f00-8000-000000f1007e',
    debug: false,
    autoAnswer: false,
    webRtcSessionFactory: preparedSession,
  });
  phone.on('inboundCall', (session: CallSessionLike) => {
    performance.mark(`floor:inbound:${session.callId}`);
    calls.set(session.callId, session);
  });
  await phone.start();
  performance.mark('floor:registered');
  addEventListener('pagehide', () => void phone.dispose());
  return phone;
}

const settings = new Promise<void>((resolve) => {
  page.Visualforce.remoting.Manager.invokeAction(config.getSoftphoneSettings ?? '', {}, () => resolve(), {
    buffer: false,
    escape: false,
    timeout: 30000,
  });
});
const callCenter = new Promise<void>((resolve) =>
  page.sforce.opencti.getCallCenterSettings({ callback: () => resolve() }),
);
const phone = register();

const ready = Promise.all([phone, settings, callCenter]).then(
  () =>
    new Promise<void>((resolve) =>
      page.sforce.opencti.notifyInitializationComplete({
        callback: () => {
          performance.mark('floor:initialization-complete');
          resolve();
        },
      }),
    ),
);

page.benchFloor = {
  ready,
  /** Prepares the offer the floor calls use (once). */
  async prepare(): Promise<void> {
    offerSdp = await prepareOffer();
  },
  /**
   * `WebPhone.call(to)`: returns when it was called (epoch ms) and the new call's Call-ID (known synchronously).
   * `libraryMedia`: with the library's default media session (the factory is read by the library at each use).
   */
  async call(to: string, options: { libraryMedia?: boolean } = {}): Promise<{ startedAt: number; callId: string }> {
    const webPhone = await phone;
    webPhone.options.webRtcSessionFactory = options.libraryMedia ? undefined : preparedSession;
    const startedAt = performance.timeOrigin + performance.now();
    const placing = webPhone.call(to);
    const session = webPhone.callSessions[webPhone.callSessions.length - 1] as unknown as CallSessionLike;
    calls.set(session.callId, session);
    placing.catch(() => undefined);
    return { startedAt, callId: session.callId };
  },
  /** Ends a call of this page: cancels an outbound call not answered, declines an inbound one. */
  async end(callId: string): Promise<void> {
    const session = calls.get(callId);
    calls.delete(callId);
    if (!session) return;
    if (session.cancel) await session.cancel().catch(() => undefined);
    else if (session.decline) await session.decline().catch(() => undefined);
    (await phone).options.webRtcSessionFactory = preparedSession;
  },
};
