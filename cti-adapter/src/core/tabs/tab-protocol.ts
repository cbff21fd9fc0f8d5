/**
 * The messages the softphone's tabs exchange over one `BroadcastChannel` (HTML Living Standard, "Broadcasting to
 * other browsing contexts"; ADR 0028). One tab per browser and agent is the **owner** (it holds the Web Lock, the SIP
 * registration, the RingCentral subscription, the token renewal and the outbox); the others are **followers** that
 * mirror its state and send it commands. Every message carries the protocol version `v` and the sender's tab id;
 * messages of another version, or of no known shape, are ignored ({@link readTabMessage}). The version is also part
 * of the lock and channel names ({@link tabNames}), so tabs of two softphone versions (during an upgrade) never talk
 * to each other: each version elects its own owner.
 * @public
 */
import { TAB_PROTOCOL_VERSION } from './tab-names';

export { TAB_PROTOCOL_VERSION, tabNames } from './tab-names';

/** A method of the owner's host a follower carries out in its own tab (the tab the agent is looking at). @public */
export type TabHostMethod = 'screenPop' | 'refreshView' | 'setPanelVisibility' | 'getAppViewInfo';

/** A host event that happened in a follower's tab and belongs to the owner's engine. @public */
export type TabHostEvent = 'click-to-dial' | 'navigation';

/** @public */
export type TabMessage =
  /** A follower started (or lost its owner) and asks for the state. */
  | { readonly v: 1; readonly kind: 'hello'; readonly from: string }
  /** A tab became the owner (first election or take-over). */
  | { readonly v: 1; readonly kind: 'owner'; readonly from: string }
  /** The owner's state snapshot; `seq` grows with every snapshot of one owner. */
  | { readonly v: 1; readonly kind: 'state'; readonly from: string; readonly seq: number; readonly state: unknown }
  /** A follower's command for the owner (a controller method and its arguments). */
  | {
      readonly v: 1;
      readonly kind: 'command';
      readonly from: string;
      readonly to: string;
      readonly id: number;
      readonly name: string;
      readonly args: readonly unknown[];
    }
  /** The owner asks a follower to carry out a host method in its tab. */
  | {
      readonly v: 1;
      readonly kind: 'host-call';
      readonly from: string;
      readonly to: string;
      readonly id: number;
      readonly method: TabHostMethod;
      readonly args: readonly unknown[];
    }
  /** The answer to a `command` or a `host-call` (`error`: the message shown to the agent). */
  | {
      readonly v: 1;
      readonly kind: 'result';
      readonly from: string;
      readonly to: string;
      readonly id: number;
      readonly ok: boolean;
      readonly value?: unknown;
      readonly error?: string;
      /** The code of a tabs' own failure (`TabError`, ADR 0028 sixth amendment): the asking tab words it itself. */
      readonly reason?: string;
    }
  /** A click-to-dial or a navigation in a follower's tab. */
  | {
      readonly v: 1;
      readonly kind: 'host-event';
      readonly from: string;
      readonly event: TabHostEvent;
      readonly payload: unknown;
    }
  /** Where the agent looks: whether the tab is visible and when it last got the focus (epoch ms, 0 = never). */
  | {
      readonly v: 1;
      readonly kind: 'attention';
      readonly from: string;
      readonly visible: boolean;
      readonly focusedAt: number;
    }
  /**
   * The owner's RingCentral sign-in, ready for a popup opened in any tab: the authorize page's URL (public: client id,
   * redirect URI, state, PKCE challenge; the verifier stays in the owner), or `null` when there is nothing to sign in.
   */
  | { readonly v: 1; readonly kind: 'sign-in-offer'; readonly from: string; readonly url: string | null }
  /** The authorization response a follower's popup brought back (a one-time code, useless without the verifier). */
  | {
      readonly v: 1;
      readonly kind: 'sign-in';
      readonly from: string;
      readonly to: string;
      readonly id: number;
      readonly code: string;
      readonly state: string;
    }
  /**
   * The owner's Messages state (the `MessagesState` of its one Messages feature, ADR 0028 fifth amendment); `seq` grows
   * with every such snapshot of one owner, apart from the `state` snapshots.
   */
  | { readonly v: 1; readonly kind: 'messages'; readonly from: string; readonly seq: number; readonly state: unknown }
  /** The tab is closing (`pagehide`); a crashed tab sends nothing (its lock is released all the same). */
  | { readonly v: 1; readonly kind: 'bye'; readonly from: string };

/** The kinds of {@link TabMessage}. @public */
export type TabMessageKind = TabMessage['kind'];

const HOST_METHODS: readonly string[] = ['screenPop', 'refreshView', 'setPanelVisibility', 'getAppViewInfo'];
const HOST_EVENTS: readonly string[] = ['click-to-dial', 'navigation'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

/**
 * The message in `data` when it is a {@link TabMessage} of this protocol version, else `null` (another version, a
 * foreign message on the channel, a malformed one): a tab never acts on a message it does not understand.
 * @public
 */
export function readTabMessage(data: unknown): TabMessage | null {
  if (!isRecord(data) || data.v !== TAB_PROTOCOL_VERSION || !isString(data.from)) return null;
  const m = data;
  switch (m.kind) {
    case 'hello':
    case 'owner':
    case 'bye':
      return m as TabMessage;
    case 'state':
    case 'messages':
      return isId(m.seq) && isRecord(m.state) ? (m as TabMessage) : null;
    case 'command':
      return isString(m.to) && isId(m.id) && isString(m.name) && Array.isArray(m.args) ? (m as TabMessage) : null;
    case 'host-call':
      return isString(m.to) && isId(m.id) && HOST_METHODS.includes(m.method as string) && Array.isArray(m.args)
        ? (m as TabMessage)
        : null;
    case 'result':
      return isString(m.to) && isId(m.id) && typeof m.ok === 'boolean' && (m.reason === undefined || isString(m.reason))
        ? (m as TabMessage)
        : null;
    case 'host-event':
      return HOST_EVENTS.includes(m.event as string) && isRecord(m.payload) ? (m as TabMessage) : null;
    case 'attention':
      return typeof m.visible === 'boolean' && typeof m.focusedAt === 'number' ? (m as TabMessage) : null;
    case 'sign-in-offer':
      return m.url === null || (isString(m.url) && /^https:\/\//.test(m.url)) ? (m as TabMessage) : null;
    case 'sign-in':
      return isString(m.to) && isId(m.id) && isString(m.code) && typeof m.state === 'string' ? (m as TabMessage) : null;
    default:
      return null;
  }
}
