import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ROUTING_SECRET_HEADER } from '../../../crm-routing/routing-secret';
import { generateRoutingSecret } from '../../../org-stand-in/crm-routing/crm-routing-secrets';
import { OrgSiteServer } from '../../../org-stand-in/org-site-server';
import { OrgStandIn } from '../../../org-stand-in/org-stand-in';
import { TelephonyModel } from '../../model/telephony-model';
import { CrmRouter } from '../../routing/crm-router';
import { loadSeed } from '../../seed/seed';
import { generateServerCertificate } from '../../tls/certificate';
import RequestMessage from 'ringcentral-web-phone/sip-message/outbound/request';
import { infoDtmfDigit } from '../sip-call';
import type { PlatformMedia } from '../sip-call';
import {
  fakeSdp,
  startSipTestBed,
  waitFor,
  type AnyCallSession,
  type SipTestBed,
  type TestPhone,
} from './support/sip-test-bed';

// CRM routing of DIDs and IVRs with the real ringcentral-web-phone client (Node, fake media) against the simulator's
// SIP server, its PBX router and the org stand-in's Salesforce Site serving the CRM routing endpoint over HTTPS.

const ALEX = '62264101';
const CUSTOMER_LINE = '+16505550130';
const IVR = '+16505550140';

class FakePlatformMedia implements PlatformMedia {
  readonly played: number[] = [];
  closed = false;
  onDigit: (digit: string) => void = () => undefined;
  async play(frames: readonly Buffer[]): Promise<void> {
    this.played.push(frames.length);
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

let org: OrgStandIn;
let site: OrgSiteServer;
let siteOrigin: string;
let router: CrmRouter;
let bed: SipTestBed;
let media: FakePlatformMedia[];
/** Certificates the PBX trusts for CRM URLs. */
let trusted: string[];

async function connectRule(key: string): Promise<void> {
  const rule = org.store.all('CRM_Routing_Rule__c').find((r) => r.URL_Name__c === key)!;
  router.configure(key, {
    crm: {
      url: `${siteOrigin}/services/apexrest/crm-routing/v1/rules/${key}`,
      header: `${ROUTING_SECRET_HEADER}: ${generateRoutingSecret(org.store, rule.Id)}`,
    },
  });
}

beforeEach(async () => {
  org = new OrgStandIn({ dataDir: `${__dirname}/../../../../../scripts/data` });
  site = new OrgSiteServer({ org });
  siteOrigin = await site.start();
  const seed = loadSeed();
  trusted = [site.certificate.pem];
  router = new CrmRouter({ rules: seed.crmRules ?? [], trustedCertificates: () => trusted });
  await connectRule('customer-status');
  await connectRule('customer-number');
  media = [];
  bed = await startSipTestBed({
    model: new TelephonyModel(seed),
    router,
    media: async () => {
      const endpoint = new FakePlatformMedia();
      media.push(endpoint);
      return { endpoint, answer: fakeSdp('platform-ivr') };
    },
    ivrFirstDigitTimeoutMs: 2000,
    ivrDigitTimeoutMs: 500,
  });
});

afterEach(async () => {
  await bed.stop();
  await site.stop();
});

const last = (phone: TestPhone): AnyCallSession => {
  const session = phone.sessions[phone.sessions.length - 1];
  if (!session) throw new Error('no session');
  return session;
};

const header = (session: AnyCallSession, name: string): string | undefined =>
  (session as unknown as { sipMessage: { getHeader(n: string): string | undefined } }).sipMessage.getHeader(name);

async function ringsAgent(agent: TestPhone, before: number): Promise<AnyCallSession> {
  await waitFor(() => agent.sessions.length > before, 'the agent to ring', 8000);
  return last(agent);
}

describe('CRM routing of a DID', () => {
  it('rings the Gold Queue for a GOLD caller, with the queue and the DID in p-rc-api-call-info', async () => {
    const agent = await bed.phone(ALEX);
    const ann = await bed.phone('+16505550101');
    void ann.phone.call(CUSTOMER_LINE);
    const inbound = await ringsAgent(agent, 0);
    expect(header(inbound, 'p-rc-api-call-info')).toBe(
      'callAttributes=reject,send-vm;queueName=Gold Queue;inDID=+16505550130;inDIDLabel=Customer line',
    );
    await inbound.answer();
    await waitFor(() => last(ann).state === 'answered', 'the caller to be connected');
    const session = bed.model.getSession(inbound.sessionId ?? '');
    expect(session?.queueId).toBe('62264201');
    expect(session?.parties.find((p) => !p.extensionId && p !== session.parties[0])?.status.reason).toBe(
      'BlindTransfer',
    );
    expect(router.log()).toEqual([
      expect.objectContaining({
        rule: 'customer-status',
        location: 'DID',
        caller: '+16505550101',
        status: 200,
        answer: 'GOLD',
        routedTo: { kind: 'queue', option: '201' },
      }),
    ]);
    expect(site.requests).toEqual([
      { method: 'GET', path: '/services/apexrest/crm-routing/v1/rules/customer-status', status: 200, error: null },
    ]);
    await inbound.hangup();
  });

  it('sends a BRONZE caller to the default destination (the Support Queue)', async () => {
    const agent = await bed.phone(ALEX);
    const bob = await bed.phone('+16505550102');
    void bob.phone.call(CUSTOMER_LINE);
    const inbound = await ringsAgent(agent, 0);
    expect(header(inbound, 'p-rc-api-call-info')).toContain('queueName=Support Queue');
    expect(router.log()[0]?.reason).toBe('default destination: no row matched the value BRONZE');
    await last(bob).cancel();
  });

  it('uses the default destination when the secret is wrong, the endpoint is down or too slow', async () => {
    const agent = await bed.phone(ALEX);
    const ann = await bed.phone('+16505550101');
    const certificate = await generateServerCertificate();
    // A CRM that never answers: the PBX gives up after the rule's timeout.
    const silent: Server = createServer({ cert: certificate.pem, key: certificate.privateKeyPem }, () => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as AddressInfo).port;
    trusted.push(certificate.pem);
    const cases = [
      { crm: { header: `${ROUTING_SECRET_HEADER}: wrong` }, expected: { status: 401, error: 'UNAUTHORIZED' } },
      {
        crm: { url: 'https://127.0.0.1:9/services/apexrest/crm-routing/v1/rules/customer-status' },
        expected: { status: null, error: 'unreachable' },
      },
      {
        crm: { url: `https://127.0.0.1:${silentPort}/x`, timeoutMs: 300 },
        expected: { status: null, error: 'timeout' },
      },
    ];
    try {
      for (const [i, { crm, expected }] of cases.entries()) {
        router.configure('customer-status', { crm });
        void ann.phone.call(CUSTOMER_LINE);
        const inbound = await ringsAgent(agent, i);
        expect(header(inbound, 'p-rc-api-call-info')).toContain('queueName=Support Queue');
        expect(router.log()[i]).toMatchObject({ ...expected, routedTo: { kind: 'default', option: '200' } });
        await last(ann).cancel();
        await waitFor(() => inbound.state === 'disposed', 'the cancel');
      }
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe('CRM routing of an IVR', () => {
  it('answers with the platform media, collects DTMF up to #, and routes by the decision', async () => {
    const agent = await bed.phone(ALEX);
    const caller = await bed.phone('+16505550199');
    void caller.phone.call(IVR);
    await waitFor(() => caller.sessions.length > 0 && last(caller).state === 'answered', 'the IVR to answer');
    await waitFor(() => media.length === 1 && media[0]!.played.length === 1, 'the greeting');
    expect(agent.sessions).toHaveLength(0);
    for (const digit of '1001#') media[0]!.onDigit(digit);
    const inbound = await ringsAgent(agent, 0);
    expect(header(inbound, 'p-rc-api-call-info')).toContain('queueName=Gold Queue');
    expect(media[0]!.closed).toBe(true);
    expect(router.log()[0]).toMatchObject({
      rule: 'customer-number',
      location: 'IVR',
      dtmf: '1001',
      method: 'POST',
      answer: 'queue:201',
      routedTo: { kind: 'queue', option: '201' },
    });
    const callerMedia = caller.media[caller.media.length - 1]!;
    const before = callerMedia.remoteDescriptions.length;
    await inbound.answer();
    // The caller is re-INVITEd with the agent's offer: media now flows between them.
    await waitFor(() => callerMedia.remoteDescriptions.length > before, 'the re-INVITE of the caller');
    expect(callerMedia.remoteDescriptions[callerMedia.remoteDescriptions.length - 1]).toContain('s=inbound');
    await inbound.hangup();
  });

  it('takes DTMF sent as SIP INFO (application/dtmf-relay) as well as RFC 4733', async () => {
    const agent = await bed.phone(ALEX);
    const caller = await bed.phone('+16505550199');
    void caller.phone.call(IVR);
    await waitFor(() => media.length === 1 && media[0]!.played.length === 1, 'the greeting');
    const session = last(caller);
    for (const digit of ['1', '0', '0', '1', '11']) {
      await caller.phone.sipClient.request(
        new RequestMessage(
          `INFO sip:${caller.phone.sipInfo.domain} SIP/2.0`,
          {
            'Call-Id': session.callId,
            From: session.localPeer,
            To: session.remotePeer,
            Via: `SIP/2.0/WSS test.invalid;branch=z9hG4bK${digit}${Date.now()}`,
            'Content-Type': 'application/dtmf-relay',
          },
          `Signal=${digit}\r\nDuration=160\r\n`,
        ),
      );
    }
    await ringsAgent(agent, 0);
    expect(router.log()[0]).toMatchObject({ dtmf: '1001', routedTo: { kind: 'queue', option: '201' } });
    await last(caller).hangup();
  });

  it('reads the digit of SIP INFO DTMF bodies', () => {
    expect(infoDtmfDigit('application/dtmf-relay', 'Signal=5\r\nDuration=160')).toBe('5');
    expect(infoDtmfDigit('application/dtmf-relay', 'Signal= *\r\n')).toBe('*');
    expect(infoDtmfDigit('application/dtmf-relay', 'Signal=10')).toBe('*');
    expect(infoDtmfDigit('application/dtmf', '#')).toBe('#');
    expect(infoDtmfDigit('application/dtmf-relay', 'Signal=x')).toBeNull();
    expect(infoDtmfDigit('application/json;charset=utf-8', '{"request":{}}')).toBeNull();
  });

  it('plays a recording and hangs up when the decision says so', async () => {
    const caller = await bed.phone('+16505550199');
    void caller.phone.call(IVR);
    await waitFor(() => media.length === 1 && media[0]!.played.length === 1, 'the greeting');
    for (const digit of '1004#') media[0]!.onDigit(digit); // Peter Gibbons, SILVER: recording silver-welcome
    await waitFor(() => media[0]!.played.length === 2, 'the recording');
    await waitFor(() => last(caller).state === 'disposed', 'the hang-up after the recording');
    expect(router.log()[0]?.routedTo).toEqual({ kind: 'recording', option: 'silver-welcome' });
  });

  it('takes the DTMF of a simulated caller from the control API, and goes to the default destination without digits', async () => {
    const agent = await bed.phone(ALEX);
    const ids = await bed.sip.inboundCalls.placeInboundCall({ fromNumber: '+16505550199', toNumber: IVR });
    await waitFor(() => bed.model.getSession(ids.telephonySessionId)?.state === 'Connected', 'the IVR to answer');
    await bed.sip.inboundCalls.customerDtmf!(ids.telephonySessionId, '1001#');
    await ringsAgent(agent, 0);
    expect(router.log()[0]).toMatchObject({ dtmf: '1001', routedTo: { kind: 'queue', option: '201' } });
    await bed.sip.inboundCalls.customerHangup(ids.telephonySessionId);

    const quiet = await bed.sip.inboundCalls.placeInboundCall({ fromNumber: '+16505550199', toNumber: IVR });
    await ringsAgent(agent, 1);
    // No digits: the caller's own number is looked up (nobody has it), so the decision is the default destination.
    expect(router.log()[1]).toMatchObject({
      dtmf: '',
      status: 200,
      answer: 'default:200',
      routedTo: { kind: 'default', option: '200' },
    });
    await bed.sip.inboundCalls.customerHangup(quiet.telephonySessionId);
  });

  it('routes by DTMF with exactly the request the seed documents (field_name and dtmf, no caller_id)', async () => {
    router.configure('customer-number', { crm: { sendCallerId: false, method: 'GET' } });
    const entry = await router.route({
      ruleKey: 'customer-number',
      location: 'IVR',
      entry: IVR,
      caller: '+16505550199',
      dtmf: '1001',
    });
    expect(entry.url).toMatch(/\/rules\/customer-number\?field_name=Customer_Status__c&dtmf=1001$/);
    expect(entry).toMatchObject({ status: 200, answer: 'queue:201', routedTo: { kind: 'queue', option: '201' } });
    // A DID rule cannot find the caller without a number: the endpoint refuses, the PBX uses the default destination.
    router.configure('customer-status', { crm: { sendCallerId: false } });
    const did = await router.route({
      ruleKey: 'customer-status',
      location: 'DID',
      entry: CUSTOMER_LINE,
      caller: '+16505550101',
      dtmf: null,
    });
    expect(did).toMatchObject({ status: 400, error: 'CALLER_REQUIRED', routedTo: { kind: 'default', option: '200' } });
  });
});
