import type { RcPlatformHandle, SipServer, SipServerContext } from '../../index';
import { control, loginJwt, simFetch, startSim } from '../../http/__tests__/support/sim-fixture';

describe('control API and fault injection', () => {
  let sim: RcPlatformHandle;
  let sipContext: SipServerContext | undefined;
  const dropConnections = jest.fn((count?: number) => Math.min(count ?? 3, 3));
  const placeInboundCall = jest.fn();

  beforeAll(async () => {
    // A stand-in SIP side: proves the platform hands the control API's calls and SIP faults to it.
    sim = await startSim({
      sip: (context): SipServer => {
        sipContext = context;
        return {
          handleUpgrade: (_req, socket) => socket.destroy(),
          dropConnections,
          registrationCount: () => 3,
          stop: async () => undefined,
          inboundCalls: {
            placeInboundCall: async (input) => {
              placeInboundCall(input);
              const to = context.model.findExtensionById(input.toExtensionId ?? '')?.directNumber ?? '';
              const s = context.model.createSession({ from: input.fromNumber, to, fromName: input.callerIdName });
              return { telephonySessionId: s.telephonySessionId, sessionId: s.sessionId, partyId: s.parties[1]!.id };
            },
            customerAnswer: async () => undefined,
            customerHangup: async (id) => {
              context.model.endSession(id, 'CallerHangUp');
            },
          },
        };
      },
    });
  });
  afterAll(async () => {
    await sim.stop();
  });
  afterEach(async () => {
    await control(sim, 'POST', '/reset');
  });

  it("gives the SIP side the model and the customer phones' proxy, and routes inbound calls through its port", async () => {
    expect(sipContext?.customerPhoneProxy).toBe(sim.urls.sipWss.replace(/\/sip$/, '/sip-pstn'));
    expect(sipContext?.model).toBe(sim.model);
    const placed = await control<{ telephonySessionId: string }>(sim, 'POST', '/calls/inbound', {
      from: '+16505550102',
      to: '+16505550100',
    });
    expect(placed.status).toBe(201);
    expect(placeInboundCall).toHaveBeenCalledWith({
      fromNumber: '+16505550102',
      callerIdName: 'STONE LOGISTICS',
      toExtensionId: '62264101',
    });
    const calls = await control<{ records: { telephonySessionId: string; state: string }[] }>(sim, 'GET', '/calls');
    expect(calls.json.records[0]).toMatchObject({
      telephonySessionId: placed.json.telephonySessionId,
      state: 'Ringing',
    });
    await control(sim, 'POST', `/calls/${placed.json.telephonySessionId}/hangup`);
    expect(sim.model.getSession(placed.json.telephonySessionId)?.state).toBe('Ended');
    const state = await control<Record<string, unknown>>(sim, 'GET', '/state');
    expect(state.json).toMatchObject({ sipAttached: true, sipRegistrations: 3, activeCalls: 0 });
  });

  it('serves the clickable desk phone page of a user extension (HTML) and 404 for anything else', async () => {
    const page = await fetch(`${sim.urls.control}/desk-phone/62264101`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('data-extension-id="62264101"');
    expect(html).toContain("'/calls/' + encodeURIComponent(tsid) + '/desk-phone'");
    expect((await fetch(`${sim.urls.control}/desk-phone/62264200`)).status).toBe(404); // a call queue
    expect((await fetch(`${sim.urls.control}/desk-phone/%3Cscript%3E`)).status).toBe(404);
  });

  it('drop-sip asks the SIP side to drop sockets, bounded by count', async () => {
    const res = await control<{ dropped: number }>(sim, 'POST', '/faults', { kind: 'drop-sip', count: 2 });
    expect(res.status).toBe(201);
    expect(res.json.dropped).toBe(2);
    expect(dropConnections).toHaveBeenLastCalledWith(2);
  });

  it('sip-proxy-outage takes the primary (or backup) proxy down until DELETE /faults; a wrong proxy is a 400', async () => {
    expect((await control(sim, 'POST', '/faults', { kind: 'sip-proxy-outage', proxy: 'pstn' })).status).toBe(400);
    const res = await control<{ proxy: string; dropped: number }>(sim, 'POST', '/faults', { kind: 'sip-proxy-outage' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ proxy: 'primary', dropped: 0 });
    expect((await control(sim, 'GET', '/faults')).json).toMatchObject({ sipProxiesDown: ['primary'] });
    expect((await control(sim, 'GET', '/state')).json).toMatchObject({ sipProxies: { down: ['primary'] } });
    await control(sim, 'DELETE', '/faults');
    expect((await control(sim, 'GET', '/faults')).json).toMatchObject({ sipProxiesDown: [] });
  });

  it('rest-fail: the next N REST calls fail with the platform error body; 429 carries Retry-After', async () => {
    const sdk = await loginJwt(sim);
    await control(sim, 'POST', '/faults', { kind: 'rest-fail', count: 2, status: 503 });
    const failure = sdk.platform().get('/restapi/v1.0/account/~/extension/~');
    await expect(failure).rejects.toThrow('Service temporary unavailable');
    await expect(sdk.platform().get('/restapi/v1.0/account/~/extension/~')).rejects.toMatchObject({
      response: { status: 503 },
    });
    expect((await sdk.platform().get('/restapi/v1.0/account/~/extension/~')).status).toBe(200);

    await control(sim, 'POST', '/faults', { kind: 'rest-fail', count: 1, status: 429 });
    const token = (await sdk.platform().auth().data()).access_token;
    const limited = await simFetch(`${sim.urls.server}/restapi/v1.0/account/~`, {
      headers: { Authorization: `bearer ${token}` },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toMatchObject({ errorCode: 'CMN-301', message: 'Request rate exceeded' });
  });

  it('DELETE /faults lets the platform answer normally again, keeping tokens', async () => {
    const sdk = await loginJwt(sim);
    await control(sim, 'POST', '/faults', { kind: 'rest-fail', count: 50, status: 503 });
    await expect(sdk.platform().get('/restapi/v1.0/account/~/extension/~')).rejects.toMatchObject({
      response: { status: 503 },
    });
    await expect(control(sim, 'DELETE', '/faults')).resolves.toEqual({ status: 200, json: { pending: [] } });
    expect((await sdk.platform().get('/restapi/v1.0/account/~/extension/~')).status).toBe(200);
  });

  it('rest-fail 429 with an SDK that handles rate limits: it waits Retry-After and succeeds', async () => {
    const sdk = await loginJwt(sim, 0, { handleRateLimit: true });
    const limited = jest.fn();
    sdk.platform().on(sdk.platform().events.rateLimitError, limited);
    await control(sim, 'POST', '/faults', { kind: 'rest-fail', count: 1, status: 429 });
    const res = await sdk.platform().get('/restapi/v1.0/account/~/extension/~');
    expect(res.status).toBe(200);
    expect(limited).toHaveBeenCalledTimes(1);
  });

  it('rest-fail 401: the SDK refreshes once and retries', async () => {
    const sdk = await loginJwt(sim);
    const refreshed = jest.fn();
    sdk.platform().on(sdk.platform().events.refreshSuccess, refreshed);
    await control(sim, 'POST', '/faults', { kind: 'rest-fail', count: 1, status: 401, pathPrefix: '/restapi/v1.0/' });
    expect((await sdk.platform().get('/restapi/v1.0/account/~/extension/~')).status).toBe(200);
    expect(refreshed).toHaveBeenCalledTimes(1);
  });

  it('rest-delay holds the next call: a client with a shorter timeout gives up, the one after is served', async () => {
    const sdk = await loginJwt(sim);
    const token = (await sdk.platform().auth().data()).access_token;
    await control(sim, 'POST', '/faults', { kind: 'rest-delay', count: 1, delayMs: 3000 });
    const controller = new AbortController();
    const slow = simFetch(`${sim.urls.server}/restapi/v1.0/account/~`, {
      headers: { Authorization: `bearer ${token}` },
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 200);
    await expect(slow).rejects.toThrow(/abort/i);
    expect((await control<{ pending: unknown[] }>(sim, 'GET', '/faults')).json.pending).toEqual([]);
    expect((await sdk.platform().get('/restapi/v1.0/account/~')).status).toBe(200);
  });

  it('expire-tokens: live tokens stop working until refreshed', async () => {
    const sdk = await loginJwt(sim);
    const token = (await sdk.platform().auth().data()).access_token;
    const res = await control<{ expired: number }>(sim, 'POST', '/faults', { kind: 'expire-tokens' });
    expect(res.json.expired).toBeGreaterThan(0);
    const raw = await simFetch(`${sim.urls.server}/restapi/v1.0/account/~`, {
      headers: { Authorization: `bearer ${token}` },
    });
    expect(raw.status).toBe(401);
    expect((await sdk.platform().get('/restapi/v1.0/account/~')).status).toBe(200);
  });

  it('bounds: unknown kinds, counts outside 1..100, long delays and non-error statuses are refused', async () => {
    for (const body of [
      { kind: 'meteor' },
      { kind: 'rest-fail', count: 0 },
      { kind: 'rest-fail', count: 101 },
      { kind: 'rest-fail', status: 200 },
      { kind: 'rest-delay', delayMs: 60_000 },
    ]) {
      const res = await control<{ error: string }>(sim, 'POST', '/faults', body);
      expect(res.status).toBe(400);
      expect(res.json.error).toBeTruthy();
    }
    expect((await control(sim, 'POST', '/calls/inbound', { from: '+16505550101' })).status).toBe(400);
    expect((await control(sim, 'POST', '/calls/inbound', { from: '+16505550101', to: '999' })).status).toBe(404);
    expect((await control(sim, 'POST', '/calls/s-unknown/answer')).status).toBe(404);
    expect((await control(sim, 'GET', '/nope')).status).toBe(404);
  });

  it('reset clears calls, messages and pending faults', async () => {
    await control(sim, 'POST', '/sms', { from: '+16505550101', to: '101', text: 'hi' });
    await control(sim, 'POST', '/faults', { kind: 'rest-fail', count: 5 });
    await control(sim, 'POST', '/reset');
    const state = await control<{ messages: number; pendingFaults: unknown[] }>(sim, 'GET', '/state');
    expect(state.json).toMatchObject({ messages: 0, pendingFaults: [] });
  });
});

describe('control API without SIP (model-only calls)', () => {
  let sim: RcPlatformHandle;
  beforeAll(async () => {
    sim = await startSim();
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('a queue call rings every member; the customer-side answer connects one and releases the other', async () => {
    const placed = await control<{ telephonySessionId: string }>(sim, 'POST', '/calls/inbound', {
      from: '+16505550105',
      toQueueId: '62264200',
    });
    expect(placed.status).toBe(201);
    expect(sim.model.getPresence('62264101').telephonyStatus).toBe('Ringing');
    expect(sim.model.getPresence('62264102').telephonyStatus).toBe('Ringing');
    const answered = await control<{ parties: { extensionId?: string; status: { code: string } }[] }>(
      sim,
      'POST',
      `/calls/${placed.json.telephonySessionId}/answer`,
    );
    const codes = answered.json.parties.map((p) => `${p.extensionId ?? 'ext'}:${p.status.code}`);
    expect(codes).toEqual(['ext:Answered', '62264200:Answered', '62264101:Answered', '62264102:Disconnected']);
    await control(sim, 'POST', `/calls/${placed.json.telephonySessionId}/hangup`);
    expect(sim.model.listCallLog('62264101')[0]?.result).toBe('Accepted');
  });

  it('CRM routing: lists and changes the seeded rules (https URLs only), keeps a log, refuses DTMF without SIP', async () => {
    const rules = await control<{ records: { key: string; crm: { url: string; header: string | null } }[] }>(
      sim,
      'GET',
      '/routing/rules',
    );
    expect(rules.json.records.map((r) => r.key)).toEqual(['customer-status', 'customer-number']);
    const changed = await control<{ crm: { url: string; header: string | null; method: string } }>(
      sim,
      'PUT',
      '/routing/rules/customer-status',
      { crm: { url: 'https://org.example/services/apexrest/crm-routing/v1/rules/customer-status', header: 'X-A: b' } },
    );
    expect(changed.status).toBe(200);
    expect(changed.json.crm).toMatchObject({ header: 'X-A: b', method: 'GET' });
    const plain = await control(sim, 'PUT', '/routing/rules/customer-status', { crm: { url: 'http://org.example/x' } });
    expect(plain.status).toBe(400);
    expect((await control(sim, 'PUT', '/routing/rules/nope', {})).status).toBe(404);
    expect((await control<{ records: unknown[] }>(sim, 'GET', '/routing/log')).json.records).toEqual([]);
    expect((await control(sim, 'DELETE', '/routing/log')).status).toBe(204);
    const placed = await control<{ telephonySessionId: string }>(sim, 'POST', '/calls/inbound', {
      from: '+16505550105',
      toQueueId: '62264200',
    });
    const bad = await control(sim, 'POST', `/calls/${placed.json.telephonySessionId}/dtmf`, { digits: 'x1' });
    expect(bad.status).toBe(400);
    const noSip = await control(sim, 'POST', `/calls/${placed.json.telephonySessionId}/dtmf`, { digits: '1' });
    expect(noSip.status).toBe(409);
    await control(sim, 'POST', `/calls/${placed.json.telephonySessionId}/hangup`);
  });
});
