import type { SipServer, SipServerContext } from './model/ports';

/**
 * Options of the simulator (`startRcPlatform`). Every field has a default; `npm run sim` reads some from the
 * environment (see `main.ts`). Times are in seconds unless the name says `Ms`.
 */
export interface RcPlatformOptions {
  /** Interface to listen on; loopback only (`127.0.0.1` default; `localhost`/`::1` accepted). */
  host?: string;
  /** HTTPS port for REST, OAuth, WebSocket subscriptions, SIP over WSS (`/sip`) and the customer phone. 0 = ephemeral. */
  httpsPort?: number;
  /** Plain-HTTP control API port (loopback). 0 = ephemeral. */
  controlPort?: number;
  /** Seed file; default `seed/account.json`. */
  seedFile?: string;
  /** Access-token lifetime; a short value exercises refresh. Default 3600 (RingCentral's default). */
  accessTokenTtlSeconds?: number;
  /** Refresh-token lifetime. Default 604800 (7 days, RingCentral's default). */
  refreshTokenTtlSeconds?: number;
  /** WebSocket token (`/restapi/oauth/wstoken`) lifetime. Default 600. */
  wsTokenTtlSeconds?: number;
  /** How long a dropped subscription WebSocket may recover its session (`wsc`). Default 180. */
  wsRecoveryTimeoutSeconds?: number;
  /**
   * Largest REGISTER expiry the SIP registrar grants (the `expires` of its 200 OK Contact). Default 60, what
   * RingCentral grants; the web phone re-registers 3 s before it runs out, so a short value exercises re-registration.
   */
  sipMaxExpiresSeconds?: number;
  /**
   * The subscription WebSocket gateway's idle timeout: announced as `idleTimeout` in `ConnectionDetails`; a socket
   * that carries no frame either way for that long gets the `Error` frame `WSG-902 Idle timeout expired` and is
   * closed (RingCentral Developer Guide, "Keeping WebSocket connections alive"). Default 1800 (30 minutes, as that
   * guide says); a short value exercises the client's heartbeat.
   */
  wsIdleTimeoutSeconds?: number;
  /**
   * What RingCentral **may** do (unconfirmed either way; ADR 0028, sixth amendment): fork a call still ringing for an
   * extension to a web phone of that extension that registers after the call started — a new INVITE (new Call-ID,
   * same telephony session and party, `p-rc-api-ids`) this many ms after that phone's first accepted REGISTER on its
   * socket. Default `null`: never, the simulator's behaviour so far (the new registration learns the call only from
   * the presence read and answers it by Call Control).
   */
  reforkRingingAfterMs?: number | null;
  /**
   * What RingCentral **may** do (ADR 0028, sixth amendment; ringcentral-web-phone issues #415 and #425 handle a
   * same-Call-ID INVITE, this is the other case): offer each call to an agent's web phone twice — a second INVITE of
   * the same telephony session and party with another Call-ID, on the same registration, this many ms after the
   * first, while that one still rings. Answering either cancels the other ("Call completed elsewhere"); declining
   * cancels both. Default `null`: one INVITE per registration.
   */
  duplicateInviteAfterMs?: number | null;
  /** RingOut status step. Default 1000. */
  ringOutStepMs?: number;
  /** Where log lines go; default: discarded. */
  log?: (line: string) => void;
  /**
   * SIP side: `undefined` loads `sip/index.ts` (`createSipServer`) when present; `false` runs without SIP (control
   * API calls then drive the model only); a function builds it (tests).
   */
  sip?: false | ((context: SipServerContext) => SipServer | Promise<SipServer>);
  /**
   * PEM certificates the PBX trusts when it calls a CRM routing URL besides the system's (the harness's self-signed
   * Salesforce Site stand-in). More can be added later with the handle's `trustCrmCertificate`.
   */
  crmTrustedCertificates?: string[];
}

/** Options with defaults applied. */
export type ResolvedOptions = Required<Omit<RcPlatformOptions, 'seedFile' | 'sip'>> &
  Pick<RcPlatformOptions, 'seedFile' | 'sip'>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Applies defaults and checks bounds.
 * @throws Error for a non-loopback host, a port outside 0–65535 or a non-positive TTL.
 */
export function resolveOptions(options: RcPlatformOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    host: options.host ?? '127.0.0.1',
    httpsPort: options.httpsPort ?? 8443,
    controlPort: options.controlPort ?? 8444,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? 604_800,
    wsTokenTtlSeconds: options.wsTokenTtlSeconds ?? 600,
    wsRecoveryTimeoutSeconds: options.wsRecoveryTimeoutSeconds ?? 180,
    sipMaxExpiresSeconds: options.sipMaxExpiresSeconds ?? 60,
    wsIdleTimeoutSeconds: options.wsIdleTimeoutSeconds ?? 1800,
    reforkRingingAfterMs: options.reforkRingingAfterMs ?? null,
    duplicateInviteAfterMs: options.duplicateInviteAfterMs ?? null,
    ringOutStepMs: options.ringOutStepMs ?? 1000,
    log: options.log ?? (() => undefined),
    seedFile: options.seedFile,
    sip: options.sip,
    crmTrustedCertificates: options.crmTrustedCertificates ?? [],
  };
  for (const delay of [resolved.reforkRingingAfterMs, resolved.duplicateInviteAfterMs]) {
    if (delay !== null && !(Number.isFinite(delay) && delay >= 0))
      throw new Error(`delay must be a number of ms ≥ 0, got ${delay}`);
  }
  if (!LOOPBACK.has(resolved.host)) throw new Error(`host must be a loopback address, got ${resolved.host}`);
  for (const port of [resolved.httpsPort, resolved.controlPort]) {
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port ${port}`);
  }
  for (const ttl of [
    resolved.accessTokenTtlSeconds,
    resolved.refreshTokenTtlSeconds,
    resolved.wsTokenTtlSeconds,
    resolved.sipMaxExpiresSeconds,
    resolved.wsIdleTimeoutSeconds,
  ]) {
    if (!(ttl > 0)) throw new Error(`TTL must be positive, got ${ttl}`);
  }
  return resolved;
}
