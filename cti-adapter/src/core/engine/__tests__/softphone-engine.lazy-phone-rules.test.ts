import { manualPhoneFormats } from '../../__tests__/support/manual-phone-formats';
import { ANN, INITECH } from '../../__tests__/support/sample-world';
import { settle } from '../../__tests__/support/fake-clock';
import { startEngine, viewOf } from './engine-harness';

// The number rules (libphonenumber's parsing metadata) are a lazy chunk requested as the engine starts (ADR 0018,
// amendment "first paint: the number rules are a lazy chunk"). In the browser the web phone registers only once they
// are here; these tests take the cases where a number is needed before: a call shown without them, a click-to-dial
// during the start, and a chunk that cannot load. Nothing is dropped: the lookup and the dial wait, a failure is told
// and the next need loads the chunk again.

function silenceConsole(): () => void {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  return () => {
    warn.mockRestore();
    error.mockRestore();
  };
}

describe('SoftphoneEngine — the number rules as a lazy chunk', () => {
  it('requests them once, as the engine starts', async () => {
    const phones = manualPhoneFormats({ rulesLoaded: false });
    const { engine } = await startEngine({ phoneMetadata: phones.metadata });
    expect(phones.rules.calls()).toBe(1);
    engine.dispose();
  });

  it('a call shown before they arrive is looked up and popped once they come, its number shown as given meanwhile', async () => {
    const phones = manualPhoneFormats({ rulesLoaded: false });
    const { engine, telephony, crm, host } = await startEngine({
      phoneMetadata: phones.metadata,
      settings: { inboundPop: 'ringing' },
    });
    const ann = telephony.ring({ from: '(650) 555-0101' });
    await settle();
    expect(crm.count('matchNumbers')).toBe(0); // waiting for the rules, not failed
    expect(viewOf(engine, ann)).toMatchObject({ matchStatus: 'pending', phone: null, displayName: '(650) 555-0101' });
    expect(engine.getState().notices).toEqual([]);

    phones.rules.resolve();
    await settle();
    expect(crm.count('matchNumbers')).toBe(1);
    expect(JSON.stringify(crm.requests.filter((r) => r.endpoint === 'matchNumbers'))).toContain(
      '"e164":"+16505550101"',
    );
    expect(host.pops).toEqual([{ kind: 'record', recordId: ANN.id }]);
    expect(viewOf(engine, ann)).toMatchObject({ displayName: 'Ann Lee', phone: { e164: '+16505550101' } });
    expect(phones.rules.calls()).toBe(1); // the start's request, shared
    engine.dispose();
  });

  it('rules that cannot load fail the lookup with a notice; "Look up again" loads them and pops', async () => {
    const restore = silenceConsole();
    try {
      const phones = manualPhoneFormats({ rulesLoaded: false });
      const { engine, telephony, crm, host } = await startEngine({
        phoneMetadata: phones.metadata,
        settings: { inboundPop: 'ringing' },
      });
      const ann = telephony.ring({ from: '+16505550101' });
      phones.rules.reject(new Error('Failed to fetch dynamically imported module'));
      await settle();
      expect(crm.count('matchNumbers')).toBe(0);
      expect(viewOf(engine, ann)).toMatchObject({ matchStatus: 'failed', conflict: 'lookup-failed' });
      const notice = engine.getState().notices.find((n) => n.code === 'MATCH_FAILED');
      expect(notice?.params).toEqual([1, '+16505550101', expect.objectContaining({ code: 'RULES_NOT_LOADED' })]);
      expect(notice?.message).toContain('part of the softphone did not load');
      expect(host.pops).toEqual([]);

      const retried = engine.lookUpAgain(ann);
      expect(phones.rules.calls()).toBe(2); // loaded again
      phones.rules.resolve();
      await retried;
      await settle();
      expect(crm.count('matchNumbers')).toBe(1);
      expect(viewOf(engine, ann)).toMatchObject({ matchStatus: 'done', conflict: null, displayName: 'Ann Lee' });
      expect(host.pops).toEqual([{ kind: 'record', recordId: ANN.id }]);
      engine.dispose();
    } finally {
      restore();
    }
  });

  it('a placeholder record waits for them; when they cannot load it is refused with that reason, nothing created', async () => {
    const restore = silenceConsole();
    try {
      const phones = manualPhoneFormats({ rulesLoaded: false });
      const { engine, telephony, crm } = await startEngine({ phoneMetadata: phones.metadata });
      const caller = telephony.ring({ from: '+16505550199' });
      phones.rules.reject(new Error('Failed to fetch dynamically imported module'));
      await settle();
      const creating = engine.createPlaceholder(caller, { name: 'New Caller' });
      expect(phones.rules.calls()).toBe(2);
      phones.rules.reject(new Error('Failed to fetch dynamically imported module'));
      await expect(creating).rejects.toMatchObject({ code: 'RULES_NOT_LOADED' });
      expect(crm.count('createPlaceholder')).toBe(0);
      engine.dispose();
    } finally {
      restore();
    }
  });

  it('a click-to-dial during the start waits for them, then dials the E.164 number with its record', async () => {
    const phones = manualPhoneFormats({ rulesLoaded: false });
    const { engine, telephony, host } = await startEngine({ phoneMetadata: phones.metadata });
    host.click({ number: '650-555-0107', recordId: INITECH.id, recordName: 'Initech', objectType: 'Account' });
    await settle();
    expect(telephony.count('call')).toBe(0); // waiting, not failed
    expect(engine.getState().notices).toEqual([]);
    phones.rules.resolve();
    await settle();
    expect(telephony.calls.filter((c) => c.method === 'call').map((c) => c.args[0])).toEqual(['+16505550107']);
    const [view] = engine.getState().calls;
    expect(view).toMatchObject({ clickContextRecordId: INITECH.id });
    engine.dispose();
  });

  it('an extension is dialled at once: it needs no rules', async () => {
    const phones = manualPhoneFormats({ rulesLoaded: false });
    const { engine, telephony } = await startEngine({ phoneMetadata: phones.metadata });
    await engine.dial('101');
    expect(telephony.calls.filter((c) => c.method === 'call').map((c) => c.args[0])).toEqual(['101']);
    engine.dispose();
  });

  it('a dial whose rules cannot load fails with a notice, nothing sent; the next dial loads them again', async () => {
    const restore = silenceConsole();
    try {
      const phones = manualPhoneFormats({ rulesLoaded: false });
      const { engine, telephony } = await startEngine({ phoneMetadata: phones.metadata });
      const first = engine.dial('(650) 555-0107');
      phones.rules.reject(new Error('Failed to fetch dynamically imported module'));
      await expect(first).rejects.toMatchObject({ code: 'RULES_NOT_LOADED' });
      expect(telephony.count('call')).toBe(0);

      const second = engine.dial('(650) 555-0107');
      expect(phones.rules.calls()).toBe(2);
      phones.rules.resolve();
      await second;
      expect(telephony.calls.filter((c) => c.method === 'call').map((c) => c.args[0])).toEqual(['+16505550107']);
      engine.dispose();
    } finally {
      restore();
    }
  });
});
