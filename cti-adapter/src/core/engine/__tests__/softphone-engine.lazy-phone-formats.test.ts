import * as callLoggingModule from '../flows/call-logging';
import { manualPhoneFormats } from '../../__tests__/support/manual-phone-formats';
import { ANN } from '../../__tests__/support/sample-world';
import { afterIdle, FakeClock, settle } from '../../__tests__/support/fake-clock';
import { FakeCrmGateway } from '../../__tests__/support/fake-crm-gateway';
import { FakeCtiHost } from '../../__tests__/support/fake-cti-host';
import { FakeTelephony } from '../../__tests__/support/fake-telephony';
import { MemoryKeyValueStore } from '../../ports/key-value-store';
import { SoftphoneEngine } from '../softphone-engine';
import type { SoftphoneState } from '../softphone-state';
import { startEngine, viewOf } from './engine-harness';

// The number formats are a lazy chunk (ADR 0018), requested once the start is over (the console answered the
// initialization notice): a call that rings before they arrive is looked up and popped at once (E.164 needs no
// formats), shows its number unformatted, and formatted once they come.

describe('SoftphoneEngine — the number formats as a lazy chunk', () => {
  it('requests them once at the start', async () => {
    const formats = manualPhoneFormats();
    await startEngine({ phoneMetadata: formats.metadata });
    expect(formats.calls()).toBe(1);
  });

  it('requests them only once the start is over: after the console answered the initialization notice', async () => {
    const formats = manualPhoneFormats();
    const host = new FakeCtiHost();
    let answer: () => void = () => undefined;
    host.notifyInitializationComplete = () => new Promise<void>((resolve) => (answer = resolve));
    const telephony = new FakeTelephony();
    const engine = new SoftphoneEngine({
      telephony,
      host,
      crm: new FakeCrmGateway(),
      store: new MemoryKeyValueStore(),
      clock: new FakeClock(),
      phoneMetadata: formats.metadata,
    });
    let initialized = false;
    void engine.whenInitialized().then(() => (initialized = true));
    await engine.start();
    await afterIdle();
    expect(formats.calls()).toBe(0); // the web phone is still starting: nothing competes with it
    telephony.setStatus({ state: 'registered' });
    await afterIdle();
    expect(formats.calls()).toBe(0); // the notice is sent, not answered yet
    expect(initialized).toBe(false);
    answer();
    await settle();
    expect(initialized).toBe(true);
    expect(formats.calls()).toBe(1); // then at once, without waiting for the page to be idle
    await afterIdle();
    expect(formats.calls()).toBe(1);
    engine.dispose();
  });

  it('a call ringing before they arrive is looked up and popped at once, then shown formatted when they come', async () => {
    const formats = manualPhoneFormats();
    const { engine, telephony, crm, host } = await startEngine({
      phoneMetadata: formats.metadata,
      settings: { inboundPop: 'ringing' },
    });
    const ann = telephony.ring({ from: '(650) 555-0101' }); // Ann Lee's number, as a desk phone may send it
    await settle();
    expect(JSON.stringify(crm.requests.filter((r) => r.endpoint === 'matchNumbers'))).toContain(
      '"e164":"+16505550101"',
    );
    expect(host.pops).toEqual([{ kind: 'record', recordId: ANN.id }]); // popped without the formats
    expect(viewOf(engine, ann).displayName).toBe('Ann Lee');
    telephony.end(ann, 'missed');
    await settle();

    const published: SoftphoneState[] = [];
    engine.subscribe((state) => published.push(state));
    const unknown = telephony.ring({ from: '+16505550199' }); // nobody has this number
    await settle();
    expect(viewOf(engine, unknown)).toMatchObject({
      displayName: '+1 6505550199',
      phone: { e164: '+16505550199', display: '+1 6505550199', nationalDisplay: '+1 6505550199', country: 'US' },
    });
    const lookups = crm.count('matchNumbers');
    const before = published.length;
    formats.resolve();
    await settle();
    expect(published.length).toBe(before + 1); // one new state: the views show the numbers again
    expect(viewOf(engine, unknown)).toMatchObject({
      displayName: '(650) 555-0199',
      phone: { e164: '+16505550199', display: '+1 650 555 0199', nationalDisplay: '(650) 555-0199' },
    });
    expect(crm.count('matchNumbers')).toBe(lookups); // nothing looked up again
  });

  it('formats that cannot load leave the numbers unformatted, and the next call tries again', async () => {
    const formats = manualPhoneFormats();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    // The call-log chunk waits for the formats too (the default subject shows the number formatted): its prefetch fails.
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { engine, telephony } = await startEngine({ phoneMetadata: formats.metadata });
      formats.reject(new Error('Failed to fetch dynamically imported module'));
      await settle();
      expect(warn).toHaveBeenCalledTimes(1);
      const first = telephony.ring({ from: '+442079460199' });
      await settle();
      expect(formats.calls()).toBe(2);
      expect(viewOf(engine, first).phone?.display).toBe('+44 2079460199');
      formats.resolve();
      await settle();
      expect(viewOf(engine, first).phone?.display).toBe('+44 20 7946 0199');
      telephony.ring({ from: '+16505550198' });
      await settle();
      expect(formats.calls()).toBe(2); // here now: not requested again
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });

  it('a log’s default subject waits for the formats: the Task shows the number formatted, as before', async () => {
    const formats = manualPhoneFormats();
    const { engine, telephony, crm } = await startEngine({
      phoneMetadata: formats.metadata,
      loadCallLogging: () => Promise.resolve(callLoggingModule),
    });
    const callId = telephony.ring({ from: '+442079460199' }); // nobody has this number
    await settle();
    telephony.end(callId, 'missed');
    engine.updateLogForm(callId, { withoutRecord: true });
    const saving = engine.saveLog(callId);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(0);
    formats.resolve();
    await expect(saving).resolves.toMatchObject({ ok: true });
    expect(crm.upsertBatches()[0]?.[0]?.subject).toBe('Inbound call from +44 20 7946 0199');
  });
});
