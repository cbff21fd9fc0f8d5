import { OrgStandIn } from '../../../harness/org-stand-in/org-stand-in';
import { CrmError } from '../../core/crm/crm-error';
import {
  readSmsTemplateActionNames,
  RemotingSmsTemplateGateway,
  SmsTemplateFileError,
} from '../remoting-sms-template-gateway';
import type { RemotingEvent, VisualforceRemotingManager } from '../visualforce-remoting';

const OK: RemotingEvent = { status: true, type: 'rpc', statusCode: 200 };

/** A remoting manager answering from the org stand-in as the running user (`SmsTemplateController` on the wire). */
function orgGateway(runAs: 'agent' | 'admin', namespace?: string) {
  const org = new OrgStandIn({ runAs, namespace });
  const actions: string[] = [];
  const manager: VisualforceRemotingManager = {
    invokeAction(action: string, ...rest: unknown[]) {
      const [request, callback] = rest as [unknown, (r: unknown, e: RemotingEvent) => void];
      actions.push(action);
      const method = action.split('.').pop() ?? '';
      const result = org.api.invoke(method, request, org.users[runAs]!.Id);
      queueMicrotask(() => callback(result, OK));
    },
  };
  const names = readSmsTemplateActionNames({
    getAttribute: (name) =>
      name === 'data-list-sms-templates' && namespace ? `${namespace}.SmsTemplateController.listSmsTemplates` : null,
  });
  return { org, actions, gateway: new RemotingSmsTemplateGateway({ actions: names, resolveManager: () => manager }) };
}

describe('RemotingSmsTemplateGateway', () => {
  it('saves a personal template and lists it filled for a contact', async () => {
    const { org, gateway } = orgGateway('agent');
    org.store.currentUserId = org.users.agent!.Id;
    const acme = org.store.insert('Account', { Name: 'Acme' });
    const ann = org.store.insert('Contact', { FirstName: 'Ann', LastName: 'Lee', AccountId: acme.Id });
    org.store.currentUserId = null;
    const saved = await gateway.save({ name: 'Hello', body: 'Hi {FirstName} from {Company}', scope: 'personal' });
    expect(saved).toMatchObject({ name: 'Hello', scope: 'personal', active: true, canEdit: true, category: null });
    const list = await gateway.list({ recordId: ann.Id, search: 'hello' });
    expect(list.canManageOrg).toBe(false);
    expect(list.templates).toEqual([
      expect.objectContaining({ id: saved.id, filled: 'Hi Ann from Acme', missing: [] }),
    ]);
    await gateway.remove(saved.id);
    expect((await gateway.list()).templates).toEqual([]);
  });

  it('rejects with CrmError and the field for an invalid template', async () => {
    const { gateway } = orgGateway('agent');
    const error = await gateway.save({ name: 'x', body: 'Hi {Frist}', scope: 'personal' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'template.body' });
    await expect(gateway.save({ name: 'Org', body: 'Hi', scope: 'org' })).rejects.toMatchObject({ code: 'NO_ACCESS' });
  });

  it('previews and applies an import; a malformed file rejects with its line and imports nothing', async () => {
    const { gateway } = orgGateway('admin');
    await gateway.save({ name: 'Keep', body: 'Same', scope: 'org' });
    const csv = 'name,body\nKeep,Same\nNew,"Hello, {Name}"\n';
    const preview = await gateway.previewImport({ format: 'csv', content: csv, scope: 'org' });
    expect(preview).toEqual({
      added: [{ line: 3, name: 'New', body: 'Hello, {Name}', category: null, active: true }],
      changed: [],
      kept: ['Keep'],
      untouched: 0,
    });
    const bad = await gateway
      .applyImport({ format: 'csv', content: 'name,body\nA,ok\nB,"open\n', scope: 'org' })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(SmsTemplateFileError);
    expect(bad).toMatchObject({ line: 3, code: 'INVALID_INPUT', field: 'content' });
    expect((bad as Error).message).toBe('Line 3: A quoted value is not closed: add the closing double quote.');
    expect((await gateway.list()).templates.map((t) => t.name)).toEqual(['Keep']);
    await expect(gateway.applyImport({ format: 'csv', content: csv, scope: 'org' })).resolves.toEqual({
      added: 1,
      changed: 0,
      kept: 1,
      untouched: 0,
    });
    const exported = await gateway.exportTemplates('json', 'org');
    expect(exported.fileName).toBe('sms-templates-org.json');
    expect(JSON.parse(exported.content)).toEqual({
      templates: [
        { name: 'Keep', body: 'Same', category: null, active: true },
        { name: 'New', body: 'Hello, {Name}', category: null, active: true },
      ],
    });
  });

  it('calls the namespaced action names the page publishes', async () => {
    const { gateway, actions } = orgGateway('agent', 'rcsp');
    await gateway.list();
    expect(actions).toEqual(['rcsp.SmsTemplateController.listSmsTemplates']);
  });
});
