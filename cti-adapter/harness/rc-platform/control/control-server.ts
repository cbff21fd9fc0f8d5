import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RestError } from '../http/rest-error';
import { createContext, readBody, Router, writeError, writeResult, type RequestContext } from '../http/router';
import type { DeskPhoneCommand, DeskPhonePort, InboundCallPort } from '../model/ports';
import type { TelephonyModel } from '../model/telephony-model';
import type { CallSession } from '../model/types';
import type { TokenStore } from '../oauth/token-store';
import type { CrmRouter, CrmRulePatch } from '../routing/crm-router';
import { deskPhonePage } from './desk-phone-page';
import { ControlError } from './model-call-port';
import { agentSipProxy, type SipProxyGate } from '../http/sip-proxies';
import { FAULT_LIMITS, type FaultKind, type FaultPlan } from './fault-plan';

/** What the control API drives. */
export interface ControlDependencies {
  model: TelephonyModel;
  tokens: TokenStore;
  faults: FaultPlan;
  /** The SIP port when attached, else the model-only port. */
  calls: () => InboundCallPort;
  dropSip: (count?: number) => number;
  dropSubscriptions: (count?: number) => number;
  /** The outbound proxies (fault `sip-proxy-outage`); absent = the fault is refused. */
  sipProxies?: SipProxyGate;
  state: () => Record<string, unknown>;
  log: (line: string) => void;
  /** CRM routing of DIDs and IVRs. */
  router?: CrmRouter;
}

const MAX_LIVE_CALLS = 20;
const FAULT_KINDS: FaultKind[] = [
  'drop-sip',
  'drop-subscription',
  'rest-fail',
  'rest-delay',
  'expire-tokens',
  'sms-fail',
  'sip-proxy-outage',
];

/**
 * The control API: plain JSON over HTTP on loopback, for people and tests. Endpoints:
 * `GET /` (help), `POST /calls/inbound` `{from, callerIdName?, toExtensionId? | toQueueId? | to?}`,
 * `POST /calls/{telephonySessionId}/answer`, `POST /calls/{telephonySessionId}/hangup`, `GET /calls`,
 * `POST /sms` `{from, to, text}`, `GET /messages?owner=<extensionId|E.164>`,
 * `POST /faults` `{kind, count?, status?, delayMs?}`, `GET /faults`, `DELETE /faults` (the platform answers normally
 * again; calls and tokens stay), `GET /state`, `POST /reset`; CRM routing:
 * `POST /calls/{telephonySessionId}/dtmf` `{digits}`, `GET /routing/rules`, `PUT /routing/rules/{key}` (patch),
 * `GET /routing/log`, `DELETE /routing/log`.
 * Bounded: at most 20 live calls, fault counts 1–100, delays ≤ 30 s, faults lapse after 5 min, bodies ≤ 1 MiB.
 * Errors are `{error: message}` with a 4xx/5xx status.
 */
export class ControlServer {
  private readonly server: Server;
  private readonly router = new Router();

  constructor(private readonly deps: ControlDependencies) {
    this.routes();
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async listen(host: string, port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const raw = await readBody(req);
      const rc = createContext(req, res, raw, 'http://localhost');
      const found = this.router.match(rc.method, rc.url.pathname);
      if (!found)
        return writeResult(res, {
          status: 404,
          json: { error: `No control endpoint ${rc.method} ${rc.url.pathname}` },
        });
      if (found === 'method-not-allowed')
        return writeResult(res, { status: 405, json: { error: 'Method not allowed' } });
      rc.params = found.params;
      writeResult(res, await found.handler(rc));
    } catch (error) {
      const status = statusOf(error);
      if (status) writeResult(res, { status, json: { error: (error as Error).message } });
      else writeError(res, error);
    }
  }

  private routes(): void {
    const { model } = this.deps;
    this.router.add('GET', '/', () => ({
      json: {
        endpoints: [
          'POST /calls/inbound {from, callerIdName?, toExtensionId? | toQueueId? | to?}',
          'POST /calls/{telephonySessionId}/answer',
          'POST /calls/{telephonySessionId}/hangup',
          'POST /calls/{telephonySessionId}/dtmf {digits}',
          'PUT /desk-phones/{extensionId} {online}',
          'GET /desk-phones',
          'GET /desk-phone/{extensionId} (the clickable desk phone page)',
          "POST /calls/{telephonySessionId}/desk-phone {extensionId, action: 'answer'|'hold'|'unhold'|'mute'|'unmute'|'hangup'|'transfer', to?}",
          'PUT /ring-outs/mode {manual}',
          'GET /ring-outs',
          'POST /ring-outs/{id}/progress',
          'GET /routing/rules',
          'PUT /routing/rules/{key} {crm?: {url?, method?, header?, timeoutMs?}, mode?, rows?, defaultDestination?, isVoicemail?}',
          'GET /routing/log',
          'DELETE /routing/log',
          'GET /calls',
          'POST /sms {from, to, text}',
          'GET /messages?owner=<extensionId|E.164>',
          "POST /faults {kind: 'drop-sip'|'drop-subscription'|'rest-fail'|'rest-delay'|'expire-tokens'|'sms-fail'|'sip-proxy-outage', count?, status?, delayMs?, proxy?: 'primary'|'backup'}",
          'GET /faults',
          'DELETE /faults',
          'GET /state',
          'POST /reset',
        ],
        limits: { maxLiveCalls: MAX_LIVE_CALLS, ...FAULT_LIMITS },
      },
    }));

    this.router.add('POST', '/calls/inbound', async (rc) => {
      const body = rc.body();
      const from = str(body.from ?? body.fromNumber);
      if (!from) throw new ControlError('from is required', 400);
      if (model.activeSessions().length >= MAX_LIVE_CALLS)
        throw new ControlError(`At most ${MAX_LIVE_CALLS} live calls`, 429);
      let toExtensionId = str(body.toExtensionId);
      let toQueueId = str(body.toQueueId);
      let toNumber: string | undefined;
      const to = str(body.to);
      if (!toExtensionId && !toQueueId && to) {
        const ext = model.findExtensionByNumber(to) ?? model.findExtensionById(to);
        if (model.directory.findDid(to) || ext?.type === 'IvrMenu')
          toNumber = model.directory.findDid(to)?.phoneNumber ?? ext?.directNumber;
        else if (!ext) throw new ControlError(`Unknown target ${to}`, 404);
        else if (ext.type === 'Department') toQueueId = ext.id;
        else toExtensionId = ext.id;
      }
      if (!toExtensionId && !toQueueId && !toNumber)
        throw new ControlError('toExtensionId, toQueueId or to is required', 400);
      const external = model.findExternalByNumber(from);
      const callerIdName = str(body.callerIdName) ?? external?.callerIdName;
      const ids = await this.deps.calls().placeInboundCall({
        fromNumber: external?.phoneNumber ?? from,
        ...(callerIdName ? { callerIdName } : {}),
        ...(toExtensionId ? { toExtensionId } : {}),
        ...(toQueueId ? { toQueueId } : {}),
        ...(toNumber ? { toNumber } : {}),
      });
      this.deps.log(
        `control: inbound call ${from} → ${toExtensionId ?? toQueueId ?? toNumber} (${ids.telephonySessionId})`,
      );
      return { status: 201, json: ids };
    });

    this.router.add('POST', '/calls/:id/answer', async (rc) => {
      await this.deps.calls().customerAnswer(this.sessionOf(rc).telephonySessionId);
      return { json: renderCall(this.sessionOf(rc)) };
    });

    this.router.add('POST', '/calls/:id/hangup', async (rc) => {
      await this.deps.calls().customerHangup(this.sessionOf(rc).telephonySessionId);
      return { json: renderCall(this.sessionOf(rc)) };
    });

    this.router.add('POST', '/calls/:id/dtmf', async (rc) => {
      const digits = str(rc.body().digits);
      if (!digits || !/^[0-9*#A-D]{1,32}$/.test(digits))
        throw new ControlError('digits must be 1-32 of 0-9 * # A-D', 400);
      const port = this.deps.calls();
      if (!port.customerDtmf) throw new ControlError('DTMF needs the SIP side', 409);
      await port.customerDtmf(this.sessionOf(rc).telephonySessionId, digits);
      return { json: renderCall(this.sessionOf(rc)) };
    });

    this.router.add('PUT', '/desk-phones/:extensionId', (rc) => {
      const desks = this.requireDeskPhones();
      const extensionId = rc.params.extensionId ?? '';
      const ext = model.findExtensionById(extensionId) ?? model.findExtensionByNumber(extensionId);
      if (!ext || ext.type !== 'User') throw new ControlError(`No user extension ${extensionId}`, 404);
      const online = rc.body().online;
      if (typeof online !== 'boolean') throw new ControlError('online must be true or false', 400);
      desks.setOnline(ext.id, online);
      this.deps.log(`control: desk phone of ${ext.id} ${online ? 'online' : 'offline'}`);
      return { json: { extensionId: ext.id, online } };
    });

    this.router.add('GET', '/desk-phones', () => ({ json: { online: this.requireDeskPhones().online() } }));

    // The clickable desk phone an agent trying the package plays (linked from the harness console's home).
    this.router.add('GET', '/desk-phone/:extensionId', (rc) => {
      const extensionId = rc.params.extensionId ?? '';
      const ext = model.findExtensionById(extensionId) ?? model.findExtensionByNumber(extensionId);
      if (!ext || ext.type !== 'User') throw new ControlError(`No user extension ${extensionId}`, 404);
      return { body: deskPhonePage(ext.id), contentType: 'text/html; charset=utf-8' };
    });

    this.router.add('POST', '/calls/:id/desk-phone', async (rc) => {
      const body = rc.body();
      const session = this.sessionOf(rc);
      const extensionId =
        str(body.extensionId) ?? session.parties.find((p) => p.extensionId && !p.queueId)?.extensionId;
      if (!extensionId) throw new ControlError('extensionId is required', 400);
      const command = deskPhoneCommandOf(str(body.action), str(body.to));
      await this.requireDeskPhones().command(session.telephonySessionId, extensionId, command);
      return { json: renderCall(this.sessionOf(rc)) };
    });

    // RingOut legs picked up by hand (deterministic tests; trying the RingOut states): see TelephonyModel.progressRingOut.
    this.router.add('PUT', '/ring-outs/mode', (rc) => {
      const manual = rc.body().manual;
      if (typeof manual !== 'boolean') throw new ControlError('manual must be true or false', 400);
      model.setRingOutManual(manual);
      this.deps.log(`control: RingOuts ${manual ? 'manual' : 'automatic'}`);
      return { json: { manual } };
    });

    this.router.add('GET', '/ring-outs', () => ({
      json: { records: model.listRingOuts().map((r) => ({ id: r.id, from: r.from, to: r.to, status: r.status })) },
    }));

    this.router.add('POST', '/ring-outs/:id/progress', (rc) => {
      const ringOut = model.progressRingOut(rc.params.id ?? '');
      this.deps.log(`control: RingOut ${ringOut.id} → ${JSON.stringify(ringOut.status)}`);
      return {
        json: { id: ringOut.id, status: ringOut.status, telephonySessionId: ringOut.telephonySessionId ?? null },
      };
    });

    this.router.add('GET', '/routing/rules', () => ({ json: { records: this.requireRouter().list() } }));

    this.router.add('PUT', '/routing/rules/:key', (rc) => {
      const router = this.requireRouter();
      const key = rc.params.key ?? '';
      if (!router.rule(key)) throw new ControlError(`No CRM routing rule ${key}`, 404);
      try {
        return { json: router.configure(key, rc.body() as CrmRulePatch) };
      } catch (error) {
        throw new ControlError((error as Error).message, 400);
      }
    });

    this.router.add('GET', '/routing/log', () => ({ json: { records: this.requireRouter().log() } }));

    this.router.add('DELETE', '/routing/log', () => {
      this.requireRouter().clearLog();
      return { status: 204, empty: true as const };
    });

    this.router.add('GET', '/calls', () => ({
      json: { records: model.allSessions().slice(-100).reverse().map(renderCall) },
    }));

    this.router.add('GET', '/calls/:id', (rc) => ({ json: renderCall(this.sessionOf(rc)) }));

    this.router.add('POST', '/sms', (rc) => {
      const body = rc.body();
      const from = str(body.from);
      const to = str(body.to);
      const text = str(body.text);
      if (!from || !to || !text) throw new ControlError('from, to and text are required', 400);
      if (text.length > 1000) throw new ControlError('text is limited to 1000 characters', 400);
      const message = model.receiveSmsFromCustomer({ fromNumber: from, toNumber: to, text });
      return { status: 201, json: message };
    });

    this.router.add('GET', '/messages', (rc) => {
      const owner = rc.url.searchParams.get('owner');
      if (owner) {
        const ext = model.findExtensionById(owner) ?? model.findExtensionByNumber(owner);
        const external = model.findExternalByNumber(owner);
        const key = ext ? ext.id : external ? `external:${external.phoneNumber}` : owner;
        return { json: { records: model.listMessages(key, { availability: ['Alive', 'Deleted'] }) } };
      }
      return {
        json: {
          records: model.messages
            .all()
            .sort((a, b) => b.creationTime - a.creationTime)
            .slice(0, 200),
        },
      };
    });

    this.router.add('POST', '/faults', (rc) => {
      const body = rc.body();
      const kind = body.kind as FaultKind;
      if (!FAULT_KINDS.includes(kind)) throw new ControlError(`kind must be one of ${FAULT_KINDS.join(', ')}`, 400);
      const count = body.count === undefined ? undefined : Number(body.count);
      if (count !== undefined && (!Number.isInteger(count) || count < 1 || count > FAULT_LIMITS.maxCount)) {
        throw new ControlError(`count must be 1..${FAULT_LIMITS.maxCount}`, 400);
      }
      let result: Record<string, unknown>;
      try {
        switch (kind) {
          case 'drop-sip':
            result = { dropped: this.deps.dropSip(count) };
            break;
          case 'drop-subscription':
            result = { dropped: this.deps.dropSubscriptions(count) };
            break;
          case 'sip-proxy-outage': {
            const proxy = agentSipProxy(body.proxy ?? 'primary');
            if (!proxy) throw new ControlError("proxy must be 'primary' or 'backup'", 400);
            if (!this.deps.sipProxies) throw new ControlError('No SIP proxies in this simulator', 409);
            result = { proxy, dropped: this.deps.sipProxies.outage(proxy) };
            break;
          }
          case 'expire-tokens':
            result = { expired: this.deps.tokens.expireAll() };
            break;
          case 'sms-fail': {
            const status = body.status === undefined ? 'DeliveryFailed' : body.status;
            if (status !== 'DeliveryFailed' && status !== 'SendingFailed')
              throw new ControlError('status must be DeliveryFailed or SendingFailed', 400);
            model.failNextSms(count ?? 1, status);
            result = { failing: count ?? 1, status };
            break;
          }
          case 'rest-fail':
          case 'rest-delay': {
            const fault = this.deps.faults.addRestFault({
              kind,
              ...(count !== undefined ? { count } : {}),
              ...(body.status !== undefined ? { status: Number(body.status) } : {}),
              ...(body.delayMs !== undefined ? { delayMs: Number(body.delayMs) } : {}),
              ...(typeof body.pathPrefix === 'string' ? { pathPrefix: body.pathPrefix } : {}),
            });
            result = { pending: fault };
            break;
          }
        }
      } catch (error) {
        if (error instanceof RangeError) throw new ControlError(error.message, 400);
        throw error;
      }
      this.deps.log(`control: fault ${kind} ${JSON.stringify(result)}`);
      return { status: 201, json: { kind, ...result } };
    });

    this.router.add('GET', '/faults', () => ({
      json: { pending: this.deps.faults.pending(), sipProxiesDown: this.deps.sipProxies?.state().down ?? [] },
    }));
    this.router.add('DELETE', '/faults', () => {
      this.deps.faults.clear();
      this.deps.sipProxies?.restore();
      this.deps.log('control: faults cleared');
      return { json: { pending: [] } };
    });
    this.router.add('GET', '/state', () => ({ json: this.deps.state() }));
    this.router.add('POST', '/reset', () => {
      model.reset();
      this.deps.faults.clear();
      this.deps.sipProxies?.restore();
      return { json: { reset: true } };
    });
  }

  private requireDeskPhones(): DeskPhonePort {
    const desks = this.deps.calls().deskPhones;
    if (!desks) throw new ControlError('Desk phones need the SIP side', 409);
    return desks;
  }

  private requireRouter(): CrmRouter {
    if (!this.deps.router) throw new ControlError('CRM routing is not configured', 404);
    return this.deps.router;
  }

  private sessionOf(rc: RequestContext): CallSession {
    const id = rc.params.id ?? '';
    const session = this.deps.model.getSession(id) ?? this.deps.model.findSessionBySessionId(id);
    if (!session) throw new ControlError(`No call ${id}`, 404);
    return session;
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim()
    ? value.trim()
    : typeof value === 'number'
      ? String(value)
      : undefined;
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof RestError) return undefined;
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

function renderCall(session: CallSession): Record<string, unknown> {
  return {
    telephonySessionId: session.telephonySessionId,
    sessionId: session.sessionId,
    state: session.state,
    direction: session.direction,
    origin: session.origin,
    startTime: new Date(session.startTime).toISOString(),
    ...(session.endTime ? { endTime: new Date(session.endTime).toISOString(), endReason: session.endReason } : {}),
    parties: session.parties.map((p) => ({
      id: p.id,
      extensionId: p.extensionId,
      direction: p.direction,
      from: p.from,
      to: p.to,
      status: p.status,
    })),
    recordings: session.recordings,
  };
}

/** The desk phone command of a control request's `action` (and `to` for a transfer). */
function deskPhoneCommandOf(action: string | undefined, to: string | undefined): DeskPhoneCommand {
  switch (action) {
    case 'answer':
    case 'hangup':
      return { kind: action };
    case 'hold':
    case 'unhold':
      return { kind: 'hold', held: action === 'hold' };
    case 'mute':
    case 'unmute':
      return { kind: 'mute', muted: action === 'mute' };
    case 'transfer':
      if (!to) throw new ControlError('to is required for a transfer', 400);
      return { kind: 'transfer', to };
    default:
      throw new ControlError('action must be answer, hold, unhold, mute, unmute, hangup or transfer', 400);
  }
}
