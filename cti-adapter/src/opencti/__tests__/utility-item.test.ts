import { utilityItemFor } from '../utility-item';

describe('utilityItemFor — the closed utility item says whether the softphone listens (Open CTI takes no colour)', () => {
  it('idle: listening, starting, or not listening with the reason', () => {
    expect(utilityItemFor('ready', 0, { listening: true, via: 'other' })).toEqual({
      icon: 'call',
      label: 'Phone · Listening',
    });
    expect(utilityItemFor('starting', 0, { listening: false, reason: 'starting' })).toEqual({
      icon: 'call',
      label: 'Phone (starting)',
    });
    expect(utilityItemFor('ready', 0, { listening: false, reason: 'subscription-lost' })).toEqual({
      icon: 'offline',
      label: 'Phone · Not listening: call events lost',
    });
    expect(utilityItemFor('offline', 1, { listening: false, reason: 'signed-out' })).toEqual({
      icon: 'offline',
      label: 'Phone · Not listening: signed out · 1 SMS',
    });
  });

  it('a live call shows the call, whatever the listening state', () => {
    expect(utilityItemFor('on-hold', 0, { listening: false, reason: 'subscription-lost' })).toEqual({
      icon: 'paused_call',
      label: 'On hold',
    });
    expect(utilityItemFor('dialing', 0, { listening: true, via: 'browser' })).toEqual({
      icon: 'outbound_call',
      label: 'Calling…',
    });
  });
});
