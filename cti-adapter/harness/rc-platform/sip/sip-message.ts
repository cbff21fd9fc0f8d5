/**
 * SIP message model, parser and serializer for the simulator's SIP-over-WebSocket endpoint.
 *
 * The wire format follows what `ringcentral-web-phone` 2.5.4 sends and can parse (its `SipMessage.fromString`):
 * CRLF line ends, `Name: value` headers (colon + ONE space, no compact forms, no folding), a blank line, then the
 * body. The client collapses duplicate headers to the last one, so the serializer writes each header once, and it
 * reads `Via`, `From`, `To`, `Call-Id`, `CSeq` case-sensitively in places, so {@link CANONICAL_HEADER_NAMES} fixes
 * their spelling on output. Source: `ringcentral-web-phone/dist/sip-message/index.mjs` and
 * ringcentral-web-phone 2.5.4's README and source (github.com/ringcentral/ringcentral-web-phone) (its SIP message parser).
 *
 * One WebSocket message carries exactly one SIP message (RFC 7118 §5), so `Content-Length` is written for the
 * client's benefit but never needed for framing here.
 */

/** An ordered header list; names keep the casing they were received or set with. */
export type SipHeaderList = [name: string, value: string][];

/** A SIP request line + headers + body. */
export interface SipRequest {
  readonly kind: 'request';
  /** Method token, e.g. `INVITE`. */
  method: string;
  /** Request-URI, e.g. `sip:101@sip.ringcentral.com`. */
  uri: string;
  headers: SipHeaderList;
  body: string;
}

/** A SIP status line + headers + body. */
export interface SipResponse {
  readonly kind: 'response';
  /** Status code, e.g. 200. */
  status: number;
  reason: string;
  headers: SipHeaderList;
  body: string;
}

export type SipMessage = SipRequest | SipResponse;

/** Thrown by {@link parseSipMessage} for text that is not a SIP message. */
export class SipParseError extends Error {
  override readonly name = 'SipParseError';
}

/** Header spellings the web phone expects on what it receives (lower-case key → wire spelling). */
export const CANONICAL_HEADER_NAMES: Readonly<Record<string, string>> = {
  via: 'Via',
  from: 'From',
  to: 'To',
  'call-id': 'Call-Id',
  cseq: 'CSeq',
  contact: 'Contact',
  'content-type': 'Content-Type',
  'content-length': 'Content-Length',
  'www-authenticate': 'Www-Authenticate',
  'proxy-authenticate': 'Proxy-Authenticate',
};

/** Reason phrases used by the simulator (RFC 3261 §21 plus RingCentral's `603 Too Many Contacts`). */
export const REASON_PHRASES: Readonly<Record<number, string>> = {
  100: 'Trying',
  180: 'Ringing',
  183: 'Session Progress',
  200: 'OK',
  202: 'Accepted',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  480: 'Temporarily Unavailable',
  481: 'Call/Transaction Does Not Exist',
  486: 'Busy Here',
  487: 'Request Terminated',
  488: 'Not Acceptable Here',
  500: 'Server Internal Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
  603: 'Decline',
};

/**
 * Parses one SIP message. Accepts CRLF or bare LF line ends and any header-name casing; header values are trimmed.
 *
 * @throws SipParseError when the start line is neither `METHOD uri SIP/2.0` nor `SIP/2.0 code reason`.
 */
export function parseSipMessage(text: string): SipMessage {
  const normalized = text.replace(/\r\n/g, '\n');
  const split = normalized.indexOf('\n\n');
  const head = split === -1 ? normalized : normalized.slice(0, split);
  const rawBody = split === -1 ? '' : normalized.slice(split + 2);
  const [startLine = '', ...headerLines] = head.split('\n');
  const headers: SipHeaderList = [];
  for (const line of headerLines) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new SipParseError(`Malformed header line: ${line}`);
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  const body = rawBody.replace(/\n/g, '\r\n');
  const response = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(startLine);
  if (response) {
    return { kind: 'response', status: Number(response[1]), reason: response[2] ?? '', headers, body };
  }
  const request = /^([A-Z]+) (\S+) SIP\/2\.0$/.exec(startLine);
  if (request && request[1] && request[2]) {
    return { kind: 'request', method: request[1], uri: request[2], headers, body };
  }
  throw new SipParseError(`Not a SIP start line: ${startLine}`);
}

/** Serializes a message with canonical header spellings and a computed `Content-Length` (UTF-8 bytes). */
export function serializeSipMessage(message: SipMessage): string {
  const startLine =
    message.kind === 'request'
      ? `${message.method} ${message.uri} SIP/2.0`
      : `SIP/2.0 ${message.status} ${message.reason}`;
  const lines = [startLine];
  for (const [name, value] of message.headers) {
    const canonical = CANONICAL_HEADER_NAMES[name.toLowerCase()] ?? name;
    if (canonical === 'Content-Length') continue;
    lines.push(`${canonical}: ${value}`);
  }
  lines.push(`Content-Length: ${Buffer.byteLength(message.body, 'utf8')}`);
  return `${lines.join('\r\n')}\r\n\r\n${message.body}`;
}

/** Value of the first header called `name` (case-insensitive), or `undefined`. */
export function getHeader(message: SipMessage, name: string): string | undefined {
  const lower = name.toLowerCase();
  return message.headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}

/** Replaces every header called `name` (case-insensitive) by one `name: value`. */
export function setHeader(message: SipMessage, name: string, value: string): void {
  const lower = name.toLowerCase();
  const index = message.headers.findIndex(([key]) => key.toLowerCase() === lower);
  message.headers = message.headers.filter(([key], i) => i === index || key.toLowerCase() !== lower);
  if (index === -1) message.headers.push([name, value]);
  else message.headers[index] = [name, value];
}

/** Parsed `CSeq` header: sequence number and method. */
export interface CSeq {
  seq: number;
  method: string;
}

/** Reads `CSeq: 123 INVITE`; `undefined` when missing or malformed. */
export function getCSeq(message: SipMessage): CSeq | undefined {
  const match = /^(\d+)\s+([A-Za-z]+)$/.exec(getHeader(message, 'CSeq') ?? '');
  return match && match[1] && match[2] ? { seq: Number(match[1]), method: match[2].toUpperCase() } : undefined;
}

/** The `Call-Id` header (any casing). */
export function getCallId(message: SipMessage): string | undefined {
  return getHeader(message, 'Call-Id') ?? getHeader(message, 'i');
}

/** User part of the first `sip:` URI in a header or URI: `<sip:101@x>;tag=a` → `101`. */
export function extractUser(value: string): string | undefined {
  return /sip:([^@;>\s]+)@/.exec(value)?.[1];
}

/** The `tag` parameter of a From/To header value. */
export function extractTag(value: string): string | undefined {
  return /;tag=([^;\s]+)/.exec(value)?.[1];
}

/** A From/To value without its `tag` parameter. */
export function withoutTag(value: string): string {
  return value.replace(/;tag=[^;\s]+/, '');
}

/**
 * Builds a response to `request` copying `Via`, `From`, `To`, `Call-Id`, `CSeq` (RFC 3261 §8.2.6.2).
 * `toTag` is appended to `To` when it has none.
 */
export function createResponse(
  request: SipRequest,
  status: number,
  options: { reason?: string; toTag?: string; headers?: SipHeaderList; body?: string } = {},
): SipResponse {
  const headers: SipHeaderList = [];
  for (const name of ['Via', 'From', 'To', 'Call-Id', 'CSeq']) {
    let value = getHeader(request, name);
    if (value === undefined) continue;
    if (name === 'To' && options.toTag && !extractTag(value)) value = `${value};tag=${options.toTag}`;
    headers.push([name, value]);
  }
  headers.push(...(options.headers ?? []));
  return {
    kind: 'response',
    status,
    reason: options.reason ?? REASON_PHRASES[status] ?? 'Unknown',
    headers,
    body: options.body ?? '',
  };
}
