import type { CallDraft, DraftFields } from '../../call-log/call-draft';
import { CrmError } from '../../crm/crm-error';
import { isWhoMatch, type CrmMatch, type NumberMatchResult } from '../../crm/crm-record';
import { associationForMatch, classifyForAutoLog } from '../../matching/log-association';
import type { PopPhase } from '../../matching/screen-pop-decision';
import { collapseMatches, decideScreenPop } from '../../matching/screen-pop-policy';
import { normalizePhoneNumber } from '../../phone-number/normalize-phone-number';
import { PhoneNumberError } from '../../phone-number/phone-number-error';
import type { PhoneNumberParts } from '../../phone-number/phone-number';
import type { CallLogForm } from '../../call-log/call-log-form';
import type { ScreenPop } from '../../ports/cti-host-port';
import type { Settings } from '../../settings/settings';
import { messageOf, reasonOf, type EngineContext } from './engine-context';

/**
 * Waits before the retries of a lookup that failed transiently (ms): three more attempts over about 7 s, so a
 * remoting hiccup during the ring is bridged before the pop and long before the call's log is built.
 * @public
 */
export const LOOKUP_RETRY_DELAYS_MS: readonly number[] = Object.freeze([1000, 2000, 4000]);

/**
 * Who the call is with: the ONE `matchNumbers` round trip of a call, the screen pop ({@link decideScreenPop}, at
 * ringing or at answer), the agent's choice among several matches and the placeholder record for an unknown number.
 * The server's match order is final (contract: object priority, then newest first): the flow never re-sorts it.
 * @public
 */
export class MatchFlow {
  /** @param onMatched runs after the matches of a call are stored and its pop sent (auto-log on ringing) */
  constructor(
    private readonly ctx: EngineContext,
    private readonly onMatched: (callId: string) => void,
    /** The lookup a do-not-call check already sent for a dialled number (ADR 0031), taken once, else `null`. */
    private readonly dialLookup: (e164: string) => Promise<NumberMatchResult[]> | null = () => null,
  ) {}

  /**
   * Looks the call's number up (one `matchNumbers` request, sent synchronously so nothing local delays it), then in
   * one turn stores the matches with the auto-selected Who/What and sends the pop before the draft is persisted and
   * published (ring → pop latency). For a ringing call the turn that sent the lookup holds its own state until that
   * answer ({@link EngineContext.holdPublish}), so rendering the ringing call does not sit between the answer and
   * the pop. A transient failure (`NETWORK`, `INTERNAL`: {@link CrmError.retriable}) is retried after
   * {@link LOOKUP_RETRY_DELAYS_MS} (the call shows `retrying` meanwhile); once they are spent, or on any other error,
   * the call is `failed`, usable, told in a notice, and — with no record chosen — unresolved (`lookup-failed`), so
   * it is never logged on no record automatically.
   *
   * The number rules (a lazy chunk, ADR 0018) are here before any call of the web phone rings (it registers once they
   * have arrived): then the lookup leaves in this task, as before. A call shown without them (a load that failed) waits
   * for them; when they cannot load, the lookup fails as above (`RULES_NOT_LOADED`) and "Look up again" retries.
   */
  async match(callId: string): Promise<void> {
    const { book, settings } = this.ctx;
    if (!this.ctx.phoneRules.ready && !(await this.rulesLoaded(callId))) return;
    const record = book.get(callId);
    if (!record) return;
    const phone = this.ctx.phones.of(record.call.snapshot.remoteNumber, settings().defaultRegion);
    if (!phone) {
      book.update(callId, (d) => ({ matchStatus: 'skipped', conflict: d.form.whoId ? null : 'no-match' }));
      void this.maybePop(callId);
      return;
    }
    let found: { matches: readonly CrmMatch[]; release: () => void } | null = null;
    for (let attempt = 0; found === null; attempt += 1) {
      const answer = await this.lookUp(callId, phone, attempt === 0);
      if (answer.ok) {
        found = answer;
        break;
      }
      const delay = LOOKUP_RETRY_DELAYS_MS[attempt];
      const retry = delay !== undefined && CrmError.from(answer.error).retriable;
      const gone = this.ctx.turn(() => {
        if (!book.has(callId)) return true;
        if (retry) {
          book.update(callId, () => ({ matchStatus: 'retrying' }));
          return false;
        }
        book.update(callId, (d) => ({
          matchStatus: 'failed',
          conflict: d.form.whoId || d.form.whatId ? d.conflict : 'lookup-failed',
        }));
        const tries = attempt + 1;
        const after = tries > 1 ? ` after ${tries} attempts` : '';
        this.ctx.notify(
          'warning',
          'MATCH_FAILED',
          `Could not look up ${phone.display}${after}: ${messageOf(answer.error)}`,
          tries,
          phone.display,
          reasonOf(answer.error),
        );
        this.onMatched(callId);
        return true;
      });
      if (gone || !retry) return;
      await this.wait(delay);
      if (!book.has(callId)) return;
    }
    const { matches, release } = found;
    const popped = this.ctx.turn(() => {
      if (!book.has(callId)) return;
      book.update(callId, (d) => matchedFields(d, matches, settings()));
      return this.maybePop(callId);
    });
    release(); // the pop, when one left, holds the state until the console has handled it
    await popped;
    this.ctx.turn(() => this.onMatched(callId));
  }

  /**
   * Waits for the number rules; `false` when the call is gone meanwhile, or when they cannot load: the lookup is then
   * `failed` and told (`MATCH_FAILED`, reason `RULES_NOT_LOADED`), the call stays usable and unresolved.
   */
  private async rulesLoaded(callId: string): Promise<boolean> {
    const { book } = this.ctx;
    try {
      await this.ctx.phoneRules.whenReady();
      return book.has(callId);
    } catch (error) {
      console.error('The phone number rules could not be loaded', error);
      return this.ctx.turn(() => {
        const record = book.get(callId);
        if (!record) return false;
        const number = record.call.snapshot.remoteNumber;
        const reason = new PhoneNumberError('RULES_NOT_LOADED', number);
        book.update(callId, (d) => ({
          matchStatus: 'failed',
          conflict: d.form.whoId || d.form.whatId ? d.conflict : 'lookup-failed',
        }));
        this.ctx.notify(
          'warning',
          'MATCH_FAILED',
          `Could not look up ${number}: ${messageOf(reason)}`,
          1,
          number,
          reasonOf(reason),
        );
        this.onMatched(callId);
        return false;
      });
    }
  }

  /** Looks a call up again on the agent's request (after a failed lookup): the same path as at the ring. */
  async retry(callId: string): Promise<void> {
    const draft = this.ctx.book.require(callId).draft;
    if (draft.matchStatus !== 'failed') return;
    this.ctx.turn(() => this.ctx.book.update(callId, () => ({ matchStatus: 'pending' })));
    await this.match(callId);
  }

  /**
   * One `matchNumbers` attempt. The first one of a ringing call holds the publish until its answer (the pop comes
   * with it); the answer carries the release, called by {@link MatchFlow.match} once the pop is sent, or here on a
   * failure.
   */
  private async lookUp(
    callId: string,
    phone: PhoneNumberParts,
    first: boolean,
  ): Promise<{ ok: true; matches: readonly CrmMatch[]; release: () => void } | { ok: false; error: unknown }> {
    let release = (): void => undefined;
    try {
      const lookup =
        (first && this.dialLookup(phone.e164)) ||
        this.ctx.crm.matchNumbers([
          { e164: phone.e164, countryCallingCode: phone.countryCallingCode, nationalNumber: phone.nationalNumber },
        ]);
      if (first && this.ctx.book.get(callId)?.call.state === 'ringing') release = this.ctx.holdPublish();
      const [result] = await lookup;
      return { ok: true, matches: result?.matches ?? [], release };
    } catch (error) {
      release();
      return { ok: false, error };
    }
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => this.ctx.clock.setTimeout(resolve, ms));
  }

  /** Pops per {@link decideScreenPop} when the call is in the configured phase; never twice, never after the end. */
  async maybePop(callId: string): Promise<void> {
    const record = this.ctx.book.get(callId);
    if (!record) return;
    const { draft } = record;
    const { call } = draft;
    if (draft.popped || draft.fromHistory || call.state === 'ended') return;
    if (draft.matchStatus === 'pending' || draft.matchStatus === 'retrying' || draft.matchStatus === 'failed') return;
    const settings = this.ctx.settings();
    const phase: PopPhase = call.state === 'ringing' || call.state === 'dialing' ? 'ringing' : 'answered';
    const decision = decideScreenPop({
      direction: call.direction,
      phase,
      matches: draft.matches,
      phone: this.ctx.phones.of(call.remoteNumber, settings.defaultRegion),
      fromClickToDial: draft.clickContextRecordId !== null,
      settings,
    });
    if (decision.kind === 'pop') await this.pop(callId, decision.pop);
    // `choose`: the UI lists the matches (state.calls[].matches, in the server's order); the record pop follows
    // choose(). `multipleMatchPop` may pop the search or the first match at once.
    if (decision.kind === 'choose' && decision.popNow) await this.pop(callId, decision.popNow);
  }

  /** The agent picked one of several matches (or a search result): it becomes Who/What of the log and is popped. */
  async choose(callId: string, recordId: string): Promise<void> {
    await this.ctx.turn(() => {
      const { matches } = this.ctx.book.require(callId).draft;
      const match = matches.find((m) => m.id === recordId);
      const association = match ? associationForMatch(match, this.ctx.settings()) : null;
      this.ctx.book.update(callId, (d) => ({
        chosenRecordId: recordId,
        conflict: null,
        form: association ? { ...d.form, ...association } : d.form,
      }));
      return this.pop(callId, { kind: 'record', recordId });
    });
  }

  /** Pops the console's search for the call's number (national digits; nothing for fewer than 3). */
  async popSearch(callId: string): Promise<void> {
    const { remoteNumber } = this.ctx.book.require(callId).draft.call;
    const phone = this.ctx.phones.of(remoteNumber, this.ctx.settings().defaultRegion);
    const searchString = phone?.nationalNumber ?? remoteNumber;
    if (searchString.length < 3) return;
    await this.pop(callId, { kind: 'search', searchString });
  }

  /**
   * Creates (or reuses, server-side idempotent) a placeholder Contact/Lead named `input.name` with the call's number
   * and makes it the log's Who. When the call popped for an unknown caller (the no-match pop: a new-record form or
   * the search page is open in the console), the placeholder record is popped in its place: the form gives way, so
   * the agent cannot save a second record for the same caller there.
   * @throws {@link CrmError} `INVALID_INPUT` for a bad name or a call without a number; {@link PhoneNumberError}
   * `RULES_NOT_LOADED` when the number rules could not load (it waits for them when they are not here yet; nothing
   * created)
   */
  async createPlaceholder(
    callId: string,
    input: { name: string; objectType?: 'Contact' | 'Lead'; company?: string | null },
  ): Promise<CrmMatch> {
    const { call, popped, matches } = this.ctx.book.require(callId).draft;
    const noMatchPopOpen = popped && matches.length === 0;
    const settings = this.ctx.settings();
    const name = input.name.trim();
    if (name.length < 1 || name.length > 121)
      throw new CrmError('INVALID_INPUT', 'Name must be 1–121 characters', 'name');
    if (!this.ctx.phoneRules.ready) await this.ctx.phoneRules.whenReady().catch(() => undefined);
    const phone = normalizePhoneNumber(call.remoteNumber, settings.defaultRegion, this.ctx.phoneRules);
    // The number rules not loaded (their chunk failed: the lookup failed too) is no verdict on the number.
    if (!phone.ok && phone.error.code === 'RULES_NOT_LOADED') throw phone.error;
    if (!phone.ok) throw new CrmError('INVALID_INPUT', 'The caller has no phone number to store', 'phone');
    const objectType = input.objectType ?? settings.placeholderObject;
    const { record } = await this.ctx.crm.createPlaceholder({
      objectType,
      name,
      phone: phone.value.e164,
      company: objectType === 'Lead' ? (input.company ?? settings.placeholderCompany) : (input.company ?? null),
    });
    const association = associationForMatch(record, this.ctx.settings());
    this.ctx.book.update(callId, (d) => ({
      matches: [...d.matches.filter((m) => m.id !== record.id), record],
      chosenRecordId: record.id,
      conflict: null,
      form: { ...d.form, ...association },
    }));
    if (noMatchPopOpen) await this.pop(callId, { kind: 'record', recordId: record.id });
    return record;
  }

  /**
   * Marks the call popped and sends the pop; persisting and publishing come after, once the console has handled it
   * (bounded, {@link EngineContext.holdPublish}).
   */
  private async pop(callId: string, pop: ScreenPop): Promise<void> {
    const { book, events, clock, host } = this.ctx;
    await this.ctx.turn(() => {
      book.update(callId, () => ({ popped: true }));
      events.emit('screenPop', { callId, pop, at: clock.now() });
      const release = this.ctx.holdPublish();
      const sent = this.ctx.hostCall('SCREEN_POP_FAILED', () => host.screenPop(pop));
      void sent.finally(release);
      return sent;
    });
  }
}

/**
 * The draft's log side after the one `matchNumbers` answer (pure): the matches as the server ordered them, the
 * auto-selected Who/What (one candidate and `autoSelectSingleMatch`), and the conflict of automatic logging.
 * A click-to-dial record stays the choice; clicked from an Account/Case/Opportunity, the one Contact on the number
 * completes the log as Who (a Lead cannot share a Task with a What, so the clicked record wins over a Lead).
 * @public
 */
export function matchedFields(
  draft: CallDraft,
  matches: readonly CrmMatch[],
  settings: Pick<Settings, 'autoSelectSingleMatch' | 'personAccountAssociation' | 'autoFillRelatedTo'>,
): Partial<DraftFields> {
  const candidates = collapseMatches(matches);
  const single = candidates.length === 1 && settings.autoSelectSingleMatch ? candidates[0] : undefined;
  const fromClick = draft.clickContextRecordId !== null;
  let form = draft.form;
  let chosen = draft.chosenRecordId;
  if (!fromClick && single && !form.whoId && !form.whatId) {
    form = { ...form, ...associationForMatch(single, settings) };
    chosen = single.id;
  } else if (fromClick && form.whoId === null && form.whatId !== null) {
    const whos = candidates.filter((m) => isWhoMatch(m) && m.objectType === 'Contact');
    const who = whos.length === 1 ? whos[0] : undefined;
    if (who) form = { ...form, whoId: who.id, whoName: who.name, whoObjectType: who.objectType };
  }
  if (fromClick) form = withRecordNames(form, matches);
  const conflict = fromClick || form.whoId || form.whatId ? null : classifyForAutoLog(candidates);
  return { matchStatus: 'done', matches, chosenRecordId: chosen, form, conflict };
}

/**
 * Fills the names of Who and What the form knows only by id (click-to-dial from a Contact gives its Account's id,
 * not its name: Open CTI's click-to-dial payload) from the lookup's records: a match, its Account, a person account's
 * contact or a Related To candidate. Names, never ids, reach the agent.
 * @public
 */
export function withRecordNames(form: CallLogForm, matches: readonly CrmMatch[]): CallLogForm {
  const nameOf = (id: string | null): string | null => {
    if (!id) return null;
    for (const m of matches) {
      if (m.id === id || m.personContactId === id) return m.name;
      if (m.accountId === id && m.accountName) return m.accountName;
      const related = m.related.find((r) => r.id === id);
      if (related) return related.name;
    }
    return null;
  };
  const whoName = form.whoName ?? nameOf(form.whoId);
  const whatName = form.whatName ?? nameOf(form.whatId);
  return whoName === form.whoName && whatName === form.whatName ? form : { ...form, whoName, whatName };
}
