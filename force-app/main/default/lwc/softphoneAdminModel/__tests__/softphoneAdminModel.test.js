import {
  SECTIONS,
  emptyDraft,
  errorsByKey,
  hasChanges,
  objectsInPriorityOrder,
  saveRequest,
  sectionOfKey,
  shownLevel,
  sourceOf,
  withCleared,
  withLock,
  withValue,
} from 'c/softphoneAdminModel';

const ORG = require('../../softphoneAdmin/__tests__/data/saveOk.json').view;
const PROFILE = require('../../softphoneAdmin/__tests__/data/profileLevel.json');

describe('c-softphone-admin-model', () => {
  it('says where a value comes from', () => {
    expect(sourceOf('org', 'org')).toEqual({ text: 'Set at this level', here: true });
    expect(sourceOf('org', 'profile')).toEqual({ text: 'From the org default', here: false });
    expect(sourceOf('default', 'user')).toEqual({ text: 'From the built-in default', here: false });
  });

  it('shows the draft over the level: changed keys are set here, cleared keys inherit', () => {
    let draft = withValue(ORG, emptyDraft(), 'autoLogDelaySeconds', 45);
    draft = withCleared(ORG, draft, 'autoLog');
    const shown = shownLevel(ORG, draft);
    expect(shown.settings.autoLogDelaySeconds).toBe(45);
    expect(shown.sources.autoLogDelaySeconds).toBe('org');
    expect(draft.clear).toEqual([]);
    expect(shown.locked).toEqual(['autoLog']);
    expect(shown.lockStates.autoLog).toBe('locked');
  });

  it('drops a change back to the saved value and keeps only real lock changes', () => {
    let draft = withValue(ORG, emptyDraft(), 'autoLog', false);
    expect(hasChanges(draft)).toBe(true);
    draft = withValue(ORG, draft, 'autoLog', true);
    expect(hasChanges(draft)).toBe(false);
    draft = withLock(ORG, draft, 'autoLog', 'locked');
    expect(hasChanges(draft)).toBe(false);
    draft = withLock(ORG, draft, 'autoLog', 'inherit');
    expect(draft.locks).toEqual({ autoLog: 'inherit' });
    expect(shownLevel(ORG, draft).locked).toEqual([]);
  });

  it('follows the locks of the levels above at a profile level', () => {
    expect(shownLevel(PROFILE, emptyDraft())).toMatchObject({
      locked: ['autoLog'],
      lockStates: { autoLog: 'inherit' },
    });
    const unlocked = withLock(PROFILE, emptyDraft(), 'autoLog', 'unlocked');
    expect(shownLevel(PROFILE, unlocked).locked).toEqual([]);
  });

  it('clears only text values stored at the level, and builds the save request', () => {
    const stored = { ...PROFILE, stored: { ...PROFILE.stored, placeholderCompany: 'Walk-ins' } };
    let draft = withCleared(stored, emptyDraft(), 'placeholderCompany');
    draft = withCleared(stored, draft, 'autoLog');
    draft = withValue(stored, draft, 'defaultRegion', 'GB');
    expect(draft.clear).toEqual(['placeholderCompany']);
    const shown = shownLevel(stored, draft);
    expect(shown.settings.placeholderCompany).toBe(PROFILE.inherited.placeholderCompany);
    expect(saveRequest(stored, draft)).toEqual({
      scope: 'profile',
      scopeId: PROFILE.scopeId,
      settings: { defaultRegion: 'GB' },
      locks: {},
      clear: ['placeholderCompany'],
    });
  });

  it('maps field errors to settings keys and sections', () => {
    const errors = errorsByKey([
      { field: 'settings.autoLogDelaySeconds', message: 'Expected 0 to 600 seconds.' },
      { field: 'settings.logFields[1].apiName', message: 'Not a Task field.' },
      { field: 'locks.autoLog', message: 'Expected one of: inherit, locked, unlocked.' },
    ]);
    expect(errors).toEqual({
      autoLogDelaySeconds: 'Expected 0 to 600 seconds.',
      logFields: 'Not a Task field. (entry 2)',
      autoLog: 'Expected one of: inherit, locked, unlocked.',
    });
    expect(sectionOfKey('logFields')).toBe('logFields');
    expect(sectionOfKey('inboundPop')).toBe('screenPop');
    expect(sectionOfKey('nope')).toBeNull();
    expect(SECTIONS.map((s) => s.name)).toContain('history');
  });

  it('lists the searched objects in priority order', () => {
    expect(
      objectsInPriorityOrder({
        matchObjects: ['Contact', 'Lead', 'Account'],
        objectPriority: ['Account', 'Opportunity'],
      }),
    ).toEqual(['Account', 'Contact', 'Lead']);
  });
});
