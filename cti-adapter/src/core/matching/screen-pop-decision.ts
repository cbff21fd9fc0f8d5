import type { CrmMatch } from '../crm/crm-record';
import type { ScreenPop } from '../ports/cti-host-port';

/**
 * What the softphone should do with the console for a call, decided by {@link decideScreenPop}.
 * - `pop`: one record (or a new-record form) to show; `match` is the record popped, if any.
 * - `choose`: several records match: the agent chooses in the softphone; `searchPop` is the search for the
 *   number (Open CTI SEARCH); `popNow` is what the `multipleMatchPop` setting pops at once (the search, the first
 *   match, or nothing).
 * - `none`: nothing to pop (`reason` explains, for logs and tests; `off`: the setting turns pops off).
 * @public
 */
export type ScreenPopDecision =
  | { readonly kind: 'pop'; readonly pop: ScreenPop; readonly match: CrmMatch | null }
  | {
      readonly kind: 'choose';
      readonly candidates: readonly CrmMatch[];
      readonly searchPop: ScreenPop | null;
      readonly popNow: ScreenPop | null;
    }
  | { readonly kind: 'none'; readonly reason: 'not-now' | 'off' | 'outbound' | 'no-number' | 'click-to-dial' };

/** When a pop may happen: while ringing (or dialing, outbound) or once answered. @public */
export type PopPhase = 'ringing' | 'answered';
