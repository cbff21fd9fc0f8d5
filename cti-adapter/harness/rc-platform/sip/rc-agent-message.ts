import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/**
 * RingCentral's call-control XML (`<Msg><Hdr …/><Bdy …/></Msg>`), carried in the `P-rc` header of an inbound INVITE
 * and in `MESSAGE` bodies of type `x-rc/agent`. Command numbers from `ringcentral-web-phone`
 * `dist/rc-message/call-control-commands.mjs`; attribute names from its `call-session/inbound.mjs` and the
 * upstream web-phone tests (github.com/ringcentral/ringcentral-web-phone).
 */
export const RcCommand = {
  ServerFreeResources: 2,
  IncomingCall: 6,
  AlreadyProcessed: 7,
  SessionClose: 9,
  ClientForward: 10,
  ClientVoicemail: 11,
  ClientReject: 12,
  ClientStartReply: 13,
  ClientReply: 14,
  ClientReceiveConfirm: 17,
} as const;

/** Attributes of `Hdr` and `Bdy`, all strings. */
export interface RcAgentMessage {
  headers: Record<string, string>;
  body: Record<string, string>;
}

const xmlOptions = {
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '$',
  format: false,
  suppressEmptyNode: true,
  parseAttributeValue: false,
} as const;

/** Parses `<Msg><Hdr …/><Bdy …/></Msg>` (optionally prefixed `P-rc: `); `undefined` when malformed. */
export function parseRcAgentMessage(xml: string): RcAgentMessage | undefined {
  try {
    const parsed = new XMLParser(xmlOptions).parse(xml.replace(/^P-rc: /, '')) as {
      Msg?: { Hdr?: { $?: Record<string, unknown> }; Bdy?: { $?: Record<string, unknown> } };
    };
    const toStrings = (record: Record<string, unknown> | undefined): Record<string, string> =>
      Object.fromEntries(Object.entries(record ?? {}).map(([key, value]) => [key, String(value)]));
    if (!parsed.Msg?.Hdr) return undefined;
    return { headers: toStrings(parsed.Msg.Hdr.$), body: toStrings(parsed.Msg.Bdy?.$) };
  } catch {
    return undefined;
  }
}

/** Serializes to one line of XML (safe as a header value: no CR/LF, no `": "`). */
export function buildRcAgentMessage(message: RcAgentMessage): string {
  const xml = new XMLBuilder(xmlOptions).build({ Msg: { Hdr: { $: message.headers }, Bdy: { $: message.body } } });
  return String(xml).replace(/[\r\n]+/g, '');
}

/** The `p-rc-api-ids` value the web phone reads `sessionId`/`partyId` from (`session-id` must come last). */
export function rcApiIds(partyId: string, telephonySessionId: string): string {
  return `party-id=${partyId};session-id=${telephonySessionId}`;
}
