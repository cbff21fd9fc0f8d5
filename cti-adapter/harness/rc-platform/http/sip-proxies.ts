import type { Duplex } from 'node:stream';

/**
 * The SIP outbound proxies of the simulator, as `sip-provision` lists them (RingCentral API Reference "Register SIP
 * Device": `sipInfo[].outboundProxy` and `outboundProxyBackup`, two edge proxies in front of one registrar). Here both
 * are paths of the simulator's HTTPS server, so a web phone's `"wss://" + outboundProxy` reaches the first and
 * `"wss://" + outboundProxyBackup` the second; a third path carries the customer phones, which stand in for the PSTN
 * and never go through the agent's proxy.
 * @public
 */
export const SIP_PROXY_PATHS = {
  primary: '/sip',
  backup: '/sip-backup',
  customer: '/sip-pstn',
} as const;

/** Which proxy a SIP socket came through. @public */
export type SipProxyName = keyof typeof SIP_PROXY_PATHS;

/** The proxies that can be taken down (`POST /faults {kind:'sip-proxy-outage', proxy}`). @public */
export type AgentSipProxy = Exclude<SipProxyName, 'customer'>;

/** `primary` or `backup`, else `null`. */
export function agentSipProxy(value: unknown): AgentSipProxy | null {
  return value === 'primary' || value === 'backup' ? value : null;
}

/** The proxy a request path names, else `null`. */
export function sipProxyForPath(pathname: string): SipProxyName | null {
  for (const [name, path] of Object.entries(SIP_PROXY_PATHS)) if (path === pathname) return name as SipProxyName;
  return null;
}

/**
 * The simulator's view of its proxies: which are down, and the raw sockets each one carries. A proxy in an outage
 * drops its live sockets without a close handshake (what the web phone sees when an edge proxy dies) and refuses new
 * WebSocket upgrades (the browser reports `error` then `close` to `new WebSocket(...)`); the registrar behind it keeps
 * the other proxy's registrations. The outage lasts until {@link SipProxyGate.restore} (`DELETE /faults`).
 * @public
 */
export class SipProxyGate {
  private readonly down = new Set<AgentSipProxy>();
  private readonly sockets = new Map<SipProxyName, Set<Duplex>>();

  /** `true` when an upgrade on `proxy` may go on; records the socket so an outage can drop it. */
  admit(proxy: SipProxyName, socket: Duplex): boolean {
    if (proxy !== 'customer' && this.down.has(proxy)) return false;
    let live = this.sockets.get(proxy);
    if (!live) this.sockets.set(proxy, (live = new Set()));
    const carried = live;
    carried.add(socket);
    socket.once('close', () => carried.delete(socket));
    return true;
  }

  /**
   * Takes `proxy` down: its live sockets are destroyed at once and new upgrades are refused.
   * @returns how many sockets were dropped.
   */
  outage(proxy: AgentSipProxy): number {
    this.down.add(proxy);
    const live = [...(this.sockets.get(proxy) ?? [])];
    for (const socket of live) socket.destroy();
    return live.length;
  }

  /** Every proxy answers again (sockets already dropped stay dropped). */
  restore(): void {
    this.down.clear();
  }

  /** For `GET /state`: the proxies down, and the live sockets per proxy. */
  state(): { down: AgentSipProxy[]; sockets: Record<SipProxyName, number> } {
    const count = (name: SipProxyName): number => this.sockets.get(name)?.size ?? 0;
    return {
      down: [...this.down],
      sockets: { primary: count('primary'), backup: count('backup'), customer: count('customer') },
    };
  }
}
