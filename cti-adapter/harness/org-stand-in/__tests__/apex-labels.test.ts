import { ApexLabels, runningAs, systemLabel } from '../apex-labels';
import { CustomLabelCatalog } from '../custom-labels';
import { OrgStandIn } from '../org-stand-in';

const catalog = CustomLabelCatalog.fromFolder();

describe('System.Label in the org stand-in (the Apex messages in the running user’s language, ADR 0032)', () => {
  it("answers the user's translation, else the master value, with the placeholders filled once", () => {
    const languages: Record<string, string> = { fr: 'fr', de: 'de' };
    const labels = new ApexLabels((userId) => languages[userId] ?? 'en_US', catalog);
    expect(labels.text('en', 'Apex_RingCentral_unavailable_status', 503)).toBe(
      catalog.label('Apex_RingCentral_unavailable_status')!.value.replace('{0}', '503'),
    );
    const french = catalog.translationsOf('fr').find((t) => t.name === 'Apex_RingCentral_unavailable_status')!.label;
    expect(labels.text('fr', 'Apex_RingCentral_unavailable_status', 503)).toBe(french.replace('{0}', '503'));
    // No German translation in the package: the master value, as the org answers.
    expect(labels.text('de', 'Apex_RingCentral_unreachable')).toBe(
      catalog.label('Apex_RingCentral_unreachable')!.value,
    );
    expect(labels.text('en', 'Apex_RingCentral_ended_sign_in_reason', '{0} x')).toContain('({0} x)');
    expect(() => labels.text('en', 'Apex_No_such_label')).toThrow(/System\.Label\.Apex_No_such_label/);
  });

  it('answers the sign-in endpoints in French for a French user, in English for an English one', async () => {
    const org = new OrgStandIn();
    const user = org.users.agent.Id;
    org.setLogin(user, 'login-1');
    const english = await org.tokens.invoke('refreshRingCentralToken', { sealed: 'not-a-sealed-value' }, user);
    expect(english).toMatchObject({
      ok: false,
      error: { code: 'SESSION_ENDED', message: catalog.value('Apex_RingCentral_sign_in_unusable', 'en_US') },
    });
    org.store.setUserLocale(user, { language: 'fr' });
    const french = await org.tokens.invoke('refreshRingCentralToken', { sealed: 'not-a-sealed-value' }, user);
    expect(french).toMatchObject({
      ok: false,
      error: {
        code: 'SESSION_ENDED',
        message:
          'La connexion RingCentral enregistrée ne peut pas être utilisée ici. Connectez-vous à nouveau à RingCentral.',
      },
    });
  });

  it('answers the call card’s and the admin page’s validation messages in the running user’s language', () => {
    const org = new OrgStandIn();
    const agent = org.users.agent;
    const french = (name: string): string => catalog.translationsOf('fr').find((t) => t.name === name)!.label;
    const addNote = (taskId: string | null) =>
      org.lightning.invoke('SoftphoneCallCardController', 'addCallNote', { taskId, note: 'x' }, agent);
    const searchScope = (term: string) =>
      org.lightning.invoke('SoftphoneAdminController', 'searchScopes', { scope: 'user', term }, org.users.admin);
    expect(addNote(null)).toMatchObject({ ok: false, error: { field: 'taskId', message: 'Required.' } });
    expect(searchScope('a')).toMatchObject({ ok: false, error: { message: 'Type at least 2 characters.' } });
    org.store.setUserLocale(agent.Id, { language: 'fr' });
    org.store.setUserLocale(org.users.admin.Id, { language: 'fr' });
    expect(addNote(null)).toMatchObject({ ok: false, error: { field: 'taskId', message: french('Apex_Required') } });
    expect(searchScope('a')).toMatchObject({ ok: false, error: { message: french('Apex_Type_two_characters') } });
    expect(french('Apex_Type_two_characters')).toBe('Saisissez au moins 2 caractères.');
    // Outside a request the labels answer in English; runningAs answers as the Apex does for a French user.
    expect(systemLabel('Apex_Type_a_note')).toBe(catalog.value('Apex_Type_a_note', 'en_US'));
    expect(runningAs('fr', () => systemLabel('Apex_At_most_characters', 80))).toBe(
      'Doit comporter au plus 80 caractères.',
    );
  });
});
