import type { CallView, SoftphoneState } from '../../../../core/engine/softphone-state';
import type { CrmMatch } from '../../../../core/crm/crm-record';
import { EMPTY_FORM } from '../../../../core/call-log/call-log-form';
import type { CallLogForm } from '../../../../core/call-log/call-log-form';
import type { CallSnapshot } from '../../../../core/call/call-snapshot';
import type { CallHistoryRecord } from '../../../../core/ports/call-history-port';
import { DEFAULT_SETTINGS } from '../../../../core/settings/settings';
import { DEFAULT_LOCAL_PREFERENCES } from '../../../../core/settings/local-preferences';
import type { SoftphoneController } from '../../../softphone-controller';
import { IDLE } from '../../../softphone-events';
import type { CommandFeedback, SoftphoneEventName } from '../../../softphone-events';

/**
 * Test data for the softphone UI components, taken from the shared sample world (`docs/sample-world.md`):
 * Ann Lee calls from +16505550101 with the carrier caller-ID name `LEE ANN`; Bob and Carla Stone share +16505550102.
 */

/** A {@link CallSnapshot} of an inbound call from Ann Lee's number, ringing. */
export function callSnapshot(overrides: Partial<CallSnapshot> = {}): CallSnapshot {
  return {
    callId: 'call-1',
    telephonySessionId: 's-1',
    sessionId: '1001',
    partyId: 'p-1-1',
    direction: 'inbound',
    state: 'ringing',
    remoteNumber: '+16505550101',
    remoteName: 'LEE ANN',
    localNumber: '+16505550100',
    localName: 'Alex Agent',
    queueName: null,
    muted: false,
    recording: 'off',
    recordingUrl: null,
    recordingId: null,
    startedAt: 1_700_000_000_000,
    answeredAt: null,
    endedAt: null,
    endReason: null,
    transferTarget: null,
    ...overrides,
  };
}

/** A Contact match (Ann Lee of Acme Corp unless overridden). */
export function contactMatch(overrides: Partial<CrmMatch> = {}): CrmMatch {
  return {
    id: '003000000000001AAA',
    objectType: 'Contact',
    name: 'Ann Lee',
    isPersonAccount: false,
    personContactId: null,
    phoneField: 'Phone',
    phone: '(650) 555-0101',
    accountId: '001000000000001AAA',
    accountName: 'Acme Corp',
    title: null,
    company: null,
    lastModifiedDate: '2026-01-01T00:00:00Z',
    related: [],
    ...overrides,
  };
}

/** Bob and Carla Stone, the two Contacts sharing +16505550102. */
export const STONES: readonly CrmMatch[] = [
  contactMatch({ id: '003000000000002AAA', name: 'Bob Stone', accountName: 'Stone Logistics', phone: '650.555.0102' }),
  contactMatch({
    id: '003000000000003AAA',
    name: 'Carla Stone',
    accountName: 'Stone Logistics',
    phoneField: 'MobilePhone',
    phone: '+1 (650) 555-0102',
  }),
];

/** A {@link CallView} (ringing inbound call from +16505550101, matching done with no match unless overridden). */
export function callView(
  overrides: Partial<Omit<CallView, 'call' | 'form'>> & {
    call?: Partial<CallSnapshot>;
    form?: Partial<CallLogForm>;
  } = {},
): CallView {
  const { call, form, ...rest } = overrides;
  return {
    call: callSnapshot(call),
    phone: {
      e164: '+16505550101',
      countryCallingCode: '1',
      nationalNumber: '6505550101',
      display: '+1 650 555 0101',
      nationalDisplay: '(650) 555-0101',
      extension: null,
      country: 'US',
      isValid: true,
    },
    displayName: 'LEE ANN',
    logStatus: null,
    logError: null,
    matchStatus: 'done',
    matches: [],
    chosenRecordId: null,
    form: { ...EMPTY_FORM, ...form },
    formEdited: false,
    autoLogAt: null,
    conflict: null,
    taskId: null,
    fromHistory: false,
    clickContextRecordId: null,
    popped: false,
    ignored: false,
    pendingExtension: null,
    queueOutcome: null,
    salesEngagement: null,
    ...rest,
  };
}

/** An inbound call from Ann Lee (one Contact match, chosen) that ended after 1 min 35 s of talk. */
export function endedCallView(overrides: Parameters<typeof callView>[0] = {}): CallView {
  return callView({
    displayName: 'Ann Lee',
    matches: [contactMatch()],
    chosenRecordId: '003000000000001AAA',
    ...overrides,
    call: {
      state: 'ended',
      answeredAt: 1_700_000_000_000,
      endedAt: 1_700_000_095_000,
      endReason: 'hangup',
      ...overrides.call,
    },
  });
}

/** A RingCentral call-log record: Ann Lee's accepted inbound call of 1 min 35 s unless overridden. */
export function historyRecord(overrides: Partial<CallHistoryRecord> = {}): CallHistoryRecord {
  return {
    id: 'rec-1',
    telephonySessionId: 's-1',
    sessionId: '1001',
    direction: 'Inbound',
    startTime: '2026-11-20T15:00:00Z',
    duration: 95,
    result: 'Accepted',
    from: { phoneNumber: '+16505550101', name: 'LEE ANN' },
    to: { phoneNumber: '+16505550100', name: 'Alex Agent' },
    recording: null,
    ...overrides,
  };
}

/** A ready {@link SoftphoneState} with the given calls. */
export function softphoneState(overrides: Partial<SoftphoneState> = {}): SoftphoneState {
  return {
    phase: 'ready',
    telephony: { state: 'registered' },
    settings: DEFAULT_SETTINGS,
    settingsLoaded: true,
    lockedSettings: [],
    settingSources: {},
    preferences: DEFAULT_LOCAL_PREFERENCES,
    audio: {
      inputs: null,
      outputs: null,
      canChooseOutput: true,
      inUse: { microphoneId: null, speakerId: null, ringerDeviceId: null },
      missing: [],
      error: null,
    },
    user: { id: '005000000000001AAA', name: 'Alex Agent' },
    canEditSettings: false,
    calls: [],
    activeCallId: null,
    conflicts: [],
    pendingLogs: [],
    presence: null,
    queueCalls: true,
    callerIds: [],
    navigation: null,
    history: [],
    notices: [],
    unreadMessages: 0,
    dialPrompt: null,
    ...overrides,
  };
}

/** A controller whose commands are Jest mocks resolving to `undefined` (tests replace them as needed). */
export type FakeController = { -readonly [K in keyof SoftphoneController]: SoftphoneController[K] } & Record<
  Exclude<keyof SoftphoneController, 'state' | 'messages'>,
  jest.Mock
> & {
    /** Publishes a new snapshot to the subscribers (as the engine would). */
    publish(state: SoftphoneState): void;
    /** How many listeners are subscribed now. */
    subscriberCount(): number;
  };

/** A {@link SoftphoneController} fake: every command is a `jest.fn()`; `publish` drives `subscribe`. */
export function fakeController(state: SoftphoneState = softphoneState()): FakeController {
  const listeners = new Set<(s: SoftphoneState) => void>();
  const resolved = (): jest.Mock => jest.fn().mockResolvedValue(undefined);
  const controller: FakeController = {
    state,
    subscribe: jest.fn((listener: (s: SoftphoneState) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    subscriberCount: () => listeners.size,
    publish(next: SoftphoneState) {
      controller.state = next;
      for (const listener of listeners) listener(next);
    },
    answer: resolved(),
    decline: resolved(),
    toVoicemail: resolved(),
    ignore: resolved(),
    holdAndAnswer: resolved(),
    switchTo: resolved(),
    hangup: resolved(),
    mute: resolved(),
    hold: resolved(),
    sendDtmf: resolved(),
    transfer: resolved(),
    warmTransfer: resolved(),
    completeWarmTransfer: resolved(),
    setRecording: resolved(),
    dial: resolved(),
    chooseRecord: resolved(),
    lookUpAgain: resolved(),
    updateForm: jest.fn(),
    cancelAutoLog: jest.fn(),
    createPlaceholder: resolved(),
    saveLog: jest.fn().mockResolvedValue({ taskId: '00T000000000001AAA' }),
    discard: jest.fn(),
    searchRecords: jest.fn().mockResolvedValue([]),
    refreshHistory: resolved(),
    logPastCall: jest.fn().mockResolvedValue('history:s-past'),
    openRecord: resolved(),
    setPresence: resolved(),
    setQueueCalls: resolved(),
    refreshAudioDevices: resolved(),
    playTestSound: resolved(),
    setPreferences: jest.fn(),
    dismissNotice: jest.fn(),
    answerDialPrompt: jest.fn(),
    login: resolved(),
    logout: resolved(),
  };
  return controller;
}

/** Every softphone event name (the record type makes the compiler fail when one is missing). */
const EVENT_NAMES: Readonly<Record<SoftphoneEventName, true>> = {
  answer: true,
  decline: true,
  tovoicemail: true,
  holdandanswer: true,
  ignore: true,
  switchto: true,
  chooserecord: true,
  mute: true,
  hold: true,
  recording: true,
  hangup: true,
  dtmf: true,
  transfer: true,
  warmtransfer: true,
  completetransfer: true,
  formchange: true,
  cancelautolog: true,
  createplaceholder: true,
  recordsearch: true,
  save: true,
  lookupagain: true,
  discard: true,
  dial: true,
  preferenceschange: true,
  refresh: true,
  logpastcall: true,
  login: true,
  logout: true,
  testsound: true,
  queuecalls: true,
  open: true,
  opensettings: true,
  digit: true,
  dismiss: true,
  dialprompt: true,
  logqueue: true,
  opentask: true,
  closetoast: true,
};

/**
 * A softphone event as a test sees it. `escapes` is only present (and `true`) on an event that bubbles or is
 * composed, so comparing with `{type, detail}` fails for such an event: children raise events on their host only.
 */
export interface RaisedEvent {
  readonly type: SoftphoneEventName;
  readonly detail: unknown;
  readonly escapes?: true;
}

/** Records, in order, every softphone event `element` raises (`SoftphoneEvents` names). */
export function recordEvents(element: HTMLElement): RaisedEvent[] {
  const raised: RaisedEvent[] = [];
  for (const type of Object.keys(EVENT_NAMES) as SoftphoneEventName[]) {
    element.addEventListener(type, (event: Event) => {
      if (event.target !== element) return;
      const { detail } = event as CustomEvent<unknown>;
      raised.push(event.bubbles || event.composed ? { type, detail, escapes: true } : { type, detail });
    });
  }
  return raised;
}

/** {@link CommandFeedback} as the app passes it down (idle unless overridden). */
export function feedback(overrides: Partial<CommandFeedback> = {}): CommandFeedback {
  return { ...IDLE, ...overrides };
}

/** Lets pending promise callbacks and the LWC re-render (a microtask) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 3; i++) await Promise.resolve();
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
}

export { deferred } from '../../../../../test-support/deferred';

/** Sets an input's value and fires `input` (what typing does). */
export function typeInto(element: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  element.value = value;
  element.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Selects an option of a `<select>` and fires `change`. */
export function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The element matching `selector` inside `root`; throws (failing the test) when absent. */
export function get<E extends Element = HTMLElement>(root: ParentNode, selector: string): E {
  const element = root.querySelector<E>(selector);
  if (!element) throw new Error(`no element matches ${selector}`);
  return element;
}
