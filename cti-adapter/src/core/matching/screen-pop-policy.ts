import type { CrmMatch } from '../crm/crm-record';
import { isWhoMatch } from '../crm/crm-record';
import type { PhoneNumber } from '../phone-number/phone-number';
import type { Settings } from '../settings/settings';
import type { ScreenPop } from '../ports/cti-host-port';
import type { PopPhase, ScreenPopDecision } from './screen-pop-decision';

/**
 * The contract's order of the matches of one number (`matchNumbers`: object priority — `objectPriority`, then the
 * other `matchObjects` in their order, then any other object — then `lastModifiedDate` newest first). A stable
 * sort: matches equal on both keep their given order, so the server's last tie-break (id descending) is kept and a
 * list as `matchNumbers` returned it comes back unchanged. The server's order is final: the engine stores the
 * matches as received; this orders candidates that did not come from `matchNumbers` in the same way.
 * Person accounts rank as `Account`.
 * @public
 */
export function rankMatches(
  matches: readonly CrmMatch[],
  settings: Pick<Settings, 'objectPriority'> & Partial<Pick<Settings, 'matchObjects'>>,
): CrmMatch[] {
  const order = [...new Set([...settings.objectPriority, ...(settings.matchObjects ?? [])])];
  const rank = (m: CrmMatch): number => {
    const index = order.indexOf(m.objectType);
    return index === -1 ? order.length : index;
  };
  return [...matches].sort(
    (a, b) => rank(a) - rank(b) || (b.lastModifiedDate ?? '').localeCompare(a.lastModifiedDate ?? ''),
  );
}

/**
 * Removes matches that only repeat another match: an Account (business account) that is the Account of a
 * matched Contact (the same company number on both records) adds no choice — it becomes the Related To.
 * @public
 */
export function collapseMatches(matches: readonly CrmMatch[]): CrmMatch[] {
  const accountsOfWhos = new Set(
    matches.filter((m) => isWhoMatch(m) && !m.isPersonAccount && m.accountId).map((m) => m.accountId as string),
  );
  const seen = new Set<string>();
  return matches.filter((m) => {
    if (seen.has(m.id)) return false;
    seen.add(m.id);
    return !(m.objectType === 'Account' && !m.isPersonAccount && accountsOfWhos.has(m.id));
  });
}

/** Input of {@link decideScreenPop}. @public */
export interface ScreenPopInput {
  readonly direction: 'inbound' | 'outbound';
  /** The phase the call is in now. */
  readonly phase: PopPhase;
  /** Matches of the remote number (as `matchNumbers` returned them, or any order). */
  readonly matches: readonly CrmMatch[];
  /** The normalized remote number; `null` when it could not be normalized (anonymous, extension). */
  readonly phone: PhoneNumber | null;
  /** `true` when the outbound call was started from a record (click-to-dial): the agent is already there. */
  readonly fromClickToDial?: boolean;
  readonly settings: Pick<
    Settings,
    | 'objectPriority'
    | 'inboundPop'
    | 'outboundPop'
    | 'multipleMatchPop'
    | 'noMatchPop'
    | 'placeholderCompany'
    | 'autoSelectSingleMatch'
  > &
    Partial<Pick<Settings, 'matchObjects'>>;
}

/**
 * The screen-pop rules (pure):
 * - pop only at the moment the direction's setting names: `inboundPop` / `outboundPop` = `ringing` (ringing, or
 *   dialing for an outbound call), `answer`, or `off` (never);
 * - one match (after {@link collapseMatches}) → `SOBJECT` pop of that record (when `autoSelectSingleMatch`;
 *   otherwise the agent confirms it like a multiple match);
 * - several → `choose` (in the contract's order, {@link rankMatches}: a list from `matchNumbers` stays as it is),
 *   and `multipleMatchPop` pops at once the search for the national number (`search`), the first match (`first`)
 *   or nothing (`none`);
 * - none (inbound) → per `noMatchPop`: `NEW_RECORD_MODAL` of a Contact or Lead with the phone prefilled (`Phone`,
 *   plus `Company` = `placeholderCompany` for Leads), the search for the number, or nothing; no number → nothing.
 * Outbound: click-to-dial never pops (the agent is on the record); a dialled number pops matches only.
 * Source of the rules: RingCentral for Salesforce admin settings (the RingCentral for Salesforce FAQ (seed `004_7d3109e70c064dca.txt`)).
 * @public
 */
export function decideScreenPop(input: ScreenPopInput): ScreenPopDecision {
  const { settings } = input;
  if (input.direction === 'outbound' && input.fromClickToDial) return { kind: 'none', reason: 'click-to-dial' };
  const moment = input.direction === 'inbound' ? settings.inboundPop : settings.outboundPop;
  if (moment === 'off') return { kind: 'none', reason: 'off' };
  const wanted: PopPhase = moment === 'ringing' ? 'ringing' : 'answered';
  if (input.phase !== wanted) return { kind: 'none', reason: 'not-now' };
  const candidates = rankMatches(collapseMatches(input.matches), settings);
  const first = candidates[0];
  const searchString = input.phone?.nationalNumber ?? null;
  const searchPop: ScreenPop | null =
    searchString && searchString.length >= 3 ? { kind: 'search', searchString } : null;
  if (candidates.length === 1 && first && settings.autoSelectSingleMatch) {
    return { kind: 'pop', pop: { kind: 'record', recordId: first.id }, match: first };
  }
  if (first) {
    const popNow =
      settings.multipleMatchPop === 'search'
        ? searchPop
        : settings.multipleMatchPop === 'first'
          ? ({ kind: 'record', recordId: first.id } as const)
          : null;
    return { kind: 'choose', candidates, searchPop, popNow };
  }
  if (input.direction === 'outbound') return { kind: 'none', reason: 'outbound' };
  if (!input.phone) return { kind: 'none', reason: 'no-number' };
  switch (settings.noMatchPop) {
    case 'none':
      return { kind: 'none', reason: 'off' };
    case 'search':
      return searchPop ? { kind: 'pop', pop: searchPop, match: null } : { kind: 'none', reason: 'no-number' };
    case 'newContact':
    case 'newLead': {
      const entityName = settings.noMatchPop === 'newLead' ? 'Lead' : 'Contact';
      const defaultFieldValues: Record<string, string> = { Phone: input.phone.e164 };
      if (entityName === 'Lead') defaultFieldValues['Company'] = settings.placeholderCompany;
      return { kind: 'pop', pop: { kind: 'newRecord', entityName, defaultFieldValues }, match: null };
    }
  }
}
