import { EventEmitter } from 'node:events';
import type { CallLogRecord, CallSession, Presence, StoredMessage } from './types';

/**
 * Body of a telephony-session notification, as `@ringcentral/subscriptions` delivers it for the event filter
 * `/restapi/v1.0/account/~/extension/~/telephony/sessions` (RingCentral "Telephony Sessions Event").
 */
export interface TelephonySessionEventBody {
  sequence: number;
  sessionId: string;
  telephonySessionId: string;
  serverId: string;
  eventTime: string;
  origin: { type: 'Call' | 'RingOut' };
  parties: {
    accountId: string;
    extensionId?: string;
    id: string;
    direction: 'Inbound' | 'Outbound';
    from: { phoneNumber: string; name?: string; extensionId?: string };
    to: { phoneNumber: string; name?: string; extensionId?: string };
    status: { code: string; reason?: string; rcc: boolean };
    recordings?: { id: string; active: boolean }[];
    missedCall: boolean;
    standAlone: boolean;
    muted: boolean;
    park?: { id: string };
    queueCall?: boolean;
  }[];
}

/** Events of {@link TelephonyModel}. Subscriptions, SIP and the control API consume them. */
export interface ModelEventMap {
  /** A session changed; one event per extension that owns a party of it (body already filtered to that owner). */
  telephony: { extensionId: string; session: CallSession; body: TelephonySessionEventBody };
  /** An extension's presence changed (detailed telephony state included). */
  presence: { extensionId: string; presence: Presence };
  /** Messages were added or updated in one mailbox (`owner` is an extension id or `external:<E.164>`). */
  message: {
    owner: string;
    extensionId?: string;
    changes: { type: string; newCount: number; updatedCount: number; newMessageIds: string[] }[];
    messages: StoredMessage[];
  };
  /** A call-log record was written. */
  callLog: { extensionId: string; record: CallLogRecord };
  /** A session ended (after its call-log records were written). */
  sessionEnded: { session: CallSession };
}

type Listener<T> = (event: T) => void;

/**
 * A Node `EventEmitter` with typed topics (unlike the `any[]` emitters of ringcentral-web-phone). A listener that
 * throws does not break the model operation that emitted: the error goes to `onListenerError` (default
 * `console.error`) and the other listeners still run.
 */
export class ModelEvents {
  private readonly emitter = new EventEmitter();

  constructor(private readonly onListenerError: (error: unknown, topic: string) => void = defaultListenerError) {
    this.emitter.setMaxListeners(200);
  }

  on<K extends keyof ModelEventMap>(topic: K, listener: Listener<ModelEventMap[K]>): () => void {
    this.emitter.on(topic, listener);
    return () => this.emitter.off(topic, listener);
  }

  once<K extends keyof ModelEventMap>(topic: K, listener: Listener<ModelEventMap[K]>): void {
    this.emitter.once(topic, listener);
  }

  off<K extends keyof ModelEventMap>(topic: K, listener: Listener<ModelEventMap[K]>): void {
    this.emitter.off(topic, listener);
  }

  emit<K extends keyof ModelEventMap>(topic: K, event: ModelEventMap[K]): void {
    for (const listener of this.emitter.listeners(topic) as Listener<ModelEventMap[K]>[]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error, topic);
      }
    }
  }
}

function defaultListenerError(error: unknown, topic: string): void {
  console.error(`rc-platform model: a '${topic}' listener failed`, error);
}
