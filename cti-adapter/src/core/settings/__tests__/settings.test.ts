import { DEFAULT_SETTINGS, mergeSettings } from '../settings';

describe('settings', () => {
  it('defaults equal the built-in defaults of the contract doc', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      matchObjects: ['Contact', 'Lead', 'Account'],
      objectPriority: ['Contact', 'Account', 'Lead'],
      personAccountAssociation: 'name',
      defaultRegion: 'US',
      popOnRinging: true,
      autoLog: false,
      saveOnRinging: false,
      autoLogSms: false,
      autoLogDelaySeconds: 10,
      autoFillRelatedTo: true,
      autoSelectSingleMatch: true,
      toVoicemailWhenBusy: false,
      placeholderObject: 'Contact',
      placeholderCompany: 'Unknown',
      dispositionsMandatory: false,
      dispositions: ['Call Back Later', 'Left Voicemail', 'Meaningful Connect', 'Not Interested', 'Unqualified'],
      hvsMode: false,
      hvsDispositionField: null,
      logFields: [],
    });
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
  });

  it('merges partial settings, ignoring undefined values', () => {
    const merged = mergeSettings({ popOnRinging: false, defaultRegion: undefined });
    expect(merged.popOnRinging).toBe(false);
    expect(merged.defaultRegion).toBe('US');
    expect(mergeSettings(null)).toEqual(DEFAULT_SETTINGS);
  });
});
