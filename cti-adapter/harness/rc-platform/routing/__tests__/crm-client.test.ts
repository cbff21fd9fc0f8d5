import type { IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generateServerCertificate } from '../../tls/certificate';
import { callCrm, crmGetUrl } from '../crm-client';

// The PBX's request as seed 002_dfbb423dce69a7d6.txt describes it ("Custom CRM"): GET {URL}?field_name=…&dtmf=…
// (plus caller_id), or POST with the data as JSON, one custom header, HTTPS only.

let server: Server;
let origin: string;
let pem: string;
let seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[];

beforeAll(async () => {
  const certificate = await generateServerCertificate('CRM test');
  pem = certificate.pem;
  server = createServer({ cert: certificate.pem, key: certificate.privateKeyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      if (req.url?.startsWith('/slow')) return; // never answers
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('GOLD');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

beforeEach(() => {
  seen = [];
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const params = { field_name: 'Customer_Status__c', dtmf: '', caller_id: '+16505550101' };

describe('callCrm', () => {
  it('builds the GET URL exactly as PBXware does, and sends the custom header', async () => {
    expect(crmGetUrl({ url: 'https://crm.example/rules/gold', params })).toBe(
      'https://crm.example/rules/gold?field_name=Customer_Status__c&dtmf=&caller_id=%2B16505550101',
    );
    expect(crmGetUrl({ url: 'https://crm.example/rules/number', params: { field_name: 'Rating', dtmf: '1001' } })).toBe(
      'https://crm.example/rules/number?field_name=Rating&dtmf=1001',
    );
    const result = await callCrm({
      url: `${origin}/services/apexrest/crm-routing/v1/rules/gold`,
      method: 'GET',
      header: 'X-CRM-Routing-Secret: s3cret',
      timeoutMs: 2000,
      params,
      ca: [pem],
    });
    expect(result).toMatchObject({ ok: true, status: 200, body: 'GOLD' });
    expect(seen[0]).toMatchObject({
      method: 'GET',
      url: '/services/apexrest/crm-routing/v1/rules/gold?field_name=Customer_Status__c&dtmf=&caller_id=%2B16505550101',
      body: '',
    });
    expect(seen[0]!.headers['x-crm-routing-secret']).toBe('s3cret');
  });

  it('POSTs the data as a JSON body with Content-Type application/json', async () => {
    await callCrm({
      url: `${origin}/rules/gold`,
      method: 'POST',
      header: null,
      timeoutMs: 2000,
      params: { ...params, dtmf: '1001' },
      ca: [pem],
    });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/rules/gold' });
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0]!.body)).toEqual({
      field_name: 'Customer_Status__c',
      dtmf: '1001',
      caller_id: '+16505550101',
    });
  });

  it('reports a timeout, an unreachable CRM, an untrusted certificate and a URL that is not https', async () => {
    const call = { method: 'GET' as const, header: null, params, ca: [pem] };
    expect(await callCrm({ ...call, url: `${origin}/slow`, timeoutMs: 200 })).toMatchObject({
      ok: false,
      reason: 'timeout',
    });
    expect(await callCrm({ ...call, url: 'https://127.0.0.1:9/x', timeoutMs: 2000 })).toMatchObject({
      ok: false,
      reason: 'unreachable',
    });
    expect(await callCrm({ ...call, ca: [], url: `${origin}/x`, timeoutMs: 2000 })).toMatchObject({
      ok: false,
      reason: 'unreachable',
    });
    expect(await callCrm({ ...call, url: 'http://crm.example/x', timeoutMs: 2000 })).toMatchObject({
      ok: false,
      reason: 'refused-url',
    });
  });
});
