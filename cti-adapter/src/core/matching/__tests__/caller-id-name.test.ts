import { callerIdSearchTerm, MAX_CALLER_ID_SEARCH_LENGTH } from '../caller-id-name';

describe('callerIdSearchTerm', () => {
  it('keeps a caller-ID name as the network sent it, spaces collapsed', () => {
    expect(callerIdSearchTerm('GIBBONS PETER')).toBe('GIBBONS PETER');
    expect(callerIdSearchTerm('  O’BRIEN   MARY ')).toBe('O’BRIEN MARY');
    expect(callerIdSearchTerm('Müller Jürgen')).toBe('Müller Jürgen');
  });

  it('is no name when absent, blank, generic, a number or a single character', () => {
    for (const name of [
      null,
      undefined,
      '',
      '   ',
      'WIRELESS CALLER',
      'wireless  caller',
      'Unknown',
      'PRIVATE',
      '+16505550106',
      '650-555-0106',
      'X',
    ]) {
      expect(callerIdSearchTerm(name)).toBeNull();
    }
  });

  it('replaces control characters and cuts a long name at the search limit', () => {
    expect(callerIdSearchTerm('ANN\u0000\nLEE\u007f')).toBe('ANN LEE');
    const long = callerIdSearchTerm(`${'A'.repeat(99)} B C`);
    expect(long).toHaveLength(MAX_CALLER_ID_SEARCH_LENGTH - 1);
    expect(long).toBe('A'.repeat(99));
  });

  it('leaves markup and SOSL operators in the text (shown as text, made safe by the server)', () => {
    expect(callerIdSearchTerm('<b>ACME</b> OR "x"*')).toBe('<b>ACME</b> OR "x"*');
  });
});
