import { CustomLabelCatalog } from '../custom-labels';
import { OrgStandIn } from '../org-stand-in';

const catalog = CustomLabelCatalog.fromFolder();
const french = (name: string): string => catalog.translationsOf('fr').find((t) => t.name === name)!.label;

/**
 * The SMS template and SMS log messages of the org stand-in are the Apex's `System.Label.Apex_*` in the running user's
 * language (ADR 0032), read from the package's labels and translation files: English for an English user (what the
 * contract vectors pin), French for a French one.
 */
describe('SMS templates and SMS logs answer in the running user’s language (ADR 0032)', () => {
  function agentIn(language: 'en_US' | 'fr'): { org: OrgStandIn; user: string } {
    const org = new OrgStandIn();
    const user = org.users.agent.Id;
    org.store.setUserLocale(user, { language });
    return { org, user };
  }

  const badFile = { format: 'csv', content: 'name,body\nA,ok\nB,"open\n', scope: 'personal' };

  it('names the line of a broken import file in English, with the label’s master value', () => {
    const { org, user } = agentIn('en_US');
    const preview = org.api.invoke('previewSmsTemplateImport', badFile, user);
    expect(preview).toMatchObject({
      ok: false,
      line: 3,
      error: {
        code: 'INVALID_INPUT',
        field: 'content',
        message: 'Line 3: A quoted value is not closed: add the closing double quote.',
      },
    });
  });

  it('names the line of a broken import file in French for a French user', () => {
    const { org, user } = agentIn('fr');
    const preview = org.api.invoke('previewSmsTemplateImport', badFile, user);
    expect(preview).toMatchObject({
      ok: false,
      line: 3,
      error: {
        message: 'Ligne 3 : ' + french('Apex_Sms_file_quote_not_closed'),
      },
    });
    const unknown = org.api.invoke(
      'saveSmsTemplate',
      { template: { name: 'Late', body: 'Hi {Frist}', scope: 'personal' } },
      user,
    );
    expect(unknown).toMatchObject({
      ok: false,
      error: {
        field: 'template.body',
        message: french('Apex_Sms_template_unknown_placeholder').replace('{0}', '{Frist}'),
      },
    });
    expect((unknown as { error: { message: string } }).error.message).toContain('{FirstName}');
    const orgWide = org.api.invoke('previewSmsTemplateImport', { ...badFile, scope: 'org' }, user);
    expect(orgWide).toMatchObject({
      ok: false,
      error: { code: 'NO_ACCESS', message: french('Apex_Sms_template_import_needs_manage') },
    });
  });

  it('refuses a bad SMS log in French for a French user', () => {
    const { org, user } = agentIn('fr');
    const log = {
      conversationId: 'a/b',
      day: '2026-12-05',
      revision: null,
      source: 'agent',
      contactNumber: '+16505550101',
      messages: [{ id: '5001', direction: 'inbound', at: '2026-12-05T18:15:00.000Z', text: 'Hello' }],
    };
    expect(org.api.invoke('upsertSmsLogs', { logs: [log] }, user)).toMatchObject({
      ok: false,
      error: { field: 'logs[0].conversationId', message: french('Apex_Sms_log_conversation_id') },
    });
    const tooLong = { ...log, conversationId: '1', messages: [{ ...log.messages[0], text: 'x'.repeat(1001) }] };
    expect(org.api.invoke('upsertSmsLogs', { logs: [tooLong] }, user)).toMatchObject({
      ok: false,
      error: { field: 'logs[0].messages[0].text', message: '1000 caractères au maximum.' },
    });
  });
});
