import { request } from 'node:https';
import { ROUTING_SECRET_HEADER } from '../../crm-routing/routing-secret';
import { routingRuleByUrlName } from '../crm-routing/crm-routing-endpoint';
import { generateRoutingSecret } from '../crm-routing/crm-routing-secrets';
import { OrgSiteServer } from '../org-site-server';
import { OrgStandIn } from '../org-stand-in';

// The org's public Salesforce Site as the PBX reaches it: HTTPS, only the CRM routing Apex REST resource, run as the
// Site guest user (docs/adr/0017-crm-routing-endpoint-authentication.md, docs/contracts/crm-routing.md).

let org: OrgStandIn;
let site: OrgSiteServer;
let origin: string;

beforeAll(async () => {
  org = new OrgStandIn({ dataDir: `${__dirname}/../../../../scripts/data` });
  site = new OrgSiteServer({ org });
  origin = await site.start();
});

afterAll(async () => {
  await site.stop();
});

function send(
  origin: string,
  site: OrgSiteServer,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer | string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { method, headers, agent: false, ca: [site.certificate.pem] }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const RULE_PATH = '/services/apexrest/crm-routing/v1/rules/customer-status';

describe('org Site stand-in', () => {
  it('serves the rule over HTTPS with the secret header: a GOLD caller gets the value as text', async () => {
    const rule = routingRuleByUrlName(org.store, 'customer-status')!;
    expect(site.rulesPath).toBe('/services/apexrest/crm-routing/v1/rules/');
    const secret = generateRoutingSecret(org.store, rule.Id);
    const res = await send(
      origin,
      site,
      'GET',
      `${RULE_PATH}?field_name=Customer_Status__c&dtmf=&caller_id=%2B16505550101`,
      {
        [ROUTING_SECRET_HEADER]: secret,
      },
    );
    expect(res).toMatchObject({ status: 200, body: 'GOLD' });
    expect(site.requests.at(-1)).toEqual({ method: 'GET', path: RULE_PATH, status: 200, error: null });
  });

  it('answers a wrong secret with 401 UNAUTHORIZED and the error header', async () => {
    const res = await send(origin, site, 'GET', `${RULE_PATH}?caller_id=%2B16505550101`, {
      [ROUTING_SECRET_HEADER]: 'nope',
    });
    expect(res.status).toBe(401);
    expect(res.headers['x-crm-routing-error']).toBe('UNAUTHORIZED');
    expect(res.body).toMatch(/^UNAUTHORIZED: /);
  });

  it('gives other paths the platform 404 and other methods 405, as Apex REST does', async () => {
    const missing = await send(origin, site, 'GET', '/services/apexrest/other/v1');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toEqual([{ errorCode: 'NOT_FOUND', message: 'Could not find a match for URL' }]);
    const put = await send(origin, site, 'PUT', RULE_PATH);
    expect(put.status).toBe(405);
    expect(JSON.parse(put.body)[0].errorCode).toBe('METHOD_NOT_ALLOWED');
  });

  it('refuses bodies above 8 KB with 413 PAYLOAD_TOO_LARGE (the endpoint itself; the Site cuts off above 1 MiB)', async () => {
    const big = await send(origin, site, 'POST', RULE_PATH, { 'Content-Type': 'application/json' }, 'x'.repeat(8193));
    expect(big.status).toBe(413);
    expect(big.headers['x-crm-routing-error']).toBe('PAYLOAD_TOO_LARGE');
    const huge = await send(
      origin,
      site,
      'POST',
      RULE_PATH,
      { 'Content-Type': 'application/json' },
      Buffer.alloc(1024 * 1024 + 1),
    );
    expect(huge.status).toBe(413);
    // Cut off by the Site or refused by the endpoint: the same code and the same label (Apex_CrmRouting_body_too_large).
    expect(huge.headers['x-crm-routing-error']).toBe('PAYLOAD_TOO_LARGE');
    expect(huge.body).toBe(big.body);
    expect(big.body).toBe('PAYLOAD_TOO_LARGE: The body must be at most 8192 bytes.');
  });
});

describe('org Site stand-in of an org with the package namespace rcsp', () => {
  let nsOrg: OrgStandIn;
  let nsSite: OrgSiteServer;
  let nsOrigin: string;

  beforeAll(async () => {
    nsOrg = new OrgStandIn({ dataDir: `${__dirname}/../../../../scripts/data`, namespace: 'rcsp' });
    nsSite = new OrgSiteServer({ org: nsOrg });
    nsOrigin = await nsSite.start();
  });

  afterAll(async () => {
    await nsSite.stop();
  });

  it('serves the rule under the namespace of the managed package, reading the rule stored with rcsp__ fields', async () => {
    expect(nsSite.rulesPath).toBe('/services/apexrest/rcsp/crm-routing/v1/rules/');
    const rule = routingRuleByUrlName(nsOrg.store, 'customer-status')!;
    expect(nsOrg.store.get(rule.Id)).toHaveProperty('rcsp__URL_Name__c', 'customer-status');
    const headers = { [ROUTING_SECRET_HEADER]: generateRoutingSecret(nsOrg.store, rule.Id) };
    const query = '?field_name=Customer_Status__c&dtmf=&caller_id=%2B16505550101';
    const res = await send(nsOrigin, nsSite, 'GET', `${nsSite.rulesPath}customer-status${query}`, headers);
    expect(res).toMatchObject({ status: 200, body: 'GOLD' });
    const audit = nsOrg.store.all('CRM_Routing_Request__c').at(-1);
    expect(audit).toMatchObject({
      rcsp__URL_Name__c: 'customer-status',
      rcsp__Outcome__c: 'OK',
      rcsp__Verified__c: true,
    });
    const withoutNamespace = await send(nsOrigin, nsSite, 'GET', `${RULE_PATH}${query}`, headers);
    expect(withoutNamespace.status).toBe(404);
  });
});
