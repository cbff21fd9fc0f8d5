import { ROUTING_SECRET_HEADER } from '../../crm-routing/routing-secret';
import { CrmRoutingEndpoint, routingRuleByUrlName } from '../crm-routing/crm-routing-endpoint';
import { generateRoutingSecret } from '../crm-routing/crm-routing-secrets';
import { RoutingFieldCatalog } from '../crm-routing/routing-field-catalog';
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
