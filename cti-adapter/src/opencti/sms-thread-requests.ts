import type {
  SmsThreadRequest,
  SmsThreadRequestRejected,
  SmsThreadRequestSource,
} from '../core/ports/sms-thread-request-port';
import { TypedEmitter, type Unsubscribe } from '../core/support/typed-emitter';
import type { OpenCtiBridge } from './open-cti-bridge';

/** The package's message channel (`messageChannels/SMS_Open_Thread.messageChannel-meta.xml`) without a namespace. */
export const SMS_OPEN_THREAD_CHANNEL = 'SMS_Open_Thread__c';

/**
 * The channel's name for Open CTI `subscribe`: the package's channel is `<namespace>__SMS_Open_Thread__c` in an org
 * where the package is installed with a namespace (Open CTI Developer Guide, "Sample Code for Using Lightning Message
 * Service with Open CTI": a namespaced channel is named with its prefix).
 * @param namespace the package's namespace (`rcsp`), or null/empty without one
 * @public
 */
export function smsOpenThreadChannelName(namespace: string | null | undefined): string {
  return namespace ? `${namespace}__${SMS_OPEN_THREAD_CHANNEL}` : SMS_OPEN_THREAD_CHANNEL;
}

/** Options of {@link OpenCtiSmsThreadRequests}. @public */
export interface OpenCtiSmsThreadRequestsOptions {
  readonly bridge: OpenCtiBridge;
  /** The package's namespace in the org (from the page, see `packageNamespaceOf`), or null. */
  readonly namespace?: string | null;
}

const MAX_NUMBER = 40;
const MAX_NAME = 255;
const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const OBJECT_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;
/** Characters of a phone number as people store it: digits, `+`, spaces, `()-./`, extension markers. */
const NUMBER_TEXT = /^[0-9+()\-./\s#*xX]+$/;

/**
 * "Open SMS thread" requests over Open CTI: subscribes to the Lightning Message Channel `SMS_Open_Thread__c` with
 * `sforce.opencti.subscribe` (API 47+) and turns each message into a typed {@link SmsThreadRequest}. A message is
 * data from the page (a record's values), so every message is checked: a message without a usable
 * number, or with a malformed record id, name or object, is dropped and reported through `onRejected`, never half
 * used. A failed subscription (an Open CTI below API 47, a console error) rejects `start()`; a later `start()` tries
 * again.
 * @public
 */
export class OpenCtiSmsThreadRequests implements SmsThreadRequestSource {
  private readonly bridge: OpenCtiBridge;
  private readonly channelName: string;
  private readonly events = new TypedEmitter<{ request: SmsThreadRequest; rejected: SmsThreadRequestRejected }>();
  private subscription: Promise<unknown> | null = null;

  constructor(options: OpenCtiSmsThreadRequestsOptions) {
    this.bridge = options.bridge;
    this.channelName = smsOpenThreadChannelName(options.namespace);
  }

  /** The channel name subscribed to. */
  get channel(): string {
    return this.channelName;
  }

  start(): Promise<void> {
    if (!this.subscription) {
      const pending = this.bridge.subscribe(this.channelName, (message) => this.receive(message));
      this.subscription = pending;
      pending.catch(() => {
        if (this.subscription === pending) this.subscription = null;
      });
    }
    return this.subscription.then(() => undefined);
  }

  async stop(): Promise<void> {
    const pending = this.subscription;
    this.subscription = null;
    if (!pending) return;
    let subscription: unknown;
    try {
      subscription = await pending;
    } catch {
      return;
    }
    await this.bridge.unsubscribe(subscription);
  }

  onRequest(listener: (request: SmsThreadRequest) => void): Unsubscribe {
    return this.events.on('request', listener);
  }

  onRejected(listener: (rejected: SmsThreadRequestRejected) => void): Unsubscribe {
    return this.events.on('rejected', listener);
  }

  private receive(message: Record<string, unknown>): void {
    if (!this.subscription) return;
    const parsed = parseSmsThreadRequest(message);
    if (typeof parsed === 'string') this.events.emit('rejected', { reason: parsed, message });
    else this.events.emit('request', parsed);
  }
}

/**
 * Checks one channel message (`{number, recordId?, recordName?, objectType?}`).
 * @returns the request, or why it is not one
 * @public
 */
export function parseSmsThreadRequest(message: Record<string, unknown>): SmsThreadRequest | string {
  const rawNumber = message['number'];
  if (typeof rawNumber !== 'string' || rawNumber.trim() === '') return 'The message has no number to text.';
  const number = rawNumber.trim();
  if (number.length > MAX_NUMBER) return `The number is longer than ${MAX_NUMBER} characters.`;
  if (!NUMBER_TEXT.test(number) || (number.match(/[0-9]/g) ?? []).length < 3)
    return 'The number is not a phone number.';
  const recordId = optionalText(message['recordId']);
  if (recordId === undefined || (recordId !== null && !RECORD_ID.test(recordId)))
    return 'The record id is not a Salesforce id.';
  const recordName = optionalText(message['recordName']);
  if (recordName === undefined || (recordName !== null && recordName.length > MAX_NAME))
    return `The record name is not a text of at most ${MAX_NAME} characters.`;
  const objectType = optionalText(message['objectType']);
  if (objectType === undefined || (objectType !== null && !OBJECT_NAME.test(objectType)))
    return 'The object type is not an API name.';
  return { number, recordId, recordName, objectType };
}

/** A trimmed non-empty text, null when absent or blank, undefined when another type. */
function optionalText(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' ? null : text;
}
