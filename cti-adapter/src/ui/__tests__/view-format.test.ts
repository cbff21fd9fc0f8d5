import { errorText, matchStatusText, objectLabel } from '../view-format';
import { CrmError } from '../../core/crm/crm-error';
import { ReasonError, reasonOf } from '../../core/engine/notices';
import { installLabels } from '../labels';
import { ENGLISH_LABELS } from '../labels.generated';
import { PhoneNumberError } from '../../core/phone-number/phone-number-error';
import { TabError, TabUnreachableError } from '../../core/tabs/tab-requests';
import { STONES, contactMatch } from '../softphone/__tests__/support/softphone-fixtures';

describe('matchStatusText', () => {
  it('tells the lookup in progress, retried after a transient failure, and given up', () => {
    expect(matchStatusText({ matchStatus: 'pending', matches: [] })).toBe('Looking up the caller…');
    expect(matchStatusText({ matchStatus: 'retrying', matches: [] })).toBe(
      'Salesforce did not answer; looking up the caller again…',
    );
    expect(matchStatusText({ matchStatus: 'failed', matches: [] })).toBe(
      'Salesforce could not be searched for this number.',
    );
  });

  it('counts several matches, says when none matched, and leaves a single match to the card', () => {
    expect(matchStatusText({ matchStatus: 'done', matches: STONES })).toBe('2 records match this number');
    expect(matchStatusText({ matchStatus: 'done', matches: [] })).toBe('No matching record in Salesforce.');
    expect(matchStatusText({ matchStatus: 'skipped', matches: [] })).toBe('No matching record in Salesforce.');
    expect(matchStatusText({ matchStatus: 'done', matches: [contactMatch()] })).toBeNull();
  });

  it('tells the lookup state even when earlier matches are still known', () => {
    expect(matchStatusText({ matchStatus: 'retrying', matches: [contactMatch()] })).toBe(
      'Salesforce did not answer; looking up the caller again…',
    );
  });
});

describe('errorText', () => {
  it("translates a failure whose code the softphone knows, as a sentence, with the server's reference", () => {
    expect(errorText(new PhoneNumberError('TOO_SHORT', '12'))).toBe('The number is too short');
    expect(errorText(new CrmError('NETWORK', 'Unable to connect to the server (Remoting)'))).toBe(
      'Salesforce could not be reached. Check your connection and try again',
    );
    expect(errorText(new CrmError('INTERNAL', 'Something went wrong (ref SP-0007).', null, 'SP-0007'))).toContain(
      'SP-0007',
    );
    expect(errorText(new CrmError('INTERNAL', 'Malformed response from Salesforce (envelope)'))).toBe(
      'Salesforce could not complete the request. Try again; if it keeps happening, tell your Salesforce admin',
    );
  });

  it("keeps the message of a failure it has no label for (the server's words, RingCentral's)", () => {
    expect(errorText(new CrmError('INVALID_INPUT', 'Subject: at most 255 characters', 'subject'))).toBe(
      'Subject: at most 255 characters',
    );
    expect(errorText(new Error('Extension 101 is busy'))).toBe('Extension 101 is busy');
    expect(errorText('')).toBe('Something went wrong. Try again.');
  });
});

describe("errorText of the tabs' own failures (ADR 0028, sixth amendment)", () => {
  afterEach(() => installLabels(ENGLISH_LABELS));

  it("words them by their code in the agent's language, never the English message", () => {
    installLabels({
      Reason_TAB_OWNER_GONE: "L'onglet du softphone qui détenait le téléphone a été fermé. Réessayez.",
      Reason_TAB_OWNER_STARTING: 'Le softphone démarre dans un autre onglet. Réessayez dans un instant.',
    });
    expect(errorText(new TabUnreachableError('TAB_OWNER_GONE'))).toBe(
      "L'onglet du softphone qui détenait le téléphone a été fermé. Réessayez.",
    );
    expect(errorText(new TabError('TAB_OWNER_STARTING'))).toBe(
      'Le softphone démarre dans un autre onglet. Réessayez dans un instant.',
    );
  });

  it('every code has its English label, the same words as its message', () => {
    for (const code of [
      'TAB_OWNER_GONE',
      'TAB_OWNER_SILENT',
      'TAB_SILENT',
      'TAB_NO_MESSAGES',
      'TAB_NOW_OWNER',
    ] as const)
      expect(errorText(new TabError(code))).toBe(new TabError(code).message);
  });
});

describe('the app layer’s own refusals by code (ADR 0032, seventh amendment)', () => {
  afterEach(() => installLabels(ENGLISH_LABELS));

  it('words a ReasonError by its Reason_<CODE> label in the agent’s language, its message staying English', () => {
    const error = new ReasonError('NOT_SIGNED_IN', 'Not signed in to RingCentral.');
    expect(reasonOf(error)).toEqual({ code: 'NOT_SIGNED_IN', message: 'Not signed in to RingCentral.', params: [] });
    expect(errorText(error)).toBe('Not signed in to RingCentral');
    installLabels({ ...ENGLISH_LABELS, Reason_NOT_SIGNED_IN: "vous n'êtes pas connecté à RingCentral" });
    expect(errorText(error)).toBe("Vous n'êtes pas connecté à RingCentral");
    expect(error.message).toBe('Not signed in to RingCentral.');
  });
});

describe('objectLabel', () => {
  afterEach(() => installLabels(ENGLISH_LABELS));

  it('shows the label the server sent in the agent’s language, Person Account by label, else the API name', () => {
    installLabels({ ...ENGLISH_LABELS, Person_Account: 'Compte personnel' });
    expect(objectLabel({ objectType: 'Lead', objectLabel: 'Piste' })).toBe('Piste');
    expect(objectLabel({ objectType: 'Account', objectLabel: 'Compte', isPersonAccount: true })).toBe(
      'Compte personnel',
    );
    expect(objectLabel({ objectType: 'Lead' })).toBe('Lead');
    expect(objectLabel({ objectType: 'Invoice_Line__c', objectLabel: null })).toBe('Invoice Line');
    expect(objectLabel({ objectType: 'Invoice_Line__c', objectLabel: 'Ligne de facture' })).toBe('Ligne de facture');
  });
});
