import type { CrmMatch } from '../crm/crm-record';
import type { ScreenPop } from '../ports/cti-host-port';

/**
 * What the softphone should do with the console for a call, decided by {@link decideScreenPop}.
 * - `pop`: one record (or a new-record form) to show; `match` is the record popped, if any.
 * - `choose`: several records match: the agent chooses in the softphone; `searchPop` is the fallback
 *   (Open CTI SEARCH) when the host should show them instead.
 * - `none`: nothing to pop (`reason` explains, for logs and tests).
 * @public
 */
export type ScreenPopDecision =
  | { readonly kind: 'pop'; readonly pop: ScreenPop; readonly match: CrmMatch | null }
  | { readonly kind: 'choose'; readonly candidates: readonly CrmMatch[]; readonly searchPop: ScreenPop | null }
  | { readonly kind: 'none'; readonly reason: 'not-now' | 'outbound' | 'no-number' | 'click-to-dial' };

/** When a pop may happen: while ringing (or dialing, outbound) or once answered. @public */
export type PopPhase = 'ringing' | 'answered';
