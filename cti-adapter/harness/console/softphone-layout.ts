/**
 * The softphone layout the console hands out with `getSoftphoneLayout` (Open CTI: `{Inbound|Outbound|Internal:
 * {callRelatedFields, objects, screenPopSettings}}`). Softphone layouts cannot be deployed (admins set them in
 * Setup), so the harness serves one fixed layout shaped like Salesforce's default: Account, Contact, Lead by phone.
 */
export function defaultSoftphoneLayout(): Record<string, unknown> {
  const objects = {
    Account: [
      { apiName: 'Name', displayName: 'Account Name' },
      { apiName: 'Phone', displayName: 'Phone' },
    ],
    Contact: [
      { apiName: 'Name', displayName: 'Name' },
      { apiName: 'Phone', displayName: 'Phone' },
      { apiName: 'MobilePhone', displayName: 'Mobile' },
    ],
    Lead: [
      { apiName: 'Name', displayName: 'Name' },
      { apiName: 'Company', displayName: 'Company' },
      { apiName: 'Phone', displayName: 'Phone' },
    ],
  };
  const section = (callRelatedFields: string[]) => ({
    callRelatedFields,
    objects,
    screenPopSettings: {
      NoMatch: { screenPopType: 'PopToEntity', screenPopData: 'Contact' },
      SingleMatch: { screenPopType: 'PopToEntity' },
      MultipleMatches: { screenPopType: 'PopToSearch' },
    },
  });
  return {
    Inbound: section(['ANI', 'DNIS', 'SEGMENT', 'QUEUE']),
    Outbound: section(['ANI', 'DNIS', 'SEGMENT']),
    Internal: section(['ANI', 'DNIS']),
  };
}
