import type { SipIdentity as ModelSipIdentity } from '../model/directory';
import type { TelephonyModel } from '../model/telephony-model';
import type { SeedExtension } from '../seed/seed';
import type { SipEndReason, SipIdentity, SipModelPort, SipRouteTarget, SipSessionIds } from './sip-model-port';

/** Model `endSession` reasons per SIP outcome (the model derives call-log results from them). */
const END_REASONS: Readonly<Record<SipEndReason, string>> = {
  HangUp: 'HangUp',
  Cancelled: 'CallerCancelled',
  Rejected: 'CallRejected',
  Voicemail: 'Voicemail',
  NoAnswer: 'NoAnswer',
  Failed: 'Failed',
  Transferred: 'AttendedTransfer',
};

/**
 * {@link SipModelPort} over the platform's {@link TelephonyModel}. The SIP side speaks in extension ids; the model
 * in party ids, so this adapter finds (or, for call-queue members and transfer targets, adds) the party of an
 * extension in a session. Model errors (a late message after the session ended, an impossible status move) are
 * logged, never thrown: the wire keeps working even when the model refuses a step.
 */
export class ModelAdapter implements SipModelPort {
  constructor(
    private readonly model: TelephonyModel,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  get domain(): string {
    return this.model.sipDomain;
  }

  findIdentityByAuthorizationId(authorizationId: string): SipIdentity | undefined {
    const found = this.model.findSipIdentityByAuthorizationId(authorizationId);
    return found ? this.toIdentity(found) : undefined;
  }

  findIdentityByExtensionId(extensionId: string): SipIdentity | undefined {
    const ext = this.model.findExtensionById(extensionId);
    if (!ext?.sip) return undefined;
    return this.toIdentity({
      kind: 'extension',
      extension: ext,
      credentials: this.model.sipCredentialsForExtension(ext.id),
    });
  }

  findIdentityByExternalNumber(phoneNumber: string): SipIdentity | undefined {
    const external = this.model.findExternalByNumber(phoneNumber);
    if (!external) return undefined;
    return this.toIdentity({
      kind: 'external',
      external,
      credentials: this.model.sipCredentialsForExternal(external.phoneNumber),
    });
  }

  resolveTarget(dialled: string): SipRouteTarget | undefined {
    const digits = dialled.replace(/[^\d+*#]/g, '');
    if (!/\d/.test(digits)) return undefined;
    const did = this.model.directory.findDid(digits);
    if (did) return { kind: 'did', phoneNumber: did.phoneNumber, name: did.name, ruleKey: did.crmRule };
    const ext = this.model.findExtensionByNumber(digits);
    if (ext) return this.extensionTarget(ext);
    const external = this.model.findExternalByNumber(digits);
    if (external) return { kind: 'external', phoneNumber: external.phoneNumber, name: external.callerIdName };
    const onlyDigits = digits.replace(/\D/g, '');
    if (onlyDigits.length < 7) return undefined;
    const e164 = digits.startsWith('+') ? digits : onlyDigits.length === 10 ? `+1${onlyDigits}` : `+${onlyDigits}`;
    return { kind: 'external', phoneNumber: e164, name: '' };
  }

  targetById(id: string): SipRouteTarget | undefined {
    const ext = this.model.findExtensionById(id);
    return ext ? this.extensionTarget(ext) : undefined;
  }

  routingFor(extensionId: string, viaQueue: boolean): 'ring' | 'voicemail' | 'skip' {
    return this.model.routingFor(extensionId, viaQueue);
  }

  createSession(input: {
    from: { phoneNumber: string; name: string; extensionId?: string };
    to: { phoneNumber: string; name: string; extensionId?: string };
    direction: 'Inbound' | 'Outbound';
    queueId?: string;
  }): SipSessionIds {
    const session = this.model.createSession({
      from: input.from.phoneNumber,
      to: input.to.phoneNumber,
      ...(input.from.name ? { fromName: input.from.name } : {}),
      ...(input.to.name ? { toName: input.to.name } : {}),
      direction: input.direction,
      ...(input.queueId ? { queueId: input.queueId } : {}),
    });
    return { telephonySessionId: session.telephonySessionId, sessionId: session.sessionId };
  }

  partyId(telephonySessionId: string, extensionId: string | undefined): string {
    return this.findParty(telephonySessionId, extensionId, true) ?? `p-${telephonySessionId.slice(2)}-1`;
  }

  partyRinging(telephonySessionId: string, extensionId: string | undefined): void {
    this.step('ringing', () =>
      this.model.partyRinging(telephonySessionId, this.partyId(telephonySessionId, extensionId)),
    );
  }

  partyAnswered(telephonySessionId: string, extensionId: string | undefined): void {
    this.step('answered', () =>
      this.model.partyAnswered(telephonySessionId, this.partyId(telephonySessionId, extensionId)),
    );
  }

  partyHold(telephonySessionId: string, extensionId: string | undefined, held: boolean): void {
    const partyId = this.partyId(telephonySessionId, extensionId);
    const party = this.model.getSession(telephonySessionId)?.parties.find((p) => p.id === partyId);
    if (!party || (held ? party.status.code === 'Hold' : party.status.code !== 'Hold')) return;
    this.step(held ? 'hold' : 'unhold', () =>
      held ? this.model.partyHold(telephonySessionId, partyId) : this.model.partyUnhold(telephonySessionId, partyId),
    );
  }

  partyMuted(telephonySessionId: string, extensionId: string, muted: boolean): void {
    this.step('mute', () =>
      this.model.partyMuted(telephonySessionId, this.partyId(telephonySessionId, extensionId), muted),
    );
  }

  partyVoicemail(telephonySessionId: string, extensionId: string): void {
    this.step('voicemail', () =>
      this.model.partyVoicemail(telephonySessionId, this.partyId(telephonySessionId, extensionId)),
    );
  }

  partyRejected(telephonySessionId: string, extensionId: string): void {
    this.step('rejected', () =>
      this.model.partyRejected(telephonySessionId, this.partyId(telephonySessionId, extensionId)),
    );
  }

  transfer(
    telephonySessionId: string,
    byExtensionId: string | undefined,
    target: SipRouteTarget,
    consultTelephonySessionId?: string,
  ): void {
    this.step('transfer', () =>
      this.model.transfer(telephonySessionId, this.partyId(telephonySessionId, byExtensionId), {
        to:
          target.kind === 'extension'
            ? (this.model.findExtensionById(target.extensionId)?.extensionNumber ?? target.phoneNumber)
            : target.phoneNumber,
        ...(consultTelephonySessionId ? { consultTelephonySessionId } : {}),
      }),
    );
  }

  recording(telephonySessionId: string, extensionId: string | undefined, active: boolean): string | undefined {
    const partyId = this.partyId(telephonySessionId, extensionId);
    return this.step(active ? 'startRecording' : 'stopRecording', () =>
      active
        ? this.model.startRecording(telephonySessionId, partyId).id
        : this.model.stopRecording(telephonySessionId, partyId).id,
    );
  }

  park(telephonySessionId: string, extensionId: string | undefined): string | undefined {
    return this.step(
      'park',
      () => this.model.park(telephonySessionId, this.partyId(telephonySessionId, extensionId)).parkExtension,
    );
  }

  endSession(telephonySessionId: string, reason: SipEndReason): void {
    this.step('end', () => this.model.endSession(telephonySessionId, END_REASONS[reason]));
  }

  routingPointAnswered(telephonySessionId: string): void {
    const partyId = this.routingPointPartyId(telephonySessionId);
    if (partyId) this.step('routing point answered', () => this.model.partyAnswered(telephonySessionId, partyId));
  }

  routed(telephonySessionId: string, target: SipRouteTarget): void {
    const partyId = this.routingPointPartyId(telephonySessionId);
    if (!partyId) return;
    const to =
      target.kind === 'extension'
        ? (this.model.findExtensionById(target.extensionId)?.extensionNumber ?? target.phoneNumber)
        : target.kind === 'queue'
          ? (this.model.findExtensionById(target.queueId)?.extensionNumber ?? target.phoneNumber)
          : target.kind === 'ivr'
            ? target.extensionNumber
            : target.phoneNumber;
    this.step('routed', () => this.model.transfer(telephonySessionId, partyId, { to }));
  }

  /**
   * The live party of the routing point: the latest callee party that is the DID itself (no extension) or an IVR
   * menu, never the caller (the first party).
   */
  private routingPointPartyId(telephonySessionId: string): string | undefined {
    const session = this.model.getSession(telephonySessionId);
    const points = (session?.parties ?? []).slice(1).filter((p) => {
      if (p.status.code === 'Disconnected' || p.status.code === 'Gone') return false;
      if (!p.extensionId) return true;
      return this.model.findExtensionById(p.extensionId)?.type === 'IvrMenu';
    });
    return points[points.length - 1]?.id;
  }

  private step<T>(what: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (error) {
      this.log(`sip: model refused ${what}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** Latest live party of an extension (or of the external end); adds one for queue members when asked. */
  private findParty(telephonySessionId: string, extensionId: string | undefined, add: boolean): string | undefined {
    const session = this.model.getSession(telephonySessionId);
    if (!session) return undefined;
    const candidates = session.parties.filter((p) =>
      extensionId ? p.extensionId === extensionId && p.extensionId !== p.queueId : !p.extensionId,
    );
    const live = candidates.filter((p) => p.status.code !== 'Disconnected' && p.status.code !== 'Gone');
    const found = live[live.length - 1] ?? candidates[candidates.length - 1];
    if (found) return found.id;
    if (!add || !extensionId || session.state === 'Ended') return undefined;
    return this.step('addParty', () => this.model.addParty(telephonySessionId, { extensionId }).id);
  }

  private extensionTarget(ext: SeedExtension): SipRouteTarget {
    if (ext.type === 'IvrMenu') {
      return {
        kind: 'ivr',
        ivrId: ext.id,
        extensionNumber: ext.extensionNumber,
        phoneNumber: ext.directNumber,
        name: ext.name,
        greeting: ext.greeting ?? ext.name,
        ruleKey: ext.crmRule ?? null,
      };
    }
    if (ext.type === 'Department' || ext.members) {
      return {
        kind: 'queue',
        queueId: ext.id,
        phoneNumber: ext.directNumber,
        name: ext.name,
        memberExtensionIds: [...(ext.members ?? [])],
      };
    }
    return { kind: 'extension', extensionId: ext.id, phoneNumber: ext.directNumber, name: ext.name };
  }

  private toIdentity(found: ModelSipIdentity): SipIdentity {
    if (found.kind === 'extension') {
      return {
        kind: 'extension',
        key: found.extension.id,
        username: found.credentials.username,
        authorizationId: found.credentials.authorizationId,
        password: found.credentials.password,
        phoneNumber: found.extension.directNumber,
        name: found.extension.name,
        extensionId: found.extension.id,
        extensionNumber: found.extension.extensionNumber,
      };
    }
    return {
      kind: 'external',
      key: found.external.phoneNumber,
      username: found.credentials.username,
      authorizationId: found.credentials.authorizationId,
      password: found.credentials.password,
      phoneNumber: found.external.phoneNumber,
      name: found.external.callerIdName,
    };
  }
}
