import { associationFromClickContext } from '../../matching/log-association';
import { normalizePhoneNumber, tryNormalizePhoneNumber } from '../../phone-number/normalize-phone-number';
import { PhoneNumberError } from '../../phone-number/phone-number-error';
import { phoneNumberMetadata, type PhoneNumberMetadata } from '../../phone-number/phone-number-metadata';
import type { ClickToDialEvent } from '../../ports/cti-host-port';
import type { LocalPreferences } from '../../settings/local-preferences';
import type { DialGuard } from '../../ports/dial-guard-port';
import type { DialContext } from '../call-book';
import { messageOf, reasonOf, type EngineContext } from './engine-context';

/** A dial sent to the telephony whose `dialing` event has not arrived yet (its call id is not known). */
interface PendingDial {
  /** The dialled string (E.164, or an extension as typed). */
  readonly to: string;
  /** The extension of the dialled number (`… ext. 12`, `x12`, `;ext=12`), sent as DTMF once answered. */
  readonly extension: string | null;
  readonly context: DialContext | null;
}

/**
 * Pause between the answer and the extension's DTMF (ms): the far end's auto-attendant starts listening after it
 * answers, as the comma pause of a phone's dial string (about 2 s) allows for.
 * @public
 */
export const EXTENSION_DTMF_DELAY_MS = 2000;

/**
 * Outbound calls: the dialer and click-to-dial → `TelephonyPort.call` → the `dialing` event, linked back to the
 * dial so the clicked record decides Who/What. The `dialing` event usually arrives while `call()` runs (web phone),
 * so the dial waits in a pending list matched by number; when `call()` resolves first (RingOut), the context is
 * kept in the {@link CallBook} by the returned call id.
 * @public
 */
export class DialFlow {
  private readonly pending: PendingDial[] = [];
  /**
   * Extensions of dials whose call id is known but whose `dialing` event has not come yet (RingOut): they go to the
   * call's draft (`pendingExtension`, durable) when it does.
   */
  private readonly awaitedExtensions = new Map<string, string>();
  /**
   * The do-not-call check (ADR 0031), installed by its lazy chunk once the settings turn `dncCallMode` on
   * ({@link SoftphoneEngine.setDialGuard}); `null`: calls go at once.
   */
  guard: DialGuard | null = null;
  /** The page said which check applies ({@link setGuard}: a check, or none). */
  private guardKnown = false;
  /** Dials waiting for {@link setGuard}. */
  private readonly guardWaiters: (() => void)[] = [];

  constructor(
    private readonly ctx: EngineContext,
    private readonly preferences: () => LocalPreferences,
    /** Whether the settings were loaded (or failed and the defaults stand): until then the mode is unknown. */
    private readonly settingsLoaded: () => boolean = () => true,
  ) {}

  /**
   * The do-not-call check of outbound calls, or `null` for none (the mode is off, or its chunk failed to load); the
   * dials waiting for it go on.
   */
  setGuard(guard: DialGuard | null): void {
    this.guard = guard;
    this.guardKnown = true;
    for (const resume of this.guardWaiters.splice(0)) resume();
  }

  /**
   * Places an outbound call with the caller ID and calling device of the local preferences unless given, once the
   * do-not-call check allows it.
   * @throws {@link PhoneNumberError} for input that is neither a number nor an extension (nothing is sent);
   * an `Error` named `DIAL_NOT_PLACED` when the do-not-call check stopped it (the prompt says why); a refused call rejects
   * with the telephony's error, also shown as a `DIAL_FAILED` notice
   */
  async dial(
    number: string,
    options: { context?: DialContext | null; callerId?: string | null } = {},
  ): Promise<{ callId: string }> {
    // The number rules are a lazy chunk requested as the bundle starts (ADR 0018): a click-to-dial during the start
    // waits for them (an extension needs none); when they cannot load, the dial fails with `RULES_NOT_LOADED` and the
    // next one loads them again.
    const rules = this.ctx.phoneRules;
    if (!rules.ready && !isExtension(number)) await rules.whenReady().catch(() => undefined);
    const target = dialTarget(number, this.ctx.settings().defaultRegion, rules);
    // Do-not-call (ADR 0031): while the mode is unknown (settings not loaded) or on without its check installed yet,
    // the dial waits for the page to install the check or say there is none. Off: at once, in the same turn.
    if (!this.guardKnown && (!this.settingsLoaded() || this.ctx.settings().dncCallMode !== 'off')) {
      await new Promise<void>((resume) => this.guardWaiters.push(resume));
    }
    if (this.guard) await this.guard.check(this.ctx, target.to, options.context?.recordId ?? null);
    const pending: PendingDial = { ...target, context: options.context ?? null };
    this.pending.push(pending);
    try {
      const preferences = this.preferences();
      const { callId } = await this.ctx.telephony.call(pending.to, {
        callerId: options.callerId ?? preferences.callerId,
        // On the RingCentral app / desk phone, click-to-dial is a RingOut from that phone (ADR 0029).
        via: preferences.callingDevice === 'browser' ? 'browser' : 'ringout',
        ringOutFrom: preferences.ringOutNumber,
      });
      if (this.drop(pending)) {
        // The dialing event has not taken it yet (RingOut, or the event comes later): link it by the call id.
        if (this.ctx.book.has(callId)) {
          this.ctx.turn(() => {
            this.attach(callId, pending.context);
            this.keepExtension(callId, pending.extension);
          });
        } else {
          this.ctx.book.awaitDial(callId, pending.context);
          if (pending.extension) this.awaitedExtensions.set(callId, pending.extension);
        }
      }
      return { callId };
    } catch (error) {
      this.drop(pending);
      this.ctx.notify('error', 'DIAL_FAILED', `Could not call ${number}: ${messageOf(error)}`, number, reasonOf(error));
      throw error;
    }
  }

  /**
   * Click-to-dial: dials with the clicked record as context and, once the INVITE has left (or the dial failed), opens
   * the softphone panel. Failures are notices (the agent clicked in the console, not in the softphone): a stored
   * value that is no phone number too.
   */
  async clickToDial(event: ClickToDialEvent): Promise<void> {
    const dialing = this.dial(event.number, { context: event });
    const openPanel = (): void => void this.ctx.hostCall('PANEL_FAILED', () => this.ctx.host.setPanelVisibility(true));
    try {
      await dialing.finally(openPanel);
    } catch (error) {
      if (error instanceof PhoneNumberError) {
        const { number } = event;
        this.ctx.notify(
          'error',
          'DIAL_FAILED',
          `Could not call ${number}: ${messageOf(error)}`,
          number,
          reasonOf(error),
        );
      } // else dial() reported it, or the do-not-call prompt did
    }
  }

  /**
   * The context of the dial a `dialing` event belongs to: the one kept by call id, else the pending dial of the
   * same number, else the oldest pending dial. `null` when the call was not placed by this softphone's dialer.
   */
  takeContext(callId: string, remoteNumber: string): DialContext | null {
    const awaited = this.ctx.book.takeAwaitedDial(callId);
    if (awaited !== undefined) {
      this.keepExtension(callId, this.awaitedExtensions.get(callId) ?? null);
      this.awaitedExtensions.delete(callId);
      return awaited;
    }
    const region = this.ctx.settings().defaultRegion;
    const e164 = (value: string) => tryNormalizePhoneNumber(value, region, this.ctx.phoneRules)?.e164 ?? value;
    const wanted = e164(remoteNumber);
    const index = this.pending.findIndex((p) => e164(p.to) === wanted);
    const [taken] = this.pending.splice(index >= 0 ? index : 0, 1);
    this.keepExtension(callId, taken?.extension ?? null);
    return taken?.context ?? null;
  }

  /**
   * Keeps the dialled number's extension with the call's draft (`pendingExtension`, persisted at once, so a reload
   * before the answer keeps it) and tells the agent it follows the answer.
   */
  private keepExtension(callId: string, extension: string | null): void {
    if (!extension || !this.ctx.book.has(callId)) return;
    this.ctx.book.update(callId, () => ({ pendingExtension: extension }));
    const message = `Extension ${extension} will be dialled once the call is answered.`;
    this.ctx.notify('info', 'EXTENSION_PENDING', message, extension);
  }

  /**
   * The outbound call was answered: the extension kept with its draft, if any, is sent as DTMF after
   * {@link EXTENSION_DTMF_DELAY_MS}, and the agent is told (`EXTENSION_SENT`, or `EXTENSION_FAILED` with the keypad as
   * the way out). Once per call: the draft forgets it (persisted) the moment the digits leave, so neither a second
   * answer report nor a reload after that sends it again; a reload before that keeps it for the call reported again.
   */
  connected(callId: string): void {
    if (!this.ctx.book.get(callId)?.draft.pendingExtension) return;
    this.ctx.clock.setTimeout(() => {
      const record = this.ctx.book.get(callId);
      const extension = record?.draft.pendingExtension;
      // Sent already (a duplicate answer report), or ended or held meanwhile: the keypad is left.
      if (!record || !extension || record.call.state !== 'connected') return;
      this.ctx.turn(() => this.ctx.book.update(callId, () => ({ pendingExtension: null })));
      this.ctx.telephony.sendDtmf(callId, extension).then(
        () =>
          this.ctx.turn(() => this.ctx.notify('info', 'EXTENSION_SENT', `Dialled extension ${extension}.`, extension)),
        (error: unknown) =>
          this.ctx.turn(() =>
            this.ctx.notify(
              'warning',
              'EXTENSION_FAILED',
              `Could not dial extension ${extension} (${messageOf(error)}); use the keypad.`,
              extension,
              reasonOf(error),
            ),
          ),
      );
    }, EXTENSION_DTMF_DELAY_MS);
  }

  /** The call ended: an extension not sent yet is dropped (the call that ended never takes it). */
  ended(callId: string): void {
    this.awaitedExtensions.delete(callId);
    if (this.ctx.book.get(callId)?.draft.pendingExtension) {
      this.ctx.book.update(callId, () => ({ pendingExtension: null }));
    }
  }

  /** Fills Who/What from the dial's record (unless the agent edited the form) and shows its name. */
  attach(callId: string, context: DialContext | null): void {
    if (!context || !context.recordId) return;
    const recordId = context.recordId;
    const association = associationFromClickContext(context, this.ctx.settings());
    this.ctx.book.update(callId, (d) => ({
      clickContextRecordId: recordId,
      chosenRecordId: recordId,
      conflict: null,
      form: d.formEdited ? d.form : { ...d.form, ...association },
    }));
    const name = association.whoName ?? association.whatName ?? context.recordName;
    if (name) this.ctx.book.require(callId).call.update({ remoteName: name });
  }

  private drop(pending: PendingDial): boolean {
    const index = this.pending.indexOf(pending);
    if (index >= 0) this.pending.splice(index, 1);
    return index >= 0;
  }
}

/**
 * The string to dial (pure): an extension or short code (2–6 digits, optionally after `*`) as typed, anything else
 * normalized to E.164 in `region`. @throws {@link PhoneNumberError} when it is neither
 * @public
 */
export function dialString(
  number: string,
  region: string,
  rules: Pick<PhoneNumberMetadata, 'current' | 'formatsLoaded'> = phoneNumberMetadata,
): string {
  return dialTarget(number, region, rules).to;
}

/**
 * What to dial (pure): {@link dialString}'s `to`, and the number's extension (`+1 650 555 0108 ext. 12`, `x12`,
 * `;ext=12`: libphonenumber-js reads them) to send as DTMF after the answer, else `null`.
 * @throws {@link PhoneNumberError} when it is neither a number nor an extension (`RULES_NOT_LOADED` while `rules`,
 * default the page's {@link PhoneNumberMetadata}, have not arrived and it is no extension)
 * @public
 */
export function dialTarget(
  number: string,
  region: string,
  rules: Pick<PhoneNumberMetadata, 'current' | 'formatsLoaded'> = phoneNumberMetadata,
): { to: string; extension: string | null } {
  const trimmed = number.trim();
  if (isExtension(trimmed)) return { to: trimmed, extension: null };
  const result = normalizePhoneNumber(trimmed, region, rules);
  if (!result.ok) throw result.error;
  return { to: result.value.e164, extension: result.value.extension };
}

/** An extension or short code (2–6 digits, optionally after `*`): dialled as typed, no number rules needed. */
function isExtension(number: string): boolean {
  return /^\*?\d{2,6}$/.test(number.trim());
}
