import { LightningElement, api } from 'lwc';
import type { TelephonyHelp } from '../../telephony-help';
import { raise } from '../../softphone-events';
import { labels } from '../../labels';

/** "Web phone unavailable" state: what happened and the steps that fix it. Raises `login` (`{}`) for "Sign in". */
export default class Unavailable extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  @api help: TelephonyHelp | null = null;
  @api showLogin = false;

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
