import type { SmsThreadRequest, SmsThreadRequestRejected } from '../../core/ports/sms-thread-request-port';
import { OpenCtiBridge } from '../open-cti-bridge';
import { OpenCtiSmsThreadRequests, parseSmsThreadRequest, smsOpenThreadChannelName } from '../sms-thread-requests';
import { fakeOpenCti } from './fake-opencti';

const SUBSCRIPTION = { subscription: 'sub-1', channelName: 'SMS_Open_Thread__c' };

function setup(namespace: string | null = null) {
  const fake = fakeOpenCti();
  fake.reply('subscribe', { success: true, returnValue: SUBSCRIPTION, errors: null });
  const bridge = new OpenCtiBridge({ resolveApi: () => fake.api, timeoutMs: 0 });
  const source = new OpenCtiSmsThreadRequests({ bridge, namespace });
  const requests: SmsThreadRequest[] = [];
  const rejected: SmsThreadRequestRejected[] = [];
  source.onRequest((r) => requests.push(r));
  source.onRejected((r) => rejected.push(r));
  return { fake, source, requests, rejected };
}

describe('OpenCtiSmsThreadRequests', () => {
  it('subscribes once to SMS_Open_Thread__c and turns each message into a typed request', async () => {
    const { fake, source, requests } = setup();
    await Promise.all([source.start(), source.start()]);
    expect(fake.calls.filter((c) => c.method === 'subscribe')).toEqual([
      { method: 'subscribe', args: { channelName: 'SMS_Open_Thread__c' } },
    ]);
    fake.fire('subscribe', {
      number: ' (650) 555-0111 ',
      recordId: '0035g00000ABCDEAA1',
      recordName: 'Ann Lee',
      objectType: 'Contact',
      source: 'sendSmsButton',
    });
    expect(requests).toEqual([
      { number: '(650) 555-0111', recordId: '0035g00000ABCDEAA1', recordName: 'Ann Lee', objectType: 'Contact' },
    ]);
  });

  it('names the channel with the namespace of the package in a namespaced org', async () => {
    const { fake, source } = setup('rcsp');
    await source.start();
    expect(source.channel).toBe('rcsp__SMS_Open_Thread__c');
    expect(fake.calls.find((c) => c.method === 'subscribe')?.args).toEqual({ channelName: 'rcsp__SMS_Open_Thread__c' });
    expect(smsOpenThreadChannelName('')).toBe('SMS_Open_Thread__c');
  });

  it('parses a message a console sends as a JSON string', async () => {
    const { fake, source, requests } = setup();
    await source.start();
    fake.fire('subscribe', JSON.stringify({ number: '+16505550111' }));
    expect(requests).toEqual([{ number: '+16505550111', recordId: null, recordName: null, objectType: null }]);
  });

  it('drops a message it cannot use and says why, without a request', async () => {
    const { fake, source, requests, rejected } = setup();
    await source.start();
    fake.fire('subscribe', { recordId: '0035g00000ABCDEAA1' });
    fake.fire('subscribe', { number: '<script>alert(1)</script>' });
    fake.fire('subscribe', { number: '+16505550111', recordId: "0035g' OR 1=1" });
    expect(requests).toEqual([]);
    expect(rejected.map((r) => r.reason)).toEqual([
      'The message has no number to text.',
      'The number is not a phone number.',
      'The record id is not a Salesforce id.',
    ]);
  });

  it('rejects start() when the console refuses, and subscribes again on the next start()', async () => {
    const fake = fakeOpenCti();
    fake.reply('subscribe', {
      success: false,
      returnValue: null,
      errors: [{ code: 'GENERIC_ERROR', description: 'no channel' }],
    });
    fake.reply('subscribe', { success: true, returnValue: SUBSCRIPTION, errors: null });
    const source = new OpenCtiSmsThreadRequests({ bridge: new OpenCtiBridge({ resolveApi: () => fake.api }) });
    await expect(source.start()).rejects.toMatchObject({ code: 'GENERIC_ERROR', method: 'subscribe' });
    await expect(source.start()).resolves.toBeUndefined();
    expect(fake.calls.filter((c) => c.method === 'subscribe')).toHaveLength(2);
  });

  it('rejects with NOT_LOADED on an Open CTI without subscribe (below API 47)', async () => {
    const fake = fakeOpenCti();
    delete (fake.api as { subscribe?: unknown }).subscribe;
    const source = new OpenCtiSmsThreadRequests({ bridge: new OpenCtiBridge({ resolveApi: () => fake.api }) });
    await expect(source.start()).rejects.toMatchObject({ code: 'NOT_LOADED', method: 'subscribe' });
  });

  it('stop() unsubscribes with the subscription object and ignores later messages', async () => {
    const { fake, source, requests } = setup();
    await source.start();
    await source.stop();
    expect(fake.calls.find((c) => c.method === 'unsubscribe')?.args).toEqual({ subscription: SUBSCRIPTION });
    fake.fire('subscribe', { number: '+16505550111' });
    expect(requests).toEqual([]);
    await expect(source.stop()).resolves.toBeUndefined();
  });
});

describe('parseSmsThreadRequest', () => {
  it('keeps numbers as people store them and refuses what is not one', () => {
    expect(parseSmsThreadRequest({ number: '650.555.0111 x12' })).toMatchObject({ number: '650.555.0111 x12' });
    expect(parseSmsThreadRequest({ number: '12' })).toBe('The number is not a phone number.');
    expect(parseSmsThreadRequest({ number: '1'.repeat(41) })).toBe('The number is longer than 40 characters.');
    expect(parseSmsThreadRequest({ number: '+16505550111', recordName: 'x'.repeat(256) })).toBe(
      'The record name is not a text of at most 255 characters.',
    );
    expect(parseSmsThreadRequest({ number: '+16505550111', objectType: 'Contact; DROP' })).toBe(
      'The object type is not an API name.',
    );
    expect(parseSmsThreadRequest({ number: '+16505550111', recordName: 42 })).toBe(
      'The record name is not a text of at most 255 characters.',
    );
  });
});
