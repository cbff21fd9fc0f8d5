import { LightningElement, api } from 'lwc';
import type { TelephonyStatus } from '../../../core/ports/telephony-port';
import { describeReconnecting, describeTelephonyProblem, type TelephonyHelp } from '../../telephony-help';
import { raise } from '../../softphone-events';
import { labels } from '../../labels';

/**
 * "Web phone unavailable" state: what happened and the steps that fix it, for the telephony status (an unavailable
 * phone, or a sign-in that reconnects); nothing for another status. A lazy surface (ADR 0034: not needed to ring,
 * answer or pop). Raises `login` (`{}`) for "Sign in".
 */
export default class Unavailable extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  @api telephony: TelephonyStatus | null = null;
  @api showLogin = false;

  get help(): TelephonyHelp | null {
    const telephony = this.telephony;
    if (telephony?.state === 'registered' && telephony.reconnecting)
      return describeReconnecting(telephony.reconnecting);
    return telephony?.state === 'unavailable' ? describeTelephonyProblem(telephony.reason, telephony.detail) : null;
  }

  get steps(): readonly { key: string; text: string }[] {
    return (this.help?.steps ?? []).map((text, i) => ({ key: String(i), text }));
  }

  /** Steps to follow are numbered; an explanation (reconnecting, signed out) is plain text. */
  get ordered(): boolean {
    return this.help?.kind !== 'sentences';
  }

  handleLogin(): void {
    raise(this, 'login', {});
  }
}
