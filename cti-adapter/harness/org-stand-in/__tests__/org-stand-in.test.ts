import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrgStandIn } from '../org-stand-in';
import { caseSafeSuffix, SalesforceIdFactory, to18 } from '../salesforce-id';
import type { Match } from '../softphone-remote-api';

interface MatchResponse {
  ok: boolean;
  results: { e164: string; matches: Match[] }[];
}
interface UpsertResponse {
  results: {
    ok: boolean;
    taskId: string;
    created: boolean;
    error?: { code: string; field: string | null };
    followUpTaskId?: string | null;
    followUpCreated?: boolean;
  }[];
}
interface PlaceholderResponse {
  record: Match;
  created: boolean;
}
interface SearchResponse {
  records: { objectType: string; name: string; detail: string | null }[];
}
interface SettingsResponse {
  settings: Record<string, unknown>;
}
interface StatusResponse {
  logged: Record<string, Record<string, unknown>>;
}

const ANN = { e164: '+16505550101', countryCallingCode: '1', nationalNumber: '6505550101' };

function seededDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'org-stand-in-'));
  writeFileSync(
    join(dir, 'sample-plan.json'),
    JSON.stringify([
      { sobject: 'Account', saveRefs: true, resolveRefs: false, files: ['Account.json'] },
      { sobject: 'Contact', saveRefs: true, resolveRefs: true, files: ['Contact.json'] },
    ]),
  );
  writeFileSync(
    join(dir, 'Account.json'),
    JSON.stringify({
      records: [
        {
          attributes: { type: 'Account', referenceId: 'AcmeRef' },
          Name: 'Acme Corp',
          Opportunities: {
            records: [
              {
                attributes: { type: 'Opportunity', referenceId: 'OppRef' },
                Name: 'Acme — Renewal',
                StageName: 'Prospecting',
              },
            ],
          },
        },
        {
          attributes: { type: 'Account', referenceId: 'ErinRef' },
          FirstName: 'Erin',
          LastName: 'Park',
          PersonMobilePhone: '(650) 555-0105',
        },
      ],
    }),
  );
  writeFileSync(
    join(dir, 'Contact.json'),
    JSON.stringify({
      records: [
        {
          attributes: { type: 'Contact', referenceId: 'AnnRef' },
          FirstName: 'Ann',
          LastName: 'Lee',
          Phone: '(650) 555-0101',
          AccountId: '@AcmeRef',
        },
        {
          attributes: { type: 'Contact', referenceId: 'EvilRef' },
          FirstName: '<img src=x onerror=alert(1)>',
          LastName: 'Hostile',
          Phone: 'n/a',
        },
      ],
    }),
  );
  return dir;
}

describe('salesforce ids', () => {
  it('computes the case-safe suffix of a known id', () => {
    // Salesforce documentation example: 001A0000006Vm9r → 001A0000006Vm9rIAC
    expect(caseSafeSuffix('001A0000006Vm9r')).toBe('IAC');
    expect(to18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(to18('not an id')).toBeNull();
  });

  it('generates 18-character ids with the key prefix', () => {
    const ids = new SalesforceIdFactory();
    const a = ids.next('00T');
    expect(a).toMatch(/^00T[a-zA-Z0-9]{15}$/);
    expect(to18(a.slice(0, 15))).toBe(a);
    expect(ids.next('00T')).not.toBe(a);
  });
});

describe('org stand-in seeded from sf tree files', () => {
  it('resolves @refs, child records and person accounts', () => {
    const org = new OrgStandIn({ dataDir: seededDir() });
    const ann = org.store.get(org.refs.get('AnnRef')!)!;
    expect(ann.Id.startsWith('003')).toBe(true);
    expect(ann.AccountId).toBe(org.refs.get('AcmeRef'));
    expect(org.store.get(org.refs.get('OppRef')!)!.AccountId).toBe(org.refs.get('AcmeRef'));
    const erin = org.store.get(org.refs.get('ErinRef')!)!;
    expect(erin.IsPersonAccount).toBe(true);
    expect(erin.Name).toBe('Erin Park');
    expect(String(erin.PersonContactId).startsWith('003')).toBe(true);
  });

  it('answers matchNumbers in one round trip with the related records', () => {
    const org = new OrgStandIn({ dataDir: seededDir() });
    const res = org.api.invoke('matchNumbers', { numbers: [ANN] }) as unknown as MatchResponse;
    expect(res.ok).toBe(true);
    expect(res.results[0]!.matches.map((m) => m.name)).toEqual(['Ann Lee']);
    expect(res.results[0]!.matches[0]!.related.map((r) => r.objectType)).toEqual(['Account', 'Opportunity']);
    expect(org.api.roundTrips).toEqual({ matchNumbers: 1 });
  });

  it("answers each record's object label in the running user's language: French for a French agent (ADR 0032)", () => {
    const org = new OrgStandIn({ dataDir: seededDir() });
    const agent = org.users.agent.Id;
    const labelsOf = (res: MatchResponse) =>
      res.results[0]!.matches.map((m) => [m.objectType, m.objectLabel, m.related.map((r) => r.objectLabel)]);
    const english = org.api.invoke('matchNumbers', { numbers: [ANN] }, agent) as unknown as MatchResponse;
    expect(labelsOf(english)).toEqual([['Contact', 'Contact', ['Account', 'Opportunity']]]);
    org.store.setUserLocale(agent, { language: 'fr' });
    const french = org.api.invoke('matchNumbers', { numbers: [ANN] }, agent) as unknown as MatchResponse;
    expect(labelsOf(french)).toEqual([['Contact', 'Contact', ['Compte', 'Opportunité']]]);
    org.store.insert('Lead', {
      FirstName: 'Dan',
      LastName: 'Ortiz',
      Company: 'Ortiz Builders',
      MobilePhone: '6505550103',
    });
    const dan = { e164: '+16505550103', countryCallingCode: '1', nationalNumber: '6505550103' };
    const lead = org.api.invoke('matchNumbers', { numbers: [dan] }, agent) as unknown as MatchResponse;
    expect(labelsOf(lead)).toEqual([['Lead', 'Piste', []]]);
    const found = org.api.invoke(
      'searchRecords',
      { term: 'ortiz', objectTypes: ['Lead', 'Account'] },
      agent,
    ) as unknown as {
      records: { objectType: string; objectLabel: string }[];
    };
    expect(found.records.map((r) => [r.objectType, r.objectLabel])).toContainEqual(['Lead', 'Piste']);
    // The API name stays the key: the same object, whatever the language.
    expect(french.results[0]!.matches[0]!.objectType).toBe('Contact');
  });

  it('reports a person account as an Account with its person contact', () => {
    const org = new OrgStandIn({ dataDir: seededDir() });
    const res = org.api.invoke('matchNumbers', {
      numbers: [{ e164: '+16505550105', countryCallingCode: '1', nationalNumber: '6505550105' }],
    }) as unknown as MatchResponse;
    expect(res.results[0]!.matches).toHaveLength(1);
    expect(res.results[0]!.matches[0]).toMatchObject({
      objectType: 'Account',
      isPersonAccount: true,
      phoneField: 'PersonMobilePhone',
    });
    expect(res.results[0]!.matches[0]!.personContactId).toMatch(/^003/);
  });
});

/** An inbound call from Ann Lee's number, as the softphone logs it. */
const inboundLog = {
  telephonySessionId: 's-abc',
  source: 'agent',
  direction: 'inbound',
  fromNumber: '+16505550101',
  toNumber: '+16505550100',
  fromName: 'LEE ANN',
  startTime: '2026-11-21T10:15:30.000Z',
  endTime: '2026-11-21T10:16:30.000Z',
  durationSeconds: 60,
  notes: 'asked about invoice',
};

describe('upsertCallLogs', () => {
  const log = inboundLog;

  it('creates one Task with the mapped fields and never a second one', () => {
    const org = new OrgStandIn({ dataDir: seededDir() });
    const whoId = org.refs.get('AnnRef');
    const first = org.api.invoke('upsertCallLogs', { logs: [{ ...log, whoId }] }) as unknown as UpsertResponse;
    const second = org.api.invoke('upsertCallLogs', { logs: [{ ...log, whoId }] }) as unknown as UpsertResponse;
    expect(first.results[0]).toMatchObject({ ok: true, created: true });
    expect(second.results[0]).toMatchObject({ ok: true, created: false, taskId: first.results[0]!.taskId });
    const tasks = org.store.all('Task');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      Subject: 'Inbound call from LEE ANN',
      CallType: 'Inbound',
      CallDurationInSeconds: 60,
      CallObject: 's-abc',
      CALL_UNIQUE_ID__c: `s-abc:${org.users.agent.Id}`,
      telephony_session_id__c: 's-abc',
      OwnerId: org.users.agent.Id,
      Status: 'Completed',
      TaskSubtype: 'Call',
      RC_Logging_Type__c: 'call',
      WhoId: whoId,
      ActivityDate: '2026-11-21',
      Description: 'asked about invoice',
    });
  });

  it('lets a later sync fill blanks and extend facts but not overwrite agent fields', () => {
    const org = new OrgStandIn();
    org.api.invoke('upsertCallLogs', { logs: [{ ...log, durationSeconds: 10, endTime: null }] });
    org.api.invoke('upsertCallLogs', {
      logs: [
        {
          ...log,
          source: 'sync',
          notes: 'sync text',
          disposition: 'Left Voicemail',
          durationSeconds: 60,
          recordingUrl: 'https://media.ringcentral.com/restapi/v1.0/account/~/recording/1/content',
        },
      ],
    });
    const [task] = org.store.all('Task');
    expect(task).toMatchObject({
      Description: 'asked about invoice',
      CallDisposition: 'Left Voicemail',
      CallDurationInSeconds: 60,
      call_end_time__c: log.endTime,
      Recording_Information__c: 'https://media.ringcentral.com/restapi/v1.0/account/~/recording/1/content',
    });
  });

  it('merges duplicate ids in one request and reports bad logs one by one', () => {
    const org = new OrgStandIn();
    const res = org.api.invoke('upsertCallLogs', {
      logs: [
        log,
        { ...log, source: 'agent', notes: 'second' },
        { ...log, telephonySessionId: 's-bad', startTime: 'yesterday' },
      ],
    }) as unknown as UpsertResponse;
    expect(res.results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(res.results[2]!.error).toMatchObject({ code: 'INVALID_INPUT', field: 'logs[2].startTime' });
    expect(org.store.all('Task')).toHaveLength(1);
    expect(org.store.all('Task')[0]!.Description).toBe('second');
  });

  it('refuses users without Task access and oversized requests', () => {
    const org = new OrgStandIn({ runAs: 'noPermissions' });
    expect(org.api.invoke('upsertCallLogs', { logs: [log] })).toMatchObject({
      ok: false,
      error: { code: 'NO_ACCESS' },
    });
    const big = Array.from({ length: 201 }, (_, i) => ({ ...log, telephonySessionId: `s-${i}` }));
    expect(org.api.invoke('upsertCallLogs', { logs: big })).toMatchObject({
      ok: false,
      error: { code: 'LIMIT_EXCEEDED' },
    });
  });
});

describe('upsertCallLogs with a follow-up Task (ADR 0033)', () => {
  const log = { ...inboundLog, telephonySessionId: 's-fu', revision: 1 };
  const userNamed = (org: OrgStandIn, name: string): string => org.store.allUsers().find((u) => u.Name === name)!.Id;

  it('assigns the follow-up to a sample user the picker offers (Sam Supervisor, by a 15-character id)', () => {
    const org = new OrgStandIn();
    const sam = userNamed(org, 'Sam Supervisor');
    const res = org.api.invoke('upsertCallLogs', {
      logs: [{ ...log, followUp: { subject: null, ownerId: sam.slice(0, 15), dueDate: '2026-11-24' } }],
    }) as unknown as UpsertResponse;
    expect(res.results[0]).toMatchObject({ ok: true, created: true, followUpCreated: true });
    const followUp = org.store.get(String(res.results[0]!.followUpTaskId));
    expect(followUp).toMatchObject({
      OwnerId: sam,
      CreatedById: org.users.agent.Id,
      Subject: 'Follow up: LEE ANN',
      ActivityDate: '2026-11-24',
      CALL_UNIQUE_ID__c: `s-fu:${org.users.agent.Id}:follow-up`,
    });
  });

  it('refuses a deactivated user and a Site guest user as the assignee, and still logs the call', () => {
    const org = new OrgStandIn();
    for (const ownerId of [userNamed(org, 'Sally Formerstaff'), org.users.routingEndpoint.Id]) {
      const res = org.api.invoke('upsertCallLogs', {
        logs: [{ ...log, telephonySessionId: `s-${ownerId}`, followUp: { ownerId, dueDate: '2026-11-24' } }],
      }) as unknown as UpsertResponse;
      expect(res.results[0]).toMatchObject({
        ok: false,
        taskId: expect.stringMatching(/^00T/),
        error: { code: 'INVALID_INPUT', field: 'logs[0].followUp.ownerId' },
      });
    }
    expect(org.store.all('Task').map((t) => t.TaskSubtype)).toEqual(['Call', 'Call']);
  });

  it('writes one follow-up for two revisions of one call in one request, the later one winning', () => {
    const org = new OrgStandIn();
    const sam = userNamed(org, 'Sam Supervisor');
    const res = org.api.invoke('upsertCallLogs', {
      logs: [
        { ...log, followUp: { subject: 'first', ownerId: sam, dueDate: '2026-11-24' } },
        { ...log, revision: 2, followUp: { subject: 'second', ownerId: sam, dueDate: '2026-11-25' } },
      ],
    }) as unknown as UpsertResponse;
    expect(res.results[0]!.followUpTaskId).toBe(res.results[1]!.followUpTaskId);
    expect(res.results.map((r) => r.followUpCreated)).toEqual([true, true]);
    expect(org.store.all('Task').filter((t) => t.RC_Logging_Type__c === 'follow-up')).toEqual([
      expect.objectContaining({ Subject: 'second', ActivityDate: '2026-11-25' }),
    ]);
  });

  it('lets a user with View All Data see and update a follow-up without Who or What that another user owns', () => {
    const org = new OrgStandIn({ runAs: 'admin' });
    const sam = userNamed(org, 'Sam Supervisor');
    const followUp = { ownerId: sam, dueDate: '2026-11-24' };
    org.api.invoke('upsertCallLogs', { logs: [{ ...log, followUp }] });
    const again = org.api.invoke('upsertCallLogs', {
      logs: [{ ...log, revision: 2, followUp: { ...followUp, dueDate: '2026-11-30' } }],
    }) as unknown as UpsertResponse;
    expect(again.results[0]).toMatchObject({ ok: true, followUpTaskId: expect.stringMatching(/^00T/) });
    expect(org.store.all('Task').filter((t) => t.OwnerId === sam)).toEqual([
      expect.objectContaining({ ActivityDate: '2026-11-30' }),
    ]);
  });
});

describe('other endpoints', () => {
  it('creates a placeholder once per name and phone', () => {
    const org = new OrgStandIn();
    const req = { objectType: 'Lead', name: ' Jane Q Roe ', phone: '+16505550199', company: null };
    const a = org.api.invoke('createPlaceholder', req) as unknown as PlaceholderResponse;
    const b = org.api.invoke('createPlaceholder', req) as unknown as PlaceholderResponse;
    expect(a).toMatchObject({
      ok: true,
      created: true,
      record: { objectType: 'Lead', name: 'Jane Q Roe', company: 'Unknown' },
    });
    expect(b).toMatchObject({ ok: true, created: false, record: { id: a.record.id } });
    expect(org.store.get(a.record.id)).toMatchObject({ FirstName: 'Jane Q', LastName: 'Roe', Phone: '+16505550199' });
  });

  it('searches by word prefix across the requested objects', () => {
    const org = new OrgStandIn({ dataDir: seededDir() });
    const res = org.api.invoke('searchRecords', {
      term: 'acm',
      objectTypes: ['Account', 'Opportunity'],
    }) as unknown as SearchResponse;
    expect(res.records.map((r) => [r.objectType, r.name, r.detail])).toEqual([
      ['Account', 'Acme Corp', null],
      ['Opportunity', 'Acme — Renewal', 'Acme Corp'],
    ]);
    expect(org.api.invoke('searchRecords', { term: 'a', objectTypes: ['Account'] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'term' },
    });
  });

  it('searches the users a follow-up Task may be assigned to: active standard users by name', () => {
    const org = new OrgStandIn();
    const sam = org.store.allUsers().find((u) => u.Name === 'Sam Supervisor');
    expect(org.api.invoke('searchUsers', { term: ' sam ', limit: 5 })).toEqual({
      ok: true,
      users: [{ id: sam?.Id, name: 'Sam Supervisor', title: 'Support Supervisor' }],
    });
    // The deactivated user and the Site guest users are never offered; the name matches anywhere, case-insensitively.
    expect(org.api.invoke('searchUsers', { term: 'former' })).toEqual({ ok: true, users: [] });
    expect(org.api.invoke('searchUsers', { term: 'guest user' })).toEqual({ ok: true, users: [] });
    const a = org.api.invoke('searchUsers', { term: 'A', limit: 50 });
    expect(a).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'term' } });
    const names = (org.api.invoke('searchUsers', { term: 'ad', limit: 50 }) as unknown as { users: { name: string }[] })
      .users;
    expect(names.map((u) => u.name)).toEqual(['Ada Admin']);
    const limited = org.api.invoke('searchUsers', { term: 'al', limit: 1 }) as unknown as { users: unknown[] };
    expect(limited.users).toHaveLength(1);
  });

  it('merges the settings hierarchy and restricts saving to admins', () => {
    const org = new OrgStandIn();
    expect(
      org.api.invoke('saveSoftphoneSettings', { scope: 'org', scopeId: null, settings: { autoLog: true } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NO_ACCESS' },
    });
    const admin = org.users.admin.Id;
    const agent = org.users.agent;
    expect(
      org.api.invoke(
        'saveSoftphoneSettings',
        { scope: 'org', scopeId: null, settings: { autoLog: true, defaultRegion: 'GB' } },
        admin,
      ),
    ).toMatchObject({ ok: true });
    expect(
      org.api.invoke(
        'saveSoftphoneSettings',
        { scope: 'user', scopeId: agent.Id, settings: { defaultRegion: 'DE' } },
        admin,
      ),
    ).toMatchObject({ ok: true });
    expect(
      org.api.invoke('saveSoftphoneSettings', { scope: 'user', scopeId: agent.Id, settings: { nope: 1 } }, admin),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'settings.nope' },
    });
    const mine = org.api.invoke('getSoftphoneSettings', {}) as unknown as SettingsResponse;
    expect(mine.settings).toMatchObject({ autoLog: true, defaultRegion: 'DE', placeholderCompany: 'Unknown' });
    expect(mine).toMatchObject({ user: { id: agent.Id, name: 'Alex Agent' }, canEditSettings: false });
  });

  it('reports logged calls by id', () => {
    const org = new OrgStandIn();
    org.api.invoke('upsertCallLogs', {
      logs: [
        {
          telephonySessionId: 's-1',
          direction: 'outbound',
          toNumber: '+16505550102',
          startTime: '2026-11-21T10:00:00Z',
        },
      ],
    });
    const res = org.api.invoke('getCallLogStatus', {
      telephonySessionIds: ['s-1', 's-2'],
    }) as unknown as StatusResponse;
    expect(Object.keys(res.logged)).toEqual(['s-1']);
    expect(res.logged['s-1']).toMatchObject({ subject: 'Outbound call to +16505550102', whoId: null });
  });

  it('throws for an unknown remote action (a remoting exception, not an envelope)', () => {
    expect(() => new OrgStandIn().api.invoke('dropDatabase', {})).toThrow(/No such remote action/);
  });
});

describe('contract rules not pinned by a vector', () => {
  const base = {
    telephonySessionId: 'S-Case-1',
    source: 'agent',
    direction: 'inbound',
    fromNumber: '+16505550101',
    startTime: '2026-11-21T02:15:30-08:00',
  };

  it('treats null as "leave" and "" as "clear" on an agent save; no disposition chosen leaves it blank', () => {
    const org = new OrgStandIn();
    org.api.invoke('upsertCallLogs', { logs: [{ ...base, notes: 'first', result: 'Missed' }] });
    const [task] = org.store.all('Task');
    expect(task).toMatchObject({ Description: 'first', CallDisposition: null, hvs_disposition__c: null });
    expect(task!.call_start_time__c).toBe('2026-11-21T10:15:30.000Z');
    org.api.invoke('upsertCallLogs', { logs: [{ ...base, telephonySessionId: 's-case-1', notes: null, subject: '' }] });
    expect(org.store.all('Task')).toHaveLength(1);
    // A cleared Subject gets the default subject (vector upsert-agent-save-null-keeps-empty-string-clears-each-editable-field).
    expect(org.store.all('Task')[0]).toMatchObject({ Description: 'first', Subject: 'Inbound call from +16505550101' });
    org.api.invoke('upsertCallLogs', { logs: [{ ...base, notes: '', disposition: 'Left Voicemail' }] });
    expect(org.store.all('Task')[0]).toMatchObject({
      Description: null,
      CallDisposition: 'Left Voicemail',
      hvs_disposition__c: 'Left Voicemail',
    });
  });

  it('writes the disposition to the HVS field in HVS mode', () => {
    const org = new OrgStandIn();
    org.api.storeOrgDefault({ hvsMode: true, hvsDispositionField: 'key__c' }, {});
    org.api.invoke('upsertCallLogs', { logs: [{ ...base, disposition: 'Meaningful Connect' }] });
    expect(org.store.all('Task')[0]).toMatchObject({ key__c: 'Meaningful Connect' });
  });

  it('refuses an end before the start and a recording link that is not https', () => {
    const org = new OrgStandIn();
    const res = org.api.invoke('upsertCallLogs', {
      logs: [
        { ...base, endTime: '2026-11-21T10:00:00Z' },
        { ...base, telephonySessionId: 's-2', recordingUrl: 'http://example.test/r' },
      ],
    }) as unknown as UpsertResponse;
    expect(res.results.map((r) => r.error?.field)).toEqual(['logs[0].endTime', 'logs[1].recordingUrl']);
  });

  it('refuses number parts that do not add up and orders equal matches newest first', () => {
    const org = new OrgStandIn();
    expect(
      org.api.invoke('matchNumbers', {
        numbers: [{ e164: '+16505550101', countryCallingCode: '1', nationalNumber: '6505550102' }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'numbers[0]' } });
    const a = org.store.insert('Contact', {
      LastName: 'A',
      Phone: '6505550101',
      LastModifiedDate: '2026-01-01T00:00:00.000Z',
    });
    const b = org.store.insert('Contact', {
      LastName: 'B',
      Phone: '6505550101',
      LastModifiedDate: '2026-01-01T00:00:00.000Z',
    });
    const res = org.api.invoke('matchNumbers', { numbers: [ANN] }) as unknown as MatchResponse;
    expect(res.results[0]!.matches.map((m) => m.id)).toEqual([b.Id, a.Id]);
  });

  it('collapses spaces in placeholder names and limits the name parts', () => {
    const org = new OrgStandIn();
    const res = org.api.invoke('createPlaceholder', {
      objectType: 'Contact',
      name: 'Jane   Roe',
      phone: '+16505550199',
    }) as unknown as PlaceholderResponse;
    expect(res.record).toMatchObject({ name: 'Jane Roe', related: [], phoneField: 'Phone' });
    expect(
      org.api.invoke('createPlaceholder', {
        objectType: 'Contact',
        name: `J ${'x'.repeat(81)}`,
        phone: '+16505550199',
      }),
    ).toMatchObject({
      ok: false,
      error: { field: 'name' },
    });
  });

  it('validates settings against the schema and materializes checkboxes on a first save', () => {
    const org = new OrgStandIn();
    const admin = org.users.admin.Id;
    const save = (scope: string, scopeId: string | null, settings: unknown): unknown =>
      org.api.invoke('saveSoftphoneSettings', { scope, scopeId, settings }, admin);
    expect(save('org', null, { matchObjects: ['Contact', 'Opportunity'] })).toMatchObject({
      error: { field: 'settings.matchObjects[1]' },
    });
    expect(save('org', null, { objectPriority: ['Nope'] })).toMatchObject({
      error: { field: 'settings.objectPriority[0]' },
    });
    expect(save('org', null, { dispositions: ['a;b'] })).toMatchObject({
      error: { field: 'settings.dispositions[0]' },
    });
    expect(save('org', null, { autoLogDelaySeconds: 601 })).toMatchObject({
      error: { field: 'settings.autoLogDelaySeconds' },
    });
    expect(save('org', null, { logFields: [{ apiName: 'CallDurationInSeconds' }] })).toMatchObject({
      error: { field: 'settings.logFields[0].apiName' },
    });
    expect(save('user', '005000000000000AAA', {})).toMatchObject({ error: { code: 'NOT_FOUND', field: 'scopeId' } });
    expect(save('org', null, { logFields: [{ apiName: 'caller_name__c' }] })).toMatchObject({
      error: { field: 'settings.logFields[0].apiName', message: 'The softphone fills this field itself.' },
    });
    expect(save('org', null, { logFields: [{ apiName: 'key__c' }] })).toMatchObject({
      ok: true,
      settings: { logFields: [{ apiName: 'key__c', label: 'key', type: 'string', required: false }] },
    });
    // The agent's level starts from the org's autoLog in effect at its first save; a later org change does not reach it.
    expect(save('org', null, { autoLog: true })).toMatchObject({ ok: true });
    expect(save('user', org.users.agent.Id, { defaultRegion: 'GB' })).toMatchObject({
      ok: true,
      settings: { autoLog: true },
    });
    save('org', null, { autoLog: false });
    expect(org.api.invoke('getSoftphoneSettings', {})).toMatchObject({
      settings: { autoLog: true, defaultRegion: 'GB' },
    });
  });
});

describe('the noPermissions user (Standard User without the Softphone Agent permission set)', () => {
  it('matches, searches and creates placeholders but cannot log or read call logs', () => {
    const org = new OrgStandIn({ dataDir: seededDir(), runAs: 'noPermissions' });
    expect(
      (org.api.invoke('matchNumbers', { numbers: [ANN] }) as unknown as MatchResponse).results[0]!.matches,
    ).toHaveLength(1);
    const search = org.api.invoke('searchRecords', { term: 'acme' }) as unknown as SearchResponse;
    expect(search.records.map((r) => [r.objectType, r.name])).toEqual([
      ['Contact', 'Ann Lee'],
      ['Account', 'Acme Corp'],
      ['Opportunity', 'Acme — Renewal'],
    ]);
    expect(
      org.api.invoke('createPlaceholder', { objectType: 'Lead', name: 'X Y', phone: '+16505550199' }),
    ).toMatchObject({ ok: true });
    expect(org.api.invoke('getCallLogStatus', { telephonySessionIds: ['s-1'] })).toMatchObject({
      ok: false,
      error: { code: 'NO_ACCESS' },
    });
    expect(org.api.invoke('getCallLogStatus', { telephonySessionIds: [''] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'telephonySessionIds[0]' },
    });
  });
});

describe('validation rules of the package (Recording_Link_Is_RingCentral_Media)', () => {
  const base = {
    telephonySessionId: 's-rec-1',
    source: 'sync',
    direction: 'inbound',
    fromNumber: '+16505550101',
    startTime: '2026-11-21T10:15:30.000Z',
  };
  const media = 'https://media.ringcentral.com/restapi/v1.0/account/~/recording/7/content';

  it('refuses a save whose recording link is not a RingCentral media link, with the rule message', () => {
    const org = new OrgStandIn();
    const res = org.api.invoke('upsertCallLogs', {
      logs: [
        { ...base, recordingUrl: 'https://evil.example.com/r/7' },
        { ...base, telephonySessionId: 's-rec-2', recordingUrl: media },
      ],
    }) as unknown as { results: { ok: boolean; error?: { code: string; message: string; field: null } }[] };
    expect(res.results[0]).toEqual({
      telephonySessionId: 's-rec-1',
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Recording Information must be a RingCentral media link (https://media.ringcentral.com/...).',
        field: null,
      },
    });
    expect(res.results[1]!.ok).toBe(true);
    expect(org.store.all('Task')).toHaveLength(1);
  });

  it('reads a configured origin (the simulator) as RingCentral media for the rule, and keeps the link as sent', () => {
    const simulator = 'https://127.0.0.1:8443';
    const link = `${simulator}/restapi/v1.0/account/~/recording/7/content`;
    const upsert = (org: OrgStandIn, recordingUrl: string) =>
      (
        org.api.invoke('upsertCallLogs', { logs: [{ ...base, recordingUrl }] }) as unknown as {
          results: { ok: boolean; error?: { code: string } }[];
        }
      ).results[0];
    expect(upsert(new OrgStandIn(), link)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const harnessOrg = new OrgStandIn({ ringCentralMediaOrigins: [`${simulator}/`] });
    expect(upsert(harnessOrg, link)).toMatchObject({ ok: true });
    expect(harnessOrg.store.all('Task')[0]).toMatchObject({ Recording_Information__c: link });
    const otherPort = new OrgStandIn({ ringCentralMediaOrigins: [simulator] });
    expect(upsert(otherPort, 'https://127.0.0.1:84430/restapi/v1.0/account/~/recording/7/content')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('leaves a stored link alone until someone changes it (ISNEW, ISCHANGED)', () => {
    const org = new OrgStandIn();
    const legacy = 'https://legacy.example.com/r/1';
    expect(() => org.store.insert('Task', { Subject: 'Old', Recording_Information__c: legacy })).toThrow(
      /RingCentral media link/,
    );
    org.store.insert('Task', { Subject: 'Old', Recording_Information__c: media });
    const [task] = org.store.all('Task');
    Object.assign(task!, { Recording_Information__c: legacy });
    expect(() => org.store.update(task!.Id, { Subject: 'Renamed' })).not.toThrow();
    expect(() => org.store.update(task!.Id, { Recording_Information__c: 'javascript:alert(1)' })).toThrow(
      /RingCentral media link/,
    );
  });
});

describe('an org with the package namespace rcsp', () => {
  it('stores the package fields namespaced and refuses them unprefixed, while the wire stays namespace-neutral', () => {
    const org = new OrgStandIn({ namespace: 'rcsp' });
    org.store.saveSettingsAt('org', null, {
      values: { logFields: [{ apiName: 'key__c', label: 'key', type: 'string', required: false }] },
      locks: {},
    });
    const log = {
      telephonySessionId: 's-ns-1',
      revision: 20,
      source: 'agent',
      direction: 'inbound',
      fromNumber: '+16505550101',
      startTime: '2026-11-21T10:15:30.000Z',
      notes: 'Newer tab',
      fields: { key__c: 'ORDER-42' },
    };
    const res = org.api.invoke('upsertCallLogs', { logs: [log] }) as unknown as UpsertResponse;
    expect(res.results[0]!.ok).toBe(true);
    const [task] = org.store.all('Task');
    expect(task).toMatchObject({
      rcsp__CALL_UNIQUE_ID__c: `s-ns-1:${org.users.agent.Id}`,
      rcsp__telephony_session_id__c: 's-ns-1',
      rcsp__log_revision__c: 20,
      rcsp__key__c: 'ORDER-42',
    });
    expect(task).not.toHaveProperty('key__c');
    expect(task).not.toHaveProperty('log_revision__c');
    // The stored revision is read under its namespaced name: an older one is still refused.
    const older = org.api.invoke('upsertCallLogs', {
      logs: [{ ...log, revision: 10, notes: 'Older tab' }],
    }) as unknown as UpsertResponse;
    expect(older.results[0]).toMatchObject({ ok: true, taskId: task!.Id, superseded: true });
    expect(org.store.get(task!.Id)).toMatchObject({ Description: 'Newer tab', rcsp__log_revision__c: 20 });
    expect(org.api.invoke('getCallLogStatus', { telephonySessionIds: ['s-ns-1'] })).toMatchObject({
      logged: { 's-ns-1': { taskId: task!.Id } },
    });
    expect(() => org.store.insert('Task', { Subject: 'x', CALL_UNIQUE_ID__c: 's-2' })).toThrow(
      "No such column 'CALL_UNIQUE_ID__c' on entity 'Task': in namespace rcsp it is 'rcsp__CALL_UNIQUE_ID__c'",
    );
    const admin = org.users.admin.Id;
    const saved = org.api.invoke(
      'saveSoftphoneSettings',
      { scope: 'org', scopeId: null, settings: { hvsDispositionField: 'rcsp__hvs_disposition__c' } },
      admin,
    ) as unknown as SettingsResponse;
    expect(saved.settings.hvsDispositionField).toBe('hvs_disposition__c');
    // The settings audit is a record of the package's object: its fields are stored namespaced too.
    const [stored] = org.store.storedSettingsAudit();
    expect(stored).toMatchObject({ rcsp__Scope__c: 'org', rcsp__Scope_Label__c: 'Org default' });
    expect(stored).not.toHaveProperty('Summary__c');
    expect(org.store.settingsAudit()[0]?.Summary__c).toContain('hvsDispositionField: inherited → hvs_disposition__c');
    expect(() => org.store.addSettingsAudit({ Scope__c: 'org', Summary__c: 'x' })).toThrow(
      "No such column 'Scope__c' on entity 'Softphone_Settings_Audit__c': in namespace rcsp it is 'rcsp__Scope__c'",
    );
  });
});
