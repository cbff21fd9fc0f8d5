import { createHash } from 'node:crypto';
import { InvalidLegTransitionError, LegStateMachine } from '../call-leg';
import { computeDigestResponse, parseDigestHeader, proxyAuthenticate, verifyDigest } from '../digest';
import { buildRcAgentMessage, parseRcAgentMessage, rcApiIds } from '../rc-agent-message';
import { Registrar } from '../registrar';
import { audioDirection, isHoldSdp, noMediaAnswer, rewriteMsid } from '../sdp';
import type { SipIdentity } from '../sip-model-port';
import {
  createResponse,
  extractTag,
  extractUser,
  getCSeq,
  getHeader,
  parseSipMessage,
  serializeSipMessage,
  SipParseError,
  type SipRequest,
} from '../sip-message';

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

// What ringcentral-web-phone 2.5.4 puts on the wire for a REGISTER (dist/sip-client.mjs + outbound/index.mjs).
const clientRegister = [
  'REGISTER sip:sip.ringcentral.com SIP/2.0',
  'Call-Id: abc123',
  'Contact: <sip:x1@y1.invalid;transport=wss>;+sip.instance="<urn:uuid:inst-1>";expires=60',
  'From: <sip:16505550100@sip.ringcentral.com>;tag=ft1',
  'To: <sip:16505550100@sip.ringcentral.com>',
  'Via: SIP/2.0/WSS y1.invalid;branch=z9hG4bK-b1',
  'CSeq: 4242 REGISTER',
  'Content-Length: 0',
  'User-Agent: ringcentral-web-phone-2',
  'Max-Forwards: 70',
  '',
  '',
].join('\r\n');

/** The web phone's own parser (dist/sip-message/index.mjs), re-stated to check what it would read. */
function clientParse(text: string): { subject: string; headers: Record<string, string>; body: string } {
  const [init = '', ...body] = text.split('\r\n\r\n');
  const [subject = '', ...lines] = init.split('\r\n');
  return {
    subject,
    headers: Object.fromEntries(lines.map((line) => line.split(': ') as [string, string])),
    body: body.join('\r\n\r\n'),
  };
}

describe('SIP message parser and serializer', () => {
  it('parses the web phone REGISTER', () => {
    const message = parseSipMessage(clientRegister) as SipRequest;
    expect(message.kind).toBe('request');
    expect(message.method).toBe('REGISTER');
    expect(message.uri).toBe('sip:sip.ringcentral.com');
    expect(getHeader(message, 'call-id')).toBe('abc123');
    expect(getCSeq(message)).toEqual({ seq: 4242, method: 'REGISTER' });
    expect(extractUser(getHeader(message, 'From') ?? '')).toBe('16505550100');
    expect(extractTag(getHeader(message, 'From') ?? '')).toBe('ft1');
  });

  it('parses responses and keeps bodies with CRLF', () => {
    const message = parseSipMessage('SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\nv=0\r\ns=-\r\n');
    expect(message).toMatchObject({ kind: 'response', status: 200, reason: 'OK', body: 'v=0\r\ns=-\r\n' });
  });

  it('rejects non-SIP text', () => {
    expect(() => parseSipMessage('HELLO world')).toThrow(SipParseError);
    expect(() => parseSipMessage('INVITE sip:a@b SIP/2.0\r\nno colon here\r\n\r\n')).toThrow(SipParseError);
  });

  it('serializes with canonical casings, one header per name and a byte Content-Length the client can read', () => {
    const request = parseSipMessage(clientRegister.replace('Call-Id', 'call-ID')) as SipRequest;
    const response = createResponse(request, 200, {
      toTag: 'srv1',
      headers: [['Contact', '<sip:x1@y1.invalid;transport=wss>;expires=60']],
    });
    const text = serializeSipMessage(response);
    const seen = clientParse(text);
    expect(seen.subject).toBe('SIP/2.0 200 OK');
    expect(seen.headers['Call-Id']).toBe('abc123');
    expect(seen.headers.CSeq).toBe('4242 REGISTER');
    expect(seen.headers.Via).toBe('SIP/2.0/WSS y1.invalid;branch=z9hG4bK-b1');
    expect(seen.headers.To).toBe('<sip:16505550100@sip.ringcentral.com>;tag=srv1');
    expect(seen.headers.Contact).toMatch(/;expires=60$/);
    expect(seen.headers['Content-Length']).toBe('0');
    expect(text.endsWith('\r\n\r\n')).toBe(true);
    const withBody = serializeSipMessage({ ...response, body: 'é\r\n' });
    expect(clientParse(withBody).headers['Content-Length']).toBe('4');
  });
});

describe('digest (no qop, as ringcentral-web-phone computes it)', () => {
  const sipInfo = { authorizationId: '802264101', domain: 'sip.ringcentral.com', password: 'sip-alex-101' };

  it('matches the client formula md5(md5(id:domain:pw):nonce:md5(METHOD:sip:domain))', () => {
    const expected = md5(
      `${md5(`${sipInfo.authorizationId}:${sipInfo.domain}:${sipInfo.password}`)}:n1:${md5('REGISTER:sip:sip.ringcentral.com')}`,
    );
    expect(
      computeDigestResponse({
        username: sipInfo.authorizationId,
        realm: sipInfo.domain,
        password: sipInfo.password,
        nonce: 'n1',
        method: 'REGISTER',
        uri: 'sip:sip.ringcentral.com',
      }),
    ).toBe(expected);
  });

  it('verifies the header the client sends and refuses a wrong password, method or unknown nonce', () => {
    const response = computeDigestResponse({
      username: sipInfo.authorizationId,
      realm: sipInfo.domain,
      password: sipInfo.password,
      nonce: 'n1',
      method: 'INVITE',
      uri: 'sip:sip.ringcentral.com',
    });
    const header = `Digest algorithm="MD5", username="802264101", realm="sip.ringcentral.com", nonce="n1", uri="sip:sip.ringcentral.com", response="${response}"`;
    expect(parseDigestHeader(header)).toMatchObject({ algorithm: 'MD5', username: '802264101', nonce: 'n1' });
    const base = {
      authorizationId: '802264101',
      password: 'sip-alex-101',
      method: 'INVITE',
      isIssuedNonce: (n: string) => n === 'n1',
    };
    expect(verifyDigest(header, base)).toBe(true);
    expect(verifyDigest(header, { ...base, password: 'nope' })).toBe(false);
    expect(verifyDigest(header, { ...base, method: 'REGISTER' })).toBe(false);
    expect(verifyDigest(header, { ...base, isIssuedNonce: () => false })).toBe(false);
    expect(verifyDigest(undefined, base)).toBe(false);
    expect(verifyDigest('Basic abc', base)).toBe(false);
  });

  it('puts the nonce after another parameter in Proxy-Authenticate (the client matches /, nonce="…"/)', () => {
    expect(/, nonce="(.+?)"/.exec(proxyAuthenticate('sip.ringcentral.com', 'abc'))?.[1]).toBe('abc');
  });
});

describe('registrar', () => {
  const alex: SipIdentity = {
    kind: 'extension',
    key: '62264101',
    username: '16505550100',
    authorizationId: '802264101',
    password: 'x',
    phoneNumber: '+16505550100',
    name: 'Alex Agent',
  };

  it('limits live instances per identity to 5, refreshes known instances, expires stale ones', () => {
    let now = 0;
    const registrar = new Registrar<string>({ now: () => now });
    for (let i = 0; i < 5; i += 1) expect(registrar.register(alex, `i${i}`, `c${i}`, 60).ok).toBe(true);
    expect(registrar.register(alex, 'i5', 'c5', 60)).toEqual({ ok: false, status: 603, reason: 'Too Many Contacts' });
    expect(registrar.register(alex, 'i0', 'c0b', 60)).toMatchObject({ ok: true, grantedExpires: 60 });
    expect(registrar.lookup(alex.key).find((r) => r.instanceId === 'i0')?.connection).toBe('c0b');
    expect(registrar.register(alex, 'i1', 'c1', 0)).toMatchObject({ ok: true, grantedExpires: 0 });
    expect(registrar.lookup(alex.key)).toHaveLength(4);
    now = 61_000;
    expect(registrar.lookup(alex.key)).toHaveLength(0);
    expect(registrar.register(alex, 'i9', 'c9', 3600)).toMatchObject({ ok: true, grantedExpires: 60 });
  });

  it("keeps each registration's REGISTER history: created, refreshed, how many REGISTERs; grants at most maxExpiresSeconds", () => {
    let now = 1_000;
    const registrar = new Registrar<string>({ now: () => now, maxExpiresSeconds: 12 });
    expect(registrar.register(alex, 'a', 'conn', 60)).toMatchObject({ ok: true, grantedExpires: 12 });
    now = 10_000;
    registrar.register(alex, 'a', 'conn', 60);
    now = 19_000;
    registrar.register(alex, 'a', 'conn', 60);
    expect(registrar.all()).toEqual([
      expect.objectContaining({
        instanceId: 'a',
        registeredAt: 1_000,
        refreshedAt: 19_000,
        registers: 3,
        expiresAt: 31_000,
      }),
    ]);
  });

  it('drops the registrations of a closed connection', () => {
    const registrar = new Registrar<string>();
    registrar.register(alex, 'a', 'conn', 60);
    registrar.register(alex, 'b', 'other', 60);
    expect(registrar.dropConnection('conn')).toBe(1);
    expect(registrar.all().map((r) => r.instanceId)).toEqual(['b']);
  });
});

describe('call leg state machine', () => {
  it('follows calling → early → confirmed → terminated', () => {
    const machine = new LegStateMachine();
    machine.transition('early');
    machine.transition('early');
    machine.transition('confirmed');
    machine.transition('terminated');
    expect(machine.state).toBe('terminated');
  });

  it('rejects moves the diagram does not allow', () => {
    const machine = new LegStateMachine();
    machine.transition('confirmed');
    expect(() => machine.transition('early')).toThrow(InvalidLegTransitionError);
    expect(machine.tryTransition('calling')).toBe(false);
    machine.transition('terminated');
    expect(machine.tryTransition('confirmed')).toBe(false);
    expect(machine.state).toBe('terminated');
  });
});

describe('SDP helpers', () => {
  const offer =
    'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\na=mid:0\r\na=msid:- t1\r\na=sendrecv\r\na=rtpmap:111 opus/48000/2\r\n';

  it('gives trackless msids a stream id', () => {
    expect(rewriteMsid(offer, 'S1')).toContain('a=msid:S1 t1');
    expect(rewriteMsid(offer, 'S1')).not.toContain('a=msid:- ');
  });

  it('reads hold from the audio direction', () => {
    expect(audioDirection(offer)).toBe('sendrecv');
    expect(isHoldSdp(offer.replace('sendrecv', 'sendonly'))).toBe(true);
    expect(isHoldSdp(offer.replace('a=sendrecv\r\n', ''))).toBe(false);
  });

  it('builds a no-media answer with the offer codec and mid and the complementary direction', () => {
    const answer = noMediaAnswer(offer.replace('sendrecv', 'sendonly'));
    expect(answer).toContain('m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n');
    expect(answer).toContain('a=rtpmap:111 opus/48000/2');
    expect(answer).toContain('a=mid:0');
    expect(answer).toContain('a=recvonly');
    expect(answer).toMatch(/a=fingerprint:sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    expect(noMediaAnswer('v=0\r\n')).toBe('');
  });
});

describe('RingCentral call-control XML', () => {
  it('round-trips P-rc and escapes attribute values', () => {
    const xml = buildRcAgentMessage({
      headers: { SID: '1', Req: '{x}', From: '#1@sip.ringcentral.com:5060', To: '101', Cmd: '6' },
      body: { Phn: '+16505550102', Nm: 'STONE & SONS "LOGISTICS"' },
    });
    expect(xml).not.toMatch(/[\r\n]/);
    expect(xml).not.toContain(': ');
    expect(parseRcAgentMessage(`P-rc: ${xml}`)).toEqual({
      headers: { SID: '1', Req: '{x}', From: '#1@sip.ringcentral.com:5060', To: '101', Cmd: '6' },
      body: { Phn: '+16505550102', Nm: 'STONE & SONS "LOGISTICS"' },
    });
    expect(parseRcAgentMessage('not xml <')).toBeUndefined();
  });

  it('writes p-rc-api-ids so the web phone regexes find both ids', () => {
    const value = rcApiIds('p-abc123-2', 's-abc123');
    expect(/party-id=(p-[0-9a-fz]+?-\d);/.exec(value)?.[1]).toBe('p-abc123-2');
    expect(/session-id=(s-[0-9a-fz]+?)$/.exec(value)?.[1]).toBe('s-abc123');
  });
});
