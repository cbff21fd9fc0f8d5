import { endReasonOf, localEndReason, responseStatus, type CallEndFacts, type LocalEnd } from '../call-end-facts';

const facts = (partial: Partial<CallEndFacts> & Pick<CallEndFacts, 'direction'>): CallEndFacts => ({
  answered: false,
  localEnd: null,
  inviteFailure: null,
  answeredElsewhere: false,
  ...partial,
});

describe('endReasonOf: the end reason the protocol facts give', () => {
  it.each([
    ['reject', 'declined'],
    ['voicemail', 'voicemail'],
    ['bye', 'hangup'],
    ['cancel', 'cancelled'],
    ['refer', 'transferred'],
  ] as const)('the request this side sent wins: %s → %s', (localEnd: LocalEnd, reason) => {
    expect(localEndReason(localEnd)).toBe(reason);
    // …over every platform fact that could say otherwise.
    expect(endReasonOf(facts({ direction: 'inbound', localEnd, answered: true, answeredElsewhere: true }))).toBe(
      reason,
    );
    expect(endReasonOf(facts({ direction: 'outbound', localEnd, inviteFailure: 486 }))).toBe(reason);
  });

  it('inbound without a local request: answered → remote-hangup, Cmd 7 → answered-elsewhere, else missed', () => {
    expect(endReasonOf(facts({ direction: 'inbound', answered: true }))).toBe('remote-hangup');
    expect(endReasonOf(facts({ direction: 'inbound', answeredElsewhere: true }))).toBe('answered-elsewhere');
    expect(endReasonOf(facts({ direction: 'inbound' }))).toBe('missed');
  });

  it.each([
    [486, 'busy'],
    [600, 'busy'],
    [408, 'no-answer'],
    [480, 'no-answer'],
    [487, 'cancelled'],
    [404, 'failed'],
    [403, 'failed'],
    ['error', 'failed'],
  ] as const)('outbound INVITE failure %s → %s', (inviteFailure, reason) => {
    expect(endReasonOf(facts({ direction: 'outbound', inviteFailure }))).toBe(reason);
  });

  it('outbound without a failure: answered → remote-hangup, else failed', () => {
    expect(endReasonOf(facts({ direction: 'outbound', answered: true }))).toBe('remote-hangup');
    expect(endReasonOf(facts({ direction: 'outbound' }))).toBe('failed');
  });

  it('responseStatus reads the status code of a SIP response line; anything else is an error', () => {
    expect(responseStatus('SIP/2.0 486 Busy Here')).toBe(486);
    expect(responseStatus('SIP/2.0 603 Decline')).toBe(603);
    expect(responseStatus('BYE sip:x@sip.ringcentral.com SIP/2.0')).toBe('error');
    expect(responseStatus('')).toBe('error');
  });
});
