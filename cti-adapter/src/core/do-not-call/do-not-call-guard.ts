import type { NumberMatchResult } from '../crm/crm-record';
import { DIAL_NOT_PLACED, type DialGuard, type DialGuardContext, type DialPrompt } from '../ports/dial-guard-port';
import { tryNormalizePhoneNumber } from '../phone-number/normalize-phone-number';
import { doNotCallVerdict, isEmergencyNumber, restrictionOf } from './do-not-call';

/**
 * How long a checked number's lookup waits for its call (ms): the `dialing` event follows the dial within a second or
 * two (RingOut: when the agent's phone answers); an older lookup is not reused.
 * @public
 */
export const DIAL_LOOKUP_TTL_MS = 60_000;

/**
 * The do-not-call check of outbound calls (ADR 0031), a lazy chunk: the engine loads it only when the admin set
 * `dncCallMode` to `warn` or `block`. Before click-to-dial or a dialer call it sends the number's `matchNumbers` —
 * the call's one lookup, reused by the call once placed ({@link DoNotCallGuard.take}) — and decides with
 * {@link doNotCallVerdict}: `block` shows why and places nothing; `warn` shows why and waits for "Call anyway" or
 * "Cancel"; otherwise the call goes at once. Extensions and short codes (every emergency number among them) are not
 * looked up. A lookup that fails does not stop the call (Salesforce could not say; the call's own lookup then retries
 * and reports it as usual).
 * @public
 */
export class DoNotCallGuard implements DialGuard {
  prompt: DialPrompt | null = null;
  private seq = 0;
  private waiting: ((proceed: boolean) => void) | null = null;
  private readonly lookups = new Map<string, { readonly at: number; readonly lookup: Promise<NumberMatchResult[]> }>();
  /** The engine of the last check: its clock ages kept lookups, its `changed` shows a closed prompt. */
  private ctx: DialGuardContext | null = null;

  async check(ctx: DialGuardContext, to: string, chosenRecordId: string | null): Promise<void> {
    this.ctx = ctx;
    const settings = ctx.settings();
    const phone = isEmergencyNumber(to) ? null : tryNormalizePhoneNumber(to, settings.defaultRegion);
    if (!phone || !/^\+/.test(to)) return;
    const lookup = ctx.crm.matchNumbers([
      { e164: phone.e164, countryCallingCode: phone.countryCallingCode, nationalNumber: phone.nationalNumber },
    ]);
    let result: NumberMatchResult | undefined;
    try {
      [result] = await lookup;
    } catch {
      return;
    }
    const verdict = doNotCallVerdict({
      mode: settings.dncCallMode,
      direction: 'outbound',
      dialled: to,
      restriction: result ? restrictionOf(phone.display, result, chosenRecordId) : null,
    });
    let proceed = verdict.action === 'allow';
    if (verdict.action !== 'allow') {
      const open = this.waiting; // a new dial replaces a question left open
      this.waiting = null;
      open?.(false);
      const shown: DialPrompt = {
        id: ++this.seq,
        number: phone.e164,
        action: verdict.action,
        recordName: verdict.restriction.recordName,
        reason: verdict.restriction.reason,
      };
      ctx.turn(() => this.show(ctx, shown));
      if (verdict.action === 'warn') {
        proceed = await new Promise<boolean>((resolve) => (this.waiting = resolve));
        ctx.turn(() => {
          if (this.prompt?.id === shown.id) this.show(ctx, null);
        });
      }
    }
    if (!proceed) throw Object.assign(new Error(`Not placed: ${to} (do not call)`), { name: DIAL_NOT_PLACED });
    this.lookups.set(phone.e164, { at: ctx.clock.now(), lookup });
  }

  answer(id: number, proceed: boolean): void {
    if (this.prompt?.id !== id) return;
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) waiting(proceed);
    else if (this.ctx) this.show(this.ctx, null); // a block's "OK"
  }

  take(e164: string): Promise<NumberMatchResult[]> | null {
    const kept = this.lookups.get(e164);
    this.lookups.delete(e164);
    return kept && this.ctx && this.ctx.clock.now() - kept.at <= DIAL_LOOKUP_TTL_MS ? kept.lookup : null;
  }

  private show(ctx: DialGuardContext, prompt: DialPrompt | null): void {
    this.prompt = prompt;
    ctx.changed();
  }
}
