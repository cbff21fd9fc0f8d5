import type { IncomingMessage } from 'node:http';
import { schemaToken } from '../modules/harness/schemaTokens/schemaTokens';
import { sessionInfo } from '../../console/harness-session';
import { uiApiRecord } from '../../console/ui-api-records';
import { OrgStandIn } from '../../org-stand-in/org-stand-in';

const request = { headers: {} } as IncomingMessage;

afterEach(() => {
  delete (globalThis as { harnessSession?: unknown }).harnessSession;
});

describe("the Lightning host's @salesforce/schema stand-in", () => {
  it('names fields as written in an org without a namespace', () => {
    (globalThis as { harnessSession?: unknown }).harnessSession = sessionInfo(request, new OrgStandIn());
    expect(schemaToken('Task', 'from_number__c')).toEqual({ objectApiName: 'Task', fieldApiName: 'from_number__c' });
    expect(schemaToken('Task', null)).toEqual({ objectApiName: 'Task' });
  });

  it("names the package's fields as a namespaced org does, so the call card reads the UI API's record", () => {
    const org = new OrgStandIn({ namespace: 'rcsp' });
    (globalThis as { harnessSession?: unknown }).harnessSession = sessionInfo(request, org);
    const from = schemaToken('Task', 'from_number__c');
    expect(from).toEqual({ objectApiName: 'Task', fieldApiName: 'rcsp__from_number__c' });
    expect(schemaToken('Task', 'Who.Name')).toEqual({ objectApiName: 'Task', fieldApiName: 'Who.Name' });
    expect(schemaToken('Task', 'CallType')).toEqual({ objectApiName: 'Task', fieldApiName: 'CallType' });
    const task = org.store.insert('Task', { Subject: 'Call', rcsp__from_number__c: '+16505550101' });
    const record = uiApiRecord(org.store, task.Id, [`Task.${from.fieldApiName}`], []);
    expect(record.fields[from.fieldApiName!]?.value).toBe('+16505550101');
  });
});
