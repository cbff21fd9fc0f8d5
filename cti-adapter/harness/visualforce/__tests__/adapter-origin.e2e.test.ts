import type { Browser, Frame, Page } from 'playwright-core';
import type { HarnessHandle } from '../../start-harness';
import type { RemotingEvent } from '../remoting-types';

interface MatchEnvelope {
  ok: boolean;
  results: { matches: { name: string; phoneField: string; phone: string }[] }[];
}
interface UpsertEnvelope {
  ok: boolean;
  results: { taskId: string }[];
}
import { launchChromium } from '../../../test-support/chromium';
import { openConsole, startTestHarness, type TestGlobals } from '../../console/__tests__/support/harness-browser';

jest.setTimeout(60_000);

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Calls a remote action from the adapter frame and resolves `{result, event}` as the callback got them. */
function remote<T = MatchEnvelope>(
  frame: Frame,
  attr: string,
  request: unknown,
  options: Record<string, unknown> = { buffer: false, escape: false, timeout: 30000 },
): Promise<{ result: T; event: RemotingEvent }> {
  return frame.evaluate(
    ([a, r, o]) =>
      new Promise<{ result: T; event: RemotingEvent }>((resolve) => {
        const action = (document.getElementById('softphone-config') as HTMLElement).dataset[a]!;
        (window as unknown as TestGlobals).Visualforce.remoting.Manager.invokeAction(
          action,
          r,
          (result: unknown, event: unknown) => resolve({ result: result as T, event: event as RemotingEvent }),
          o,
        );
      }),
    [attr, request, options] as const,
  );
}

describe('the adapter origin', () => {
  let harness: HarnessHandle;
  let page: Page;
  let frame: Frame;

  beforeAll(async () => {
    harness = await startTestHarness();
    page = await (await browser.newContext()).newPage();
    frame = await openConsole(page, harness.urls.console);
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('renders the Visualforce page with the merge fields of the harness user', async () => {
    const config = await frame.evaluate(() => ({
      ...(document.getElementById('softphone-config') as HTMLElement).dataset,
    }));
    expect(config).toEqual({
      matchNumbers: 'SoftphoneController.matchNumbers',
      upsertCallLogs: 'SoftphoneController.upsertCallLogs',
      userId: harness.org.users.agent.Id,
      userName: 'Alex Agent',
    });
  });

  it("renders the package's OAuth callback page, whose static resource hands the response to the opener", async () => {
    const popupPromise = page.context().waitForEvent('page');
    const message = await frame.evaluate(
      () =>
        new Promise<unknown>((resolve) => {
          window.addEventListener('message', (e) => {
            if (e.origin === location.origin) resolve(e.data);
          });
          window.open('/apex/RingCentralOAuthCallback?code=abc&state=xyz', 'rc-login', 'width=400,height=400');
        }),
    );
    expect(message).toEqual({ RCAuthorizationResponse: '?code=abc&state=xyz' });
    const popup = await popupPromise;
    await popup.waitForFunction(() => !location.search);
    expect(new URL(popup.url()).pathname).toBe('/apex/RingCentralOAuthCallback'); // the code left the address bar
    expect(await popup.textContent('#oauth-callback-outcome')).toBe(
      'Signed in to RingCentral. This window closes by itself.',
    );
    expect(await popup.locator('script:not([src])').count()).toBe(0); // no inline script (CSP)
    await popup.close();
  });

  it('opened directly, the callback page names the exact redirect URI to register', async () => {
    const direct = await page.context().newPage();
    await direct.goto(`${harness.urls.adapterOrigin}/apex/RingCentralOAuthCallback`);
    await direct.waitForFunction(
      () => !/Finishing/.test(document.getElementById('oauth-callback-outcome')!.textContent!),
    );
    expect(await direct.textContent('#oauth-callback-outcome')).toContain(
      `Register this exact URL as the OAuth redirect URI of your RingCentral app: ${harness.urls.adapterOrigin}/apex/RingCentralOAuthCallback`,
    );
    await direct.close();
  });

  it('refuses Open CTI outside the softphone frame with the documented error', async () => {
    const direct = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    direct.on('pageerror', (e) => errors.push(e.message));
    await direct.goto(`${harness.urls.adapterOrigin}/apex/HarnessTestAdapter`);
    await direct.waitForFunction(() => (window as unknown as TestGlobals).sforce?.opencti !== undefined);
    expect(errors.some((m) => m.startsWith('Failed to initialize Open CTI.'))).toBe(true);
    await expect(
      direct.evaluate(() =>
        (window as unknown as TestGlobals).sforce.opencti.getAppViewInfo({ callback: () => undefined }),
      ),
    ).rejects.toThrow(/Failed to initialize Open CTI/);
    await direct.close();
  });

  it('serves the remote API through Visualforce remoting in one round trip per call', async () => {
    harness.org.api.resetRoundTrips();
    const { result, event } = await remote(frame, 'matchNumbers', {
      numbers: [{ e164: '+16505550101', countryCallingCode: '1', nationalNumber: '6505550101' }],
    });
    expect(event).toMatchObject({
      status: true,
      type: 'rpc',
      statusCode: 200,
      action: 'SoftphoneController',
      method: 'matchNumbers',
    });
    expect(result.ok).toBe(true);
    expect(result.results[0]!.matches.map((m) => [m.name, m.phoneField, m.phone])).toEqual([
      ['Ann Lee', 'Phone', '(650) 555-0101'],
    ]);
    expect(harness.org.api.roundTrips).toEqual({ matchNumbers: 1 });
  });

  it('serves the Messages tab’s SMS logs from their own controller (SoftphoneMessagesController), not SoftphoneController', async () => {
    const call = (action: string) =>
      frame.evaluate(
        ([a]) =>
          new Promise<{ result: unknown; event: RemotingEvent }>((resolve) => {
            (window as unknown as TestGlobals).Visualforce.remoting.Manager.invokeAction(
              a,
              {
                logs: [
                  {
                    conversationId: '77701',
                    day: '2026-12-05',
                    revision: 1,
                    source: 'auto',
                    contactNumber: '+16505550101',
                    messages: [{ id: '9001', direction: 'inbound', at: '2026-12-05T18:15:00.000Z', text: 'hi' }],
                  },
                ],
              },
              (result: unknown, event: unknown) => resolve({ result, event: event as RemotingEvent }),
              { buffer: false, escape: false, timeout: 30000 },
            );
          }),
        [action] as const,
      );
    const served = await call('SoftphoneMessagesController.upsertSmsLogs');
    expect(served.event).toMatchObject({
      status: true,
      action: 'SoftphoneMessagesController',
      method: 'upsertSmsLogs',
    });
    expect(served.result).toMatchObject({ ok: true, results: [{ key: '77701:2026-12-05', ok: true, created: true }] });
    const misplaced = await call('SoftphoneController.upsertSmsLogs');
    expect(misplaced.event).toMatchObject({ status: false, type: 'exception' });
  });

  it('HTML-escapes string results unless escape is false, like Visualforce', async () => {
    const request = { numbers: [{ e164: '+16505550199', countryCallingCode: '1', nationalNumber: '6505550199' }] };
    const escaped = await remote(frame, 'matchNumbers', request, { timeout: 30000 });
    const raw = await remote(frame, 'matchNumbers', request);
    expect(raw.result.results[0]!.matches[0]!.name).toBe(
      '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>',
    );
    expect(escaped.result.results[0]!.matches[0]!.name).toBe(
      '&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt; &lt;script&gt;window.__pwned=2&lt;/script&gt;',
    );
  });

  it('reports an unknown remote action and a timeout as exception events', async () => {
    const unknown = await frame.evaluate(
      () =>
        new Promise((resolve) =>
          (window as unknown as TestGlobals).Visualforce.remoting.Manager.invokeAction(
            'SoftphoneController.dropTables',
            {},
            (r: unknown, e: unknown) => resolve({ r, e }),
          ),
        ),
    );
    expect(unknown).toMatchObject({
      r: null,
      e: {
        status: false,
        type: 'exception',
        method: 'dropTables',
        message: expect.stringContaining("Method 'dropTables' not found"),
      },
    });
    harness.adapter.remotingDelayMs = 1500;
    try {
      const late = await remote(frame, 'matchNumbers', { numbers: [] }, { escape: false, timeout: 200 });
      expect(late.event).toMatchObject({
        status: false,
        type: 'exception',
        message: expect.stringContaining('timed out'),
      });
    } finally {
      harness.adapter.remotingDelayMs = 0;
    }
  });

  it('shows a Task saved through the remote API on the Tasks page as it is saved', async () => {
    await page.evaluate(() => (window as unknown as TestGlobals).harnessConsole.navigate('/lightning/page/tasks'));
    await page.waitForSelector('[data-testid=tasks-page]');
    const whoId = harness.org.refs.get('AnnRef');
    const { result } = await remote<UpsertEnvelope>(frame, 'upsertCallLogs', {
      logs: [
        {
          telephonySessionId: 's-e2e-1',
          callUuid: 'uuid-1',
          source: 'agent',
          direction: 'inbound',
          fromNumber: '+16505550101',
          toNumber: '+16505550100',
          fromName: 'LEE ANN',
          toName: 'Alex Agent',
          startTime: '2026-11-21T10:15:30.000Z',
          endTime: '2026-11-21T10:17:00.000Z',
          durationSeconds: 90,
          result: 'Accepted',
          notes: 'Wants a callback',
          disposition: 'Call Back Later',
          whoId,
          whatId: null,
          recordingUrl: null,
        },
      ],
    });
    const taskId = result.results[0]!.taskId;
    expect(taskId).toMatch(/^00T/);
    const row = page.locator(`[data-testid=tasks-table] tr[data-task-id="${taskId}"]`);
    await row.waitFor();
    const cell = (field: string): Promise<string | null> => row.locator(`td[data-field="${field}"]`).textContent();
    expect(await cell('CALL_UNIQUE_ID__c')).toBe(`s-e2e-1:${harness.org.users.agent.Id}`);
    expect(await cell('CallType')).toBe('Inbound');
    expect(await cell('CallDurationInSeconds')).toBe('90');
    expect(await cell('TaskSubtype')).toBe('Call');
    expect(await cell('RC_Logging_Type__c')).toBe('call');
    expect(await cell('WhoId')).toBe(whoId);
    expect(await cell('Description')).toBe('Wants a callback');
  });
});

describe('the standby URL', () => {
  it('replaces an adapter that never calls notifyInitializationComplete after reqTimeout', async () => {
    const harness = await startTestHarness('HarnessNoInit.callCenter-meta.xml');
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(harness.urls.console);
      await page.waitForFunction(
        () => document.getElementById('hc-softphone-frame')?.dataset.state === 'standby',
        undefined,
        { timeout: 10_000 },
      );
      const frameUrl = new URL((await page.getAttribute('#hc-softphone-frame', 'src'))!);
      expect(frameUrl.pathname).toBe('/apex/HarnessStandby');
      expect(frameUrl.searchParams.get('sfdcIframeOrigin')).toBe(harness.urls.consoleOrigin);
      const standby = page.frames().find((f) => f.url().includes('/apex/HarnessStandby'));
      await standby!.waitForSelector('#standby');
    } finally {
      await harness.stop();
    }
  });
});
