import { ApexLabels } from '../apex-labels';
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
});
