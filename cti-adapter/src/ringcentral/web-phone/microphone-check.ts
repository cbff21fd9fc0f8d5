import type { TelephonyUnavailableReason } from '../../core/ports/telephony-port';

/**
 * Outcome of {@link checkMicrophone}: `ok`, or why the web phone cannot use a microphone with a human explanation
 * of the fix (shown by the UI in its "web phone unavailable" state).
 * @public
 */
export type MicrophoneCheckResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: Extract<
        TelephonyUnavailableReason,
        'microphone-denied' | 'microphone-blocked' | 'no-microphone'
      >;
      readonly detail: string;
    };

/** The browser APIs the check reads (injectable; defaults from `document` / `navigator`). @public */
export interface MicrophoneEnvironment {
  /** `document.permissionsPolicy ?? document.featurePolicy` (Chromium); absent elsewhere. */
  readonly policy?: { allowsFeature(feature: string): boolean } | null;
  /** `navigator.permissions` (`query({name:'microphone'})` throws in browsers that do not know the name). */
  readonly permissions?: { query(descriptor: { name: string }): Promise<{ state: string }> } | null;
  /** `navigator.mediaDevices.getUserMedia` (absent in insecure contexts). */
  readonly getUserMedia?: ((constraints: { audio: boolean; video: boolean }) => Promise<MediaStreamLike>) | null;
}

/** What the check needs of a `MediaStream`: its tracks, to stop them right away. @public */
export interface MediaStreamLike {
  getTracks(): { stop(): void }[];
}

/** Fix texts per reason (English; the UI may translate by reason). @public */
export const MICROPHONE_FIXES = {
  'microphone-denied':
    'The browser blocks the microphone for this site. Click the camera/microphone icon in the address bar, ' +
    'allow the microphone for this Salesforce domain, then reload the page.',
  'microphone-blocked':
    'This page is not allowed to ask for the microphone. The softphone frame needs allow="microphone" and ' +
    'your Salesforce admin must allow the microphone in Setup → Session Settings → Browser Feature ' +
    'Permissions (Permissions-Policy) for the Visualforce and Lightning domains; the page must be served over HTTPS.',
  'no-microphone':
    'No usable microphone was found. Plug in a headset or microphone (or close the app that is using it), ' +
    'then reload the page.',
} as const;

/**
 * Checks, BEFORE the web phone registers, that this frame can capture audio: an unusable microphone would
 * otherwise surface only when the agent answers a call.
 *
 * 1. Permissions-Policy (`allowsFeature('microphone') === false`) → `microphone-blocked` (iframe `allow` attribute,
 *    org Permissions-Policy); no `getUserMedia` (insecure context) → `microphone-blocked`.
 * 2. `permissions.query({name:'microphone'})` = `denied` → `microphone-denied` without prompting.
 * 3. Already `granted` (every start after the first) → ok, without touching a device: opening the microphone
 *    (`getUserMedia`) or listing the devices (`enumerateDevices`) costs from tens to hundreds of milliseconds on the
 *    cold-start path (measured by `npm run bench`) and shows the recording indicator; a device missing or held by
 *    another app is then reported when a call needs it, as any change after the start is.
 * 4. Otherwise `getUserMedia({audio:true})` (prompts once; tracks stopped at once): `NotAllowedError` →
 *    `microphone-denied`; `SecurityError` → `microphone-blocked`; `NotFoundError`/`OverconstrainedError`/
 *    `NotReadableError` → `no-microphone`. Error names per the Media Capture and Streams spec (W3C), permission
 *    states per the Permissions spec (W3C).
 * @public
 */
export async function checkMicrophone(
  environment: MicrophoneEnvironment = browserEnvironment(),
): Promise<MicrophoneCheckResult> {
  const fail = (reason: keyof typeof MICROPHONE_FIXES, cause?: string): MicrophoneCheckResult => ({
    ok: false,
    reason,
    detail: cause ? `${MICROPHONE_FIXES[reason]} (${cause})` : MICROPHONE_FIXES[reason],
  });
  try {
    if (environment.policy && environment.policy.allowsFeature('microphone') === false) {
      return fail('microphone-blocked', 'Permissions-Policy');
    }
  } catch {
    // allowsFeature unsupported: fall through to getUserMedia
  }
  if (!environment.getUserMedia) return fail('microphone-blocked', 'getUserMedia unavailable');
  try {
    const status = await environment.permissions?.query({ name: 'microphone' });
    if (status?.state === 'denied') return fail('microphone-denied', 'permission state denied');
    if (status?.state === 'granted') return { ok: true };
  } catch {
    // the Permissions API does not know "microphone" here: getUserMedia decides
  }
  try {
    const stream = await environment.getUserMedia({ audio: true, video: false });
    for (const track of stream.getTracks()) track.stop();
    return { ok: true };
  } catch (error) {
    const name = (error as { name?: string } | null)?.name ?? 'Error';
    if (name === 'NotAllowedError' || name === 'PermissionDeniedError') return fail('microphone-denied', name);
    if (name === 'SecurityError') return fail('microphone-blocked', name);
    return fail('no-microphone', name);
  }
}

function browserEnvironment(): MicrophoneEnvironment {
  const doc = (globalThis as unknown as { document?: Record<string, unknown> }).document;
  const nav = (globalThis as { navigator?: Navigator }).navigator;
  const policy = (doc?.['permissionsPolicy'] ?? doc?.['featurePolicy'] ?? null) as MicrophoneEnvironment['policy'];
  const media = nav?.mediaDevices;
  return {
    policy,
    permissions: (nav?.permissions as MicrophoneEnvironment['permissions']) ?? null,
    getUserMedia: media?.getUserMedia ? (constraints) => media.getUserMedia(constraints) : null,
  };
}
