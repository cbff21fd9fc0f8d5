import { FakeTelephony } from '../../core/__tests__/support/fake-telephony';
import type { TelephonyStatus } from '../../core/ports/telephony-port';
import { DeferredTelephony } from '../deferred-telephony';

describe('DeferredTelephony', () => {
  it('is starting and rejects commands until a port is attached', async () => {
    const deferred = new DeferredTelephony();
    expect(deferred.status).toEqual({ state: 'starting' });
    await expect(deferred.answer('c1')).rejects.toThrow('not ready');
    await expect(deferred.listCallerIds()).resolves.toEqual([]);
  });

  it('publishes its own status (e.g. logged-out) while detached', () => {
    const deferred = new DeferredTelephony();
    const seen: TelephonyStatus[] = [];
    deferred.on('status', (s) => seen.push(s));
    deferred.setStatus({ state: 'unavailable', reason: 'logged-out' });
    expect(deferred.status).toEqual({ state: 'unavailable', reason: 'logged-out' });
    expect(seen).toEqual([{ state: 'unavailable', reason: 'logged-out' }]);
  });

  it('forwards events and commands of the attached port, and its status', async () => {
    const deferred = new DeferredTelephony();
    const port = new FakeTelephony();
    const statuses: TelephonyStatus[] = [];
    const ringing: string[] = [];
    deferred.on('status', (s) => statuses.push(s));
    deferred.on('ringing', (e) => ringing.push(e.callId));
    deferred.attach(port);
    port.setStatus({ state: 'registered' });
    const callId = port.ring({ from: '+16505550101' });
    await deferred.answer(callId);
    expect(ringing).toEqual([callId]);
    expect(port.count('answer')).toBe(1);
    expect(deferred.status).toEqual({ state: 'registered' });
    expect(statuses).toEqual([{ state: 'starting' }, { state: 'registered' }]);
  });

  it('stops forwarding after detach and falls back to its own status', async () => {
    const deferred = new DeferredTelephony();
    const port = new FakeTelephony();
    const ringing: string[] = [];
    deferred.on('ringing', (e) => ringing.push(e.callId));
    deferred.attach(port);
    deferred.setStatus({ state: 'unavailable', reason: 'logged-out' });
    deferred.detach();
    port.ring({ from: '+16505550101' });
    expect(ringing).toEqual([]);
    expect(deferred.status).toEqual({ state: 'unavailable', reason: 'logged-out' });
    await expect(deferred.hangup('x')).rejects.toThrow('not ready');
  });

  it('shows the sign-in reconnecting on a registered status only, and publishes the change', () => {
    const deferred = new DeferredTelephony();
    const port = new FakeTelephony();
    const statuses: TelephonyStatus[] = [];
    deferred.on('status', (s) => statuses.push(s));
    const reconnecting = { detail: 'RingCentral is not available right now (HTTP 503).', retryAt: 1000 };
    deferred.setReconnecting(reconnecting);
    expect(deferred.status).toEqual({ state: 'starting' }); // nothing registered to qualify
    deferred.attach(port);
    port.setStatus({ state: 'registered' });
    expect(deferred.status).toEqual({ state: 'registered', reconnecting });
    deferred.setReconnecting(null);
    expect(deferred.status).toEqual({ state: 'registered' });
    expect(statuses.slice(-2)).toEqual([{ state: 'registered', reconnecting }, { state: 'registered' }]);
  });

  it('carries the call-event subscription state on a registered status only, and publishes each change', () => {
    const deferred = new DeferredTelephony();
    const port = new FakeTelephony();
    const statuses: TelephonyStatus[] = [];
    deferred.attach(port);
    deferred.on('status', (s) => statuses.push(s));
    deferred.setEvents('connecting');
    expect(deferred.status).toEqual({ state: 'starting' });
    port.setStatus({ state: 'registered', device: 'other' });
    expect(deferred.status).toEqual({ state: 'registered', device: 'other', events: 'connecting' });
    deferred.setEvents('lost');
    deferred.setEvents('lost');
    deferred.setEvents(null);
    expect(statuses).toEqual([
      { state: 'starting' },
      { state: 'registered', device: 'other', events: 'connecting' },
      { state: 'registered', device: 'other', events: 'lost' },
      { state: 'registered', device: 'other' },
    ]);
  });
});
