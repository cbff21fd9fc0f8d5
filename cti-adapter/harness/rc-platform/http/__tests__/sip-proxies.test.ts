import { PassThrough } from 'node:stream';
import { SIP_PROXY_PATHS, SipProxyGate, agentSipProxy, sipProxyForPath } from '../sip-proxies';

describe('SipProxyGate (the outbound proxies of sip-provision)', () => {
  it('names the proxy of each upgrade path, and nothing else', () => {
    expect(sipProxyForPath(SIP_PROXY_PATHS.primary)).toBe('primary');
    expect(sipProxyForPath('/sip-backup')).toBe('backup');
    expect(sipProxyForPath('/sip-pstn')).toBe('customer');
    expect(sipProxyForPath('/sip/')).toBeNull();
    expect(sipProxyForPath('/ws')).toBeNull();
    expect(agentSipProxy('backup')).toBe('backup');
    expect(agentSipProxy('customer')).toBeNull();
    expect(agentSipProxy(undefined)).toBeNull();
  });

  it('an outage drops the live sockets of that proxy only and refuses new ones until restored', () => {
    const gate = new SipProxyGate();
    const onPrimary = new PassThrough();
    const onBackup = new PassThrough();
    const customer = new PassThrough();
    expect(gate.admit('primary', onPrimary)).toBe(true);
    expect(gate.admit('backup', onBackup)).toBe(true);
    expect(gate.admit('customer', customer)).toBe(true);
    expect(gate.state()).toEqual({ down: [], sockets: { primary: 1, backup: 1, customer: 1 } });

    expect(gate.outage('primary')).toBe(1);
    expect(onPrimary.destroyed).toBe(true);
    expect(onBackup.destroyed).toBe(false);
    expect(customer.destroyed).toBe(false);
    expect(gate.admit('primary', new PassThrough())).toBe(false);
    expect(gate.admit('backup', new PassThrough())).toBe(true);
    expect(gate.admit('customer', new PassThrough())).toBe(true);
    expect(gate.state().down).toEqual(['primary']);

    gate.restore();
    expect(gate.admit('primary', new PassThrough())).toBe(true);
    expect(gate.state().down).toEqual([]);
  });

  it('forgets a socket once it closes', async () => {
    const gate = new SipProxyGate();
    const socket = new PassThrough();
    gate.admit('backup', socket);
    socket.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    expect(gate.state().sockets.backup).toBe(0);
    expect(gate.outage('backup')).toBe(0);
  });
});
