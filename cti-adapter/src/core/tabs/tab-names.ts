/**
 * The protocol version of the softphone's tabs ({@link readTabMessage} in `tab-protocol.ts`): part of every message
 * and of the lock and channel names, so tabs of two softphone versions never talk to each other (ADR 0028). Its own
 * module so the first paint, which needs only the names to take the owner lock, does not carry the protocol's
 * message reader (ADR 0018).
 * @public
 */
export const TAB_PROTOCOL_VERSION = 1;

/**
 * The Web Lock and `BroadcastChannel` names of one agent's softphone in one browser: per org and user (two agents
 * sharing a browser profile each get their own owner, like their storage, ADR 0010) and per protocol version.
 * @public
 */
export function tabNames(orgId: string, userId: string): { readonly lock: string; readonly channel: string } {
  const key = `rcsf-softphone-tabs:v${TAB_PROTOCOL_VERSION}:${orgId}:${userId}`;
  return { lock: `${key}:owner`, channel: key };
}
