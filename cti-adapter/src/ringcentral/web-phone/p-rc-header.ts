/**
 * What the RingCentral `P-rc` header of an inbound INVITE says about the call:
 * `<Msg><Hdr SID="…" … Cmd="6"/><Bdy Phn="+16506666666" Nm="WIRELESS CALLER" ToPhn="…" ToNm="…" …/></Msg>`
 * (ringcentral-web-phone 2.5.4's README and source (github.com/ringcentral/ringcentral-web-phone), inbound call handling). `ringcentral-web-phone` 2.5.4 parses this header
 * only to answer call-control commands; it exposes neither the caller-ID name (`Nm`) nor `SID`, so the adapter
 * reads them here. Attribute values are XML-escaped (`&amp;`, `&quot;`, numeric references).
 * @public
 */
export interface RcCallInfo {
  /** Caller's number (`Bdy Phn`). */
  readonly callerNumber: string | null;
  /** Caller-ID name as the carrier sent it (`Bdy Nm`), e.g. `WIRELESS CALLER`. */
  readonly callerName: string | null;
  /** Called number and name (`Bdy ToPhn`, `ToNm`). */
  readonly calledNumber: string | null;
  readonly calledName: string | null;
  /** The RingCentral session id (`Hdr SID`), the call log's `sessionId`. */
  readonly sessionId: string | null;
}

/** Parses a `P-rc` header value (`undefined`/malformed → all `null`). @public */
export function parseRcCallInfo(header: string | undefined): RcCallInfo {
  const hdr = element(header, 'Hdr');
  const bdy = element(header, 'Bdy');
  return {
    callerNumber: attribute(bdy, 'Phn'),
    callerName: attribute(bdy, 'Nm'),
    calledNumber: attribute(bdy, 'ToPhn'),
    calledName: attribute(bdy, 'ToNm'),
    sessionId: attribute(hdr, 'SID'),
  };
}

/**
 * What the `p-rc-api-call-info` header of an inbound INVITE says about the call, besides its `callAttributes`:
 * `callAttributes=reject,send-vm;queueName=Gold Queue;inDID=+16505550130;inDIDLabel=Customer line`. RingCentral adds
 * `queueName` to calls that reach the agent through a call queue and `inDID`/`inDIDLabel` for the number dialled
 * (ringcentral-web-phone 0.9's `RCHeaders` lists these keys; its issue #324 reads the queue from this header). Values
 * may be percent-encoded (`%3B` for `;`); they are decoded. `ringcentral-web-phone` 2.5.4 parses the header into
 * `rcApiCallInfo` but does not decode it.
 * @public
 */
export interface RcApiCallInfo {
  readonly queueName: string | null;
  readonly inDid: string | null;
  readonly inDidLabel: string | null;
}

/** Parses a `p-rc-api-call-info` header value (missing keys → null). @public */
export function parseRcApiCallInfo(header: string | undefined): RcApiCallInfo {
  const pairs = new Map<string, string>();
  for (const pair of (header ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0) pairs.set(pair.slice(0, eq).trim().toLowerCase(), pair.slice(eq + 1).trim());
  }
  const value = (key: string): string | null => {
    const raw = pairs.get(key.toLowerCase());
    if (raw === undefined || raw === '') return null;
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  };
  return { queueName: value('queueName'), inDid: value('inDID'), inDidLabel: value('inDIDLabel') };
}

/**
 * Ids of `p-rc-api-ids: party-id=p-…-2;session-id=s-…` (inbound INVITE, outbound 183/200). The web phone reads the
 * same header with the same expectations (`CallSession.partyId`/`sessionId`); this parser does not depend on the
 * order of the pairs.
 * @public
 */
export function parseRcApiIds(header: string | undefined): {
  telephonySessionId: string | null;
  partyId: string | null;
} {
  const pairs = new Map(
    (header ?? '')
      .split(';')
      .map((pair) => pair.trim().split('='))
      .filter((kv): kv is [string, string] => kv.length === 2 && !!kv[0] && !!kv[1])
      .map(([k, v]) => [k.toLowerCase(), v]),
  );
  return { telephonySessionId: pairs.get('session-id') ?? null, partyId: pairs.get('party-id') ?? null };
}

function element(xml: string | undefined, name: string): string | undefined {
  return xml?.match(new RegExp(`<${name}\\s([^>]*?)/?>`))?.[1];
}

function attribute(attributes: string | undefined, name: string): string | null {
  const raw = attributes?.match(new RegExp(`(?:^|\\s)${name}="([^"]*)"`))?.[1];
  if (raw === undefined) return null;
  const value = decodeXml(raw).trim();
  return value === '' ? null : value;
}

function decodeXml(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? '';
  });
}
