/**
 * Notification bodies the softphone reads (subset of RingCentral's `TelephonySessionsEvent` and
 * `DetailedExtensionPresenceEvent`; the RingCentral API Reference (developers.ringcentral.com/api-reference), "Notifications").
 * @public
 */

/** Party status codes: `Setup`, `Proceeding`, `Answered`, `Hold`, `Parked`, `Disconnected`, `VoiceMail`, `Gone`. */
export interface TelephonyPartyStatus {
  readonly code: string;
  readonly reason?: string;
}

/** One party of a telephony session. */
export interface TelephonyParty {
  readonly id: string;
  readonly accountId?: string;
  readonly extensionId?: string;
  readonly direction?: 'Inbound' | 'Outbound';
  readonly from?: { readonly phoneNumber?: string; readonly name?: string; readonly extensionId?: string };
  readonly to?: { readonly phoneNumber?: string; readonly name?: string; readonly extensionId?: string };
  readonly status: TelephonyPartyStatus;
  readonly missedCall?: boolean;
  readonly standAlone?: boolean;
  readonly muted?: boolean;
  readonly recordings?: readonly { readonly id: string; readonly active: boolean }[];
}

/** Body of a `…/telephony/sessions` notification. */
export interface TelephonySessionEvent {
  readonly sequence?: number;
  readonly sessionId?: string;
  readonly telephonySessionId: string;
  readonly serverId?: string;
  readonly eventTime?: string;
  /** `Call`, `RingOut`, `Conference`, …. */
  readonly origin?: { readonly type: string };
  readonly parties: readonly TelephonyParty[];
}

/** Body of a `…/presence?detailedTelephonyState=true` notification (and of `GET …/presence`). */
export interface PresenceEvent {
  readonly extensionId?: string;
  readonly telephonyStatus?: string;
  readonly presenceStatus?: string;
  readonly userStatus?: string;
  readonly dndStatus?: string;
  readonly activeCalls?: readonly PresenceActiveCall[];
}

/** An active call of the detailed presence. */
export interface PresenceActiveCall {
  readonly id?: string;
  readonly direction?: 'Inbound' | 'Outbound';
  readonly from?: string;
  readonly fromName?: string;
  readonly to?: string;
  readonly toName?: string;
  readonly telephonyStatus?: string;
  readonly sessionId?: string;
  readonly telephonySessionId?: string;
  readonly partyId?: string;
}

/**
 * A message as the message store and the instant SMS event carry it (subset of RingCentral's
 * `GetMessageInfoResponse` / `InstantMessageEvent` body; the RingCentral API Reference, "Message Store").
 */
export interface RcMessage {
  readonly id: string | number;
  readonly type?: string;
  readonly direction?: 'Inbound' | 'Outbound';
  readonly from?: { readonly phoneNumber?: string; readonly name?: string; readonly extensionNumber?: string };
  readonly to?: readonly { readonly phoneNumber?: string; readonly name?: string }[];
  readonly subject?: string;
  readonly messageStatus?: string;
  readonly readStatus?: 'Read' | 'Unread';
  readonly availability?: 'Alive' | 'Deleted' | 'Purged';
  readonly creationTime?: string;
  readonly lastModifiedTime?: string;
  readonly conversationId?: string | number;
  readonly conversation?: { readonly id?: string | number };
  readonly deliveryErrorCode?: string;
}

/** One entry of a message-store notification's `changes` (`…/message-store` filter). */
export interface MessageStoreChange {
  readonly type: string;
  readonly newCount?: number;
  readonly updatedCount?: number;
  readonly newMessageIds?: readonly (string | number)[];
}
