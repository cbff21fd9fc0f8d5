import type {
  SmsThreadRequest,
  SmsThreadRequestRejected,
  SmsThreadRequestSource,
} from '../../core/ports/sms-thread-request-port';
import { TypedEmitter } from '../../core/support/typed-emitter';
import { SmsThreadRouting } from '../sms-thread-routing';

class FakeSource implements SmsThreadRequestSource {
  readonly events = new TypedEmitter<{ request: SmsThreadRequest; rejected: SmsThreadRequestRejected }>();
  started = 0;
  stopped = 0;
  failStart: Error | null = null;
  start(): Promise<void> {
    this.started++;
    return this.failStart ? Promise.reject(this.failStart) : Promise.resolve();
  }
  stop(): Promise<void> {
    this.stopped++;
    return Promise.resolve();
  }
  onRequest(listener: (request: SmsThreadRequest) => void) {
    return this.events.on('request', listener);
  }
  onRejected(listener: (rejected: SmsThreadRequestRejected) => void) {
    return this.events.on('rejected', listener);
  }
}

const ANN: SmsThreadRequest = {
  number: '+16505550111',
  recordId: '003000000000001AAA',
  recordName: 'Ann Lee',
  objectType: 'Contact',
};
const BO: SmsThreadRequest = { number: '+16505550122', recordId: null, recordName: null, objectType: null };

function setup() {
  const source = new FakeSource();
  const showPanel = jest.fn(() => Promise.resolve());
  const warn = jest.fn();
  const routing = new SmsThreadRouting({ source, showPanel, warn });
  return { source, showPanel, warn, routing };
}

describe('SmsThreadRouting', () => {
  it('opens the panel and hands each request to the attached route', async () => {
    const { source, showPanel, routing } = setup();
    await routing.start();
    const routed: SmsThreadRequest[] = [];
    routing.route((r) => routed.push(r));
    source.events.emit('request', ANN);
    expect(routed).toEqual([ANN]);
    expect(showPanel).toHaveBeenCalledTimes(1);
  });

  it('keeps the latest request until the Messages tab attaches its route', () => {
    const { source, routing } = setup();
    source.events.emit('request', ANN);
    source.events.emit('request', BO);
    expect(routing.pendingRequest).toEqual(BO);
    const routed: SmsThreadRequest[] = [];
    const detach = routing.route((r) => routed.push(r));
    expect(routed).toEqual([BO]);
    expect(routing.pendingRequest).toBeNull();
    detach();
    source.events.emit('request', ANN);
    expect(routed).toEqual([BO]);
    expect(routing.pendingRequest).toEqual(ANN);
  });

  it('reports a rejected message and a failed subscription without throwing', async () => {
    const { source, warn, routing } = setup();
    source.failStart = new Error('subscribe: no channel');
    await expect(routing.start()).resolves.toBeUndefined();
    source.events.emit('rejected', { reason: 'The message has no number to text.', message: {} });
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      'Send SMS from a record is not available: subscribe: no channel',
      'A request to open a text conversation was ignored: The message has no number to text.',
    ]);
  });

  it('stop() ends the subscription and drops a kept request', async () => {
    const { source, routing } = setup();
    source.events.emit('request', ANN);
    await routing.stop();
    expect(source.stopped).toBe(1);
    expect(routing.pendingRequest).toBeNull();
    source.events.emit('request', BO);
    expect(routing.pendingRequest).toBeNull();
  });
});
