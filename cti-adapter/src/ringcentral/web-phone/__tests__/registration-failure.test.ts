import { RingCentralApiError } from '../../rest/ringcentral-api-error';
import { isProxyFailure, sipErrorCodes } from '../registration-failure';

describe('isProxyFailure (when the backup outbound proxy applies)', () => {
  const codes = sipErrorCodes(['408', 502, '503', '504']);

  it('reads sip-provision sipErrorCodes, with RingCentral defaults when absent', () => {
    expect(codes).toEqual(['408', '502', '503', '504']);
    expect(sipErrorCodes(undefined)).toEqual(['408', '502', '503', '504']);
    expect(sipErrorCodes(['5xx', '480'])).toEqual(['480']);
  });

  it('a refused or dropped socket and a timeout are proxy failures', () => {
    expect(isProxyFailure(new Event('error'), codes)).toBe(true);
    expect(isProxyFailure(new RingCentralApiError('SIP registration timed out', null), codes)).toBe(true);
  });

  it('a REGISTER answer is a proxy failure only when sip-provision lists its code', () => {
    expect(isProxyFailure(new Error('Registration failed: SIP/2.0 503 Service Unavailable'), codes)).toBe(true);
    expect(isProxyFailure(new Error('Registration failed: SIP/2.0 403 Forbidden'), codes)).toBe(false);
    expect(isProxyFailure(new Error('Registration failed: SIP/2.0 603 Decline'), codes)).toBe(false);
    expect(isProxyFailure(new Error('Registration failed: SIP/2.0 200 OK (missing Contact expires)'), codes)).toBe(
      false,
    );
    expect(isProxyFailure(new Error('Registration failed: SIP/2.0 503 Service Unavailable'), [])).toBe(false);
  });

  it('a refusal from the REST API is not', () => {
    expect(isProxyFailure(new RingCentralApiError('Unauthorized', 401), codes)).toBe(false);
  });
});
