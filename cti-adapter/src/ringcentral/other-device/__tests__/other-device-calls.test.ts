import { TypedEmitter } from '../../../core/support/typed-emitter';
import type { TelephonyEventMap } from '../../../core/ports/telephony-port';
import { FakeApi } from '../../__tests__/support/fake-api';
import type { TelephonyParty, TelephonySessionEvent } from '../../subscriptions/ringcentral-event-types';
import type { RingCentralSubscriptionEventMap } from '../../subscriptions/ringcentral-subscription';
import { followParty, type FollowedParty } from '../follow-party';
import { OtherDeviceCalls } from '../other-device-calls';

const party = (code: string, extra: Partial<TelephonyParty> = {}): TelephonyParty => ({
  id: 'p-abc-2',
  extensionId: '62264101',
  direction: 'Inbound',
  from: { phoneNumber: '+16505550101', name: 'LEE ANN' },
  to: { phoneNumber: '+16505550100', name: 'Alex Agent', extensionId: '62264101' },
  status: { code },
  ...extra,
});

describe('followParty (the agent party of a session on another device)', () => {
  const run = (codes: (string | TelephonyParty)[]) => {
    let state: FollowedParty | null = null;
    const steps: unknown[] = [];
    for (const c of codes) {
      const out = followParty(state, typeof c === 'string' ? party(c) : c);
      state = out.next;
      steps.push(...out.steps);
    }
    return { state, steps };
  };

  it('rings once, answers, holds and resumes, and ends as hung up', () => {
    const { steps, state } = run(['Setup', 'Proceeding', 'Proceeding', 'Answered', 'Hold', 'Answered', 'Disconnected']);
    expect(steps).toEqual([
      { kind: 'ringing' },
      { kind: 'answered' },
      { kind: 'held', held: true },
      { kind: 'held', held: false },
      { kind: 'ended', reason: 'hangup' },
    ]);
    expect(state?.phase).toBe('ended');
  });

  it('a party first seen answered (or held) reports the ringing and the answer it missed', () => {
    expect(run(['Hold']).steps).toEqual([{ kind: 'ringing' }, { kind: 'answered' }, { kind: 'held', held: true }]);
  });

  it('ends: missed when never answered, voicemail, declined, answered elsewhere, transferred', () => {
    expect(run(['Proceeding', 'Disconnected']).steps.at(-1)).toEqual({ kind: 'ended', reason: 'missed' });
    expect(run(['Proceeding', 'VoiceMail']).steps.at(-1)).toEqual({ kind: 'ended', reason: 'voicemail' });
    const rejected = party('Disconnected', { status: { code: 'Disconnected', reason: 'CallRejected' } });
    expect(run(['Proceeding', rejected]).steps.at(-1)).toEqual({ kind: 'ended', reason: 'declined' });
    const elsewhere = party('Disconnected', { status: { code: 'Disconnected', reason: 'AnsweredElsewhere' } });
    expect(run(['Proceeding', elsewhere]).steps.at(-1)).toEqual({ kind: 'ended', reason: 'answered-elsewhere' });
    const transferred = party('Disconnected', { status: { code: 'Disconnected', reason: 'BlindTransfer' } });
    expect(run(['Answered', transferred]).steps.at(-1)).toEqual({ kind: 'ended', reason: 'transferred' });
  });

  it('mute follows the party; a party first seen over and notifications after the end report nothing', () => {
    expect(run(['Answered', party('Answered', { muted: true })]).steps.at(-1)).toEqual({ kind: 'muted', muted: true });
    expect(run(['Disconnected']).steps).toEqual([]);
    expect(run(['Proceeding', 'Disconnected', 'Proceeding', 'Answered']).steps).toHaveLength(2);
  });
});

describe('OtherDeviceCalls', () => {
  const TSID = 's-abc';
  let api: FakeApi;
  let subscription: TypedEmitter<RingCentralSubscriptionEventMap>;
  let events: TypedEmitter<TelephonyEventMap>;
  let seen: [string, unknown][];
  let calls: OtherDeviceCalls;

  const notify = (p: TelephonyParty, sequence: number, session: Partial<TelephonySessionEvent> = {}) =>
    subscription.emit('telephony', {
      session: {
        telephonySessionId: TSID,
        sessionId: '4000000001',
        sequence,
        origin: { type: 'Call' },
        parties: [p],
        ...session,
      },
      extensionId: '62264101',
      ownParties: [p],
    });

  beforeEach(() => {
    api = new FakeApi()
      .on('POST', /\/parties\//, () => ({}))
      .on('PATCH', /\/parties\//, () => ({}))
      .on('DELETE', /\/telephony\/sessions\//, () => undefined);
    subscription = new TypedEmitter();
    events = new TypedEmitter();
    seen = [];
    for (const type of ['ringing', 'answered', 'held', 'muted', 'ended'] as const)
      events.on(type, (e) => seen.push([type, e]));
    calls = new OtherDeviceCalls({ api, events, subscription });
  });

  it('reports a call ringing on the desk phone with its caller and ids, then answered and ended', () => {
    notify(party('Setup'), 1);
    notify(party('Proceeding'), 2);
    expect(seen).toEqual([
      [
        'ringing',
        {
          callId: `other-${TSID}`,
          remoteNumber: '+16505550101',
          remoteName: 'LEE ANN',
          localNumber: '+16505550100',
          localName: 'Alex Agent',
          telephonySessionId: TSID,
          sessionId: '4000000001',
          partyId: 'p-abc-2',
          device: 'other',
        },
      ],
    ]);
    notify(party('Answered'), 4);
    notify(party('Proceeding'), 3); // late: ignored
    notify(party('Disconnected'), 5);
    expect(seen.map(([type]) => type)).toEqual(['ringing', 'answered', 'ended']);
    expect(calls.has(`other-${TSID}`)).toBe(false);
  });

  it('ignores RingOut sessions and outbound parties (RingOut calls are followed by their own part)', () => {
    notify(party('Proceeding'), 1, { origin: { type: 'RingOut' } });
    notify(party('Proceeding', { direction: 'Outbound' }), 2);
    expect(seen).toEqual([]);
  });

  it('controls go through the Call Control API; a ringing call is rejected, an answered one dropped', async () => {
    notify(party('Proceeding'), 1);
    const id = `other-${TSID}`;
    await calls.hangup(id);
    expect(api.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: `/restapi/v1.0/account/~/telephony/sessions/${TSID}/parties/p-abc-2/reject`,
    });
    notify(party('Answered'), 2);
    await calls.hold(id, true);
    await calls.hold(id, false);
    await calls.mute(id, true);
    await calls.transfer(id, '102');
    await calls.transfer(id, '+16505550199');
    await calls.hangup(id);
    expect(api.calls.slice(1).map((c) => [c.method, c.path.replace(/.*\/sessions\//, ''), c.body])).toEqual([
      ['POST', `${TSID}/parties/p-abc-2/hold`, undefined],
      ['POST', `${TSID}/parties/p-abc-2/unhold`, undefined],
      ['PATCH', `${TSID}/parties/p-abc-2`, { muted: true }],
      ['POST', `${TSID}/parties/p-abc-2/transfer`, { extensionNumber: '102' }],
      ['POST', `${TSID}/parties/p-abc-2/transfer`, { phoneNumber: '+16505550199' }],
      ['DELETE', TSID, undefined],
    ]);
    await expect(calls.hold('other-unknown', true)).rejects.toThrow(/Unknown or ended call/);
  });

  it('dispose reports live calls ended and stops following', () => {
    notify(party('Answered'), 1);
    calls.dispose((answered) => (answered ? 'hangup' : 'lost'));
    expect(seen.at(-1)).toEqual(['ended', { callId: `other-${TSID}`, reason: 'hangup' }]);
    notify(party('Proceeding'), 1, { telephonySessionId: 's-new' });
    expect(seen.filter(([t]) => t === 'ringing')).toHaveLength(1);
  });
});
