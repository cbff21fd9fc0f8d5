import type { EndReason } from './call-state';

/**
 * Inputs of the call state machine ({@link Call.transition}).
 * - `answer`: ringing/dialing → connected.
 * - `hold`: connected → held; `resume`: held → connected.
 * - `end`: any live state → ended, with the reason.
 * @public
 */
export type CallEvent =
  | { readonly type: 'answer' }
  | { readonly type: 'hold' }
  | { readonly type: 'resume' }
  | { readonly type: 'end'; readonly reason: EndReason };
