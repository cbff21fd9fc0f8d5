import { DEFAULT_SETTINGS, mergeSettings } from '../settings';

describe('settings', () => {
  it('defaults equal the built-in defaults of the contract doc', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      matchObjects: ['Contact', 'Lead', 'Account'],
      objectPriority: ['Contact', 'Account', 'Lead'],
      personAccountAssociation: 'name',
      defaultRegion: 'US',
      inboundPop: 'ringing',
      outboundPop: 'ringing',
      multipleMatchPop: 'none',
      noMatchPop: 'newContact',
      callingDevice: 'browser',
      ringerEnabled: true,
      autoLog: false,
      saveOnRinging: false,
      autoLogSms: false,
      smsNotesPrompt: false,
      closeCallViewOnHangUp: false,
      autoLogDelaySeconds: 10,
      autoFillRelatedTo: true,
      autoSelectSingleMatch: true,
      toVoicemailWhenBusy: false,
      placeholderObject: 'Contact',
      placeholderCompany: 'Unknown',
      dispositionsMandatory: false,
      dispositions: ['Call Back Later', 'Left Voicemail', 'Meaningful Connect', 'Not Interested', 'Unqualified'],
      dispositionField: null,
      hvsMode: false,
      hvsDispositionField: null,
      logFields: [],
      dncCallMode: 'off',
      dncSmsMode: 'off',
    });
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
  });

  it('merges partial settings, ignoring undefined values', () => {
    const merged = mergeSettings({ inboundPop: 'off', defaultRegion: undefined });
    expect(merged.inboundPop).toBe('off');
    expect(merged.defaultRegion).toBe('US');
    expect(mergeSettings(null)).toEqual(DEFAULT_SETTINGS);
  });
});
