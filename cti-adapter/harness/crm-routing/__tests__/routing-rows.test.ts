import {
  compareDecimals,
  decideRoute,
  decisionText,
  isRoutingNumber,
  parseDecisionText,
  rowMatches,
  type RoutingRow,
} from '../routing-rows';
import { hashRoutingSecret, newRoutingSalt, newRoutingSecret, routingSecretMatches } from '../routing-secret';

// The contract's row rule (docs/contracts/crm-routing.md, "How rows are evaluated"), as the package's
// RoutingRowEvaluator_Tests pins it in Apex.

describe('numbers and text', () => {
  it('tells numbers from text as the contract does', () => {
    for (const text of ['42', '-3.5', '+.5', '7.', '0']) expect(isRoutingNumber(text)).toBe(true);
    for (const text of ['1,000', '1e3', 'GOLD', '', '.', '+', '1.2.3']) expect(isRoutingNumber(text)).toBe(false);
  });

  it('compares decimals exactly, past floating point', () => {
    expect(compareDecimals('9', '10')).toBeLessThan(0);
    expect(compareDecimals('50', '50.000')).toBe(0);
    expect(compareDecimals('-0', '0')).toBe(0);
    expect(compareDecimals('-3.5', '-4')).toBeGreaterThan(0);
    expect(compareDecimals('12345678901234567890.1', '12345678901234567890.2')).toBeLessThan(0);
    expect(compareDecimals('0.1', '0.10000000000000000001')).toBeLessThan(0);
    expect(() => compareDecimals('x', '1')).toThrow('not a number');
  });

  it('applies every operator: numbers when both sides are numbers, text otherwise', () => {
    expect(rowMatches('<', '9', '10')).toBe(true);
    expect(rowMatches('>', '9', '10')).toBe(false);
    expect(rowMatches('=', '50', '50.0')).toBe(true);
    expect(rowMatches('<=', '50', '50')).toBe(true);
    expect(rowMatches('>=', '-3.5', '-4')).toBe(true);
    expect(rowMatches('!=', '+.5', '0.50')).toBe(false);
    expect(rowMatches('=', 'GOLD', 'gold')).toBe(true);
    expect(rowMatches('<', '10', '9a')).toBe(true);
    expect(rowMatches('>', '1,000', '999')).toBe(false);
    expect(rowMatches('contains', 'Gold Plus', 'gold')).toBe(true);
    expect(rowMatches('contains', '1500', '50')).toBe(true);
  });

  it('matches no row without a value', () => {
    for (const op of ['<', '>', '=', '<=', '>=', '!=', 'contains'] as const) {
      expect(rowMatches(op, null, 'GOLD')).toBe(false);
      expect(rowMatches(op, '  ', 'GOLD')).toBe(false);
    }
  });
});

describe('decisions', () => {
  const rows: RoutingRow[] = [
    { order: 2, operator: 'contains', value: 'GOL', destination: 'ivr', option: '300' },
    { order: 1, operator: '=', value: 'GOLD', destination: 'queue', option: '201' },
  ];

  it('takes the first matching row by order, else the default destination', () => {
    expect(decideRoute('gold', rows, '200', 'Not_Set')).toEqual({
      destination: 'queue',
      option: '201',
      row: 1,
      voicemail: null,
    });
    expect(decideRoute('BRONZE', rows, '200', 'Yes')).toEqual({
      destination: 'default',
      option: '200',
      row: null,
      voicemail: true,
    });
    expect(decideRoute(null, rows, '200', 'No').voicemail).toBe(false);
  });

  it('writes and reads the decision text', () => {
    expect(decisionText({ destination: 'default', option: '200', row: null, voicemail: true })).toBe('voicemail:200');
    expect(decisionText({ destination: 'queue', option: '201', row: 1, voicemail: null })).toBe('queue:201');
    expect(parseDecisionText(' recording:gold-welcome\n')).toEqual({
      destination: 'recording',
      option: 'gold-welcome',
    });
    expect(parseDecisionText('GOLD')).toBeNull();
  });
});

describe('routing secrets', () => {
  it('hashes salt:secret as the Apex RoutingSecret does, and compares in constant time', () => {
    const salt = 'salt0123456789abcdef0123456789ab';
    const secret = 'test-secret-0123456789abcdefghijklmnopqrstu';
    const hash = hashRoutingSecret(salt, secret);
    expect(hash).toBe('e3205e0e315cf6398d87461c37ade3793bdde4f5227cb5fa79d5e10ffab84857');
    expect(routingSecretMatches(secret, salt, hash.toUpperCase())).toBe(true);
    expect(routingSecretMatches(`${secret}x`, salt, hash)).toBe(false);
    expect(routingSecretMatches(null, salt, hash)).toBe(false);
    expect(routingSecretMatches(secret, salt, hash.slice(1))).toBe(false);
    expect(newRoutingSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newRoutingSalt()).toMatch(/^[0-9a-f]{32}$/);
  });
});
