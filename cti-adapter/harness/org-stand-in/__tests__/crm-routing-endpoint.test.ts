import { ROUTING_SECRET_HEADER } from '../../crm-routing/routing-secret';
import { CrmRoutingEndpoint, routingRuleByUrlName, type SiteRequest } from '../crm-routing/crm-routing-endpoint';
import { generateRoutingSecret } from '../crm-routing/crm-routing-secrets';
import { RoutingFieldCatalog } from '../crm-routing/routing-field-catalog';
import { CustomLabelCatalog } from '../custom-labels';
import { OrgStandIn, ROUTING_OBJECT_DIRS } from '../org-stand-in';

/** A describe that fails, as a platform defect would. */
class BrokenCatalog extends RoutingFieldCatalog {
  override module(): never {
    throw new TypeError('secret internals');
  }
}

// What the contract vectors cannot pin: an unexpected failure of the endpoint, answered as the package answers it.
describe('CRM routing endpoint of the org stand-in: unexpected failures', () => {
  it('answers 500 INTERNAL with a fixed message and a reference, never the exception text, and audits it', () => {
    const org = new OrgStandIn({ dataDir: `${__dirname}/../../../../scripts/data` });
    const rule = routingRuleByUrlName(org.store, 'customer-status')!;
    const secret = generateRoutingSecret(org.store, rule.Id);
    const endpoint = new CrmRoutingEndpoint({
      store: org.store,
      fields: new BrokenCatalog(ROUTING_OBJECT_DIRS),
      runAsUserId: org.users.routingEndpoint.Id,
    });
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const reply = endpoint.handle({
      method: 'GET',
      path: '/crm-routing/v1/rules/customer-status',
      params: { field_name: 'Customer_Status__c', caller_id: '+16505550101' },
      headers: { [ROUTING_SECRET_HEADER]: secret },
      body: null,
    });
    expect(reply.status).toBe(500);
    expect(reply.headers['X-CRM-Routing-Error']).toBe('INTERNAL');
    expect(reply.body).toMatch(
      /^INTERNAL: The request could not be answered \(ref SP-[0-9A-F]{8}\)\. Your admin can look it up in Softphone Error Logs\.$/,
    );
    expect(reply.body).not.toContain('secret internals');
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
    const audit = org.store.all('CRM_Routing_Request__c').at(-1);
    expect(audit).toMatchObject({ Outcome__c: 'INTERNAL', Status_Code__c: 500, Verified__c: true });
    expect(String(audit?.Reason__c)).toContain(reply.body.slice('INTERNAL: '.length, 60));
  });
});

/** One failing request of the endpoint and the Apex label its message must be (`Apex_CrmRouting_*`). */
interface MessageCase {
  readonly what: string;
  readonly request: Partial<SiteRequest>;
  /** A change to the rule `customer-status` before the request (CRM To Use, Requests Per Minute, field). */
  readonly rule?: Record<string, unknown>;
  readonly code: string;
  readonly label: string;
  readonly values?: readonly (string | number)[];
}

const RULE = '/crm-routing/v1/rules/customer-status';
const ASK = { field_name: 'Customer_Status__c', caller_id: '+16505550101' };
const JSON_POST = { 'Content-Type': 'application/json' };

/**
 * Every message the endpoint's own classes build (`CrmRoutingBodyReader`, `CrmRoutingRequestParser`,
 * `CrmRoutingParamReader`, `CrmRoutingService`), in the order the service checks.
 */
const MESSAGE_CASES: readonly MessageCase[] = [
  {
    what: 'a body over 8 KB',
    request: { method: 'POST', headers: JSON_POST, body: Buffer.alloc(8193, 'x') },
    code: 'PAYLOAD_TOO_LARGE',
    label: 'Apex_CrmRouting_body_too_large',
    values: [8192],
  },
  {
    what: 'a path naming no rule',
    request: { path: '/crm-routing/v1/rules/Customer_Status' },
    code: 'INVALID_REQUEST',
    label: 'Apex_CrmRouting_path_invalid',
  },
  {
    what: 'a wrong secret',
    request: { headers: { [ROUTING_SECRET_HEADER]: 'wrong' } },
    code: 'UNAUTHORIZED',
    label: 'Apex_CrmRouting_unauthorized',
    values: [ROUTING_SECRET_HEADER],
  },
  // Before any verified request of the shared org: only the first refused request of a minute is audited.
  {
    what: 'a rule past its Requests Per Minute',
    request: {},
    rule: { Requests_Per_Minute__c: 0 },
    code: 'RATE_LIMITED',
    label: 'Apex_CrmRouting_rate_limited',
    values: [0],
  },
  {
    what: 'a form body',
    request: {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: Buffer.from('a=1'),
    },
    code: 'UNSUPPORTED_MEDIA_TYPE',
    label: 'Apex_CrmRouting_body_not_json',
  },
  {
    what: 'a cut JSON body',
    request: { method: 'POST', headers: JSON_POST, body: Buffer.from('{"dtmf":') },
    code: 'INVALID_JSON',
    label: 'Apex_CrmRouting_body_unparsable',
  },
  {
    what: 'a JSON array',
    request: { method: 'POST', headers: JSON_POST, body: Buffer.from('["dtmf"]') },
    code: 'INVALID_JSON',
    label: 'Apex_CrmRouting_body_not_object',
  },
  {
    what: 'a body value that is not text',
    request: { method: 'POST', headers: JSON_POST, body: Buffer.from('{"caller_id":true}') },
    code: 'INVALID_REQUEST',
    label: 'Apex_CrmRouting_value_not_text',
    values: ['caller_id'],
  },
  {
    what: 'a parameter over 255 characters',
    request: { params: { ...ASK, field_name: 'F'.repeat(256) } },
    code: 'INVALID_REQUEST',
    label: 'Apex_CrmRouting_value_too_long',
    values: ['field_name', 255],
  },
  {
    what: 'an unknown format',
    request: { params: { ...ASK, format: 'xml' } },
    code: 'INVALID_REQUEST',
    label: 'Apex_CrmRouting_format_invalid',
  },
  {
    what: '33 DTMF characters',
    request: { params: { ...ASK, dtmf: '1'.repeat(33) } },
    code: 'INVALID_DTMF',
    label: 'Apex_CrmRouting_dtmf_invalid',
    values: [32],
  },
  {
    what: 'a national caller number',
    request: { params: { ...ASK, caller_id: '6505550101' } },
    code: 'INVALID_CALLER',
    label: 'Apex_CrmRouting_caller_invalid',
  },
  {
    what: 'a rule served by the PBX’s CRM integration',
    request: {},
    rule: { CRM_To_Use__c: 'CRM_Integration' },
    code: 'RULE_NOT_SERVED',
    label: 'Apex_CrmRouting_rule_not_served',
  },
  {
    what: 'a Value rule asked without field_name',
    request: { params: { caller_id: '+16505550101' } },
    code: 'FIELD_REQUIRED',
    label: 'Apex_CrmRouting_field_required',
  },
  {
    what: 'another field than the rule’s',
    request: { params: { ...ASK, field_name: 'Email' } },
    code: 'FIELD_NOT_CONFIGURED',
    label: 'Apex_CrmRouting_field_not_configured',
  },
  {
    what: 'a long text field',
    request: { params: { ...ASK, field_name: 'Description' } },
    rule: { Field_Name__c: 'Description' },
    code: 'FIELD_NOT_ROUTABLE',
    label: 'Apex_CrmRouting_field_not_routable',
  },
];

const labelCatalog = CustomLabelCatalog.fromFolder();

/** The label in a language as `LabelFormat.format` fills it (the translation, else the master value). */
function labelIn(language: string, name: string, values: readonly (string | number)[] = []): string {
  const template = labelCatalog.value(name, language);
  if (template === undefined) throw new Error(`no label ${name}`);
  return template.replace(/\{(\d+)\}/g, (whole, i: string) =>
    values[Number(i)] === undefined ? whole : String(values[Number(i)]),
  );
}

const orgs = new Map<string, { org: OrgStandIn; secret: string }>();

/** The sample org whose Site guest user speaks `language` (`en_US`: the sample as it is), made once per language. */
function orgIn(language: string): { org: OrgStandIn; secret: string } {
  let made = orgs.get(language);
  if (!made) {
    const org = new OrgStandIn({ dataDir: `${__dirname}/../../../../scripts/data` });
    if (language !== 'en_US') org.store.setUserLocale(org.users.routingEndpoint.Id, { language });
    made = { org, secret: generateRoutingSecret(org.store, routingRuleByUrlName(org.store, 'customer-status')!.Id) };
    orgs.set(language, made);
  }
  return made;
}

/** A request to `customer-status` with its secret, the rule changed by `change.rule` for this request only. */
function ask(
  language: string,
  change: MessageCase,
): { org: OrgStandIn; reply: ReturnType<CrmRoutingEndpoint['handle']> } {
  const { org, secret } = orgIn(language);
  const rule = routingRuleByUrlName(org.store, 'customer-status')!;
  const before = change.rule ? Object.fromEntries(Object.keys(change.rule).map((k) => [k, rule[k]])) : null;
  if (change.rule) org.store.update(rule.Id, org.store.namespace.toStore(change.rule));
  try {
    const reply = org.crmRouting.handle({
      method: 'GET',
      path: RULE,
      params: ASK,
      body: null,
      ...change.request,
      headers: { [ROUTING_SECRET_HEADER]: secret, ...change.request.headers },
    });
    return { org, reply };
  } finally {
    if (before) org.store.update(rule.Id, org.store.namespace.toStore(before));
  }
}

// The contract vectors pin the codes (and a few English texts); these pin every message to the Apex class's label.
describe('CRM routing endpoint of the org stand-in: messages are the Apex labels, in the Site guest user’s language', () => {
  it.each(MESSAGE_CASES)('$what: $code with the label $label (English guest user)', (c) => {
    const { org, reply } = ask('en_US', c);
    const message = labelIn('en_US', c.label, c.values);
    expect(reply.headers['X-CRM-Routing-Error']).toBe(c.code);
    expect(reply.body).toBe(`${c.code}: ${message}`);
    expect(org.store.all('CRM_Routing_Request__c').at(-1)?.Reason__c).toBe(message);
  });

  it.each(MESSAGE_CASES)('$what: the French label for a French guest user, the same code', (c) => {
    const { org, reply } = ask('fr', c);
    const message = labelIn('fr', c.label, c.values);
    expect(message).not.toBe(labelIn('en_US', c.label, c.values));
    expect(reply.headers['X-CRM-Routing-Error']).toBe(c.code);
    expect(reply.body).toBe(`${c.code}: ${message}`);
    expect(org.store.all('CRM_Routing_Request__c').at(-1)?.Reason__c).toBe(message);
  });

  it('words the JSON error in the guest user’s language too; the code stays the interface', () => {
    const unauthorized = MESSAGE_CASES.find((c) => c.code === 'UNAUTHORIZED')!;
    const text = ask('fr', unauthorized).reply;
    const json = ask('fr', {
      ...unauthorized,
      request: { ...unauthorized.request, params: { ...ASK, format: 'json' } },
    });
    expect(text.body).toBe('UNAUTHORIZED: Règle inconnue ou en-tête X-CRM-Routing-Secret erroné.');
    expect(json.reply.headers['X-CRM-Routing-Error']).toBe('UNAUTHORIZED');
    expect(JSON.parse(json.reply.body)).toEqual({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: 'Règle inconnue ou en-tête X-CRM-Routing-Secret erroné.' },
    });
  });

  it('answers 500 INTERNAL with Apex_CrmRouting_not_audited when the audit record cannot be saved', () => {
    const org = new OrgStandIn({ dataDir: `${__dirname}/../../../../scripts/data` });
    org.store.setUserLocale(org.users.routingEndpoint.Id, { language: 'fr' });
    const rule = routingRuleByUrlName(org.store, 'customer-status')!;
    const secret = generateRoutingSecret(org.store, rule.Id);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const insert = jest.spyOn(org.store, 'insert').mockImplementation(() => {
      throw new Error('storage full');
    });
    const reply = org.crmRouting.handle({
      method: 'GET',
      path: RULE,
      params: ASK,
      headers: { [ROUTING_SECRET_HEADER]: secret },
      body: null,
    });
    insert.mockRestore();
    error.mockRestore();
    expect(reply.status).toBe(500);
    const reference = /SP-[0-9A-F]{8}/.exec(reply.body)?.[0];
    expect(reference).toBeDefined();
    expect(reply.body).toBe(`INTERNAL: ${labelIn('fr', 'Apex_CrmRouting_not_audited', [reference!])}`);
    expect(reply.body).not.toContain('GOLD');
    expect(reply.body).not.toContain('storage full');
  });
});
