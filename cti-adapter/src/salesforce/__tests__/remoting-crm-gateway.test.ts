import { CrmError } from '../../core/crm/crm-error';
import { readRemoteActionNames } from '../remote-action-names';
import { APEX_FAILURE_MESSAGE, readEnvelope, RemotingCrmGateway } from '../remoting-crm-gateway';
import type { RemotingEvent, VisualforceRemotingManager } from '../visualforce-remoting';

type Handler = (action: string, request: unknown) => { result: unknown; event: RemotingEvent };

function fakeManager(handler: Handler) {
  const invocations: { action: string; request: unknown; options: unknown }[] = [];
  const manager: VisualforceRemotingManager = {
    invokeAction(action: string, ...rest: unknown[]) {
      const [request, callback, options] = rest as [unknown, (r: unknown, e: RemotingEvent) => void, unknown];
      invocations.push({ action, request, options });
      const { result, event } = handler(action, request);
      queueMicrotask(() => callback(result, event));
    },
  };
  return { manager, invocations };
}

const OK: RemotingEvent = { status: true, type: 'rpc', statusCode: 200 };
const config = {
  getAttribute: (name: string) =>
    ({
      'data-match-numbers': 'rcsf.SoftphoneController.matchNumbers',
      'data-upsert-call-logs': 'rcsf.SoftphoneController.upsertCallLogs',
    })[name] ?? null,
};

describe('RemotingCrmGateway', () => {
  it('invokes the action named on #softphone-config with one request object and the contract options', async () => {
    const { manager, invocations } = fakeManager(() => ({
      result: { ok: true, results: [{ e164: '+16505550101', matches: [{ id: '003000000000001AAA' }] }] },
      event: OK,
    }));
    const gateway = new RemotingCrmGateway({ actions: readRemoteActionNames(config), resolveManager: () => manager });
    const results = await gateway.matchNumbers([
      { e164: '+16505550101', countryCallingCode: '1', nationalNumber: '6505550101', display: 'x' } as never,
    ]);
    expect(results).toEqual([{ e164: '+16505550101', matches: [{ id: '003000000000001AAA' }] }]);
    expect(invocations).toEqual([
      {
        action: 'rcsf.SoftphoneController.matchNumbers',
        request: { numbers: [{ e164: '+16505550101', countryCallingCode: '1', nationalNumber: '6505550101' }] },
        options: { buffer: false, escape: false, timeout: 30000 },
      },
    ]);
  });

  it('searches the users a follow-up Task may be assigned to with searchUsers (data-search-users), as User records', async () => {
    const { manager, invocations } = fakeManager(() => ({
      result: {
        ok: true,
        users: [
          { id: '005000000000002AAA', name: 'Sam Supervisor', title: 'Support Supervisor' },
          { id: '005000000000003AAA', name: 'Sam Untitled', title: null },
        ],
      },
      event: OK,
    }));
    const actions = readRemoteActionNames({
      getAttribute: (name) => (name === 'data-search-users' ? 'rcsf.SoftphoneController.searchUsers' : null),
    });
    const gateway = new RemotingCrmGateway({ actions, resolveManager: () => manager });
    await expect(gateway.searchRecords({ term: 'sam', objectTypes: ['User'], limit: 20 })).resolves.toEqual([
      { id: '005000000000002AAA', objectType: 'User', name: 'Sam Supervisor', detail: 'Support Supervisor' },
      { id: '005000000000003AAA', objectType: 'User', name: 'Sam Untitled', detail: null },
    ]);
    expect(invocations).toEqual([
      {
        action: 'rcsf.SoftphoneController.searchUsers',
        request: { term: 'sam', limit: 20 },
        options: { buffer: false, escape: false, timeout: 30000 },
      },
    ]);
    expect(readRemoteActionNames(null).searchUsers).toBe('SoftphoneController.searchUsers');
    // Users are searched alone: a search of other objects is searchRecords.
    await gateway.searchRecords({ term: 'sam', objectTypes: ['Contact', 'User'] }).catch(() => undefined);
    expect(invocations[1]?.action).toBe('SoftphoneController.searchRecords');
  });

  it('refuses a searchUsers answer without its users (malformed), and passes its errors on', async () => {
    const { manager } = fakeManager((_action, request) => ({
      result:
        (request as { term: string }).term === 'x!'
          ? { ok: false, error: { code: 'INVALID_INPUT', message: 'term is too short', field: 'term' } }
          : { ok: true },
      event: OK,
    }));
    const gateway = new RemotingCrmGateway({ actions: readRemoteActionNames(null), resolveManager: () => manager });
    await expect(gateway.searchRecords({ term: 'sam', objectTypes: ['User'] })).rejects.toMatchObject({
      code: 'INTERNAL',
      message: 'Malformed response from Salesforce (users)',
    });
    await expect(gateway.searchRecords({ term: 'x!', objectTypes: ['User'] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'term',
    });
  });

  it('falls back to unnamespaced action names for missing attributes', () => {
    expect(readRemoteActionNames(config).searchRecords).toBe('SoftphoneController.searchRecords');
    expect(readRemoteActionNames(null).getSoftphoneSettings).toBe('SoftphoneController.getSoftphoneSettings');
  });

  it('turns an error envelope into a CrmError with code, message and field', async () => {
    const { manager } = fakeManager(() => ({
      result: {
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'startTime is required', field: 'logs[0].startTime' },
      },
      event: OK,
    }));
    const gateway = new RemotingCrmGateway({ actions: readRemoteActionNames(null), resolveManager: () => manager });
    const error = await gateway.upsertCallLogs([]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'startTime is required',
      field: 'logs[0].startTime',
      retriable: false,
    });
  });

  it('maps an Apex exception to INTERNAL without its text and a communication failure to NETWORK', () => {
    const apex = (): unknown =>
      readEnvelope(null, {
        status: false,
        type: 'exception',
        message: 'System.LimitException: Too many SOQL queries: 101 (Ann Lee, 003xx)',
        where: 'Class.SoftphoneController.matchNumbers: line 18, column 1',
        statusCode: 400,
      });
    expect(apex).toThrow(expect.objectContaining({ code: 'INTERNAL', message: APEX_FAILURE_MESSAGE }));
    expect(apex).not.toThrow(/SOQL|Class\.|Ann Lee/);
    expect(() =>
      readEnvelope(null, {
        status: false,
        type: 'exception',
        message: 'Unable to connect to the server (communication failure).',
        statusCode: 0,
      }),
    ).toThrow(expect.objectContaining({ code: 'NETWORK', retriable: true }));
  });

  it.each([
    [
      { status: false, type: 'exception', statusCode: 408, message: 'Remoting request timed out after 30000 ms.' },
      'NETWORK',
    ],
    [
      { status: false, type: 'exception', statusCode: 503, message: 'Unable to connect to the server (TypeError).' },
      'NETWORK',
    ],
    [{ status: false, type: 'exception', message: 'Remoting request invalid for your session.' }, 'NETWORK'],
    [
      {
        status: false,
        type: 'exception',
        statusCode: 500,
        message: 'Session cache miss in a handler',
        where: 'Class.X.y: line 3',
      },
      'INTERNAL',
    ],
  ] as const)('classifies %j as %s', (event, code) => {
    expect(() => readEnvelope(null, event)).toThrow(expect.objectContaining({ code }));
  });

  it('keeps the reference of a logged server failure for the agent to quote', () => {
    const message = 'Something went wrong (ref SP-1A2B3C4D). Your admin can look it up in Softphone Error Logs.';
    expect(() =>
      readEnvelope({ ok: false, error: { code: 'INTERNAL', message, field: null, reference: 'SP-1A2B3C4D' } }, OK),
    ).toThrow(expect.objectContaining({ code: 'INTERNAL', message, reference: 'SP-1A2B3C4D', retriable: true }));
  });

  it('sends log customization fields under the names the settings gave, whatever the namespace', async () => {
    const { manager, invocations } = fakeManager(() => ({ result: { ok: true, results: [] }, event: OK }));
    const gateway = new RemotingCrmGateway({ actions: readRemoteActionNames(config), resolveManager: () => manager });
    const log = { callUniqueId: 's-1', fields: { key__c: 'ORDER-42', Region__c: 'EMEA' } };
    await gateway.upsertCallLogs([log as never]);
    expect(invocations[0]).toMatchObject({
      action: 'rcsf.SoftphoneController.upsertCallLogs',
      request: { logs: [{ fields: { key__c: 'ORDER-42', Region__c: 'EMEA' } }] },
    });
  });

  it('accepts a JSON-string envelope and rejects malformed answers as INTERNAL', () => {
    expect(readEnvelope('{"ok":true,"records":[]}', OK)).toEqual({ ok: true, records: [] });
    expect(() => readEnvelope('<html>', OK)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(() => readEnvelope({ hello: 1 }, OK)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(() => readEnvelope({ ok: false, error: { code: 'WEIRD' } }, OK)).toThrow(
      expect.objectContaining({ code: 'INTERNAL' }),
    );
  });

  it('merges settings over the defaults and reports the user', async () => {
    const { manager } = fakeManager(() => ({
      result: {
        ok: true,
        settings: { inboundPop: 'answer' },
        user: { id: '005', name: 'Alex Agent' },
        canEditSettings: true,
        locked: ['autoLog', 'somethingElse'],
        sources: { autoLog: 'org' },
      },
      event: OK,
    }));
    const gateway = new RemotingCrmGateway({ actions: readRemoteActionNames(null), resolveManager: () => manager });
    const response = await gateway.getSoftphoneSettings();
    expect(response.settings.inboundPop).toBe('answer');
    expect(response.settings.defaultRegion).toBe('US');
    expect(response).toMatchObject({
      user: { id: '005', name: 'Alex Agent' },
      canEditSettings: true,
      locked: ['autoLog'],
      sources: { autoLog: 'org' },
    });
  });

  it('takes a settings answer handed over by the boot module once, then asks Salesforce again (ADR 0018)', async () => {
    const { manager, invocations } = fakeManager(() => ({
      result: { ok: true, settings: { inboundPop: 'ring' }, user: { id: '005', name: 'Alex Agent' } },
      event: OK,
    }));
    const trips: string[] = [];
    const gateway = new RemotingCrmGateway({
      actions: readRemoteActionNames(null),
      resolveManager: () => manager,
      onRoundTrip: (endpoint) => trips.push(endpoint),
      handedOver: {
        getSoftphoneSettings: {
          answer: Promise.resolve({
            result: JSON.stringify({ ok: true, settings: { inboundPop: 'answer' }, user: { id: '005', name: 'A' } }),
            event: OK,
          }),
          sentAt: Date.now(),
        },
      },
    });
    await expect(gateway.getSoftphoneSettings()).resolves.toMatchObject({ settings: { inboundPop: 'answer' } });
    expect(invocations).toEqual([]);
    await expect(gateway.getSoftphoneSettings()).resolves.toMatchObject({ settings: { inboundPop: 'ring' } });
    expect(invocations.map((i) => i.action)).toEqual(['SoftphoneController.getSoftphoneSettings']);
    expect(trips).toEqual(['getSoftphoneSettings', 'getSoftphoneSettings']);
  });

  it('a handed-over answer that failed is the call’s failure, read as any answer', async () => {
    const gateway = new RemotingCrmGateway({
      actions: readRemoteActionNames(null),
      resolveManager: () => undefined,
      handedOver: {
        getSoftphoneSettings: {
          answer: Promise.resolve({
            result: null,
            event: { status: false, message: 'Unable to connect to the server' },
          }),
          sentAt: Date.now(),
        },
      },
    });
    await expect(gateway.getSoftphoneSettings()).rejects.toMatchObject({ code: 'NETWORK' });
  });

  it('rejects NETWORK when Visualforce remoting is not on the page, and counts round trips', async () => {
    const none = new RemotingCrmGateway({ actions: readRemoteActionNames(null), resolveManager: () => undefined });
    await expect(none.searchRecords({ term: 'acme', objectTypes: ['Account'] })).rejects.toMatchObject({
      code: 'NETWORK',
    });

    const trips: string[] = [];
    const { manager, invocations } = fakeManager((action) => ({
      result: action.endsWith('createPlaceholder')
        ? { ok: true, record: { id: '003PLACEHOLDER' }, created: true }
        : { ok: true, logged: { 's-1': { taskId: '00T1' } } },
      event: OK,
    }));
    const gateway = new RemotingCrmGateway({
      actions: readRemoteActionNames(null),
      resolveManager: () => manager,
      onRoundTrip: (endpoint) => trips.push(endpoint),
    });
    await expect(gateway.getCallLogStatus(['s-1'])).resolves.toEqual({
      's-1': { taskId: '00T1', subject: null, whoId: null, whoName: null, whatId: null, whatName: null },
    });
    await expect(
      gateway.createPlaceholder({ objectType: 'Contact', name: 'Jane Roe', phone: '+16505550199', company: null }),
    ).resolves.toEqual({
      record: { id: '003PLACEHOLDER' },
      created: true,
    });
    expect(trips).toEqual(['getCallLogStatus', 'createPlaceholder']);
    expect(invocations[0]?.request).toEqual({ telephonySessionIds: ['s-1'] });
    expect(invocations[1]?.request).toEqual({
      objectType: 'Contact',
      name: 'Jane Roe',
      phone: '+16505550199',
      company: null,
    });
  });

  it('reads the record names of logged calls as text, and drops entries without a Task', async () => {
    const { manager } = fakeManager(() => ({
      result: {
        ok: true,
        logged: {
          's-1': {
            taskId: '00T1',
            subject: 'Inbound call from LEE ANN',
            whoId: '003A',
            whoName: 'Ann Lee',
            whatId: '001A',
            whatName: 'Acme Corp',
          },
          's-2': { taskId: '00T2', whoId: '003B', whoName: { html: '<b>x</b>' }, whatName: 42 },
          's-3': { subject: 'no task id' },
          's-4': 'not an entry',
        },
      },
      event: OK,
    }));
    const gateway = new RemotingCrmGateway({ actions: readRemoteActionNames(null), resolveManager: () => manager });
    await expect(gateway.getCallLogStatus(['s-1', 's-2', 's-3', 's-4'])).resolves.toEqual({
      's-1': {
        taskId: '00T1',
        subject: 'Inbound call from LEE ANN',
        whoId: '003A',
        whoName: 'Ann Lee',
        whatId: '001A',
        whatName: 'Acme Corp',
      },
      's-2': { taskId: '00T2', subject: null, whoId: '003B', whoName: null, whatId: null, whatName: null },
    });
  });
});
