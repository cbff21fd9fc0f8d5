import { hashRoutingSecret, newRoutingSalt, newRoutingSecret } from '../../crm-routing/routing-secret';
import type { OrgStore } from '../org-store';

/**
 * The admin page's *Generate secret* in the stand-in (`CrmRoutingRuleService.generateSecret`): a new secret for a rule,
 * stored only as its salted hash in the rule's `CRM_Routing_Secret__c` entry (`Name` = the rule id; the package's
 * fields under the org's namespace).
 * @returns the secret, shown once
 * @throws Error when the rule does not exist
 */
export function generateRoutingSecret(store: OrgStore, ruleId: string): string {
  const rule = store.get(ruleId);
  if (!rule || rule.attributes.type !== 'CRM_Routing_Rule__c') throw new Error(`No CRM routing rule ${ruleId}`);
  const secret = newRoutingSecret();
  const salt = newRoutingSalt();
  const fields = store.namespace.toStore({
    Salt__c: salt,
    Hash__c: hashRoutingSecret(salt, secret),
    Generated_At__c: store.timestamp(),
  });
  const existing = store.all('CRM_Routing_Secret__c').find((s) => s.Name === rule.Id);
  if (existing) store.update(existing.Id, fields);
  else store.insert('CRM_Routing_Secret__c', { Name: rule.Id, ...fields });
  return secret;
}
