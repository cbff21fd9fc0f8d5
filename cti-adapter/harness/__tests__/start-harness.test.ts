import { harnessUser, startHarness, type HarnessHandle } from '../start-harness';

jest.setTimeout(60_000);

// These tests start the servers only: building the Lightning host (15-40 s, longer on a loaded machine) belongs to the
// end-to-end tests that open the package's Lightning pages.
const lightningHost = false;

describe('startHarness', () => {
  let harness: HarnessHandle | undefined;

  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
  });

  it('starts the simulator, the adapter origin and the console on distinct origins and stops them', async () => {
    harness = await startHarness({
      consolePort: 0,
      adapterPort: 0,
      sitePort: 0,
      rcPlatform: { httpsPort: 0, controlPort: 0 },
      lightningHost,
    });
    const { urls } = harness;
    expect(new URL(urls.consoleOrigin).hostname).toBe('localhost');
    expect(new URL(urls.adapterOrigin).hostname).toBe('localhost');
    expect(urls.adapterOrigin).not.toBe(urls.consoleOrigin);
    const frame = new URL(urls.adapterFrame);
    expect(frame.origin).toBe(urls.adapterOrigin);
    expect(frame.searchParams.get('sfdcIframeOrigin')).toBe(urls.consoleOrigin);
    expect(frame.searchParams.get('mode')).toBe('Lightning');
    expect(urls.rcServer).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

    const config = harness.console.config();
    expect(config.callers.map((c) => c.number)).toContain('+16505550101');
    for (const caller of config.callers) {
      // The customer phone registers the caller's number, then calls the sample agent's direct number.
      expect(caller.phoneUrl).toBe(
        `${urls.customerPhone}?number=${encodeURIComponent(caller.number)}&call=${encodeURIComponent('+16505550100')}`,
      );
    }
    const settings = config.callCenterSettings;
    expect(settings['/reqGeneralInfo/reqAdapterUrl']).toBe('/apex/OpenCTIIndex');
    expect(settings['/reqGeneralInfo/reqInternalName']).toBe('RingCentralOpenCTI');
    expect(settings['/rcSettings/rcServerUrl']).toBe(urls.rcServer);
    expect(settings['/rcSettings/rcClientId']).toBe('softphone-local');
    // Left blank as an admin leaves it: the page names the package's own callback page.
    expect(settings['/rcSettings/rcRedirectUri']).toBe('');
    const page = await fetch(urls.adapterFrame);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-match-numbers="SoftphoneController.matchNumbers"');
    expect(html).toContain('data-rc-redirect-uri="/apex/RingCentralOAuthCallback"');
    expect(html).toContain(`data-org-id="${harness.org.organizationId}"`);
    const callback = await fetch(`${urls.adapterOrigin}/apex/RingCentralOAuthCallback`);
    expect(callback.status).toBe(200);
    expect(await callback.text()).toContain('<script src="/resource/RingCentralOAuthCallback"></script>');
    expect((await fetch(`${urls.adapterOrigin}/oauth/callback.html`)).status).toBe(404);
    const home = await fetch(urls.console);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('id="hc-softphone-frame"');
    const tasks = (await (await fetch(`${urls.consoleOrigin}/console-api/tasks`)).json()) as unknown[];
    expect(tasks).toEqual(harness.org.store.all('Task'));

    const stopped = harness;
    harness = undefined;
    await stopped.stop();
    await expect(fetch(urls.console)).rejects.toThrow();
  });

  it('runs the console and the softphone page as the sample admin when told so, as the agent by default', async () => {
    expect(harnessUser(undefined)).toBe('agent');
    expect(harnessUser('admin')).toBe('admin');
    expect(() => harnessUser('root')).toThrow('HARNESS_USER must be agent or admin, got root');
    harness = await startHarness({
      consolePort: 0,
      adapterPort: 0,
      sitePort: 0,
      rcPlatform: false,
      lightningHost,
      runAs: 'admin',
    });
    const { urls, org } = harness;
    const home = await (await fetch(urls.console)).text();
    expect(home).toContain('"runAs":"admin"');
    expect(await (await fetch(urls.adapterFrame)).text()).toContain(`data-user-id="${org.users.admin.Id}"`);
    // A browser that logged in as the agent stays the agent, on the page and the softphone alike.
    const agent = { headers: { cookie: 'harness_user=agent' } };
    expect(await (await fetch(urls.console, agent)).text()).toContain('"runAs":"agent"');
    expect(await (await fetch(urls.adapterFrame, agent)).text()).toContain(`data-user-id="${org.users.agent.Id}"`);
  });

  it('replaces the production RingCentral server in call center settings with the simulator', async () => {
    harness = await startHarness({
      consolePort: 0,
      adapterPort: 0,
      sitePort: 0,
      rcPlatform: { httpsPort: 0, controlPort: 0 },
      callCenter: `${__dirname}/../console/__tests__/fixtures/call-centers/HarnessTest.callCenter-meta.xml`,
      callCenterOverrides: { '/harness/extra': 'x' },
      lightningHost,
    });
    const settings = harness.console.config().callCenterSettings;
    expect(settings['/ringCentral/server']).toBe(harness.urls.rcServer);
    expect(settings['/harness/extra']).toBe('x');
  });

  it('runs the org of a managed package with its namespace: qualified remote actions, namespaced Task fields', async () => {
    harness = await startHarness({
      consolePort: 0,
      adapterPort: 0,
      sitePort: 0,
      rcPlatform: false,
      namespace: 'rcsp',
      lightningHost,
    });
    const page = await (await fetch(harness.urls.adapterFrame)).text();
    expect(page).toContain('data-upsert-call-logs="rcsp.SoftphoneController.upsertCallLogs"');
    // The OAuth redirect is the namespaced page, which the adapter origin serves.
    expect(page).toContain('data-rc-redirect-uri="/apex/rcsp__RingCentralOAuthCallback"');
    const callback = await fetch(`${harness.urls.adapterOrigin}/apex/rcsp__RingCentralOAuthCallback`);
    expect(callback.status).toBe(200);
    expect(await callback.text()).toContain('RingCentralOAuthCallback');
    const remote = (action: string, request: unknown): Promise<Response> =>
      fetch(`${harness!.urls.adapterOrigin}/apexremote`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ action, method: 'upsertCallLogs', data: [request], tid: 1 }),
      });
    const log = {
      telephonySessionId: 's-ns-1',
      source: 'auto',
      direction: 'inbound',
      fromNumber: '+16505550101',
      startTime: '2026-11-21T10:15:30.000Z',
      fields: null,
    };
    expect((await remote('SoftphoneController', { logs: [log] })).status).toBe(400);
    const reply = (await (await remote('rcsp.SoftphoneController', { logs: [log] })).json()) as {
      result: { ok: boolean; results: { ok: boolean }[] };
    };
    expect(reply.result).toMatchObject({ ok: true, results: [{ ok: true }] });
    const [task] = harness.org.store.all('Task').filter((t) => t.rcsp__telephony_session_id__c === 's-ns-1');
    expect(task).toMatchObject({
      rcsp__CALL_UNIQUE_ID__c: `s-ns-1:${harness.org.users.agent.Id}`,
      rcsp__from_number__c: '+16505550101',
      rcsp__RC_Logging_Type__c: 'call',
    });
    expect(task).not.toHaveProperty('CALL_UNIQUE_ID__c');
  });

  it('points the PBX of the simulator at the Site endpoint under the namespace of the managed package', async () => {
    harness = await startHarness({
      consolePort: 0,
      adapterPort: 0,
      sitePort: 0,
      rcPlatform: { httpsPort: 0, controlPort: 0 },
      namespace: 'rcsp',
    });
    const urls = harness.rcPlatform!.routing.list().map((rule) => rule.crm.url);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls)
      expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/services\/apexrest\/rcsp\/crm-routing\/v1\/rules\//);
    expect(harness.org.store.all('CRM_Routing_Secret__c')[0]).toHaveProperty('rcsp__Hash__c');
  });
});
