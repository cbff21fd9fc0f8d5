import wholeMetadata from 'libphonenumber-js/metadata.min.json';
import examples from 'libphonenumber-js/examples.mobile.json';
import { parsePhoneNumberWithError } from 'libphonenumber-js/core';
import { settle } from '../../__tests__/support/fake-clock';
import { manualPhoneFormats, rulesOnly } from '../../__tests__/support/manual-phone-formats';
import { normalizePhoneNumber, type NormalizeResult } from '../normalize-phone-number';
import { PhoneNumberCache } from '../phone-number-cache';
import { PhoneNumberMetadata } from '../phone-number-metadata';

// The first paint parses numbers with the `min` metadata stripped of its formats; the formats arrive in a lazy chunk
// (ADR 0018). Matching, E.164 and the checks must not depend on them; the display forms must never be wrong.

function loaded(): PhoneNumberMetadata {
  const metadata = new PhoneNumberMetadata(() => Promise.resolve(wholeMetadata));
  metadata.use(wholeMetadata);
  return metadata;
}

/** What must be the same with or without the formats: everything but the display forms. */
function withoutDisplay(result: NormalizeResult): unknown {
  if (!result.ok) return { ok: false, code: result.error.code };
  const { display: _display, nationalDisplay: _national, ...rest } = result.value;
  return { ok: true, ...rest };
}

/** Each country's example number in the inputs an agent or a record gives: E.164, national form, international form. */
const inputs: [string, string][] = Object.entries(examples as Record<string, string>).flatMap(([country, national]) => {
  const number = parsePhoneNumberWithError(national, country as never, wholeMetadata);
  return [
    [number.number, 'US'],
    [number.formatNational(), country],
    [number.formatInternational(), 'GB'],
    [`${number.formatNational()} ext. 12`, country],
  ] as [string, string][];
});

describe('PhoneNumberMetadata — the number formats after the first paint', () => {
  it('parses every country’s numbers to the same E.164 parts, country, validity and errors without the formats', () => {
    const first = rulesOnly();
    const whole = loaded();
    expect(inputs.length).toBeGreaterThan(800);
    for (const [input, region] of inputs) {
      expect([input, region, withoutDisplay(normalizePhoneNumber(input, region, first))]).toEqual([
        input,
        region,
        withoutDisplay(normalizePhoneNumber(input, region, whole)),
      ]);
    }
    for (const input of ['', 'call me', '101', '99999999999999999999', '650 555 0101', '+', '#*']) {
      expect(withoutDisplay(normalizePhoneNumber(input, 'US', first))).toEqual(
        withoutDisplay(normalizePhoneNumber(input, 'US', whole)),
      );
    }
  });

  it('shows a number in its unformatted international form until the formats arrive, never a national form', () => {
    const first = rulesOnly();
    expect(first.formatsLoaded).toBe(false);
    const uk = normalizePhoneNumber('020 7946 0104', 'GB', first);
    expect(uk.ok && [uk.value.display, uk.value.nationalDisplay]).toEqual(['+44 2079460104', '+44 2079460104']);
    const us = normalizePhoneNumber('(650) 555-0101 x12', 'US', first);
    expect(us.ok && [us.value.display, us.value.nationalDisplay, us.value.extension]).toEqual([
      '+1 6505550101 ext. 12',
      '+1 6505550101 ext. 12',
      '12',
    ]);
  });

  it('formats from the moment the formats arrive and tells its listeners once', async () => {
    const formats = manualPhoneFormats();
    const heard = jest.fn();
    formats.metadata.onFormatsLoaded(heard);
    const loading = formats.metadata.load();
    void formats.metadata.load(); // concurrent needs share one load
    expect(formats.calls()).toBe(1);
    formats.resolve();
    await loading;
    expect(formats.metadata.formatsLoaded).toBe(true);
    expect(heard).toHaveBeenCalledTimes(1);
    const uk = normalizePhoneNumber('020 7946 0104', 'GB', formats.metadata);
    expect(uk.ok && [uk.value.display, uk.value.nationalDisplay]).toEqual(['+44 20 7946 0104', '020 7946 0104']);
    await formats.metadata.load();
    expect(formats.calls()).toBe(1);
  });

  it('a load that fails changes nothing, and the next load tries again', async () => {
    const formats = manualPhoneFormats();
    const first = formats.metadata.load();
    formats.reject(new Error('Failed to fetch dynamically imported module'));
    await expect(first).rejects.toThrow('Failed to fetch');
    expect(formats.metadata.formatsLoaded).toBe(false);
    const us = normalizePhoneNumber('6505550101', 'US', formats.metadata);
    expect(us.ok && us.value.nationalDisplay).toBe('+1 6505550101');

    const second = formats.metadata.load();
    expect(formats.calls()).toBe(2);
    formats.resolve();
    await second;
    const again = normalizePhoneNumber('6505550101', 'US', formats.metadata);
    expect(again.ok && again.value.nationalDisplay).toBe('(650) 555-0101');
  });
});

describe('PhoneNumberCache with the formats arriving', () => {
  it('forgets the numbers it read before the formats, so the next state shows them formatted', async () => {
    const formats = manualPhoneFormats();
    const cache = new PhoneNumberCache(500, formats.metadata);
    expect(cache.of('+442079460104', 'US')?.display).toBe('+44 2079460104');
    const loading = formats.metadata.load();
    formats.resolve();
    await loading;
    await settle();
    expect(cache.of('+442079460104', 'US')?.display).toBe('+44 20 7946 0104');
    expect(cache.of('+442079460104', 'US')).toBe(cache.of('+442079460104', 'US')); // remembered again
  });
});

describe('PhoneNumberMetadata — the number rules as a lazy chunk', () => {
  it('reads no number before they arrive, then reads them as the first paint did', async () => {
    const phones = manualPhoneFormats({ rulesLoaded: false });
    const heard = jest.fn();
    phones.metadata.onLoaded(heard);
    expect(phones.metadata.ready).toBe(false);
    expect(phones.metadata.current()).toBeNull();
    const before = normalizePhoneNumber('+16505550101', 'US', phones.metadata);
    expect(before.ok || before.error.code).toBe('RULES_NOT_LOADED');
    expect(normalizePhoneNumber('', 'US', phones.metadata)).toMatchObject({ ok: false, error: { code: 'EMPTY' } });
    const cache = new PhoneNumberCache(500, phones.metadata);
    expect(cache.of('+16505550101', 'US')).toBeNull();

    const ready = phones.metadata.whenReady();
    void phones.metadata.whenReady(); // concurrent needs share one load
    expect(phones.rules.calls()).toBe(1);
    phones.rules.resolve();
    await ready;
    expect(phones.metadata.ready).toBe(true);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(withoutDisplay(normalizePhoneNumber('(650) 555-0101', 'US', phones.metadata))).toEqual(
      withoutDisplay(normalizePhoneNumber('(650) 555-0101', 'US', loaded())),
    );
    expect(cache.of('+16505550101', 'US')?.e164).toBe('+16505550101'); // the null read before is not kept
    await phones.metadata.whenReady();
    expect(phones.rules.calls()).toBe(1);
  });

  it('a load that fails changes nothing, and the next need tries again', async () => {
    const phones = manualPhoneFormats({ rulesLoaded: false });
    const first = phones.metadata.whenReady();
    phones.rules.reject(new Error('Failed to fetch dynamically imported module'));
    await expect(first).rejects.toThrow('Failed to fetch');
    expect(phones.metadata.ready).toBe(false);
    const second = phones.metadata.whenReady();
    expect(phones.rules.calls()).toBe(2);
    phones.rules.resolve();
    await second;
    expect(phones.metadata.ready).toBe(true);
  });

  it('the whole metadata arriving first makes numbers readable too, without loading the rules', async () => {
    const phones = manualPhoneFormats({ rulesLoaded: false });
    const heard = jest.fn();
    phones.metadata.onLoaded(heard);
    const formats = phones.metadata.load();
    phones.resolve();
    await formats;
    expect(phones.metadata.ready).toBe(true);
    expect(heard).toHaveBeenCalledTimes(1);
    await phones.metadata.whenReady();
    expect(phones.rules.calls()).toBe(0);
  });

  it('its default loader is the chunk of the generated parsing metadata', async () => {
    const metadata = new PhoneNumberMetadata();
    await metadata.whenReady();
    const us = normalizePhoneNumber('(650) 555-0101', 'US', metadata);
    expect(us.ok && [us.value.e164, us.value.display]).toEqual(['+16505550101', '+1 6505550101']);
  });
});
