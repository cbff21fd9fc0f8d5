import type { CallSnapshot } from '../../call/call-snapshot';
import { DEFAULT_SETTINGS, mergeSettings } from '../../settings/settings';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildCallLog,
  conflictForErrors,
  NO_RECORD_MESSAGE,
  callResult,
  defaultSubject,
  defaultFollowUpSubject,
  MAX_FOLLOW_UP_SESSION_ID_LENGTH,
  TASK_FIELD_LENGTHS,
  truncateText,
  validateCallLogForm,
} from '../build-call-log';
import { MAX_NOTES_LENGTH, MAX_TELEPHONY_SESSION_ID_LENGTH } from '../call-log';
import { EMPTY_FORM, type CallLogForm } from '../call-log-form';

const T0 = Date.parse('2026-11-21T10:15:30.000Z');
const call: CallSnapshot = {
  callId: 'c1',
  telephonySessionId: 's-abc',
  sessionId: '1234',
  partyId: 'p-abc-1',
  direction: 'inbound',
  state: 'ended',
  remoteNumber: '16505550101',
  remoteName: 'LEE ANN',
  localNumber: '+16505550100',
  localName: 'Alex Agent',
  queueName: null,
  muted: false,
  recording: 'off',
  recordingUrl: 'https://media.example.test/rec/1',
  recordingId: 'rec-1',
  startedAt: T0,
  answeredAt: T0 + 5_000,
  endedAt: T0 + 95_400,
  endReason: 'remote-hangup',
  transferTarget: null,
};
/** A form the agent confirmed "Log without a record" on, unless the test says otherwise. */
const form = (partial: Partial<CallLogForm>): CallLogForm => ({ ...EMPTY_FORM, withoutRecord: true, ...partial });

describe('buildCallLog', () => {
  it('counts the duration as the RingCentral call log does: from the start (ringing or dialing) to the end', () => {
    const built = (c: CallSnapshot) =>
      buildCallLog({ call: c, form: form({}), settings: DEFAULT_SETTINGS, source: 'auto' });
    const answered = built(call);
    expect(answered.ok && answered.log.durationSeconds).toBe(95);
    // A missed call rang: the call log gives it the ringing time, and so does the Task.
    const missed = built({ ...call, answeredAt: null, endedAt: T0 + 20_000, endReason: 'missed' });
    expect(missed.ok && missed.log.durationSeconds).toBe(20);
    // Still going on (a log saved on answer): no duration yet.
    const live = built({ ...call, state: 'connected', endedAt: null, endReason: null });
    expect(live.ok && live.log.durationSeconds).toBe(0);
  });

  it('maps the call and the form onto the contract CallLog', () => {
    const result = buildCallLog({
      call,
      form: form({ notes: 'n', disposition: 'Meaningful Connect', whoId: '003000000000001AAA', whoName: 'Ann Lee' }),
      settings: DEFAULT_SETTINGS,
      source: 'agent',
    });
    expect(result).toEqual({
      ok: true,
      log: {
        telephonySessionId: 's-abc',
        callUuid: '1234',
        source: 'agent',
        direction: 'inbound',
        fromNumber: '+16505550101',
        toNumber: '+16505550100',
        fromName: 'Ann Lee',
        toName: 'Alex Agent',
        fromLocation: null,
        toLocation: null,
        startTime: '2026-11-21T10:15:30.000Z',
        endTime: '2026-11-21T10:17:05.400Z',
        durationSeconds: 95, // start (ringing) → end, the RingCentral call log's definition
        result: 'Accepted',
        subject: 'Inbound call from Ann Lee',
        notes: 'n',
        disposition: 'Meaningful Connect',
        whoId: '003000000000001AAA',
        whatId: null,
        recordingUrl: 'https://media.example.test/rec/1',
        recordingId: 'rec-1',
        fields: null,
      },
    });
  });

  it('defaults the subject to the caller-ID name, then the number', () => {
    expect(defaultSubject(call, form({}))).toBe('Inbound call from LEE ANN');
    expect(defaultSubject({ ...call, remoteName: null }, form({}))).toBe('Inbound call from +1 650 555 0101');
    expect(defaultSubject({ ...call, direction: 'outbound' }, form({ whatName: 'Initech' }))).toBe(
      'Outbound call to Initech',
    );
  });

  it('rejects notes over 32000 characters with a clear error', () => {
    const result = buildCallLog({
      call,
      form: form({ notes: 'x'.repeat(MAX_NOTES_LENGTH + 5) }),
      settings: DEFAULT_SETTINGS,
      source: 'agent',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([
        expect.objectContaining({
          field: 'notes',
          code: 'TOO_LONG',
          message: expect.stringContaining('Shorten them by 5'),
        }),
      ]);
    }
    expect(
      buildCallLog({
        call,
        form: form({ notes: 'x'.repeat(MAX_NOTES_LENGTH) }),
        settings: DEFAULT_SETTINGS,
        source: 'agent',
      }).ok,
    ).toBe(true);
  });

  it('requires a disposition when the setting says so, for automatic logs too: they go to Unresolved', () => {
    const settings = mergeSettings({ dispositionsMandatory: true });
    const agent = buildCallLog({ call, form: form({}), settings, source: 'agent' });
    expect(!agent.ok && agent.errors.map((e) => e.field)).toEqual(['disposition']);
    const auto = buildCallLog({ call, form: form({}), settings, source: 'auto' });
    expect(auto.ok).toBe(false);
    expect(!auto.ok && conflictForErrors(auto.errors, 'done')).toBe('disposition-required');
    expect(buildCallLog({ call, form: form({ disposition: 'Meaningful Connect' }), settings, source: 'auto' }).ok).toBe(
      true,
    );
    expect(validateCallLogForm(form({ disposition: 'Bogus' }), DEFAULT_SETTINGS)).toEqual([
      expect.objectContaining({ field: 'disposition', code: 'INVALID' }),
    ]);
  });

  it('never builds a log on no record unless the agent confirmed "Log without a record" (issue 10)', () => {
    const unconfirmed = form({ withoutRecord: false });
    for (const source of ['agent', 'auto'] as const) {
      const result = buildCallLog({ call, form: unconfirmed, settings: DEFAULT_SETTINGS, source });
      expect(!result.ok && result.errors).toEqual([{ field: 'whoId', code: 'REQUIRED', message: NO_RECORD_MESSAGE }]);
      expect(!result.ok && conflictForErrors(result.errors, 'done')).toBe('no-match');
      expect(!result.ok && conflictForErrors(result.errors, 'failed')).toBe('lookup-failed');
    }
    const confirmed = buildCallLog({ call, form: form({}), settings: DEFAULT_SETTINGS, source: 'agent' });
    expect(confirmed.ok && [confirmed.log.whoId, confirmed.log.whatId]).toEqual([null, null]);
    const who = form({ withoutRecord: false, whoId: '003000000000001AAA', whoName: 'Ann Lee' });
    expect(buildCallLog({ call, form: who, settings: DEFAULT_SETTINGS, source: 'auto' }).ok).toBe(true);
    const what = form({ withoutRecord: false, whatId: '001000000000001AAA', whatName: 'Acme' });
    expect(buildCallLog({ call, form: what, settings: DEFAULT_SETTINGS, source: 'auto' }).ok).toBe(true);
    const fieldsMissing = buildCallLog({
      call,
      form: form({}),
      settings: mergeSettings({ logFields: [{ apiName: 'Topic__c', label: 'Topic', type: 'string', required: true }] }),
      source: 'auto',
    });
    expect(!fieldsMissing.ok && conflictForErrors(fieldsMissing.errors, 'done')).toBe('fields-required');
  });

  it('on a Lead, the agent\'s Save clears a stored Related To ("") and an automatic log leaves it (null)', () => {
    const lead = form({ whoId: '00Q000000000001AAA', whoObjectType: 'Lead', whoName: 'Ann Lee', withoutRecord: false });
    const saved = buildCallLog({ call, form: lead, settings: DEFAULT_SETTINGS, source: 'agent' });
    const auto = buildCallLog({ call, form: lead, settings: DEFAULT_SETTINGS, source: 'auto' });
    expect(saved.ok && [saved.log.whoId, saved.log.whatId]).toEqual(['00Q000000000001AAA', '']);
    expect(auto.ok && [auto.log.whoId, auto.log.whatId]).toEqual(['00Q000000000001AAA', null]);
  });

  it('a Who/What the agent cleared is "" on the agent\'s Save and null on an automatic log; a chosen one wins', () => {
    const cleared = form({ whoId: '003000000000001AAA', whoName: 'Ann Lee', whatCleared: true, withoutRecord: false });
    const build = (f: CallLogForm, source: 'agent' | 'auto' | 'sync') => {
      const built = buildCallLog({ call, form: f, settings: DEFAULT_SETTINGS, source });
      return built.ok ? [built.log.whoId, built.log.whatId] : built.errors;
    };
    expect(build(cleared, 'agent')).toEqual(['003000000000001AAA', '']);
    expect(build(cleared, 'auto')).toEqual(['003000000000001AAA', null]);
    expect(build(cleared, 'sync')).toEqual(['003000000000001AAA', null]);
    const both = form({ whoCleared: true, whatCleared: true });
    expect(build(both, 'agent')).toEqual(['', '']);
    expect(build(both, 'auto')).toEqual([null, null]);
    // A mark left under a record chosen since (choosing goes around the form's patch): the record is sent.
    const chosen = form({
      whoId: '003000000000001AAA',
      whatId: '001000000000001AAA',
      whatName: 'Acme',
      whatCleared: true,
      whoCleared: true,
    });
    expect(build(chosen, 'agent')).toEqual(['003000000000001AAA', '001000000000001AAA']);
  });

  it('refuses a Related To on a Lead and malformed ids', () => {
    const errors = validateCallLogForm(
      form({ whoId: '00Q000000000001AAA', whoObjectType: 'Lead', whatId: 'not-an-id' }),
      DEFAULT_SETTINGS,
    );
    expect(errors.map((e) => `${e.field}:${e.code}`)).toEqual(['whatId:INVALID', 'whatId:NOT_ALLOWED']);
  });

  it('validates admin log fields and sends only configured ones', () => {
    const settings = mergeSettings({
      logFields: [
        {
          apiName: 'Reason__c',
          label: 'Reason',
          type: 'picklist',
          picklistValues: ['Billing', 'Sales'],
          required: true,
        },
        { apiName: 'Follow_Up__c', label: 'Follow up', type: 'date', required: false },
      ],
    });
    expect(validateCallLogForm(form({}), settings).map((e) => e.field)).toEqual(['fields.Reason__c']);
    expect(
      validateCallLogForm(form({ fields: { Reason__c: 'Other', Follow_Up__c: '21/11' } }), settings).map((e) => e.code),
    ).toEqual(['INVALID', 'INVALID']);
    const ok = buildCallLog({
      call,
      form: form({ fields: { Reason__c: 'Sales', Hack__c: 'x' } }),
      settings,
      source: 'agent',
    });
    expect(ok.ok && ok.log.fields).toEqual({ Reason__c: 'Sales' });
  });

  it('cannot log a call without a RingCentral session id', () => {
    const result = buildCallLog({
      call: { ...call, telephonySessionId: null },
      form: form({}),
      settings: DEFAULT_SETTINGS,
      source: 'agent',
    });
    expect(!result.ok && result.errors[0]?.field).toBe('telephonySessionId');
  });
});

describe('texts cut to their Task field lengths (issue 9 item 7)', () => {
  const ACTIVITY_FIELDS = join(__dirname, '../../../../../force-app/main/default/objects/Activity/fields');
  const metadataLength = (field: string): number => {
    const xml = readFileSync(join(ACTIVITY_FIELDS, `${field}.field-meta.xml`), 'utf8');
    return Number(/<length>(\d+)<\/length>/.exec(xml)?.[1]);
  };

  it('uses the lengths of the package field metadata (Subject: the standard 255)', () => {
    for (const [field, length] of Object.entries(TASK_FIELD_LENGTHS)) {
      expect([field, length]).toEqual([field, field === 'Subject' ? 255 : metadataLength(field)]);
    }
    expect(MAX_TELEPHONY_SESSION_ID_LENGTH + ':'.length + 18).toBe(metadataLength('CALL_UNIQUE_ID__c'));
  });

  it('cuts a hostile caller-ID name, the callee name and the default subject; the log is valid for the server', () => {
    const name = `Ann ${'Lee'.repeat(200)}`;
    const result = buildCallLog({
      call: { ...call, remoteName: name, localName: 'A'.repeat(300), remoteNumber: `1650555${'0'.repeat(300)}` },
      form: form({}),
      settings: DEFAULT_SETTINGS,
      source: 'auto',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { log } = result;
    expect(log.fromName).toHaveLength(255);
    expect(log.fromName).toBe(`${name.slice(0, 254)}…`);
    expect(log.toName).toHaveLength(255);
    expect(log.fromNumber).toHaveLength(255);
    expect(log.subject).toHaveLength(255);
    expect(log.subject?.startsWith('Inbound call from Ann LeeLee')).toBe(true);
    expect(log.subject?.endsWith('…')).toBe(true);
  });

  it('keeps a subject the agent typed as typed and refuses one over 255 characters', () => {
    const errors = validateCallLogForm(form({ subject: 's'.repeat(256) }), DEFAULT_SETTINGS);
    expect(errors.map((e) => [e.field, e.code])).toEqual([['subject', 'TOO_LONG']]);
  });

  it('never cuts between the two halves of a surrogate pair', () => {
    const text = `${'a'.repeat(8)}😀${'b'.repeat(5)}`;
    expect(truncateText(text, 10)).toBe(`${'a'.repeat(8)}…`);
    expect(truncateText(text, 11)).toBe(`${'a'.repeat(8)}😀…`);
    expect(truncateText('short', 10)).toBe('short');
    expect(truncateText(null, 10)).toBeNull();
  });
});

describe('callResult', () => {
  it.each([
    [{ direction: 'inbound', answeredAt: 1, endReason: 'hangup' }, 'Accepted'],
    [{ direction: 'outbound', answeredAt: 1, endReason: 'remote-hangup' }, 'Call connected'],
    [{ direction: 'inbound', answeredAt: null, endReason: 'missed' }, 'Missed'],
    [{ direction: 'inbound', answeredAt: null, endReason: 'declined' }, 'Rejected'],
    [{ direction: 'inbound', answeredAt: null, endReason: 'voicemail' }, 'Voicemail'],
    [{ direction: 'outbound', answeredAt: null, endReason: 'busy' }, 'Busy'],
    [{ direction: 'outbound', answeredAt: null, endReason: 'cancelled' }, 'Hang Up'],
    [{ direction: 'inbound', answeredAt: null, endReason: null }, 'In Progress'],
  ] as const)('%j → %s', (c, expected) => {
    expect(callResult(c)).toBe(expected);
  });
});

describe('the follow-up Task of a log (issue 15, ADR 0033)', () => {
  const SAM = '005000000000002AAA';
  const followUp = (partial: Partial<NonNullable<CallLogForm['followUp']>> = {}) => ({
    subject: null,
    ownerId: SAM,
    ownerName: 'Sam Supervisor',
    dueDate: '2026-11-23',
    ...partial,
  });
  const build = (f: CallLogForm, c: CallSnapshot = call) =>
    buildCallLog({ call: c, form: f, settings: DEFAULT_SETTINGS, source: 'agent' });

  it('sends the follow-up as the contract’s {subject, ownerId, dueDate}: a blank subject is null, the name stays home', () => {
    const built = build(form({ followUp: followUp({ subject: '  Send the renewal quote ' }) }));
    expect(built.ok && built.log.followUp).toEqual({
      subject: 'Send the renewal quote',
      ownerId: SAM,
      dueDate: '2026-11-23',
    });
    const blank = build(form({ followUp: followUp({ subject: '   ' }) }));
    expect(blank.ok && blank.log.followUp).toEqual({ subject: null, ownerId: SAM, dueDate: '2026-11-23' });
  });

  it('sends no followUp key when the form has none (a form stored before follow-ups too)', () => {
    for (const f of [form({ followUp: null }), form({})]) {
      const built = build(f);
      expect(built.ok && 'followUp' in built.log).toBe(false);
    }
  });

  it('refuses an incomplete follow-up — the log needs the agent, so no automatic save drops it', () => {
    const built = buildCallLog({
      call,
      form: form({ followUp: followUp({ ownerId: null, dueDate: null }) }),
      settings: DEFAULT_SETTINGS,
      source: 'auto',
    });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors.map((e) => [e.field, e.code])).toEqual([
      ['followUp.ownerId', 'REQUIRED'],
      ['followUp.dueDate', 'REQUIRED'],
    ]);
    expect(conflictForErrors(built.errors, 'done')).toBe('fields-required');
  });

  it.each([
    ['an owner that is no user id', { ownerId: '003000000000001AAA' }, 'followUp.ownerId', 'INVALID'],
    ['a due date that is no day', { dueDate: '2026-02-30' }, 'followUp.dueDate', 'INVALID'],
    ['a due date in another format', { dueDate: '23/11/2026' }, 'followUp.dueDate', 'INVALID'],
    ['a subject over 255 characters', { subject: 'x'.repeat(256) }, 'followUp.subject', 'TOO_LONG'],
  ])('refuses %s', (_what, partial, field, code) => {
    const built = build(form({ followUp: followUp(partial) }));
    expect(built.ok ? [] : built.errors.map((e) => [e.field, e.code])).toEqual([[field, code]]);
  });

  it('refuses a follow-up on a call whose id leaves no room for the follow-up key', () => {
    const long = { ...call, telephonySessionId: 's'.repeat(MAX_FOLLOW_UP_SESSION_ID_LENGTH + 1) };
    expect(MAX_FOLLOW_UP_SESSION_ID_LENGTH).toBe(MAX_TELEPHONY_SESSION_ID_LENGTH - ':follow-up'.length);
    const built = build(form({ followUp: followUp() }), long);
    expect(built.ok ? [] : built.errors.map((e) => e.field)).toEqual(['followUp']);
    // Without a follow-up the same call logs.
    expect(build(form({}), long).ok).toBe(true);
    expect(build(form({ followUp: followUp() }), { ...long, telephonySessionId: 's'.repeat(226) }).ok).toBe(true);
  });

  it('gives the default subject the server writes: Follow up: <Who name, caller-ID name or E.164 number>', () => {
    expect(defaultFollowUpSubject(call, { whoName: 'Ann Lee', whatName: null })).toBe('Follow up: Ann Lee');
    expect(defaultFollowUpSubject(call, { whoName: null, whatName: null })).toBe('Follow up: LEE ANN');
    expect(defaultFollowUpSubject({ ...call, remoteName: null }, { whoName: null, whatName: null })).toBe(
      'Follow up: +16505550101',
    );
    expect(defaultFollowUpSubject(call, { whoName: 'x'.repeat(300), whatName: null })).toHaveLength(255);
  });
});
