import { listeningOf, shownKey } from '../listening';

describe('listeningOf — the one source of "is the softphone listening for calls"', () => {
  it('listens with a registered web phone, also while the sign-in renews and whatever the call events do', () => {
    expect(listeningOf({ state: 'registered' })).toEqual({ listening: true, via: 'browser' });
    expect(
      listeningOf({ state: 'registered', reconnecting: { detail: 'RingCentral answered 503', retryAt: 1 } }),
    ).toEqual({ listening: true, via: 'browser' });
    expect(listeningOf({ state: 'registered', events: 'lost' })).toEqual({ listening: true, via: 'browser' });
  });

  it('with the app / desk phone, listens only while the call-event subscription is up', () => {
    expect(listeningOf({ state: 'registered', device: 'other' })).toEqual({ listening: true, via: 'other' });
    expect(listeningOf({ state: 'registered', device: 'other', events: 'connecting' })).toEqual({
      listening: false,
      reason: 'starting',
    });
    expect(listeningOf({ state: 'registered', device: 'other', events: 'lost' })).toEqual({
      listening: false,
      reason: 'subscription-lost',
    });
  });

  it('names the reason of every unavailable web phone', () => {
    expect(listeningOf({ state: 'starting' })).toEqual({ listening: false, reason: 'starting' });
    const reasons = (
      [
        'logged-out',
        'microphone-denied',
        'microphone-blocked',
        'no-microphone',
        'too-many-registrations',
        'registration-failed',
        'network',
      ] as const
    ).map((reason) => {
      const listening = listeningOf({ state: 'unavailable', reason });
      return listening.listening ? null : listening.reason;
    });
    expect(reasons).toEqual([
      'signed-out',
      'microphone-blocked',
      'microphone-blocked',
      'no-microphone',
      'too-many-phones',
      'registration-failed',
      'registration-lost',
    ]);
  });

  it('gives a different host key when only the listening state changes', () => {
    expect(shownKey('ready', 0, { listening: true, via: 'browser' })).not.toBe(
      shownKey('ready', 0, { listening: true, via: 'other' }),
    );
    expect(shownKey('ready', 0, { listening: false, reason: 'starting' })).not.toBe(
      shownKey('ready', 0, { listening: false, reason: 'subscription-lost' }),
    );
  });
});
