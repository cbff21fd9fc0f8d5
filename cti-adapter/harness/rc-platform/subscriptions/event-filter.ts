/** What a subscription event filter asks for. */
export type EventFilterTarget =
  | { kind: 'telephony'; extensionId: string }
  | { kind: 'telephony-account' }
  | { kind: 'presence'; extensionId: string; detailed: boolean }
  | { kind: 'message-store'; extensionId: string; types: string[] }
  | { kind: 'instant-sms'; extensionId: string };

/** A parsed filter: `event` is the filter with `~` resolved (notifications carry it as `event`). */
export interface ParsedEventFilter {
  original: string;
  event: string;
  target: EventFilterTarget;
}

const PREFIX = /^\/restapi\/v1\.0\/account\/([^/?]+)/;

/**
 * Parses one event filter of `POST /restapi/v1.0/subscription`. Supported (RingCentral "Event filters"):
 * - `/restapi/v1.0/account/~/extension/~/telephony/sessions[?…]`
 * - `/restapi/v1.0/account/~/telephony/sessions[?…]`
 * - `/restapi/v1.0/account/~/extension/{id|~}/presence[?detailedTelephonyState=true[&sipData=true]]`
 * - `/restapi/v1.0/account/~/extension/~/message-store[?type=SMS|VoiceMail|…]`
 * - `/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS`
 * @returns the parsed filter, or a reason string when unsupported / not allowed.
 */
export function parseEventFilter(
  filter: string,
  accountId: string,
  ownerExtensionId: string,
  extensionExists: (id: string) => boolean,
): ParsedEventFilter | string {
  const accountMatch = PREFIX.exec(filter);
  if (!accountMatch) return `Event filter [${filter}] is not supported`;
  const account = accountMatch[1];
  if (account !== '~' && account !== accountId) return `Event filter [${filter}] refers to another account`;
  const [pathPart, query = ''] = filter.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  const rest = pathPart.slice(accountMatch[0].length);
  const base = `/restapi/v1.0/account/${accountId}`;
  const withQuery = (path: string): string => (query ? `${path}?${query}` : path);

  if (rest === '/telephony/sessions')
    return { original: filter, event: withQuery(`${base}/telephony/sessions`), target: { kind: 'telephony-account' } };

  const ext = /^\/extension\/([^/]+)(\/.*)$/.exec(rest);
  if (!ext) return `Event filter [${filter}] is not supported`;
  const requested = ext[1] as string;
  const extensionId = requested === '~' ? ownerExtensionId : requested;
  if (!extensionExists(extensionId)) return `Extension [${requested}] of event filter [${filter}] is not found`;
  const own = extensionId === ownerExtensionId;
  const extBase = `${base}/extension/${extensionId}`;
  switch (ext[2]) {
    case '/presence':
      return {
        original: filter,
        event: withQuery(`${extBase}/presence`),
        target: { kind: 'presence', extensionId, detailed: params.get('detailedTelephonyState') === 'true' },
      };
    case '/telephony/sessions':
      if (!own) return `Event filter [${filter}] needs permissions the user does not have`;
      return {
        original: filter,
        event: withQuery(`${extBase}/telephony/sessions`),
        target: { kind: 'telephony', extensionId },
      };
    case '/message-store':
      if (!own) return `Event filter [${filter}] needs permissions the user does not have`;
      return {
        original: filter,
        event: withQuery(`${extBase}/message-store`),
        target: { kind: 'message-store', extensionId, types: params.getAll('type') },
      };
    case '/message-store/instant':
      if (!own) return `Event filter [${filter}] needs permissions the user does not have`;
      if (params.get('type') !== 'SMS') return `Event filter [${filter}] must have type=SMS`;
      return {
        original: filter,
        event: withQuery(`${extBase}/message-store/instant`),
        target: { kind: 'instant-sms', extensionId },
      };
    default:
      return `Event filter [${filter}] is not supported`;
  }
}
