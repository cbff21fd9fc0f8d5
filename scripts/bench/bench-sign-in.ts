/**
 * Where the softphone in a frame keeps the agent's RingCentral sign-in, for {@link brokeredAccessToken}: the names
 * come from the softphone's own code (`sealedCredentialKey`, `tokenLockName` inside the page's unkeyed
 * `LocalStorageStore`, as `src/app/main.ts` wires the session), the ids and the action name from the page's config.
 */
import type { Frame } from 'playwright-core';
import { STORAGE_NAMESPACE } from '../../cti-adapter/src/app/local-storage-store';
import { sealedCredentialKey, tokenLockName } from '../../cti-adapter/src/ringcentral/auth/token-storage';
import { probe, type SealedSignIn } from './bench-probes';
import type { Agent } from './bench-seed';

/** The sign-in names of the agent in `frame` (the adapter page or the floor page), or `null` without its config. */
export async function sealedSignIn(frame: Frame): Promise<SealedSignIn | null> {
  const config = await probe(frame, readSignInConfig, undefined);
  return config ? sealedSignInOf(config) : null;
}

/**
 * The Salesforce org and user of the softphone in `frame` (its `#softphone-config`): the owner of the per-user storage
 * (`LocalStorageStore.forUser`) the bench seeds. @throws Error when the page has no config
 */
export async function agentOf(frame: Frame): Promise<Agent> {
  const config = await probe(frame, readSignInConfig, undefined);
  if (!config) throw new Error('the softphone page has no org and user ids (#softphone-config)');
  return { orgId: config.orgId, userId: config.userId };
}

/** The names for an org, a user and the page's `refreshRingCentralToken` action. */
export function sealedSignInOf(config: { orgId: string; userId: string; action: string }): SealedSignIn {
  return {
    storageKey: `${STORAGE_NAMESPACE}${sealedCredentialKey(config.orgId, config.userId)}`,
    lockName: tokenLockName(config.orgId, config.userId),
    action: config.action,
  };
}

/** In the page: the org and user ids and the refresh action of `#softphone-config` (or the floor page's config). */
function readSignInConfig(): { orgId: string; userId: string; action: string } | null {
  const config = document.getElementById('softphone-config') ?? document.getElementById('bench-floor-config');
  const orgId = config?.getAttribute('data-org-id') ?? '';
  const userId = config?.getAttribute('data-user-id') ?? '';
  const action = config?.getAttribute('data-refresh-ringcentral-token') ?? '';
  return orgId && userId && action ? { orgId, userId, action } : null;
}
