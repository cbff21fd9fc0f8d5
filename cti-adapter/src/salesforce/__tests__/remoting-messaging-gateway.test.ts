import { CrmError } from '../../core/crm/crm-error';
import { RemotingMessagingGateway } from '../remoting-messaging-gateway';

describe('RemotingMessagingGateway (the Messages tab’s remote actions over the page’s one transport)', () => {
  const log = {
    conversationId: '55501',
    day: '2026-12-05',
    source: 'auto' as const,
    contactNumber: '+16505550101',
    agentNumber: null,
    contactName: null,
    whoId: null,
    whatId: null,
    messages: [{ id: '1', direction: 'inbound' as const, at: '2026-12-05T18:15:00.000Z', text: 'hi' }],
    revision: 7,
  };

  it('sends {logs} to upsertSmsLogs and answers the results in request order', async () => {
    const invoke = jest.fn(async () => ({ results: [{ key: '55501:2026-12-05', ok: true, taskId: '00T1' }] }));
    const results = await new RemotingMessagingGateway({ invoke }).upsertSmsLogs([log]);
    expect(invoke).toHaveBeenCalledWith('upsertSmsLogs', { logs: [log] });
    expect(results).toEqual([{ key: '55501:2026-12-05', ok: true, taskId: '00T1' }]);
  });

  it('passes the transport’s CrmError on, and refuses a response without results', async () => {
    const failing = new RemotingMessagingGateway({
      invoke: async () => Promise.reject(new CrmError('NETWORK', 'down')),
    });
    await expect(failing.upsertSmsLogs([log])).rejects.toMatchObject({ code: 'NETWORK' });
    const malformed = new RemotingMessagingGateway({ invoke: async () => ({}) });
    await expect(malformed.upsertSmsLogs([log])).rejects.toThrow(/no results/);
  });
});
