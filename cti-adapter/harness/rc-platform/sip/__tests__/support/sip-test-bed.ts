import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import WebPhone from 'ringcentral-web-phone';
import type InboundCallSession from 'ringcentral-web-phone/call-session/inbound';
import type OutboundCallSession from 'ringcentral-web-phone/call-session/outbound';
import type { WebRtcSession } from 'ringcentral-web-phone/types';
import { WebSocket as NodeWebSocket } from 'ws';
import { TelephonyModel } from '../../../model/telephony-model';
import { loadSeed } from '../../../seed/seed';
import { generateServerCertificate } from '../../../tls/certificate';
import { createSipServer, type RcSipServer } from '../..';
import type { SipServerOptions } from '../../sip-server';

/**
 * A fast, browser-free bed for SIP tests: the real `ringcentral-web-phone` 2.5.4 (its own SIP client and call
 * sessions) over `ws` against the simulator's SIP server on an ephemeral HTTPS port, with the real telephony model.
 * Media is replaced through the library's own seam, `webRtcSessionFactory`, by {@link FakeWebRtcSession}, which
 * produces SDP and records what it was given. Audio is covered by the Chromium e2e suite.
 */

let fakeCounter = 0;

/** Minimal SDP in the shape Chromium writes for the web phone (trackless `a=msid:-`). */
export function fakeSdp(label: string, version = 1): string {
  return [
    'v=0',
    `o=- ${label.length + 1000} ${version} IN IP4 127.0.0.1`,
    `s=${label}`,
    't=0 0',
    'a=group:BUNDLE 0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'c=IN IP4 0.0.0.0',
    `a=ice-ufrag:${label.replace(/\W/g, '').slice(0, 8) || 'x'}`,
    'a=mid:0',
    `a=msid:- track-${label}`,
    'a=sendrecv',
    'a=rtpmap:111 opus/48000/2',
    '',
  ].join('\r\n');
}

/** Stand-in for the browser's RTCPeerConnection handling, via `webRtcSessionFactory`. */
export class FakeWebRtcSession implements WebRtcSession {
  readonly label: string;
  readonly remoteDescriptions: string[] = [];
  disposed = false;
  constructor(readonly context: { callId: string; direction: 'inbound' | 'outbound' }) {
    fakeCounter += 1;
    this.label = `${context.direction}${fakeCounter}`;
  }
  async createOffer(): Promise<string> {
    return fakeSdp(this.label);
  }
  async createAnswer(offer: string): Promise<string> {
    this.remoteDescriptions.push(offer);
    return fakeSdp(this.label);
  }
  async applyAnswer(answer: string): Promise<void> {
    this.remoteDescriptions.push(answer);
  }
  readonly calls: string[] = [];
  async changeInputDevice(deviceId: string): Promise<void> {
    this.calls.push(`input:${deviceId}`);
  }
  async changeOutputDevice(deviceId: string): Promise<void> {
    this.calls.push(`output:${deviceId}`);
  }
  setMuted(muted: boolean): void {
    this.calls.push(`muted:${muted}`);
  }
  sendDtmf(tones: string): void {
    this.calls.push(`dtmf:${tones}`);
  }
  dispose(): void {
    this.disposed = true;
  }
}

/** `WebSocket` as the web phone constructs it (`new WebSocket(url, 'sip')`), trusting the test certificate. */
class TrustingWebSocket extends NodeWebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols, { rejectUnauthorized: false });
  }
}

/** A call session of either direction, typed with every method tests call. */
export type AnyCallSession = InboundCallSession & Pick<OutboundCallSession, 'cancel'>;

/** A web phone plus the fake media sessions it created. */
export interface TestPhone {
  phone: WebPhone;
  media: FakeWebRtcSession[];
  /** Calls (inbound and outbound) in creation order. */
  sessions: AnyCallSession[];
}

export interface SipTestBed {
  sip: RcSipServer;
  model: TelephonyModel;
  outboundProxy: string;
  /** Registers a web phone as an extension id (`62264101`) or an external number (`+16505550101`). */
  phone(who: string, options?: { instanceId?: string; start?: boolean }): Promise<TestPhone>;
  stop(): Promise<void>;
}

/** Polls `predicate` every 10 ms until true; rejects with `what` after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function startSipTestBed(
  options: Pick<
    SipServerOptions,
    | 'noAnswerTimeoutMs'
    | 'voicemailDurationMs'
    | 'router'
    | 'media'
    | 'ivrFirstDigitTimeoutMs'
    | 'ivrDigitTimeoutMs'
    | 'reforkRingingAfterMs'
    | 'duplicateInviteAfterMs'
  > & {
    /** The model to run on (default: a fresh one on the shipped seed). */
    model?: TelephonyModel;
  } = {},
): Promise<SipTestBed> {
  (globalThis as { WebSocket?: unknown }).WebSocket = TrustingWebSocket;
  const certificate = await generateServerCertificate();
  const model = options.model ?? new TelephonyModel(loadSeed());
  const server: Server = createServer({ cert: certificate.pem, key: certificate.privateKeyPem });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const outboundProxy = `127.0.0.1:${port}/sip`;
  const sip = createSipServer(
    {
      model,
      customerPhoneProxy: outboundProxy,
      log: () => undefined,
      ...(options.router ? { router: options.router } : {}),
      ...(options.media ? { media: options.media } : {}),
    },
    {
      noAnswerTimeoutMs: options.noAnswerTimeoutMs ?? 5000,
      voicemailDurationMs: options.voicemailDurationMs ?? 5000,
      ...(options.ivrFirstDigitTimeoutMs !== undefined
        ? { ivrFirstDigitTimeoutMs: options.ivrFirstDigitTimeoutMs }
        : {}),
      ...(options.ivrDigitTimeoutMs !== undefined ? { ivrDigitTimeoutMs: options.ivrDigitTimeoutMs } : {}),
      reforkRingingAfterMs: options.reforkRingingAfterMs ?? null,
      duplicateInviteAfterMs: options.duplicateInviteAfterMs ?? null,
    },
  );
  server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').startsWith('/sip')) sip.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  const phones: WebPhone[] = [];
  return {
    sip,
    model,
    outboundProxy,
    async phone(who, phoneOptions = {}) {
      const credentials = who.startsWith('+')
        ? model.sipCredentialsForExternal(who)
        : model.sipCredentialsForExtension(who);
      const media: FakeWebRtcSession[] = [];
      const phone = new WebPhone({
        sipInfo: { ...credentials, outboundProxy, outboundProxyBackup: outboundProxy, stunServers: [] },
        autoAnswer: false,
        ...(phoneOptions.instanceId ? { instanceId: phoneOptions.instanceId } : {}),
        webRtcSessionFactory: (context) => {
          const session = new FakeWebRtcSession(context);
          media.push(session);
          return session;
        },
      });
      const sessions: TestPhone['sessions'] = [];
      phone.on('inboundCall', (session: TestPhone['sessions'][number]) => sessions.push(session));
      phone.on('outboundCall', (session: TestPhone['sessions'][number]) => sessions.push(session));
      phones.push(phone);
      if (phoneOptions.start !== false) await phone.start();
      return { phone, media, sessions };
    },
    async stop() {
      for (const phone of phones) {
        const client = phone.sipClient as unknown as { timeoutHandle?: NodeJS.Timeout; wsc?: NodeWebSocket };
        clearTimeout(client.timeoutHandle);
        client.wsc?.terminate();
      }
      await sip.stop();
      model.dispose();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
