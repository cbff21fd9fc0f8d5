import type { WebSocket } from 'ws';
import type { SipIdentity } from './sip-model-port';
import {
  getCallId,
  getCSeq,
  serializeSipMessage,
  type SipMessage,
  type SipRequest,
  type SipResponse,
} from './sip-message';

/** Receives every response (provisional and final) to one server-originated request. */
export type ResponseHandler = (response: SipResponse) => void;

/**
 * First CSeq number of server-originated requests. `ringcentral-web-phone` matches responses to its own pending
 * requests by CSeq NUMBER only and starts below 10000, so the server counts in a disjoint range
 * (ringcentral-web-phone 2.5.4's README and source (github.com/ringcentral/ringcentral-web-phone), its SIP message parser).
 */
export const SERVER_CSEQ_START = 200_000_000;

let serverCSeq = SERVER_CSEQ_START;

/** Next server CSeq number (process-wide, monotonic). */
export function nextServerCSeq(): number {
  serverCSeq += 1;
  return serverCSeq;
}

/**
 * One SIP-over-WebSocket connection (one web phone). Sends serialized messages, routes responses to
 * server-originated requests by `Call-Id` + CSeq number, and remembers the identity it registered as.
 */
export class SipConnection {
  /** Identity of the last successful REGISTER on this socket. */
  identity: SipIdentity | undefined;
  readonly id: string;
  private readonly pending = new Map<string, ResponseHandler>();
  private readonly log: (line: string) => void;

  constructor(
    private readonly socket: WebSocket,
    options: { id: string; log?: (line: string) => void },
  ) {
    this.id = options.id;
    this.log = options.log ?? (() => undefined);
  }

  /** True while the socket can send. */
  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  /** Sends a message; silently dropped when the socket is closed (the phone is gone). */
  send(message: SipMessage): void {
    if (!this.isOpen) return;
    const text = serializeSipMessage(message);
    this.log(
      `→ ${this.id} ${message.kind === 'request' ? message.method : message.status} ${getCallId(message) ?? ''}`,
    );
    this.socket.send(text);
  }

  /** Sends a request and routes its responses to `onResponse` until a final (≥200) one arrives. */
  request(request: SipRequest, onResponse: ResponseHandler = () => undefined): void {
    const cseq = getCSeq(request);
    if (!this.isOpen) return;
    if (cseq) this.pending.set(`${getCallId(request) ?? ''} ${cseq.seq}`, onResponse);
    this.send(request);
  }

  /** Forgets a pending request (e.g. an INVITE we CANCELled: the web phone never sends 487). */
  forget(callId: string, seq: number): void {
    this.pending.delete(`${callId} ${seq}`);
  }

  /** Dispatches a response; returns false when no request is waiting for it. */
  handleResponse(response: SipResponse): boolean {
    const cseq = getCSeq(response);
    const key = `${getCallId(response) ?? ''} ${cseq?.seq ?? ''}`;
    const handler = this.pending.get(key);
    if (!handler) return false;
    if (response.status >= 200) this.pending.delete(key);
    handler(response);
    return true;
  }

  /** Closes the socket (fault injection, shutdown). */
  close(code = 1000, reason = 'closed by simulator'): void {
    this.socket.close(code, reason);
  }

  /** Drops the TCP connection without a close handshake (fault injection). */
  terminate(): void {
    this.socket.terminate();
  }
}
