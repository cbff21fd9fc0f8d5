import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { PlatformContext } from '../http/platform-context';
import { RestError } from '../http/rest-error';
import type { Router } from '../http/router';
import type { ModelEventMap } from '../model/model-events';
import { renderPresence } from '../rest/account-routes';
import { renderMessage } from '../rest/render';
import { authenticate } from '../rest/rest-auth';
import { parseEventFilter, type ParsedEventFilter } from './event-filter';

/** Path of the subscription WebSocket endpoint (the `uri` of `/restapi/oauth/wstoken`). */
export const WS_PATH = '/ws';

/** Sizes the gateway announces in ConnectionDetails and enforces. */
const RECOVERY_BUFFER_SIZE = 100;
const MAX_SUBSCRIPTIONS_PER_SESSION = 20;

interface Subscription {
  id: string;
  filters: ParsedEventFilter[];
  creationTime: number;
  expiresAt: number;
  /** Account-level telephony: last (telephonySessionId, sequence) delivered, to send each change once. */
  delivered: Set<string>;
}

/** One WSG session (identified by its `wsc` token), surviving socket drops until the recovery timeout. */
interface GatewaySession {
  wscToken: string;
  extensionId: string;
  clientId: string;
  sequence: number;
  socket?: WebSocket;
  subscriptions: Map<string, Subscription>;
  /** Frames produced while no socket was attached, replayed on successful recovery. */
  buffer: string[];
  disconnectedAt?: number;
  expiryTimer?: NodeJS.Timeout;
  /** Closes the socket when no frame went either way for the idle timeout ({@link WsGateway.keepAlive}). */
  idleTimer?: NodeJS.Timeout;
  createdAt: number;
}

/** What `GET /state` shows of the gateway (`subscriptions`). */
export interface WsGatewayStats {
  /** WSG sessions (live or recoverable). */
  sessions: number;
  /** Sessions with a live socket. */
  connected: number;
  /** Subscriptions over all sessions. */
  subscriptions: number;
  /** Client `Heartbeat` frames received since the start. */
  heartbeats: number;
  /** When the last client `Heartbeat` arrived (ISO 8601), null before the first. */
  lastHeartbeatAt: string | null;
  /** Sockets closed with `WSG-902 Idle timeout expired`. */
  idleTimeouts: number;
}

/**
 * The WebSocket gateway (WSG) as `@ringcentral/subscriptions` 5 / `@rc-ex/ws` speak it:
 * - `POST /restapi/oauth/wstoken` (bearer) → `{uri: wss://…/ws, ws_access_token, expires_in}`.
 * - Connect `uri?access_token=…[&wsc=…]` → `[ConnectionDetails meta (wsc token+sequence), details body]`; with a
 *   known `wsc` within the recovery timeout `recoveryState: "Successful"` and buffered notifications are replayed,
 *   otherwise `"Failed"` (the client then subscribes again). An invalid token gets an `Error` frame and a close.
 * - `ClientRequest` POST/GET/PUT/DELETE `/restapi/v1.0/subscription[/{id}]` answered with the same `messageId`.
 * - `ServerNotification` frames `[meta, {uuid, event, timestamp, subscriptionId, ownerId, body}]` for telephony
 *   sessions, presence (detailed) and message-store (and instant SMS) events from the model.
 * - `Heartbeat` frames are answered.
 * - A socket that carries no frame either way for the idle timeout (`wsIdleTimeoutSeconds`, announced as
 *   `idleTimeout`) gets `[Error, {errorCode: "WSG-902", message: "Idle timeout expired"}]` and is closed; the session
 *   stays recoverable (RingCentral Developer Guide, "Keeping WebSocket connections alive"). Whether server frames
 *   count as activity is not documented: both directions do here, as `@rc-ex/ws` sends its heartbeat after 60 s
 *   without any frame.
 * Frames are JSON arrays `[meta, body?]` (shapes read from `@rc-ex/ws` source, see the platform note).
 */
export class WsGateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, GatewaySession>();
  private readonly unsubscribers: (() => void)[] = [];
  private heartbeats = 0;
  private lastHeartbeatAt: number | null = null;
  private idleTimeouts = 0;

  constructor(private readonly ctx: PlatformContext) {
    const { events } = ctx.model;
    this.unsubscribers.push(
      events.on('telephony', (e) => this.onTelephony(e)),
      events.on('presence', (e) => this.onPresence(e)),
      events.on('message', (e) => this.onMessage(e)),
    );
  }

  /** Registers `POST /restapi/oauth/wstoken`. */
  registerRoutes(router: Router): void {
    router.add('POST', '/restapi/oauth/wstoken', (rc) => {
      const caller = authenticate(rc, this.ctx);
      const ttl = this.ctx.options.wsTokenTtlSeconds;
      const ws = this.ctx.tokens.issueWsToken({
        extensionId: caller.extension.id,
        clientId: caller.token.clientId,
        ttl,
      });
      const host = new URL(this.ctx.serverUrl()).host;
      return { json: { uri: `wss://${host}${WS_PATH}`, ws_access_token: ws.token, expires_in: ttl } };
    });
  }

  /** Handles an HTTP upgrade on {@link WS_PATH}. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => this.onConnection(ws, request));
  }

  /** Terminates up to `count` live subscription sockets without a close handshake (fault `drop-subscription`). */
  dropConnections(count = Number.MAX_SAFE_INTEGER): number {
    let dropped = 0;
    for (const session of this.sessions.values()) {
      if (dropped >= count) break;
      if (session.socket) {
        session.socket.terminate();
        dropped++;
      }
    }
    return dropped;
  }

  /** Live sockets and subscriptions, for the control API's `GET /state`. */
  stats(): WsGatewayStats {
    let connected = 0;
    let subscriptions = 0;
    for (const s of this.sessions.values()) {
      if (s.socket) connected++;
      subscriptions += s.subscriptions.size;
    }
    return {
      sessions: this.sessions.size,
      connected,
      subscriptions,
      heartbeats: this.heartbeats,
      lastHeartbeatAt: this.lastHeartbeatAt === null ? null : new Date(this.lastHeartbeatAt).toISOString(),
      idleTimeouts: this.idleTimeouts,
    };
  }

  async stop(): Promise<void> {
    for (const off of this.unsubscribers) off();
    for (const session of this.sessions.values()) {
      if (session.expiryTimer) clearTimeout(session.expiryTimer);
      if (session.idleTimer) clearTimeout(session.idleTimer);
      session.socket?.terminate();
    }
    this.sessions.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  // ───────────────────────────── connection ─────────────────────────────

  private onConnection(ws: WebSocket, request: IncomingMessage): void {
    const url = new URL(request.url ?? '/', 'https://localhost');
    const wsToken = this.ctx.tokens.checkWsToken(url.searchParams.get('access_token') ?? '');
    if (!wsToken) {
      ws.send(
        JSON.stringify([
          { type: 'Error', messageId: randomUUID(), status: 401, headers: {} },
          { errorCode: 'WSG-401', message: 'Invalid or expired access token' },
        ]),
      );
      ws.close(4401, 'Unauthorized');
      return;
    }
    const wsc = url.searchParams.get('wsc');
    let session: GatewaySession | undefined;
    let recoveryState: 'Successful' | 'Failed' | undefined;
    if (wsc) {
      const previous = this.sessions.get(wsc);
      const timeoutMs = this.ctx.options.wsRecoveryTimeoutSeconds * 1000;
      if (
        previous &&
        !previous.socket &&
        previous.extensionId === wsToken.extensionId &&
        (previous.disconnectedAt === undefined || Date.now() - previous.disconnectedAt <= timeoutMs)
      ) {
        session = previous;
        recoveryState = 'Successful';
        if (session.expiryTimer) clearTimeout(session.expiryTimer);
        delete session.expiryTimer;
      } else {
        recoveryState = 'Failed';
      }
    }
    if (!session) {
      session = {
        wscToken: randomBytes(24).toString('base64url'),
        extensionId: wsToken.extensionId,
        clientId: wsToken.clientId,
        sequence: 0,
        subscriptions: new Map(),
        buffer: [],
        createdAt: Date.now(),
      };
      this.sessions.set(session.wscToken, session);
    }
    session.socket = ws;
    delete session.disconnectedAt;
    const current = session;
    this.sendFrame(
      current,
      { type: 'ConnectionDetails', messageId: randomUUID(), status: 200, headers: {} },
      {
        creationTime: new Date(current.createdAt).toISOString(),
        maxConnectionsPerSession: 5,
        recoveryBufferSize: RECOVERY_BUFFER_SIZE,
        recoveryTimeout: this.ctx.options.wsRecoveryTimeoutSeconds,
        idleTimeout: this.ctx.options.wsIdleTimeoutSeconds,
        absoluteTimeout: 86_400,
        maxActiveRequests: 10,
        ...(recoveryState ? { recoveryState } : {}),
      },
    );
    this.ctx.log(`wsg: ${current.extensionId} connected${recoveryState ? ` (recovery ${recoveryState})` : ''}`);
    if (recoveryState === 'Successful') {
      // @rc-ex/ws re-attaches its notification listener only after it has processed ConnectionDetails (a promise
      // continuation); frames arriving in the same TCP read would be dropped, so the replay waits a moment.
      const replayTimer = setTimeout(() => {
        if (current.socket !== ws) return;
        for (const frame of current.buffer.splice(0)) ws.send(frame);
      }, 100);
      replayTimer.unref();
    }
    ws.on('message', (data) => this.onFrame(current, ws, data.toString()));
    ws.on('close', () => this.onClose(current, ws));
    ws.on('error', () => this.onClose(current, ws));
  }

  private onClose(session: GatewaySession, ws: WebSocket): void {
    if (session.socket !== ws) return;
    delete session.socket;
    if (session.idleTimer) clearTimeout(session.idleTimer);
    delete session.idleTimer;
    session.disconnectedAt = Date.now();
    const timeoutMs = this.ctx.options.wsRecoveryTimeoutSeconds * 1000;
    session.expiryTimer = setTimeout(() => {
      if (!session.socket) this.sessions.delete(session.wscToken);
    }, timeoutMs);
    session.expiryTimer.unref();
  }

  /** (Re)starts the idle timeout of the session's socket: a frame went one way or the other. */
  private keepAlive(session: GatewaySession): void {
    const ws = session.socket;
    if (session.idleTimer) clearTimeout(session.idleTimer);
    delete session.idleTimer;
    if (!ws) return;
    session.idleTimer = setTimeout(() => {
      if (session.socket !== ws) return;
      this.idleTimeouts += 1;
      this.ctx.log(`wsg: ${session.extensionId} idle timeout expired`);
      // The status of this Error frame is not documented; the error code and message are.
      ws.send(
        JSON.stringify([
          { type: 'Error', messageId: randomUUID(), status: 408, headers: {} },
          { errorCode: 'WSG-902', message: 'Idle timeout expired' },
        ]),
      );
      ws.close(1000, 'Idle timeout expired');
    }, this.ctx.options.wsIdleTimeoutSeconds * 1000);
    session.idleTimer.unref();
  }

  private onFrame(session: GatewaySession, ws: WebSocket, text: string): void {
    if (session.socket === ws) this.keepAlive(session);
    let meta: { type?: string; messageId?: string; method?: string; path?: string };
    let body: unknown;
    try {
      const parsed: unknown = JSON.parse(text);
      if (!Array.isArray(parsed) || typeof parsed[0] !== 'object' || parsed[0] === null) throw new Error('not a frame');
      meta = parsed[0] as typeof meta;
      body = parsed[1];
    } catch {
      ws.send(
        JSON.stringify([
          { type: 'Error', messageId: randomUUID(), status: 400, headers: {} },
          { errorCode: 'WSG-400', message: 'Malformed frame' },
        ]),
      );
      return;
    }
    if (meta.type === 'Heartbeat') {
      this.heartbeats += 1;
      this.lastHeartbeatAt = Date.now();
      this.sendFrame(session, {
        type: 'Heartbeat',
        messageId: meta.messageId ?? randomUUID(),
        status: 200,
        headers: {},
      });
      return;
    }
    if (meta.type !== 'ClientRequest') return;
    const messageId = meta.messageId ?? randomUUID();
    try {
      const [status, responseBody] = this.handleRequest(
        session,
        String(meta.method ?? 'GET').toUpperCase(),
        String(meta.path ?? ''),
        body,
      );
      this.sendFrame(
        session,
        { type: 'ClientRequest', messageId, status, headers: { 'Content-Type': 'application/json' } },
        responseBody,
      );
    } catch (error) {
      const rest = error instanceof RestError ? error : new RestError(500, 'CMN-201', 'Internal Server Error');
      this.sendFrame(
        session,
        { type: 'ClientRequest', messageId, status: rest.status, headers: { 'Content-Type': 'application/json' } },
        rest.body(),
      );
    }
  }

  /** Subscription API over the socket. Returns `[status, body]`. */
  private handleRequest(session: GatewaySession, method: string, path: string, body: unknown): [number, unknown] {
    const pathname = path.split('?')[0] ?? '';
    const match = /^\/restapi\/v1\.0\/subscription(?:\/([^/]+))?$/.exec(pathname);
    if (!match)
      throw new RestError(404, 'CMN-102', `Resource [${pathname}] is not available over WebSocket in the simulator`);
    const id = match[1];
    if (!id) {
      if (method !== 'POST') throw new RestError(405, 'CMN-105', 'Method not allowed');
      if (session.subscriptions.size >= MAX_SUBSCRIPTIONS_PER_SESSION)
        throw new RestError(400, 'SUB-406', 'Too many subscriptions');
      const sub: Subscription = {
        id: randomUUID(),
        filters: this.parseFilters(session, body),
        creationTime: Date.now(),
        expiresAt: Date.now() + 900_000,
        delivered: new Set(),
      };
      session.subscriptions.set(sub.id, sub);
      this.ctx.log(`wsg: ${session.extensionId} subscribed ${sub.filters.map((f) => f.event).join(', ')}`);
      return [200, this.renderSubscription(sub)];
    }
    const sub = session.subscriptions.get(id);
    if (!sub) throw new RestError(404, 'SUB-100', `Subscription [${id}] is not found`);
    switch (method) {
      case 'GET':
        return [200, this.renderSubscription(sub)];
      case 'PUT':
      case 'POST':
        if (body && typeof body === 'object' && Array.isArray((body as { eventFilters?: unknown }).eventFilters)) {
          sub.filters = this.parseFilters(session, body);
        }
        sub.expiresAt = Date.now() + 900_000;
        return [200, this.renderSubscription(sub)];
      case 'DELETE':
        session.subscriptions.delete(id);
        return [204, undefined];
      default:
        throw new RestError(405, 'CMN-105', 'Method not allowed');
    }
  }

  private parseFilters(session: GatewaySession, body: unknown): ParsedEventFilter[] {
    const request = (body ?? {}) as { eventFilters?: unknown; deliveryMode?: { transportType?: unknown } };
    if (request.deliveryMode?.transportType !== undefined && request.deliveryMode.transportType !== 'WebSocket') {
      throw RestError.invalidParameter('deliveryMode.transportType', request.deliveryMode.transportType);
    }
    if (!Array.isArray(request.eventFilters) || request.eventFilters.length === 0) {
      throw new RestError(400, 'CMN-100', 'Parameter [eventFilters] is not specified', {
        parameterName: 'eventFilters',
      });
    }
    return request.eventFilters.map((filter) => {
      const parsed = parseEventFilter(
        String(filter),
        this.ctx.model.accountId,
        session.extensionId,
        (id) => !!this.ctx.model.findExtensionById(id),
      );
      if (typeof parsed === 'string') throw new RestError(400, 'SUB-406', parsed, { parameterName: 'eventFilters' });
      return parsed;
    });
  }

  private renderSubscription(sub: Subscription): Record<string, unknown> {
    return {
      uri: `${this.ctx.serverUrl()}/restapi/v1.0/subscription/${sub.id}`,
      id: sub.id,
      creationTime: new Date(sub.creationTime).toISOString(),
      status: 'Active',
      eventFilters: sub.filters.map((f) => f.event),
      expirationTime: new Date(sub.expiresAt).toISOString(),
      expiresIn: Math.max(0, Math.round((sub.expiresAt - Date.now()) / 1000)),
      deliveryMode: { transportType: 'WebSocket', encryption: false },
    };
  }

  // ───────────────────────────── notifications ─────────────────────────────

  private onTelephony(e: ModelEventMap['telephony']): void {
    for (const session of this.sessions.values()) {
      for (const sub of session.subscriptions.values()) {
        for (const filter of sub.filters) {
          if (filter.target.kind === 'telephony' && filter.target.extensionId === e.extensionId) {
            this.notify(session, sub, filter.event, e.body);
          } else if (filter.target.kind === 'telephony-account') {
            const key = `${e.session.telephonySessionId}#${e.session.sequence}`;
            if (sub.delivered.has(key)) continue;
            sub.delivered.add(key);
            if (sub.delivered.size > 1000) sub.delivered.clear();
            const owners = [...new Set(e.session.parties.map((p) => p.extensionId).filter((id): id is string => !!id))];
            const parties = owners.flatMap((owner) => this.ctx.model.telephonyBodyFor(e.session, owner).parties);
            this.notify(session, sub, filter.event, { ...e.body, parties });
          }
        }
      }
    }
  }

  private onPresence(e: ModelEventMap['presence']): void {
    for (const session of this.sessions.values()) {
      for (const sub of session.subscriptions.values()) {
        for (const filter of sub.filters) {
          if (filter.target.kind !== 'presence' || filter.target.extensionId !== e.extensionId) continue;
          const rendered = renderPresence(this.ctx, e.extensionId, filter.target.detailed);
          const { uri: _uri, extension: _extension, ...rest } = rendered;
          this.notify(session, sub, filter.event, {
            extensionId: e.extensionId,
            sequence: e.presence.sequence,
            ...rest,
          });
        }
      }
    }
  }

  private onMessage(e: ModelEventMap['message']): void {
    if (!e.extensionId) return;
    const extensionId = e.extensionId;
    for (const session of this.sessions.values()) {
      for (const sub of session.subscriptions.values()) {
        for (const filter of sub.filters) {
          if (filter.target.kind === 'message-store' && filter.target.extensionId === extensionId) {
            const types = filter.target.types;
            const changes = e.changes.filter((c) => !types.length || types.includes(c.type));
            if (!changes.length) continue;
            this.notify(session, sub, filter.event, {
              extensionId,
              lastUpdated: new Date().toISOString(),
              changes,
            });
          } else if (filter.target.kind === 'instant-sms' && filter.target.extensionId === extensionId) {
            const newIds = new Set(e.changes.flatMap((c) => c.newMessageIds));
            for (const message of e.messages) {
              if (message.type !== 'SMS' || message.direction !== 'Inbound' || !newIds.has(message.id)) continue;
              this.notify(session, sub, filter.event, {
                ...renderMessage(this.ctx, extensionId, message),
                eventType: 'Create',
                owner: { extensionId, accountId: this.ctx.model.accountId },
              });
            }
          }
        }
      }
    }
  }

  private notify(session: GatewaySession, sub: Subscription, event: string, body: unknown): void {
    this.sendFrame(
      session,
      {
        type: 'ServerNotification',
        messageId: randomUUID(),
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      },
      {
        uuid: randomUUID(),
        event,
        timestamp: new Date().toISOString(),
        subscriptionId: sub.id,
        ownerId: session.extensionId,
        body,
      },
    );
  }

  /** Sends `[meta + wsc, body]`, or buffers it (bounded) while the session has no socket. */
  private sendFrame(session: GatewaySession, meta: Record<string, unknown>, body?: unknown): void {
    session.sequence += 1;
    const frame = JSON.stringify(
      body === undefined
        ? [{ ...meta, wsc: { token: session.wscToken, sequence: session.sequence } }]
        : [{ ...meta, wsc: { token: session.wscToken, sequence: session.sequence } }, body],
    );
    if (session.socket && session.socket.readyState === 1) {
      session.socket.send(frame);
      this.keepAlive(session);
    } else if (meta.type === 'ServerNotification') {
      session.buffer.push(frame);
      if (session.buffer.length > RECOVERY_BUFFER_SIZE) session.buffer.shift();
    }
  }
}
