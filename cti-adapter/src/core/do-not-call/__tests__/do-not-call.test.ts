import type { CrmMatch } from '../../crm/crm-record';
import { smsConsent } from '../../messaging/sms-consent';
import { doNotCallVerdict, isEmergencyNumber, restrictionOf } from '../do-not-call';
import { DoNotCallGuard } from '../do-not-call-guard';
import { mergeSettings, type DoNotCallMode } from '../../settings/settings';
import { DialFlow } from '../../engine/flows/dial-flow';
import { phoneNumberMetadata } from '../../phone-number/phone-number-metadata';

const match = (overrides: Partial<CrmMatch>): CrmMatch => ({
  id: '003000000000001AAA',
  objectType: 'Contact',
  name: 'Ann Lee',
  isPersonAccount: false,
  personContactId: null,
  phoneField: 'Phone',
  phone: '(650) 555-0101',
  accountId: null,
  accountName: null,
  title: null,
  company: null,
  lastModifiedDate: '2026-11-20T10:00:00.000Z',
  related: [],
  ...overrides,
});
const ANN = match({ doNotCall: true });
const DAN = match({ id: '00Q000000000001AAA', objectType: 'Lead', name: 'Dan Ortiz', doNotCall: false });
const restricted = restrictionOf('+1 650 555 0101', { matches: [ANN], doNotContact: null }, null);

describe('do-not-call rule (ADR 0031)', () => {
  it.each<[DoNotCallMode, string]>([
    ['off', 'allow'],
    ['warn', 'warn'],
    ['block', 'block'],
  ])('mode %s → %s for a call the agent places to a restricted number', (mode, action) => {
    expect(
      doNotCallVerdict({ mode, direction: 'outbound', dialled: '+16505550101', restriction: restricted }).action,
    ).toBe(action);
  });

  it('never stops an incoming call, whatever the mode: the card flags the record instead', () => {
    expect(
      doNotCallVerdict({ mode: 'block', direction: 'inbound', dialled: '+16505550101', restriction: restricted }),
    ).toEqual({ action: 'allow' });
  });

  it('never stops an emergency number', () => {
    for (const dialled of ['911', '112', '999', '000', '+112']) {
      expect(isEmergencyNumber(dialled)).toBe(true);
      expect(doNotCallVerdict({ mode: 'block', direction: 'outbound', dialled, restriction: restricted }).action).toBe(
        'allow',
      );
    }
    expect(isEmergencyNumber('+16505550101')).toBe(false);
  });

  it('names the record with Do Not Call, or the list and its reason, by code; the chosen record alone decides', () => {
    // A code with its parameters (ADR 0032, seventh amendment): the UI words it with the Dnc_<CODE> label.
    expect(restricted).toEqual({
      recordName: 'Ann Lee',
      reason: {
        code: 'RECORD_MARKED',
        params: ['Ann Lee', 'Contact'],
        message: 'Ann Lee (Contact) is marked Do Not Call.',
      },
    });
    expect(
      restrictionOf('+1 650 555 0199', { matches: [], doNotContact: { reason: 'Asked not to be called' } }, null),
    ).toEqual({
      recordName: null,
      reason: {
        code: 'NUMBER_LISTED_BECAUSE',
        params: ['+1 650 555 0199', 'Asked not to be called'],
        message: '+1 650 555 0199 is on the Do Not Contact list: Asked not to be called',
      },
    });
    expect(restrictionOf('+1 650 555 0199', { matches: [], doNotContact: { reason: '  ' } }, null)?.reason).toEqual({
      code: 'NUMBER_LISTED',
      params: ['+1 650 555 0199'],
      message: '+1 650 555 0199 is on the Do Not Contact list.',
    });
    expect(restrictionOf('+1 650 555 0101', { matches: [DAN, ANN], doNotContact: null }, DAN.id)).toBeNull();
    expect(restrictionOf('+1 650 555 0101', { matches: [DAN, ANN], doNotContact: null }, null)?.recordName).toBe(
      'Ann Lee',
    );
    expect(restrictionOf('+1 650 555 0101', { matches: [match({ doNotCall: null })] }, null)).toBeNull();
  });

  it("names the record's object by the label the server sent in the agent's language, else its API name", () => {
    const piste = match({ objectType: 'Lead', objectLabel: 'Piste', name: 'Dan Ortiz', doNotCall: true });
    expect(restrictionOf('+1 650 555 0102', { matches: [piste] }, null)?.reason).toMatchObject({
      code: 'RECORD_MARKED',
      params: ['Dan Ortiz', 'Piste'],
    });
    const older = match({ objectType: 'Lead', name: 'Dan Ortiz', doNotCall: true });
    expect(restrictionOf('+1 650 555 0102', { matches: [older] }, null)?.reason.params).toEqual(['Dan Ortiz', 'Lead']);
    const person = match({ objectType: 'Account', objectLabel: 'Compte', isPersonAccount: true, doNotCall: true });
    expect(restrictionOf('+1 650 555 0101', { matches: [person] }, null)?.reason).toEqual({
      code: 'PERSON_ACCOUNT_MARKED',
      params: ['Ann Lee'],
      message: 'Ann Lee (Person Account) is marked Do Not Call.',
    });
  });
});

describe('do-not-call for text messages (sms-consent)', () => {
  const toE164 = (raw: string) => raw;
  const consent = (mode: DoNotCallMode, confirmed = false) =>
    smsConsent('+16505550101', [ANN], null, toE164, { mode, listed: null, confirmed });

  it('off: sends; block: refuses with the reason; warn: waits for Send anyway', () => {
    expect(consent('off').allowed).toBe(true);
    // The reason is a Messages text by code (ADR 0032, fifth amendment): the panel words it by its Sms_<CODE> label.
    expect(consent('block')).toEqual({
      allowed: false,
      reason: {
        code: 'DO_NOT_CALL_BLOCKED',
        message: 'Ann Lee (Contact) is marked Do Not Call. Your admin blocks text messages to restricted numbers.',
        params: [restricted?.reason],
      },
      useNumber: null,
    });
    expect(consent('warn')).toMatchObject({
      allowed: false,
      reason: { code: 'DO_NOT_CALL_WARNING', params: [{ code: 'RECORD_MARKED', params: ['Ann Lee', 'Contact'] }] },
      useNumber: null,
      warn: true,
    });
    expect(consent('warn', true).allowed).toBe(true);
    expect(consent('block', true).allowed).toBe(false);
  });

  it('a listed number with no record is refused too', () => {
    const listed = smsConsent('+16505550199', [], null, toE164, {
      mode: 'block',
      listed: { reason: 'Legal hold' },
      confirmed: false,
    });
    expect(listed.reason).toMatchObject({
      code: 'DO_NOT_CALL_BLOCKED',
      params: [{ code: 'NUMBER_LISTED_BECAUSE', params: ['+16505550199', 'Legal hold'] }],
    });
    expect(listed.reason?.message).toContain('Do Not Contact list: Legal hold');
  });
});

describe('DoNotCallGuard (calls)', () => {
  const context = (mode: DoNotCallMode, answer: unknown) => {
    const prompts: unknown[] = [];
    const matchNumbers = jest.fn().mockResolvedValue(answer);
    return {
      prompts,
      matchNumbers,
      ctx: {
        crm: { matchNumbers } as never,
        settings: () => mergeSettings({ dncCallMode: mode }),
        clock: { now: () => 1000 } as never,
        turn: <T>(work: () => T) => work(),
        changed: () => undefined,
      },
    };
  };

  it('block: rejects (nothing placed) and shows why; the lookup is not kept', async () => {
    const guard = new DoNotCallGuard();
    const { ctx, matchNumbers } = context('block', [{ e164: '+16505550101', matches: [ANN] }]);
    await expect(guard.check(ctx, '+16505550101', null)).rejects.toMatchObject({ name: 'DialNotPlaced' });
    expect(guard.prompt).toMatchObject({ action: 'block', recordName: 'Ann Lee' });
    expect(matchNumbers).toHaveBeenCalledTimes(1);
    expect(guard.take('+16505550101')).toBeNull();
  });

  it('warn + Call anyway: resolves and the call reuses the lookup (one round trip)', async () => {
    const guard = new DoNotCallGuard();
    const { ctx } = context('warn', [{ e164: '+16505550101', matches: [ANN] }]);
    const checking = guard.check(ctx, '+16505550101', null);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(guard.prompt).toMatchObject({
      action: 'warn',
      reason: { code: 'RECORD_MARKED', params: ['Ann Lee', 'Contact'] },
    });
    guard.answer(guard.prompt!.id, true);
    await expect(checking).resolves.toBeUndefined();
    expect(guard.prompt).toBeNull();
    expect(guard.take('+16505550101')).not.toBeNull();
    expect(guard.take('+16505550101')).toBeNull();
  });

  it('warn + Cancel: rejects; emergency numbers and extensions are never looked up', async () => {
    const guard = new DoNotCallGuard();
    const { ctx, matchNumbers } = context('warn', [{ e164: '+16505550101', matches: [ANN] }]);
    const checking = guard.check(ctx, '+16505550101', null);
    await new Promise((resolve) => setTimeout(resolve, 0));
    guard.answer(guard.prompt!.id, false);
    await expect(checking).rejects.toMatchObject({ name: 'DialNotPlaced' });
    await expect(guard.check(ctx, '911', null)).resolves.toBeUndefined();
    await expect(guard.check(ctx, '101', null)).resolves.toBeUndefined();
    expect(matchNumbers).toHaveBeenCalledTimes(1);
  });
});

describe('DoNotCallGuard: a block is closed by "OK"', () => {
  it('clears the prompt and publishes the change', async () => {
    const guard = new DoNotCallGuard();
    const changed = jest.fn();
    const ctx = {
      crm: { matchNumbers: jest.fn().mockResolvedValue([{ e164: '+16505550101', matches: [ANN] }]) } as never,
      settings: () => mergeSettings({ dncCallMode: 'block' }),
      clock: { now: () => 1000 } as never,
      turn: <T>(work: () => T) => work(),
      changed,
    };
    await expect(guard.check(ctx, '+16505550101', null)).rejects.toMatchObject({ name: 'DialNotPlaced' });
    changed.mockClear();
    guard.answer(guard.prompt!.id + 1, false); // an older prompt's answer changes nothing
    expect(guard.prompt).not.toBeNull();
    guard.answer(guard.prompt!.id, false);
    expect(guard.prompt).toBeNull();
    expect(changed).toHaveBeenCalledTimes(1);
  });
});

describe('DialFlow and the do-not-call check', () => {
  const flow = (guarded: boolean, settingsLoaded = true, mode: 'off' | 'warn' = guarded ? 'warn' : 'off') => {
    const call = jest.fn().mockResolvedValue({ callId: 'c1' });
    let allow = (): void => undefined;
    const check = jest.fn(() => new Promise<void>((resolve) => (allow = resolve)));
    const ctx = {
      settings: () => mergeSettings({ dncCallMode: mode }),
      telephony: { call },
      book: { has: () => false, awaitDial: jest.fn() },
      turn: <T>(work: () => T) => work(),
      notify: jest.fn(),
      phoneRules: phoneNumberMetadata, // the number rules are here (loaded by the Jest setup, as once registered)
    };
    const dialFlow = new DialFlow(
      ctx as never,
      () => ({ callerId: null, callingDevice: 'browser' }) as never,
      () => settingsLoaded,
    );
    const guard = { prompt: null, check, answer: jest.fn(), take: () => null };
    if (guarded) dialFlow.setGuard(guard);
    return { dialFlow, call, check, guard, allow: () => allow() };
  };

  it('without the check (do-not-call off: its chunk is never loaded) the call is placed in the same turn', async () => {
    const { dialFlow, call } = flow(false);
    const dialing = dialFlow.dial('+16505550101');
    expect(call).toHaveBeenCalledWith('+16505550101', expect.objectContaining({ via: 'browser' }));
    await expect(dialing).resolves.toEqual({ callId: 'c1' });
  });

  it('a dial before the settings are loaded waits until the page says which check applies (none: it goes on)', async () => {
    const { dialFlow, call } = flow(false, false);
    const dialing = dialFlow.dial('+16505550101');
    await Promise.resolve();
    expect(call).not.toHaveBeenCalled();
    dialFlow.setGuard(null);
    await expect(dialing).resolves.toEqual({ callId: 'c1' });
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('a dial while the mode is on but the check not installed yet waits for the check, then is checked', async () => {
    const { dialFlow, call, check, guard, allow } = flow(false, true, 'warn');
    const dialing = dialFlow.dial('+16505550101');
    await Promise.resolve();
    expect(call).not.toHaveBeenCalled();
    dialFlow.setGuard(guard);
    await Promise.resolve();
    await Promise.resolve();
    expect(check).toHaveBeenCalledWith(expect.anything(), '+16505550101', null);
    expect(call).not.toHaveBeenCalled();
    allow();
    await expect(dialing).resolves.toEqual({ callId: 'c1' });
  });

  it('with the check installed the call waits for it, with the clicked record', async () => {
    const { dialFlow, call, check, allow } = flow(true);
    const dialing = dialFlow.dial('+16505550101', { context: { recordId: '003000000000001AAA' } as never });
    await Promise.resolve();
    expect(check).toHaveBeenCalledWith(expect.anything(), '+16505550101', '003000000000001AAA');
    expect(call).not.toHaveBeenCalled();
    allow();
    await expect(dialing).resolves.toEqual({ callId: 'c1' });
    expect(call).toHaveBeenCalledTimes(1);
  });
});
