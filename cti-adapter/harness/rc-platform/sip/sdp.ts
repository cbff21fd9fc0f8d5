import { randomBytes } from 'node:crypto';

/**
 * SDP helpers for a signalling-only relay between two browsers.
 *
 * `ringcentral-web-phone` adds its microphone track without a MediaStream, so Chromium writes `a=msid:- <track>`;
 * the receiving page then gets `event.streams[0] === undefined` in `ontrack` and plays nothing. The real platform
 * anchors media and never forwards the browser's SDP; a relay must give the track a stream id
 * (ringcentral-web-phone 2.5.4's README and source (github.com/ringcentral/ringcentral-web-phone): tracks are added without a stream).
 */
export function rewriteMsid(sdp: string, streamId: string): string {
  return sdp.replace(/^a=msid:- /gm, `a=msid:${streamId} `);
}

/** Media direction of the first audio section (`sendrecv` when none is written). */
export function audioDirection(sdp: string): 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive' {
  const audio = sdp.split(/\r?\n(?=m=)/).find((section) => section.startsWith('m=audio')) ?? sdp;
  const match = /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/m.exec(audio);
  return (match?.[1] as 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive' | undefined) ?? 'sendrecv';
}

/** True when the SDP puts the call on hold (`sendonly` or `inactive`, RFC 3264 §8.4). */
export function isHoldSdp(sdp: string): boolean {
  const direction = audioDirection(sdp);
  return direction === 'sendonly' || direction === 'inactive';
}

const fingerprint = (): string =>
  [...randomBytes(32)].map((byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(':');

/**
 * An SDP answer for an endpoint that has no media (the simulated far end of an external number nobody has
 * registered a customer phone for, and the voicemail system). Chromium accepts it as a remote description
 * (valid ICE credentials, DTLS fingerprint and the offer's first audio codec) but it carries no ICE candidates,
 * so no media flows: the call is signalling-only. Returns an empty string when the offer has no audio section.
 */
export function noMediaAnswer(offer: string, options: { hold?: boolean } = {}): string {
  const audio = offer.split(/\r?\n(?=m=)/).find((section) => section.startsWith('m=audio'));
  if (!audio) return '';
  const mLine = /^m=audio \d+ (\S+) ([\d ]+)/m.exec(audio);
  const payload = mLine?.[2]?.split(' ')[0] ?? '111';
  const rtpmap = new RegExp(`^a=rtpmap:${payload} (.+)$`, 'm').exec(audio)?.[1]?.trim() ?? 'opus/48000/2';
  const mid = /^a=mid:(\S+)/m.exec(audio)?.[1] ?? '0';
  const offerDirection = audioDirection(offer);
  const direction = options.hold
    ? 'recvonly'
    : offerDirection === 'sendonly'
      ? 'recvonly'
      : offerDirection === 'recvonly'
        ? 'sendonly'
        : offerDirection;
  const session = Date.now();
  const lines = [
    'v=0',
    `o=- ${session} 2 IN IP4 127.0.0.1`,
    's=rc-platform simulator (no media)',
    't=0 0',
    `a=group:BUNDLE ${mid}`,
    'a=msid-semantic: WMS',
    `m=audio 9 ${mLine?.[1] ?? 'UDP/TLS/RTP/SAVPF'} ${payload}`,
    'c=IN IP4 0.0.0.0',
    'a=rtcp:9 IN IP4 0.0.0.0',
    `a=ice-ufrag:${randomBytes(4).toString('hex')}`,
    `a=ice-pwd:${randomBytes(12).toString('hex')}`,
    `a=fingerprint:sha-256 ${fingerprint()}`,
    'a=setup:active',
    `a=mid:${mid}`,
    `a=${direction}`,
    'a=rtcp-mux',
    `a=rtpmap:${payload} ${rtpmap}`,
  ];
  return `${lines.join('\r\n')}\r\n`;
}
