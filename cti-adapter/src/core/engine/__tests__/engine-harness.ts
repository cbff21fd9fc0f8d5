import type { CallHistoryPort } from '../../ports/call-history-port';
import { MemoryKeyValueStore, type KeyValueStore } from '../../ports/key-value-store';
import { mergeSettings, type Settings } from '../../settings/settings';
import { afterIdle, FakeClock, settle } from '../../__tests__/support/fake-clock';
import { FakeCrmGateway } from '../../__tests__/support/fake-crm-gateway';
import { FakeCtiHost } from '../../__tests__/support/fake-cti-host';
import { FakeTelephony } from '../../__tests__/support/fake-telephony';
import { ANN, BOB, CARLA, DAN, ERIN, GLOBEX, INITECH } from '../../__tests__/support/sample-world';
import type { PhoneNumberMetadata } from '../../phone-number/phone-number-metadata';
import { SoftphoneEngine, type CallLoggingLoader } from '../softphone-engine';

/** One engine over fakes seeded with the sample world. */
export interface EngineHarness {
  readonly engine: SoftphoneEngine;
  readonly telephony: FakeTelephony;
  readonly host: FakeCtiHost;
  readonly crm: FakeCrmGateway;
  readonly clock: FakeClock;
  readonly store: KeyValueStore;
}

export async function startEngine(
  options: {
    settings?: Partial<Settings>;
    store?: KeyValueStore;
    clock?: FakeClock;
    crm?: FakeCrmGateway;
    history?: CallHistoryPort;
    loadCallLogging?: CallLoggingLoader;
    callLoggingRetryMs?: number;
    phoneMetadata?: PhoneNumberMetadata;
  } = {},
): Promise<EngineHarness> {
  const clock = options.clock ?? new FakeClock();
  const telephony = new FakeTelephony();
  const host = new FakeCtiHost();
  const crm = options.crm ?? new FakeCrmGateway();
  crm.settings = mergeSettings(options.settings);
  // Matches in the order matchNumbers returns them (the contract's order, final: the engine never re-sorts them).
  crm.setMatches('+16505550101', [ANN]);
  crm.setMatches('+16505550102', [CARLA, BOB]); // both Contacts, Carla modified last
  crm.setMatches('+16505550103', [DAN]);
  crm.setMatches('+442079460104', [GLOBEX]);
  crm.setMatches('+16505550105', [ERIN]);
  crm.setMatches('+16505550107', [INITECH]);
  const store = options.store ?? new MemoryKeyValueStore();
  const engine = new SoftphoneEngine({
    telephony,
    host,
    crm,
    store,
    clock,
    history: options.history,
    loadCallLogging: options.loadCallLogging,
    callLoggingRetryMs: options.callLoggingRetryMs,
    phoneMetadata: options.phoneMetadata,
  });
  await engine.start();
  telephony.setStatus({ state: 'registered' });
  await settle();
  await afterIdle(); // as in a browser, the idle-time work of the start is done before the first call
  return { engine, telephony, host, crm, clock, store };
}

/** The call view of `callId` in the latest state. */
export function viewOf(engine: SoftphoneEngine, callId: string) {
  const view = engine.getState().calls.find((c) => c.call.callId === callId);
  if (!view) throw new Error(`no view for ${callId}`);
  return view;
}
