import { CrmError } from '../crm/crm-error';
import type { CrmErrorCode } from '../crm/crm-error';
import { PhoneNumberError } from '../phone-number/phone-number-error';
import type { PhoneNumberErrorCode } from '../phone-number/phone-number-error';
import type { UserSettingKey } from '../settings/settings';

/**
 * The notices the softphone shows the agent, by code (ADR 0032, amendment "Notices by code"). A notice carries a
 * stable `code`, its parameters in the order this table declares them, and an English `message` for logs and as the
 * fallback. The UI shows the Custom Label `Notice_<CODE>` in the agent's language with `{0}`, `{1}`… filled from the
 * parameters (a {@link NoticeReason} rendered by its own code), and the English `message` when the page has no such
 * label. A code whose first parameter is a count may also have `Notice_<CODE>_one`, used when the count is 1.
 *
 * This interface is the one source of the codes: the `ui-labels` check of `npm test` fails when a code has no
 * `Notice_<CODE>` label of the `Softphone` category (or the label has a placeholder beyond the parameters), and the
 * type checker refuses a notice whose parameters do not match.
 * @public
 */
export interface NoticeParams {
  // Calls
  DIAL_FAILED: readonly [number: string, reason: NoticeReason];
  VOICEMAIL_FAILED: readonly [reason: NoticeReason];
  EXTENSION_PENDING: readonly [extension: string];
  EXTENSION_SENT: readonly [extension: string];
  EXTENSION_FAILED: readonly [extension: string, reason: NoticeReason];
  MATCH_FAILED: readonly [attempts: number, number: string, reason: NoticeReason];
  AWAY_CALLS: readonly [count: number];
  AWAY_CALLS_FAILED: readonly [reason: NoticeReason];
  HISTORY_STATUS_FAILED: readonly [reason: NoticeReason];
  // Call logs
  LOG_FAILED: readonly [party: string, reason: NoticeReason];
  LOG_FAILED_NO_PARTY: readonly [reason: NoticeReason];
  /** The call is logged but its follow-up Task is not (ADR 0033); the reason is the server's message. */
  FOLLOW_UP_FAILED: readonly [reason: NoticeReason];
  MANDATORY_FIELDS: readonly [];
  LOG_MODULE_NOT_LOADED: readonly [];
  SALES_ENGAGEMENT_FAILED: readonly [reason: NoticeReason];
  SALES_ENGAGEMENT_STEP_FAILED: readonly [reason: NoticeReason];
  SALES_ENGAGEMENT_LOG_OPEN: readonly [];
  // Settings and this browser
  SETTINGS_FAILED: readonly [reason: NoticeReason];
  SETTING_LOCKED: readonly [settings: NoticeSettings];
  STORE_FAILED: readonly [reason: NoticeReason];
  STORAGE_FULL: readonly [];
  STORAGE_FULL_OUTBOX: readonly [];
  STORED_STATE_DROPPED: readonly [count: number];
  SIGN_OUT_KEPT: readonly [logs: number, drafts: number];
  // The device chosen for a role is gone or back; `device` is its name in parentheses after a space, or empty.
  MICROPHONE_MISSING: readonly [device: string];
  SPEAKER_MISSING: readonly [device: string];
  RINGER_MISSING: readonly [device: string];
  MICROPHONE_BACK: readonly [device: string];
  SPEAKER_BACK: readonly [device: string];
  RINGER_BACK: readonly [device: string];
  // The console (Open CTI calls)
  SCREEN_POP_FAILED: readonly [reason: NoticeReason];
  PANEL_FAILED: readonly [reason: NoticeReason];
  CLICK_TO_DIAL_FAILED: readonly [reason: NoticeReason];
  NAVIGATION_FAILED: readonly [reason: NoticeReason];
  UTILITY_ITEM_FAILED: readonly [reason: NoticeReason];
  INITIALIZATION_FAILED: readonly [reason: NoticeReason];
  REFRESH_FAILED: readonly [reason: NoticeReason];
  // Messages
  CONVERSATIONS_FAILED: readonly [reason: NoticeReason];
  SMS_LOG_FAILED: readonly [reason: NoticeReason];
  MARK_READ_FAILED: readonly [reason: NoticeReason];
  SMS_STORAGE_FULL: readonly [reason: NoticeReason];
  /** A follower tab's Messages request not done by the tab that holds the phone (ADR 0028, fifth amendment). */
  SMS_TAB_REQUEST_FAILED: readonly [reason: NoticeReason];
}

/** A notice's code. @public */
export type NoticeCode = keyof NoticeParams;

/** A notice's code that answers a host (Open CTI) call's failure: its one parameter is the reason. @public */
export type HostCallNoticeCode =
  | 'SCREEN_POP_FAILED'
  | 'PANEL_FAILED'
  | 'CLICK_TO_DIAL_FAILED'
  | 'NAVIGATION_FAILED'
  | 'UTILITY_ITEM_FAILED'
  | 'INITIALIZATION_FAILED'
  | 'REFRESH_FAILED';

/**
 * The codes of the reasons the UI translates (`Reason_<CODE>` labels; the `ui-labels` check requires each): the
 * package's Salesforce-side errors whose message is generic ({@link CrmError} `NETWORK`, `INTERNAL` with the Softphone
 * Error Log's reference, `APEX_FAILED` for an `INTERNAL` without one) and why a number is no phone number
 * ({@link PhoneNumberError}). Other reasons keep their message: the package's specific `INVALID_INPUT`, `NO_ACCESS`,
 * `NOT_FOUND`, `LIMIT_EXCEEDED` messages (Apex answers them in the user's language), and RingCentral's own texts.
 * @public
 */
export type NoticeReasonCode =
  | 'NETWORK'
  | 'INTERNAL'
  | 'APEX_FAILED'
  | 'EMPTY'
  | 'NOT_A_NUMBER'
  | 'INVALID_COUNTRY'
  | 'TOO_SHORT'
  | 'TOO_LONG'
  | 'INVALID_LENGTH'
  | 'RULES_NOT_LOADED'
  | 'TAB_OWNER_GONE'
  | 'TAB_OWNER_SILENT'
  | 'TAB_OWNER_STARTING'
  | 'TAB_SILENT'
  | 'TAB_REQUEST_FAILED'
  | 'TAB_NO_MESSAGES'
  | 'TAB_NOW_OWNER'
  | 'TAB_NOT_OWNER'
  | 'TAB_NOT_FOLLOWER'
  | 'TAB_NO_SIGN_IN'
  // The app layer's own refusals ({@link ReasonError}; ADR 0032, seventh amendment)
  | 'NOT_SIGNED_IN'
  | 'SIGN_IN_UNAVAILABLE'
  | 'RINGCENTRAL_NOT_CONFIGURED'
  | 'WEB_PHONE_NOT_READY'
  | 'NO_CONSULT_CALL'
  | 'HISTORY_CALL_GONE'
  | 'SMS_SIGN_IN_NEEDED'
  | 'SIGNED_OUT_WHILE_LOADING'
  // The engine's and the RingCentral adapters' refusals the agent reads
  | 'PRESENCE_NOT_LOADED'
  | 'SDK_NOT_LOADED'
  | 'DND_TAKES_NO_CALLS'
  | 'NO_TEST_SOUND'
  | 'CONVERSATION_GONE'
  | 'RINGOUT_NEEDS_MY_NUMBER'
  | 'WEB_PHONE_NOT_REGISTERED'
  | 'CALL_NOT_CONNECTED'
  | 'NO_WEB_AUDIO'
  | 'NO_SOUND_DEVICE_CHOICE'
  | 'DEVICE_NOT_CONNECTED'
  | 'DEVICE_NOT_ALLOWED'
  // The web phone's own call-control refusals (ADR 0032, seventh amendment: the last of them)
  | 'CALL_NOT_ANSWERABLE'
  | 'CALL_ALREADY_ANSWERED'
  | 'INVALID_DTMF'
  | 'CONSULT_NOT_ANSWERED'
  | 'NO_NUMBER_TO_CALL'
  | 'CALL_NOT_STARTED'
  | 'CALL_NOT_DECLINABLE'
  | 'RINGCENTRAL_NO_CONFIRMATION'
  | 'CALL_GONE'
  | 'WRONG_CALL_DIRECTION'
  | 'RECORDING_NO_ANSWER'
  | 'RECORDING_REFUSED'
  | 'PHONE_SIGNED_OUT'
  | 'RINGOUT_USE_PHONE'
  | 'OTHER_DEVICE_USE_APP'
  | 'AUDIO_DEVICES_NEED_HTTPS';

/**
 * A failure of the softphone's own making that the agent reads (a command refused: not signed in, the web phone not
 * ready …), by code: the UI words it with `Reason_<CODE>` wherever it shows a reason (a notice's `{…}`, `errorText`
 * under a control); `message` stays English for logs and the fallback (ADR 0032, seventh amendment).
 * @public
 */
export class ReasonError extends Error {
  constructor(
    readonly reasonCode: NoticeReasonCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Why something failed, inside a notice: the code the UI translates (`Reason_<CODE>`, `{0}`… filled from `params`),
 * or `null` to show `message` as it is. `message` is English (or the server's words) and always set.
 * @public
 */
export interface NoticeReason {
  readonly code: NoticeReasonCode | null;
  readonly message: string;
  readonly params: readonly string[];
}

/**
 * User-level settings named inside a notice, by key (ADR 0014's `UserSettingKey`): the UI shows each setting's label
 * (the one the Settings tab shows) and joins them in the list format of the agent's language (`Intl.ListFormat`).
 * @public
 */
export interface NoticeSettings {
  readonly settings: readonly UserSettingKey[];
}

/** One parameter of a notice. @public */
export type NoticeParam = string | number | NoticeReason | NoticeSettings;

const TRANSLATED_CRM_CODES: readonly CrmErrorCode[] = ['NETWORK', 'INTERNAL'];

/**
 * The reason of a failure for a notice (the English text is {@link messageOf}'s):
 * - a {@link PhoneNumberError}: its code (`TOO_SHORT` …);
 * - a {@link CrmError} `NETWORK`; `INTERNAL` with a reference (`Reason_INTERNAL`, `{0}` the reference), else
 *   `APEX_FAILED`; any other code keeps the server's message (code `null`);
 * - an `Error` with a `reasonCode` — a {@link ReasonError}, the tabs' own failures (`TabError`: `TAB_OWNER_GONE` …), a
 *   refusal relayed from another tab (`RelayedError`) —: that code;
 * - anything else (RingCentral's answers, the browser's): its message, code `null`.
 * @public
 */
export function reasonOf(error: unknown): NoticeReason {
  const message = messageOf(error);
  // One path for every coded refusal (`ReasonError`, `TabError`, `RelayedError`): read without importing the tabs chunk.
  const coded = error instanceof Error ? (error as { reasonCode?: NoticeReasonCode }).reasonCode : undefined;
  if (coded) return { code: coded, message, params: [] };
  if (error instanceof PhoneNumberError)
    return { code: error.code satisfies PhoneNumberErrorCode, message, params: [] };
  if (error instanceof CrmError && TRANSLATED_CRM_CODES.includes(error.code)) {
    if (error.code === 'NETWORK') return { code: 'NETWORK', message, params: [] };
    return error.reference
      ? { code: 'INTERNAL', message, params: [error.reference] }
      : { code: 'APEX_FAILED', message, params: [] };
  }
  return { code: null, message, params: [] };
}

/** The message of an error for a notice's English text (a {@link PhoneNumberError} names its code). @public */
export function messageOf(error: unknown): string {
  if (error instanceof PhoneNumberError && error.code === 'RULES_NOT_LOADED')
    return 'part of the softphone did not load (network): try again';
  if (error instanceof PhoneNumberError) return `not a phone number (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}
