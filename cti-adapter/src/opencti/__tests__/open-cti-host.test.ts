import { OpenCtiBridge } from '../open-cti-bridge';
import { OpenCtiHost, toNavigationContext } from '../open-cti-host';
import { fakeOpenCti } from './fake-opencti';

const LISTENING = { listening: true, via: 'browser' } as const;

function host() {
  const fake = fakeOpenCti();
  return { fake, host: new OpenCtiHost({ bridge: new OpenCtiBridge({ resolveApi: () => fake.api }) }) };
}

describe('OpenCtiHost', () => {
  it('maps screen pops to Open CTI types and params', async () => {
    const { fake, host: h } = host();
    await h.screenPop({ kind: 'record', recordId: '003000000000001AAA' });
    await h.screenPop({ kind: 'search', searchString: '6505550102' });
    await h.screenPop({ kind: 'newRecord', entityName: 'Contact', defaultFieldValues: { Phone: '+16505550199' } });
    await h.screenPop({ kind: 'url', url: '/lightning/o/Task/home' });
    expect(fake.calls.map((c) => c.args)).toEqual([
      { type: 'sobject', params: { recordId: '003000000000001AAA' } },
      { type: 'search', params: { searchString: '6505550102' } },
      { type: 'newRecord', params: { entityName: 'Contact', defaultFieldValues: { Phone: '+16505550199' } } },
      { type: 'url', params: { url: '/lightning/o/Task/home' } },
    ]);
  });

  it('normalizes click-to-dial payloads (object or JSON string) and stops forwarding after unsubscribe', async () => {
    const { fake, host: h } = host();
    const events: unknown[] = [];
    const off = await h.onClickToDial((e) => events.push(e));
    fake.fire('onClickToDial', {
      number: '650-555-0107',
      recordId: '001000000000006AAA',
      recordName: 'Initech',
      objectType: 'Account',
      personAccount: false,
    });
    fake.fire(
      'onClickToDial',
      JSON.stringify({
        number: '(650) 555-0105',
        recordId: '001000000000005AAA',
        objectType: 'Account',
        personAccount: 'true',
        contactId: '003000000000005AAA',
      }),
    );
    off();
    fake.fire('onClickToDial', { number: '1' });
    expect(events).toEqual([
      {
        url: null,
        recordId: '001000000000006AAA',
        recordName: 'Initech',
        objectType: 'Account',
        accountId: null,
        contactId: null,
        personAccount: false,
        number: '650-555-0107',
      },
      {
        url: null,
        recordId: '001000000000005AAA',
        recordName: null,
        objectType: 'Account',
        accountId: null,
        contactId: '003000000000005AAA',
        personAccount: true,
        number: '(650) 555-0105',
      },
    ]);
  });

  it('passes utility item, panel, init and refresh calls through', async () => {
    const { fake, host: h } = host();
    await h.setItemIcon('incoming_call');
    await h.setItemLabel('Incoming call');
    await h.setPanelVisibility(true);
    await h.enableClickToDial();
    await h.notifyInitializationComplete();
    await h.refreshView();
    expect(fake.calls).toEqual([
      { method: 'setSoftphoneItemIcon', args: { key: 'incoming_call' } },
      { method: 'setSoftphoneItemLabel', args: { label: 'Incoming call' } },
      { method: 'setSoftphonePanelVisibility', args: { visible: true } },
      { method: 'enableClickToDial', args: {} },
      { method: 'notifyInitializationComplete', args: {} },
      { method: 'refreshView', args: {} },
    ]);
  });

  it('shows the softphone activity as the utility item icon and label', async () => {
    const { fake, host: h } = host();
    await h.showActivity('ringing', 0, LISTENING);
    await h.showActivity('offline', 0, { listening: false, reason: 'microphone-blocked' });
    expect(fake.calls).toEqual([
      { method: 'setSoftphoneItemIcon', args: { key: 'incoming_call' } },
      { method: 'setSoftphoneItemLabel', args: { label: 'Incoming call' } },
      { method: 'setSoftphoneItemIcon', args: { key: 'offline' } },
      { method: 'setSoftphoneItemLabel', args: { label: 'Phone · Not listening: microphone blocked' } },
    ]);
  });

  it('shows unread text messages in the utility item label (Open CTI has no badge), with the sms icon when idle', async () => {
    const { fake, host: h } = host();
    await h.showActivity('ready', 2, LISTENING);
    await h.showActivity('on-call', 150, LISTENING);
    expect(fake.calls).toEqual([
      { method: 'setSoftphoneItemIcon', args: { key: 'sms' } },
      { method: 'setSoftphoneItemLabel', args: { label: 'Phone · Listening · 2 SMS' } },
      { method: 'setSoftphoneItemIcon', args: { key: 'call' } },
      { method: 'setSoftphoneItemLabel', args: { label: 'On call · 99+ SMS' } },
    ]);
  });

  it('reads the page the agent is on', async () => {
    const { fake, host: h } = host();
    fake.reply('getAppViewInfo', {
      success: true,
      returnValue: {
        url: 'https://x/lightning/r/Contact/003/view',
        recordId: '003000000000001AAA',
        objectType: 'Contact',
        accountId: '001000000000001AAA',
      },
      errors: null,
    });
    await expect(h.getAppViewInfo()).resolves.toMatchObject({
      recordId: '003000000000001AAA',
      objectType: 'Contact',
      accountId: '001000000000001AAA',
      personAccount: false,
    });
    expect(toNavigationContext({})).toMatchObject({ recordId: null, personAccount: false });
  });
});
