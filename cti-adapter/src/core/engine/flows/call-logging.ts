import { CallLogOutbox } from '../../call-log/call-log-outbox';
import type { LogStorage } from '../../call-log/log-storage';
import type { KeyValueStore } from '../../ports/key-value-store';
import type { EngineContext } from './engine-context';
import { LogFlow } from './log-flow';

/** What the call-log chunk is made with: the engine's storage, shared with the drafts (ADR 0010). @public */
export interface CallLoggingParts {
  readonly store: KeyValueStore;
  /** The storage the drafts use: when it is full, the outbox frees the logs already saved. */
  readonly storage: LogStorage;
}

/** The call-log machinery, once its chunk has arrived: the durable outbox and the flow that fills it. @public */
export interface CallLogging {
  readonly outbox: CallLogOutbox;
  readonly flow: LogFlow;
}

/**
 * The entry of the call-log chunk (`call-logging.js`, ADR 0018, amendment "the call-log machinery is a lazy chunk"):
 * the outbox (which reads the logs left in storage by the last session as it is created), how a log is built and
 * the flow of automatic logging and Save. Ringing, answering and the screen pop need none of it; the engine loads
 * it once the start is over, or on the first need ({@link LazyLogFlow}).
 * @public
 */
export function createCallLogging(ctx: EngineContext, parts: CallLoggingParts): CallLogging {
  const outbox = new CallLogOutbox({
    gateway: ctx.crm,
    store: parts.store,
    storage: parts.storage,
    clock: ctx.clock,
    turn: (work) => ctx.turn(work),
  });
  return { outbox, flow: new LogFlow(ctx, outbox) };
}
