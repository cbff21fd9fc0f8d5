import { randomBytes } from 'node:crypto';
import type { OrgStore } from './org-store';

/** The package's protected list custom setting that holds the sealing key, and its one row. */
export const SEALING_KEY_SETTING = 'Token_Sealing_Key__c';
export const SEALING_KEY_ROW = 'default';

/**
 * The key that seals the agents' RingCentral credentials, kept as the package keeps it (Apex `SealingKeySelector`
 * and `SealingKeyService`, ADR 0016): the row `default` of the protected list custom setting `Token_Sealing_Key__c`,
 * field `Secret__c` (base64 of 32 random bytes), created at the org's first sign-in. Stored in the org stand-in under
 * the org's names, so a namespaced org holds `<ns>__Token_Sealing_Key__c.<ns>__Secret__c`.
 */
export class SealingKeys {
  constructor(private readonly store: OrgStore) {}

  /** The stored key: 32 bytes, or null before the first sign-in (or when the row holds anything else). */
  existing(): Buffer | null {
    const secret = this.store.listSetting(SEALING_KEY_SETTING, SEALING_KEY_ROW)?.Secret__c;
    if (typeof secret !== 'string' || secret.trim() === '') return null;
    const key = Buffer.from(secret, 'base64');
    return key.length === 32 ? key : null;
  }

  /** The stored key, created when there is none (a concurrent first sign-in's key wins, as in the Apex). */
  keyOrCreate(): Buffer {
    const stored = this.existing();
    if (stored) return stored;
    const key = randomBytes(32);
    const inserted = this.store.insertListSetting(SEALING_KEY_SETTING, {
      Name: SEALING_KEY_ROW,
      [this.store.namespace.full('Secret__c')]: key.toString('base64'),
    });
    if (inserted) return key;
    const winner = this.existing();
    if (!winner) throw new Error('The sign-in could not be saved. Try again.');
    return winner;
  }

  /** Deletes the key: every sealed credential stops opening (what deleting the setting's row does). */
  drop(): void {
    this.store.deleteListSetting(SEALING_KEY_SETTING, SEALING_KEY_ROW);
  }
}
