import { settle } from '../../__tests__/support/fake-clock';
import { CARLA, INITECH } from '../../__tests__/support/sample-world';
import type { DialOptions } from '../../ports/telephony-port';
import { startEngine, viewOf } from './engine-harness';

describe('SoftphoneEngine — dialling', () => {
  it('click-to-dial on a stored value that is no phone number tells the agent and calls nobody', async () => {
    const { engine, telephony, host } = await startEngine();
    host.click({ number: 'ask reception', recordId: CARLA.id, recordName: 'Carla Stone', objectType: 'Contact' });
    await settle();
    expect(telephony.count('call')).toBe(0);
    expect(engine.getState().notices).toEqual([
      expect.objectContaining({
        level: 'error',
        code: 'DIAL_FAILED',
        message: expect.stringContaining('ask reception'),
      }),
    ]);
  });

  it('a call reported after call() resolved (RingOut) still gets the clicked record, by its call id', async () => {
    const h = await startEngine();
    const placed: string[] = [];
    h.telephony.call = async (to: string, options: DialOptions) => {
      h.telephony.calls.push({ method: 'call', args: [to, options] });
      placed.push(to);
      return { callId: 'ringout-1' };
    };
    h.host.click({ number: '650-555-0107', recordId: INITECH.id, recordName: 'Initech', objectType: 'Account' });
    await settle();
    expect(placed).toEqual(['+16505550107']);
    expect(h.engine.getState().calls).toEqual([]);
    h.telephony.emit('dialing', { callId: 'ringout-1', remoteNumber: '+16505550107', localNumber: null });
    await settle();
    expect(viewOf(h.engine, 'ringout-1')).toMatchObject({
      clickContextRecordId: INITECH.id,
      form: { whatId: INITECH.id },
      displayName: 'Initech',
    });
    expect(h.host.pops).toEqual([]);
  });

  it("a RingOut is 'ringing your phone first' until the platform says the callee rings; the answer connects it", async () => {
    const h = await startEngine();
    h.telephony.emit('dialing', {
      callId: 'ringout-2',
      remoteNumber: '+16505550107',
      localNumber: null,
      device: 'other',
    });
    await settle();
    expect(viewOf(h.engine, 'ringout-2').call).toMatchObject({ state: 'dialing', device: 'other' });
    expect(viewOf(h.engine, 'ringout-2').call.remoteRinging).toBeUndefined();
    h.telephony.emit('ringingRemote', { callId: 'ringout-2' });
    await settle();
    expect(viewOf(h.engine, 'ringout-2').call).toMatchObject({ state: 'dialing', remoteRinging: true });
    h.telephony.emit('answered', { callId: 'ringout-2' });
    h.telephony.emit('ringingRemote', { callId: 'ringout-2' }); // late: changes nothing once connected
    await settle();
    expect(viewOf(h.engine, 'ringout-2').call.state).toBe('connected');
  });
});
