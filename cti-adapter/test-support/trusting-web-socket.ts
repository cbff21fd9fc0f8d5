import https from 'https';
import WebSocket from 'ws';

/**
 * `ws` client that trusts the CAs of `https.globalAgent` (where the simulator test fixtures put the simulator's fresh
 * certificate). `@rc-ex/ws` (under `@ringcentral/subscriptions`) opens `new WS(uri)` through `isomorphic-ws` with no
 * TLS options; tests substitute this class for that module:
 * `jest.mock('isomorphic-ws', () => jest.requireActual('<path>/test-support/trusting-web-socket').TrustingWebSocket)`.
 * Certificate verification stays on.
 */
export class TrustingWebSocket extends WebSocket {
  constructor(address: string, protocols?: string | string[], options?: WebSocket.ClientOptions) {
    super(address, protocols, { ...options, ca: https.globalAgent.options.ca });
  }
}
