import { normalizePhoneNumber, tryNormalizePhoneNumber } from '../normalize-phone-number';
import { PhoneNumberError } from '../phone-number-error';

describe('normalizePhoneNumber', () => {
  it.each([
    ['(650) 555-0101', 'US', '+16505550101'],
    ['650.555.0102', 'US', '+16505550102'],
    ['+1 (650) 555-0102', 'US', '+16505550102'],
    ['6505550103', 'US', '+16505550103'],
    ['1-650-555-0101', 'US', '+16505550101'],
    ['16505550101', 'US', '+16505550101'],
    ['+44 20 7946 0104', 'US', '+442079460104'],
    ['0044 20 7946 0104', 'US', '+442079460104'],
    ['011 44 20 7946 0104', 'US', '+442079460104'],
    ['020 7946 0104', 'GB', '+442079460104'],
    ['tel:+16505550101', 'US', '+16505550101'],
  ])('reads %s (region %s) as %s', (input, region, e164) => {
    const result = normalizePhoneNumber(input, region);
    expect(result.ok && result.value.e164).toBe(e164);
  });

  it('returns the contract parts and display forms', () => {
    const result = normalizePhoneNumber('+44 20 7946 0104');
    expect(result).toEqual({
      ok: true,
      value: {
        e164: '+442079460104',
        countryCallingCode: '44',
        nationalNumber: '2079460104',
        display: '+44 20 7946 0104',
        nationalDisplay: '020 7946 0104',
        extension: null,
        country: 'GB',
        isValid: true,
      },
    });
  });

  it.each(['+1 650 555 0108 ext. 12', '+1 650 555 0108 x12', '(650) 555-0108;ext=12'])(
    'keeps the extension of %s apart',
    (input) => {
      const result = normalizePhoneNumber(input, 'US');
      expect(result.ok && [result.value.e164, result.value.extension]).toEqual(['+16505550108', '12']);
    },
  );

  it('uses the default region: the same digits are another country elsewhere', () => {
    const us = tryNormalizePhoneNumber('020 7946 0104', 'US');
    const gb = tryNormalizePhoneNumber('020 7946 0104', 'GB');
    expect(gb?.e164).toBe('+442079460104');
    expect(us?.e164).not.toBe('+442079460104');
  });

  it.each([
    ['', 'EMPTY'],
    ['   ', 'EMPTY'],
    ['call me', 'NOT_A_NUMBER'],
    ['101', 'TOO_SHORT'],
    ['99999999999999999999', 'TOO_LONG'],
  ])('returns a typed error for %j (%s) instead of throwing', (input, code) => {
    const result = normalizePhoneNumber(input, 'US');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(PhoneNumberError);
      expect(result.error.code).toBe(code);
    }
  });

  it('needs a country code when no default region is usable', () => {
    const result = normalizePhoneNumber('650 555 0101', 'not-a-region');
    expect(!result.ok && result.error.code).toBe('INVALID_COUNTRY');
    expect(normalizePhoneNumber('+1 650 555 0101', null).ok).toBe(true);
  });

  it('never throws on odd input', () => {
    for (const input of [undefined as unknown as string, null as unknown as string, '+', '++1', '#*', '١٢٣']) {
      expect(() => normalizePhoneNumber(input, 'US')).not.toThrow();
    }
  });
});
