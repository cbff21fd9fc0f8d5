import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CALL_LOG_TASK_FIELDS } from '../call-log-task-mapping';
import { ApexCallError } from '../lightning-controllers';
import { OrgStandIn } from '../org-stand-in';

const REPO = join(__dirname, '..', '..', '..', '..');

interface AdminView {
  ok: boolean;
  scope: string;
  scopeId: string | null;
  scopeLabel: string;
  levelSaved: boolean;
  settings: Record<string, unknown>;
  sources: Record<string, string>;
  locked: string[];
  stored: Record<string, unknown>;
  locks: Record<string, string>;
  inherited: Record<string, unknown>;
  inheritedLocked: string[];
  catalog: { logFields: { apiName: string; type: string }[]; picklistFields: { apiName: string }[] };
  audit: { changedBy: string; scopeLabel: string; summary: string }[];
  error?: { code: string; field: string | null; message: string };
  fieldErrors?: { field: string }[];
  view?: AdminView;
  options?: { id: string; label: string; detail: string | null }[];
}

function controllers(org: OrgStandIn, user: 'admin' | 'agent' = 'admin') {
  return (method: string, params: Record<string, unknown>): AdminView =>
    org.lightning.invoke(
      method.startsWith('addCallNote') ? 'SoftphoneCallCardController' : 'SoftphoneAdminController',
      method,
      params,
      org.users[user],
    ) as AdminView;
}

describe('the admin page controller (SoftphoneAdminController, served by the org stand-in)', () => {
  it('shows a level with what it stores, what it inherits, the locks, the catalog and the audit', () => {
    const org = new OrgStandIn();
    const call = controllers(org);
    const saved = call('saveAdminSettings', {
      request: {
        scope: 'org',
        scopeId: null,
        settings: { autoLog: true, logFields: [{ apiName: 'Call_Summary__c', required: true }] },
        locks: { autoLog: 'locked' },
      },
    });
    expect(saved.ok).toBe(true);
    expect(saved.view).toMatchObject({
      scope: 'org',
      scopeLabel: 'Org default',
      levelSaved: true,
      locked: ['autoLog'],
      locks: { autoLog: 'locked' },
      stored: { autoLog: true },
      sources: { autoLog: 'org', defaultRegion: 'default' },
    });
    expect(saved.view?.audit[0]).toMatchObject({
      changedBy: 'Ada Admin',
      scopeLabel: 'Org default',
    });
    expect(saved.view?.audit[0]?.summary).toContain('logFields: inherited → Call_Summary__c*');
    expect(saved.view?.audit[0]?.summary).toContain('lock:autoLog: inherited → locked');

    const profileId = org.users.agent.ProfileId;
    const profile = call('getAdminSettings', { scope: 'profile', scopeId: profileId });
    expect(profile).toMatchObject({
      ok: true,
      scopeLabel: 'Standard User',
      levelSaved: false,
      stored: {},
      inheritedLocked: ['autoLog'],
      locked: ['autoLog'],
      inherited: { autoLog: true },
    });
    const names = profile.catalog.logFields.map((f) => f.apiName);
    expect(names).toEqual(expect.arrayContaining(['Call_Summary__c', 'Call_Outcome__c', 'key__c', 'Type']));
    expect(names).not.toContain('CALL_UNIQUE_ID__c');
    expect(names).not.toContain('Description');
    expect(profile.catalog.picklistFields.map((f) => f.apiName)).toEqual(['Call_Outcome__c', 'Type']);
  });

  it('answers every field error of a save at once and saves nothing', () => {
    const org = new OrgStandIn();
    const result = controllers(org)('saveAdminSettings', {
      request: {
        scope: 'org',
        scopeId: null,
        settings: {
          autoLogDelaySeconds: -5,
          logFields: [{ apiName: 'No_Such__c' }],
          dispositionField: 'Call_Summary__c',
          autoLog: true,
        },
      },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Correct the 3 fields marked below.' },
    });
    expect(result.fieldErrors?.map((e) => e.field)).toEqual([
      'settings.autoLogDelaySeconds',
      'settings.logFields[0].apiName',
      'settings.dispositionField',
    ]);
    expect(org.store.settingsAt('org', null)).toBeUndefined();
    expect(org.store.settingsAudit()).toHaveLength(0);
  });

  it('unlocks a key for one user, clears a value, resets a level and searches scopes', () => {
    const org = new OrgStandIn();
    const call = controllers(org);
    call('saveAdminSettings', {
      request: { scope: 'org', settings: { callingDevice: 'ringout' }, locks: { callingDevice: 'locked' } },
    });
    const agentId = org.users.agent.Id;
    const user = call('saveAdminSettings', {
      request: {
        scope: 'user',
        scopeId: agentId,
        settings: { placeholderCompany: 'Walk-ins' },
        locks: { callingDevice: 'unlocked' },
      },
    });
    expect(user.view).toMatchObject({ scopeLabel: 'Alex Agent', locked: [], locks: { callingDevice: 'unlocked' } });
    expect(org.api.invoke('getSoftphoneSettings', {}, agentId)).toMatchObject({
      locked: [],
      settings: { callingDevice: 'ringout', placeholderCompany: 'Walk-ins' },
      sources: { callingDevice: 'org', placeholderCompany: 'user', autoLog: 'user' },
    });
    const cleared = call('saveAdminSettings', {
      request: { scope: 'user', scopeId: agentId, settings: {}, clear: ['placeholderCompany'] },
    });
    expect(cleared.view).toMatchObject({ settings: { placeholderCompany: 'Unknown' } });
    expect(cleared.view?.stored).not.toHaveProperty('placeholderCompany');
    const reset = call('resetAdminSettings', { scope: 'user', scopeId: agentId });
    expect(reset).toMatchObject({ ok: true, levelSaved: false, locked: ['callingDevice'] });
    expect(org.store.settingsAudit().map((r) => r.Scope_Label__c)).toEqual([
      'Alex Agent',
      'Alex Agent',
      'Alex Agent',
      'Org default',
    ]);
    expect(call('searchScopes', { scope: 'profile', term: 'stand' }).options).toEqual([
      expect.objectContaining({ label: 'Standard User', detail: null }),
    ]);
    expect(call('searchScopes', { scope: 'user', term: 'ada' }).options).toEqual([
      expect.objectContaining({ label: 'Ada Admin', detail: 'ada.admin@example.test · System Administrator' }),
    ]);
    expect(call('searchScopes', { scope: 'user', term: 'a' })).toMatchObject({ ok: false, error: { field: 'term' } });
  });

  it('writes nothing when a save changes nothing', () => {
    const org = new OrgStandIn();
    const call = controllers(org);
    const request = { scope: 'org', settings: { autoLog: true }, locks: { autoLog: 'locked' } };
    call('saveAdminSettings', { request });
    call('saveAdminSettings', { request });
    expect(org.store.settingsAudit()).toHaveLength(1);
  });

  it('refuses users without the class (platform error) and without the custom permission (NO_ACCESS)', () => {
    const org = new OrgStandIn();
    // The agent's permission set does not grant SoftphoneAdminController: the platform refuses the call itself.
    expect(() =>
      org.lightning.invoke('SoftphoneAdminController', 'getAdminSettings', { scope: 'org' }, org.users.agent),
    ).toThrow(new ApexCallError("You do not have access to the Apex class named 'SoftphoneAdminController'."));
    expect(() => org.lightning.invoke('SoftphoneAdminController', 'nope', {}, org.users.admin)).toThrow(
      /No @AuraEnabled method SoftphoneAdminController.nope/,
    );
    const classOnly = org.store.addUser({
      Name: 'Casey Classonly',
      Username: 'casey@example.test',
      permissionSets: ['Softphone_Admin'],
      customPermissions: [],
      objectAccess: 'all',
    });
    expect(
      org.lightning.invoke('SoftphoneAdminController', 'getAdminSettings', { scope: 'org' }, classOnly),
    ).toMatchObject({ ok: false, error: { code: 'NO_ACCESS' } });
  });
});

describe('the call card controller (SoftphoneCallCardController, served by the org stand-in)', () => {
  it("appends a note to the comments as stored now, for the Task's owner only", () => {
    const org = new OrgStandIn();
    org.store.currentUserId = org.users.agent.Id;
    const task = org.store.insert('Task', { Subject: 'Call', Description: 'From the softphone' });
    org.store.update(task.Id, { Description: 'Written by the sync in between' });
    org.store.currentUserId = null;
    const note = (user: 'agent' | 'admin', text: unknown): AdminView =>
      org.lightning.invoke(
        'SoftphoneCallCardController',
        'addCallNote',
        { taskId: task.Id, note: text },
        org.users[user],
      ) as AdminView;
    expect(note('agent', '  Call back Friday ')).toMatchObject({
      ok: true,
      description: 'Written by the sync in between\n\nCall back Friday',
    });
    expect(org.store.get(task.Id)?.Description).toBe('Written by the sync in between\n\nCall back Friday');
    expect(note('agent', ' ')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'note' } });
    expect(note('admin', 'Not mine')).toMatchObject({ ok: false, error: { code: 'NO_ACCESS' } });
    expect(note('agent', 'x'.repeat(32000))).toMatchObject({ ok: false, error: { field: 'note' } });
  });
});

describe('fields the softphone fills itself', () => {
  it('are the same in the package (TaskFieldCatalog.CALL_LOG_FIELDS) and in the stand-in (its Task mapping)', () => {
    const apex = readFileSync(join(REPO, 'force-app/main/default/classes/domains/TaskFieldCatalog.cls'), 'utf8');
    const block = /CALL_LOG_FIELDS = new Set<Schema\.SObjectField>\{([^}]*)\}/.exec(apex)?.[1] ?? '';
    const listed = [...block.matchAll(/\bTask\.(\w+)/g)].map((m) => m[1]!.toLowerCase()).sort();
    expect(listed.length).toBeGreaterThan(0);
    expect(listed).toEqual(CALL_LOG_TASK_FIELDS.map((f) => f.toLowerCase()).sort());
  });
});
