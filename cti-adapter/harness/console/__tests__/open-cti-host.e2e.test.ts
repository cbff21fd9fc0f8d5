import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { HarnessHandle } from '../../start-harness';
import { cti, launchChromium, openConsole, startTestHarness, type TestGlobals } from './support/harness-browser';

jest.setTimeout(60_000);

let harness: HarnessHandle;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let frame: Frame;

const ok = { success: true, returnValue: null, errors: [] };
const invalidParam = expect.objectContaining({
  success: false,
  errors: [expect.objectContaining({ code: 'INVALID_PARAM', description: expect.any(String) })],
});

beforeAll(async () => {
  harness = await startTestHarness();
  harness.console.registerWebService('HarnessEcho', 'echo', (params) => `echo:${params.get('text') ?? ''}`);
  browser = await launchChromium();
  context = await browser.newContext();
  page = await context.newPage();
  frame = await openConsole(page, harness.urls.console);
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
});

const idOf = (ref: string): string => harness.org.refs.get(ref)!;
/** Navigates the console to a record page and waits until that record is rendered. */
async function openRecord(objectType: string, id: string): Promise<void> {
  await page.evaluate(
    ([t, i]) => (window as unknown as TestGlobals).harnessConsole.navigate(`/lightning/r/${t}/${i}/view`),
    [objectType, id] as const,
  );
  await page.waitForSelector(`[data-testid=record-page][data-record-id="${id}"]`);
}
const logLength = (): Promise<number> =>
  page.evaluate(() => (window as unknown as TestGlobals).harnessConsole.openCtiLog.length);

describe('Open CTI host in the console', () => {
  it('frames the adapter on another origin with sfdcIframeOrigin, mode and the microphone allowance', async () => {
    const src = new URL(frame.url());
    expect(src.origin).toBe(harness.urls.adapterOrigin);
    expect(src.origin).not.toBe(harness.urls.consoleOrigin);
    expect(src.pathname).toBe('/apex/HarnessTestAdapter');
    expect(src.searchParams.get('sfdcIframeOrigin')).toBe(harness.urls.consoleOrigin);
    expect(src.searchParams.get('mode')).toBe('Lightning');
    expect(await page.getAttribute('#hc-softphone-frame', 'allow')).toBe('microphone; autoplay; speaker-selection');
    expect(
      await frame.evaluate(() => [
        (window as unknown as TestGlobals).sforce.opencti.SCREENPOP_TYPE,
        (window as unknown as TestGlobals).sforce.opencti.CALL_TYPE,
      ]),
    ).toEqual([
      {
        URL: 'url',
        SOBJECT: 'sobject',
        OBJECTHOME: 'objecthome',
        LIST: 'list',
        SEARCH: 'search',
        NEW_RECORD_MODAL: 'newRecord',
        FLOW: 'flow',
      },
      { INBOUND: 'inbound', OUTBOUND: 'outbound', INTERNAL: 'internal' },
    ]);
    // The test adapter called notifyInitializationComplete, so the standby page never replaced it.
    expect(await page.getAttribute('#hc-softphone-frame', 'data-state')).toBe('ready');
  });

  it('lets the framed adapter use the microphone (secure context, iframe allow)', async () => {
    const audio = await frame.evaluate(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const kinds = stream.getTracks().map((t) => t.kind);
      stream.getTracks().forEach((t) => t.stop());
      return { secure: window.isSecureContext, kinds };
    });
    expect(audio).toEqual({ secure: true, kinds: ['audio'] });
  });

  it('posts exactly one documented message per method call', async () => {
    await page.evaluate(() => {
      (window as unknown as TestGlobals).__seen = [];
      window.addEventListener('message', (e) => (window as unknown as TestGlobals).__seen.push(e.data));
    });
    await cti(frame, 'getCallCenterSettings');
    const messages = await page.evaluate(() => (window as unknown as TestGlobals).__seen);
    expect(messages).toEqual([
      { methodName: 'getCallCenterSettings', callId: expect.any(String), apiVersion: 62, apiType: 'opencti', args: {} },
    ]);
    await expect(
      frame.evaluate(() => (window as unknown as TestGlobals).sforce.opencti.getAppViewInfo({})),
    ).rejects.toThrow(/non-empty object/);
  });

  it('answers the settings and layout methods with the documented shapes', async () => {
    const settings = await cti(frame, 'getCallCenterSettings');
    expect(settings).toMatchObject({ success: true, errors: [] });
    expect(settings.returnValue).toMatchObject({
      '/reqGeneralInfo/reqAdapterUrl':
        'https://example--rcsoftphone.vf.force.com/apex/rcsoftphone__HarnessTestAdapter?autoInit=1',
      '/reqGeneralInfo/reqStandbyUrl': '/apex/HarnessStandby',
      '/reqGeneralInfo/reqTimeout': '5000',
      '/ringCentral/server': 'https://platform.ringcentral.com',
    });
    const layout = await cti<Record<string, unknown>>(frame, 'getSoftphoneLayout');
    expect(layout.returnValue.Inbound).toMatchObject({
      callRelatedFields: ['ANI', 'DNIS', 'SEGMENT', 'QUEUE'],
      screenPopSettings: {
        NoMatch: { screenPopType: 'PopToEntity' },
        MultipleMatches: { screenPopType: 'PopToSearch' },
      },
    });
    expect(Object.keys(layout.returnValue)).toEqual(['Inbound', 'Outbound', 'Internal']);
  });

  it('drives the utility bar', async () => {
    expect(await cti(frame, 'setSoftphoneItemIcon', { key: 'incoming_call' })).toEqual(ok);
    expect(await page.getAttribute('#hc-softphone-item', 'data-icon')).toBe('incoming_call');
    expect(await cti(frame, 'setSoftphoneItemLabel', { label: 'Ringing: Ann Lee' })).toEqual(ok);
    expect(await page.textContent('#hc-item-label')).toBe('Ringing: Ann Lee');
    expect(await cti(frame, 'setSoftphonePanelLabel', { label: 'On call' })).toEqual(ok);
    expect(await page.textContent('#hc-panel-label')).toBe('On call');
    expect(await cti(frame, 'setSoftphonePanelIcon', { key: 'end_call' })).toEqual(ok);
    expect(await page.getAttribute('#hc-panel-icon', 'data-icon')).toBe('end_call');
    expect(await cti(frame, 'setSoftphonePanelHeight', { heightPX: 500 })).toEqual(ok);
    expect(await cti(frame, 'setSoftphonePanelWidth', { widthPX: 360 })).toEqual(ok);
    expect(
      await page.$eval('#hc-softphone-panel', (p) => [(p as HTMLElement).style.height, (p as HTMLElement).style.width]),
    ).toEqual(['500px', '360px']);
    expect(await cti(frame, 'setSoftphonePanelHeight', { heightPX: 100 })).toEqual(invalidParam);
    expect(await cti(frame, 'setSoftphonePanelWidth', { widthPX: 5000 })).toEqual(invalidParam);
    expect(await cti(frame, 'setSoftphonePanelVisibility', { visible: false })).toEqual(ok);
    expect(await cti(frame, 'isSoftphonePanelVisible')).toEqual({
      success: true,
      returnValue: { visible: false },
      errors: [],
    });
    expect(await cti(frame, 'setSoftphonePanelVisibility', { visible: 'yes' })).toEqual(invalidParam);
    await page.click('#hc-softphone-item');
    expect(await cti(frame, 'isSoftphonePanelVisible')).toEqual({
      success: true,
      returnValue: { visible: true },
      errors: [],
    });
  });

  it('toggles click-to-dial and sends the documented payload from a Contact and an Account page', async () => {
    await frame.evaluate(() => {
      (window as unknown as TestGlobals).__clicks = [];
      (window as unknown as TestGlobals).sforce.opencti.onClickToDial({
        listener: (p: unknown) => (window as unknown as TestGlobals).__clicks.push(p),
      });
    });
    await cti(frame, 'disableClickToDial');
    await openRecord('Contact', idOf('AnnRef'));
    const phone = page.locator('[data-testid=record-page] dd[data-field=Phone] [data-click-to-dial]');
    await expect(phone.getAttribute('data-click-to-dial')).resolves.toBe('disabled');
    expect(await phone.textContent()).toBe('(650) 555-0101');
    expect(await cti(frame, 'enableClickToDial')).toEqual(ok);
    // The first enabled click-to-dial element of the page is a phone field (what a test or an agent clicks first).
    expect(await page.$eval('[data-click-to-dial="enabled"]', (e) => e.tagName)).toBe('BUTTON');
    // The utility panel overlays the left of the page, as in Lightning: minimized first, as an agent would.
    await page.evaluate(() =>
      (window as unknown as { harnessConsole: { setPanelVisible(v: boolean): void } }).harnessConsole.setPanelVisible(
        false,
      ),
    );
    await page.click('[data-testid=record-page] dd[data-field=Phone] button[data-click-to-dial=enabled]');
    await frame.waitForFunction(() => (window as unknown as TestGlobals).__clicks.length === 1);
    expect(await frame.evaluate(() => (window as unknown as TestGlobals).__clicks[0])).toEqual({
      number: '(650) 555-0101',
      recordId: idOf('AnnRef'),
      recordName: 'Ann Lee',
      objectType: 'Contact',
      accountId: idOf('AcmeRef'),
      personAccount: false,
    });

    await openRecord('Account', idOf('AcmeRef'));
    await page.click('[data-testid=record-page] dd[data-field=Phone] button');
    await frame.waitForFunction(() => (window as unknown as TestGlobals).__clicks.length === 2);
    expect(await frame.evaluate(() => (window as unknown as TestGlobals).__clicks[1])).toEqual({
      number: '650-555-0107',
      recordId: idOf('AcmeRef'),
      recordName: 'Acme Corp',
      objectType: 'Account',
      personAccount: false,
    });

    await openRecord('Account', idOf('ErinRef'));
    await page.click('[data-testid=record-page] dd[data-field=PersonMobilePhone] button');
    await frame.waitForFunction(() => (window as unknown as TestGlobals).__clicks.length === 3);
    expect(await frame.evaluate(() => (window as unknown as TestGlobals).__clicks[2])).toEqual({
      number: '(650) 555-0105',
      recordId: idOf('ErinRef'),
      recordName: 'Erin Park',
      objectType: 'Account',
      contactId: harness.org.store.get(idOf('ErinRef'))!.PersonContactId,
      personAccount: true,
    });
    expect(await cti(frame, 'disableClickToDial')).toEqual(ok);
    expect(await page.locator('[data-testid=record-page] [data-click-to-dial=enabled]').count()).toBe(0);
  });

  it('shows the last navigation when a refreshView answered late: a pop during a refresh is not overwritten', async () => {
    const ann = idOf('AnnRef');
    const erin = idOf('ErinRef');
    await openRecord('Contact', ann);
    // Hold the refresh's record request until the pop that follows it is rendered.
    let releaseRefresh = (): void => undefined;
    const held = new Promise<void>((resolve) => (releaseRefresh = resolve));
    let holding = true;
    await page.route(`**/console-api/records/${ann}`, async (route) => {
      if (holding) {
        holding = false;
        await held;
      }
      await route.continue();
    });
    const refreshed = cti(frame, 'refreshView');
    expect(await cti(frame, 'screenPop', { type: 'sobject', params: { recordId: erin } })).toEqual(ok);
    await page.waitForSelector(`[data-testid=record-page][data-record-id="${erin}"]`);
    releaseRefresh();
    expect(await refreshed).toEqual(ok);
    await page.unroute(`**/console-api/records/${ann}`);
    expect(new URL(page.url()).pathname).toBe(`/lightning/r/Account/${erin}/view`);
    expect(await page.getAttribute('[data-testid=record-page]', 'data-record-id')).toBe(erin);
  });

  it('pops a record (SOBJECT) and reports it through getAppViewInfo and onNavigationChange', async () => {
    await frame.evaluate(() => {
      (window as unknown as TestGlobals).__nav = [];
      (window as unknown as TestGlobals).sforce.opencti.onNavigationChange({
        listener: (p: unknown) => (window as unknown as TestGlobals).__nav.push(p as Record<string, unknown>),
      });
    });
    const before = await logLength();
    expect(await cti(frame, 'screenPop', { type: 'sobject', params: { recordId: idOf('AnnRef') } })).toEqual(ok);
    expect(await logLength()).toBe(before + 1);
    const entry = await page.evaluate(() => (window as unknown as TestGlobals).harnessConsole.openCtiLog.at(-1)!);
    expect(entry).toMatchObject({
      methodName: 'screenPop',
      args: { type: 'sobject', params: { recordId: idOf('AnnRef') } },
    });
    expect(entry.answeredAt).toBeGreaterThanOrEqual(entry.receivedAt);
    expect(new URL(page.url()).pathname).toBe(`/lightning/r/Contact/${idOf('AnnRef')}/view`);
    expect(await page.textContent('[data-testid=record-page] [data-testid=page-title]')).toBe('Ann Lee');
    const info = await cti(frame, 'getAppViewInfo');
    expect(info).toEqual({
      success: true,
      errors: [],
      returnValue: {
        url: page.url(),
        recordId: idOf('AnnRef'),
        recordName: 'Ann Lee',
        objectType: 'Contact',
        accountId: idOf('AcmeRef'),
        personAccount: false,
      },
    });
    await frame.waitForFunction(() => (window as unknown as TestGlobals).__nav.some((n) => n.recordName === 'Ann Lee'));
  });

  it('pops the new-record modal with the default field values', async () => {
    const res = await cti(frame, 'screenPop', {
      type: 'newRecord',
      params: { entityName: 'Contact', defaultFieldValues: { Phone: '+16505550199', LastName: 'Caller, Wireless' } },
    });
    expect(res).toEqual(ok);
    expect(await page.getAttribute('[data-testid=new-record-modal]', 'data-new-record')).toBe('Contact');
    expect(await page.inputValue('[data-testid=new-record-form] input[name=Phone]')).toBe('+16505550199');
    expect(await page.inputValue('[data-testid=new-record-form] input[name=LastName]')).toBe('Caller, Wireless');
    // The softphone panel stays usable above the modal (an agent answers a call while the modal is open).
    await page.click('#hc-softphone-panel h2');
    await page.fill('[data-testid=new-record-form] input[name=FirstName]', 'Wendy');
    await page.click('[data-testid=new-record-save]');
    await page.waitForSelector('[data-testid=record-page][data-object-type=Contact]');
    expect(await page.textContent('[data-testid=record-page] [data-testid=page-title]')).toBe('Wendy Caller, Wireless');
  });

  it('pops search, object home, list, URL and flow pages and rejects invalid pops', async () => {
    expect(await cti(frame, 'screenPop', { type: 'search', params: { searchString: 'Acme' } })).toEqual(ok);
    expect(await page.locator('[data-testid=search-results] [data-row-id]').count()).toBe(1);
    expect(await cti(frame, 'screenPop', { type: 'objecthome', params: { scope: 'Lead' } })).toEqual(ok);
    expect(await page.getAttribute('[data-testid=object-home]', 'data-object-type')).toBe('Lead');
    expect(await cti(frame, 'screenPop', { type: 'list', params: { scope: 'Contact', listViewId: 'Recent' } })).toEqual(
      ok,
    );
    expect(await page.locator('[data-testid=object-home] [data-row-id]').count()).toBeGreaterThanOrEqual(2);
    expect(await cti(frame, 'screenPop', { type: 'url', params: { url: '/apex/SomePage' } })).toEqual(ok);
    expect(await page.textContent('[data-testid=url-page] code')).toBe('/apex/SomePage');
    const flowArgs = [{ name: 'phone', type: 'String', value: '+16505550101' }];
    expect(await cti(frame, 'screenPop', { type: 'flow', params: { flowDevName: 'Caller_Intake', flowArgs } })).toEqual(
      ok,
    );
    expect(await page.getAttribute('[data-testid=flow-page]', 'data-flow')).toBe('Caller_Intake');
    expect(JSON.parse((await page.textContent('[data-testid=flow-args]'))!)).toEqual(flowArgs);
    expect(await cti(frame, 'screenPop', { type: 'search', params: { searchString: 'ab' } })).toEqual(invalidParam);
    expect(await cti(frame, 'screenPop', { type: 'elsewhere', params: {} })).toEqual(invalidParam);
    expect(await cti(frame, 'screenPop', { type: 'sobject', params: {} })).toEqual(invalidParam);
  });

  it('runs searchAndScreenPop (deferred and not) over the layout objects', async () => {
    const deferred = await cti<Record<string, unknown>>(frame, 'searchAndScreenPop', {
      searchParams: '6505550101',
      callType: 'inbound',
      deferred: true,
    });
    expect(deferred.success).toBe(true);
    expect(deferred.returnValue[idOf('AnnRef')]).toMatchObject({
      Id: idOf('AnnRef'),
      Name: 'Ann Lee',
      RecordType: 'Contact',
    });
    expect(deferred.returnValue.SCREEN_POP_DATA).toEqual({ type: 'sobject', params: { recordId: idOf('AnnRef') } });
    const person = await cti<Record<string, unknown>>(frame, 'searchAndScreenPop', {
      searchParams: '6505550105',
      callType: 'inbound',
    });
    expect(person.returnValue[idOf('ErinRef')]).toMatchObject({
      IsPersonAccount: true,
      PersonContactId: expect.stringMatching(/^003/),
    });
    expect(new URL(page.url()).pathname).toBe(`/lightning/r/Account/${idOf('ErinRef')}/view`);
    expect(await cti(frame, 'searchAndScreenPop', { searchParams: '6505550101' })).toEqual(invalidParam);
  });

  it('saves logs with saveLog, runs registered webService methods, refreshes and publishes messages', async () => {
    const created = await cti<string>(frame, 'saveLog', {
      value: { entityApiName: 'Task', Subject: 'Call', WhoId: idOf('AnnRef'), CallType: 'Inbound' },
    });
    expect(created).toMatchObject({ success: true, errors: [] });
    expect(created.returnValue).toMatch(/^00T\w{15}$/);
    const updated = await cti(frame, 'saveLog', { value: { Id: created.returnValue, Description: 'notes' } });
    expect(updated.returnValue).toBe(created.returnValue);
    expect(harness.org.store.get(created.returnValue)).toMatchObject({
      Subject: 'Call',
      Description: 'notes',
      WhoId: idOf('AnnRef'),
    });
    expect(await cti(frame, 'saveLog', { value: { Subject: 'x' } })).toEqual(invalidParam);
    expect(
      await cti(frame, 'saveLog', { value: { entityApiName: 'Task', WhoId: '003000000000000AAA' } }),
    ).toMatchObject({
      success: false,
      errors: [{ code: 'SERVER_ERROR' }],
    });
    expect(
      await cti(frame, 'runApex', { apexClass: 'HarnessEcho', methodName: 'echo', methodParams: 'text=hi' }),
    ).toEqual({
      success: true,
      returnValue: { runApex: 'echo:hi' },
      errors: [],
    });
    expect(await cti(frame, 'runApex', { apexClass: 'Nope', methodName: 'x', methodParams: '' })).toMatchObject({
      success: false,
      errors: [{ code: 'SERVER_ERROR' }],
    });
    expect(await cti(frame, 'refreshView')).toEqual(ok);
    await frame.evaluate(() => {
      (window as unknown as TestGlobals).__lms = [];
      (window as unknown as TestGlobals).sforce.opencti.subscribe({
        channelName: 'Softphone__c',
        listener: (m: unknown) => (window as unknown as TestGlobals).__lms.push(m),
      });
    });
    expect(await cti(frame, 'publish', { channelName: 'Softphone__c', message: { hello: 1 } })).toEqual(ok);
    await frame.waitForFunction(() => (window as unknown as TestGlobals).__lms.length === 1);
    expect(await frame.evaluate(() => (window as unknown as TestGlobals).__lms[0])).toEqual({ hello: 1 });
    await frame.evaluate(() => {
      (window as unknown as TestGlobals).__work = [];
      (window as unknown as TestGlobals).sforce.opencti.hvs.onWorkStart({
        listener: (w: unknown) => (window as unknown as TestGlobals).__work.push(w),
      });
    });
    await page.waitForFunction(() =>
      (window as unknown as TestGlobals).harnessConsole.openCtiLog.some((l) => l.methodName === 'hvs.onWorkStart'),
    );
    await page.evaluate(() => (window as unknown as TestGlobals).harnessConsole.startHvsWork?.('0Zx1', '+16505550101'));
    await frame.waitForFunction(() => (window as unknown as TestGlobals).__work.length === 1);
    expect(await frame.evaluate(() => (window as unknown as TestGlobals).__work[0])).toEqual({
      workId: '0Zx1',
      completeWorkWhen: 'TaskSaved',
      attributes: { to: '+16505550101' },
    });
    expect(
      await cti(frame, 'hvs.completeWork', {
        workId: '0Zx1',
        attributes: { disposition: 'Left Voicemail', taskId: created.returnValue, wasConnected: true },
      }),
    ).toEqual(ok);
    expect(
      await page.evaluate(() =>
        (window as unknown as TestGlobals).harnessConsole.hvsCompletions.map((c) => [c.workId, c.attributes]),
      ),
    ).toEqual([['0Zx1', { disposition: 'Left Voicemail', taskId: created.returnValue, wasConnected: true }]]);
    expect(
      await cti(frame, 'hvs.completeWork', { workId: '0Zx1', attributes: { disposition: 'x', wasConnected: 'yes' } }),
    ).toMatchObject({ success: false, errors: [{ code: 'INVALID_PARAM' }] });
  });

  it('ignores Open CTI messages that do not come from the softphone frame', async () => {
    const before = await logLength();
    await page.evaluate(() =>
      window.postMessage(
        { methodName: 'enableClickToDial', callId: 'x', apiVersion: 62, apiType: 'opencti', args: {} },
        '*',
      ),
    );
    await cti(frame, 'isSoftphonePanelVisible');
    expect(await logLength()).toBe(before + 1);
  });

  it('renders hostile record values as text', async () => {
    await openRecord('Contact', idOf('EvilRef'));
    expect(await page.textContent('[data-testid=record-page] [data-testid=page-title]')).toBe(
      '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>',
    );
    expect(await page.evaluate(() => (window as unknown as TestGlobals).__pwned)).toBeUndefined();
    expect(await page.locator('[data-testid=record-page] img, [data-testid=record-page] script').count()).toBe(0);
  });
});
