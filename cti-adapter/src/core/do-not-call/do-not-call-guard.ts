import type { NumberMatchResult } from '../crm/crm-record';
import type { DialGuard, DialGuardContext, DialPrompt } from '../ports/dial-guard-port';
import { tryNormalizePhoneNumber } from '../phone-number/normalize-phone-number';
import { doNotCallVerdict, isEmergencyNumber, restrictionOf } from './do-not-call';

/**
 * The do-not-call check of outbound calls (ADR 0031), a lazy chunk: the engine loads it only when the admin set
 * `dncCallMode` to `warn` or `block`. Before click-to-dial or a dialer call it sends the number's `matchNumbers` —
 * the call's one lookup, reused by the call once placed — and decides with {@link doNotCallVerdict}: `block` shows
 * why and places nothing; `warn` shows why and waits for "Call anyway" or "Cancel"; otherwise the call goes at once.
 * A lookup that fails does not stop the call (the server could not say; the agent is not kept from working) — the
 * call's own lookup then retries and reports it as usual.
 * @public
 */
export class DoNotCallGuard implements DialGuard {
  private seq = 0;
  private waiting: { readonly id: number; readonly resolve: (proceed: boolean) => void } | null = null;

  async check(
    ctx: DialGuardContext,
    to: string,
    chosenRecordId: string | null,
  ): Promise<{ place: boolean; lookup: Promise<NumberMatchResult[]> | null }> {
    const settings = ctx.settings();
    const phone = tryNormalizePhoneNumber(to, settings.defaultRegion);
    // Extensions and short codes (every emergency number among them) are not E.164: never looked up, never stopped.
    if (!phone || isEmergencyNumber(to)) return { place: true, lookup: null };
    const lookup = ctx.crm.matchNumbers([
      { e164: phone.e164, countryCallingCode: phone.countryCallingCode, nationalNumber: phone.nationalNumber },
    ]);
    let result: NumberMatchResult | undefined;
    try {
      [result] = await lookup;
    } catch {
      return { place: true, lookup: null };
    }
    const verdict = doNotCallVerdict({
      mode: settings.dncCallMode,
      direction: 'outbound',
      dialled: to,
      restriction: result ? restrictionOf(phone.display, result, chosenRecordId) : null,
    });
    if (verdict.action === 'allow') return { place: true, lookup };
    this.answer(this.waiting?.id ?? -1, false); // a new dial replaces a question left open
    const prompt: DialPrompt = {
      id: ++this.seq,
      number: phone.e164,
      action: verdict.action,
      recordName: verdict.restriction.recordName,
      reason: verdict.restriction.reason,
    };
    ctx.prompt(prompt);
    if (verdict.action === 'block') return { place: false, lookup: null };
    const proceed = await new Promise<boolean>((resolve) => (this.waiting = { id: prompt.id, resolve }));
    ctx.prompt(null);
    return { place: proceed, lookup: proceed ? lookup : null };
  }

  answer(id: number, proceed: boolean): void {
    const waiting = this.waiting;
    if (!waiting || waiting.id !== id) return;
    this.waiting = null;
    waiting.resolve(proceed);
  }
}

/** The guard of a page (one softphone). @public */
export function createDoNotCallGuard(): DialGuard {
  return new DoNotCallGuard();
}
