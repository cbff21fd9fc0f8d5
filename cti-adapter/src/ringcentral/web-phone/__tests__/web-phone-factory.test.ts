import { SIP_INFO } from '../../__tests__/support/telephony-fixture';
import { defaultWebPhoneFactory } from '../web-phone-factory';

/**
 * The real `ringcentral-web-phone` over a stand-in `WebSocket`: the adapter's SIP client opens the socket before the
 * start when asked (`preconnect`, ADR 0018) and registers over it, sending nothing before `start()`.
 */
class StubSocket extends EventTarget {
  static made: StubSocket[] = [];
  readyState = 0;
  readonly sent: string[] = [];
  constructor(
    readonly url: string,
    readonly protocol: string,
  ) {
    super();
    StubSocket.made.push(this);
  }
  send(data: string): void {
    this.sent.push(data);
  }
  close(): void {
    this.readyState = 3;
    this.dispatchEvent(new Event('close'));
  }
  open(): void {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }
  fail(): void {
    this.readyState = 3;
    this.dispatchEvent(new Event('error'));
  }
  /** The registrar's 200 to the last request sent. */
  accept(): void {
    const cseq = /\r\nCSeq: ([^\r]+)\r\n/.exec(this.sent.at(-1) ?? '')?.[1] ?? '';
    const data = `SIP/2.0 200 OK\r\nCSeq: ${cseq}\r\nContact: <sip:agent@example.invalid;transport=wss>;expires=60\r\n\r\n`;
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
}

const registers = (socket: StubSocket): string[] => socket.sent.filter((m) => m.startsWith('REGISTER '));

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('defaultWebPhoneFactory: the socket can open before the start', () => {
  const realWebSocket = globalThis.WebSocket;

  beforeEach(() => {
    jest.useFakeTimers();
    StubSocket.made = [];
    (globalThis as { WebSocket: unknown }).WebSocket = StubSocket;
  });

  afterEach(() => {
    jest.clearAllTimers();
    jest.useRealTimers();
    (globalThis as { WebSocket: unknown }).WebSocket = realWebSocket;
  });

  const phone = () =>
    defaultWebPhoneFactory({ sipInfo: SIP_INFO, instanceId: 'instance-1', debug: false, autoAnswer: false });

  it('preconnect opens the socket to the outbound proxy and sends nothing; start registers over that socket', async () => {
    const webPhone = phone();
    webPhone.sipClient.preconnect?.();
    expect(StubSocket.made.map((s) => [s.url, s.protocol])).toEqual([['wss://127.0.0.1:8443/sip', 'sip']]);
    const socket = StubSocket.made[0]!;
    socket.open();
    await flush();
    expect(socket.sent).toEqual([]);
    const started = webPhone.start();
    await flush();
    expect(StubSocket.made).toHaveLength(1);
    expect(registers(socket)).toHaveLength(1);
    expect(registers(socket)[0]).toContain('expires=60');
    socket.accept();
    await expect(started).resolves.toBeUndefined();
  });

  it('start waits for a socket still opening, then registers over it', async () => {
    const webPhone = phone();
    webPhone.sipClient.preconnect?.();
    const started = webPhone.start();
    await flush();
    const socket = StubSocket.made[0]!;
    expect(socket.sent).toEqual([]);
    socket.open();
    await flush();
    expect(StubSocket.made).toHaveLength(1);
    expect(registers(socket)).toHaveLength(1);
    socket.accept();
    await expect(started).resolves.toBeUndefined();
  });

  it('a socket closed before the start: the start opens a new one, as the library does', async () => {
    const webPhone = phone();
    webPhone.sipClient.preconnect?.();
    const early = StubSocket.made[0]!;
    early.open();
    early.close();
    const started = webPhone.start();
    await flush();
    expect(StubSocket.made).toHaveLength(2);
    const socket = StubSocket.made[1]!;
    socket.open();
    await flush();
    expect(registers(early)).toEqual([]);
    expect(registers(socket)).toHaveLength(1);
    socket.accept();
    await expect(started).resolves.toBeUndefined();
  });

  it('a socket that failed: the start rejects with its error event, as the library does, and sends nothing', async () => {
    const webPhone = phone();
    webPhone.sipClient.preconnect?.();
    const socket = StubSocket.made[0]!;
    socket.fail();
    await expect(webPhone.start()).rejects.toBeInstanceOf(Event);
    expect(socket.sent).toEqual([]);
  });

  it('without preconnect the start is the library own: one socket, then REGISTER', async () => {
    const webPhone = phone();
    const started = webPhone.start();
    const socket = StubSocket.made[0]!;
    socket.open();
    await flush();
    expect(registers(socket)).toHaveLength(1);
    socket.accept();
    await expect(started).resolves.toBeUndefined();
    expect(StubSocket.made).toHaveLength(1);
  });
});
