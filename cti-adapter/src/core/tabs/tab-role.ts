/**
 * The role of one tab, as an explicit state machine (pure; ADR 0028):
 *
 * ```
 * electing ──lock-held──▶ owner ──closed──▶ closed
 *    │                      ▲
 *    └──lock-busy──▶ follower ──lock-held (the owner tab closed or crashed)
 *                     │  ▲ owner-announced (a new owner id)
 *                     └──┘
 * ```
 * An owner never becomes a follower (it keeps the lock until the tab ends); a follower waits in the lock's line and
 * is promoted when the browser grants it.
 * @public
 */
export type TabRole =
  | { readonly name: 'electing' }
  | { readonly name: 'owner'; readonly promoted: boolean }
  | { readonly name: 'follower'; readonly ownerId: string | null }
  | { readonly name: 'closed' };

/** @public */
export type TabRoleEvent =
  | { readonly type: 'lock-held' }
  | { readonly type: 'lock-busy' }
  | { readonly type: 'owner-announced'; readonly ownerId: string }
  | { readonly type: 'owner-gone'; readonly ownerId: string }
  | { readonly type: 'closed' };

/** The role after `event`; an event the role does not accept leaves it unchanged (the same object). @public */
export function nextTabRole(role: TabRole, event: TabRoleEvent): TabRole {
  if (event.type === 'closed') return role.name === 'closed' ? role : { name: 'closed' };
  switch (role.name) {
    case 'electing':
      if (event.type === 'lock-held') return { name: 'owner', promoted: false };
      if (event.type === 'lock-busy') return { name: 'follower', ownerId: null };
      return role;
    case 'follower':
      if (event.type === 'lock-held') return { name: 'owner', promoted: true };
      if (event.type === 'owner-announced' && event.ownerId !== role.ownerId)
        return { name: 'follower', ownerId: event.ownerId };
      if (event.type === 'owner-gone' && event.ownerId === role.ownerId) return { name: 'follower', ownerId: null };
      return role;
    case 'owner':
    case 'closed':
      return role;
  }
}
