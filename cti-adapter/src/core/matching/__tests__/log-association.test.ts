import { ANN, BOB, CARLA, DAN, ERIN, GLOBEX, INITECH, ACME_ID } from '../../__tests__/support/sample-world';
import { navigationContext } from '../../__tests__/support/fake-cti-host';
import { DEFAULT_SETTINGS, mergeSettings } from '../../settings/settings';
import { associationForMatch, associationFromClickContext, classifyForAutoLog } from '../log-association';

const page = navigationContext;

describe('associationForMatch', () => {
  it('Contact → Who, its Account → What when autoFillRelatedTo', () => {
    expect(associationForMatch(ANN, DEFAULT_SETTINGS)).toMatchObject({ whoId: ANN.id, whatId: ACME_ID });
    expect(associationForMatch(ANN, mergeSettings({ autoFillRelatedTo: false }))).toMatchObject({
      whoId: ANN.id,
      whatId: null,
    });
  });

  it('Lead → Who, never a What', () => {
    expect(associationForMatch(DAN, DEFAULT_SETTINGS)).toMatchObject({
      whoId: DAN.id,
      whoObjectType: 'Lead',
      whatId: null,
    });
  });

  it('person account → PersonContactId as Who (name) or the Account as What (relatedTo)', () => {
    expect(associationForMatch(ERIN, DEFAULT_SETTINGS)).toMatchObject({ whoId: ERIN.personContactId, whatId: ERIN.id });
    expect(associationForMatch(ERIN, mergeSettings({ personAccountAssociation: 'relatedTo' }))).toMatchObject({
      whoId: null,
      whatId: ERIN.id,
    });
  });

  it('business Account → What only', () => {
    expect(associationForMatch(GLOBEX, DEFAULT_SETTINGS)).toMatchObject({ whoId: null, whatId: GLOBEX.id });
  });
});

describe('associationFromClickContext', () => {
  it.each(['Account', 'Case', 'Opportunity'])('clicked %s → What', (objectType) => {
    const a = associationFromClickContext(
      page({ recordId: '500000000000001AAA', objectType, recordName: 'X' }),
      DEFAULT_SETTINGS,
    );
    expect(a).toMatchObject({ whoId: null, whatId: '500000000000001AAA', whatObjectType: objectType });
  });

  it('clicked Contact → Who (+ its Account), clicked Lead → Who', () => {
    expect(
      associationFromClickContext(
        page({ recordId: ANN.id, objectType: 'Contact', accountId: ACME_ID }),
        DEFAULT_SETTINGS,
      ),
    ).toMatchObject({ whoId: ANN.id, whatId: ACME_ID });
    expect(associationFromClickContext(page({ recordId: DAN.id, objectType: 'Lead' }), DEFAULT_SETTINGS)).toMatchObject(
      {
        whoId: DAN.id,
        whatId: null,
      },
    );
  });

  it('clicked person account → Who = PersonContactId', () => {
    const ctx = page({
      recordId: ERIN.id,
      objectType: 'Account',
      personAccount: true,
      contactId: ERIN.personContactId,
    });
    expect(associationFromClickContext(ctx, DEFAULT_SETTINGS)).toMatchObject({
      whoId: ERIN.personContactId,
      whatId: ERIN.id,
    });
  });

  it('no record → nothing', () => {
    expect(associationFromClickContext(page({}), DEFAULT_SETTINGS)).toMatchObject({ whoId: null, whatId: null });
  });
});

describe('classifyForAutoLog', () => {
  it('classifies the unresolved cases', () => {
    expect(classifyForAutoLog([])).toBe('no-match');
    expect(classifyForAutoLog([BOB, CARLA])).toBe('multiple-matches');
    expect(classifyForAutoLog([GLOBEX, INITECH])).toBe('multiple-matches');
    expect(classifyForAutoLog([ANN, GLOBEX, INITECH])).toBe('multiple-associations');
    expect(classifyForAutoLog([ANN])).toBeNull();
    expect(classifyForAutoLog([GLOBEX])).toBeNull();
  });
});
