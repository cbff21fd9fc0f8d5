import type { SDK } from '@ringcentral/sdk';
import type { RcPlatformHandle } from '../../index';
import { control, eventually, loginJwt, simFetch, startSim } from '../../http/__tests__/support/sim-fixture';

const ALEX = '62264101';

describe('REST API against the real @ringcentral/sdk', () => {
  let sim: RcPlatformHandle;
  let sdk: SDK;

  beforeAll(async () => {
    sim = await startSim({ ringOutStepMs: 100 });
    sdk = await loginJwt(sim);
  });
  afterAll(async () => {
    await sim.stop();
  });

  const get = async (path: string, query?: Record<string, unknown>) => (await sdk.platform().get(path, query)).json();

  it('extension info, phone numbers with features and sip-provision with WSS credentials', async () => {
    const me = await get('/restapi/v1.0/account/~/extension/~');
    expect(me).toMatchObject({
      id: 62264101,
      extensionNumber: '101',
      account: { id: '37439510' },
      contact: { email: 'alex@example.test' },
    });
    const numbers = await get('/restapi/v1.0/account/~/extension/~/phone-number', { usageType: 'DirectNumber' });
    expect(numbers.records).toEqual([
      expect.objectContaining({
        phoneNumber: '+16505550100',
        usageType: 'DirectNumber',
        features: expect.arrayContaining(['CallerId', 'SmsSender']),
      }),
    ]);
    const provision = await (
      await sdk.platform().post('/restapi/v1.0/client-info/sip-provision', { sipInfo: [{ transport: 'WSS' }] })
    ).json();
    expect(provision.sipInfo[0]).toMatchObject({
      transport: 'WSS',
      username: '16505550100',
      authorizationId: '802264101',
      password: 'sip-alex-101',
      domain: 'sip.ringcentral.com',
      outboundProxy: sim.urls.sipWss,
      outboundProxyBackup: sim.urls.sipWssBackup,
    });
    expect(provision.sipInfo[0].outboundProxyBackup).not.toBe(provision.sipInfo[0].outboundProxy);
    expect(provision.device.id).toBeTruthy();
  });

  it('presence GET/PUT with detailed telephony state', async () => {
    const put = await (
      await sdk.platform().put('/restapi/v1.0/account/~/extension/~/presence', { userStatus: 'Busy', message: 'lunch' })
    ).json();
    expect(put).toMatchObject({ userStatus: 'Busy', presenceStatus: 'Busy', message: 'lunch' });
    await expect(
      sdk.platform().put('/restapi/v1.0/account/~/extension/~/presence', { userStatus: 'Sleeping' }),
    ).rejects.toThrow(/userStatus/);
    const placed = await control<{ telephonySessionId: string }>(sim, 'POST', '/calls/inbound', {
      from: '+442079460104',
      to: '101',
    });
    const detailed = await get('/restapi/v1.0/account/~/extension/~/presence', { detailedTelephonyState: true });
    expect(detailed.telephonyStatus).toBe('Ringing');
    expect(detailed.activeCalls[0]).toMatchObject({
      from: '+442079460104',
      fromName: 'GLOBEX UK',
      telephonySessionId: placed.json.telephonySessionId,
    });
    const plain = await get('/restapi/v1.0/account/~/extension/~/presence');
    expect(plain.activeCalls).toBeUndefined();
    await control(sim, 'POST', `/calls/${placed.json.telephonySessionId}/hangup`);
    await sdk.platform().put('/restapi/v1.0/account/~/extension/~/presence', { userStatus: 'Available' });
    const other = await get('/restapi/v1.0/account/~/extension/62264102/presence');
    expect(other.extension.id).toBe(62264102);
  });

  it('call log matches what happened: answered with recording, missed, rejected, voicemail; filters, paging, by id', async () => {
    const { model } = sim;
    const answered = model.createSession({ from: '+16505550107', to: '101' });
    const agentParty = answered.parties[1]!.id;
    model.partyRinging(answered.telephonySessionId, agentParty);
    model.partyAnswered(answered.telephonySessionId, agentParty);
    const recording = model.startRecording(answered.telephonySessionId, agentParty);
    model.stopRecording(answered.telephonySessionId, agentParty);
    model.endSession(answered.telephonySessionId, 'CallerHangUp');

    const rejected = model.createSession({ from: '+16505550103', to: '101' });
    model.partyRejected(rejected.telephonySessionId, rejected.parties[1]!.id);
    model.endSession(rejected.telephonySessionId, 'Rejected');

    const voicemail = model.createSession({ from: '+16505550105', to: '101' });
    model.partyVoicemail(voicemail.telephonySessionId, voicemail.parties[1]!.id);
    model.endSession(voicemail.telephonySessionId, 'CallerHangUp');

    const outbound = model.createSession({ from: '101', to: '+16505550101' });
    model.partyAnswered(outbound.telephonySessionId, outbound.parties[1]!.id);
    model.endSession(outbound.telephonySessionId, 'HangUp');

    const log = await get('/restapi/v1.0/account/~/extension/~/call-log', { view: 'Detailed', perPage: 100 });
    const bySession = (id: string) =>
      log.records.find((r: { telephonySessionId: string }) => r.telephonySessionId === id);
    expect(bySession(answered.telephonySessionId)).toMatchObject({
      direction: 'Inbound',
      result: 'Accepted',
      action: 'Phone Call',
      sessionId: answered.sessionId,
      from: { phoneNumber: '+16505550107', name: 'INITECH' },
      recording: { id: recording.id, contentUri: expect.stringContaining(`/recording/${recording.id}/content`) },
      legs: expect.arrayContaining([expect.objectContaining({ master: true })]),
    });
    expect(bySession(rejected.telephonySessionId).result).toBe('Rejected');
    expect(bySession(voicemail.telephonySessionId).result).toBe('Voicemail');
    expect(bySession(outbound.telephonySessionId)).toMatchObject({
      direction: 'Outbound',
      result: 'Call connected',
      action: 'VoIP Call',
    });
    // the earlier presence test produced a Missed call
    expect(log.records.some((r: { result: string }) => r.result === 'Missed')).toBe(true);

    const inboundOnly = await get('/restapi/v1.0/account/~/extension/~/call-log', { direction: 'Outbound' });
    expect(inboundOnly.records.every((r: { direction: string }) => r.direction === 'Outbound')).toBe(true);
    const withRecording = await get('/restapi/v1.0/account/~/extension/~/call-log', { withRecording: true });
    expect(withRecording.records).toHaveLength(1);
    const paged = await get('/restapi/v1.0/account/~/extension/~/call-log', { perPage: 2, page: 2 });
    expect(paged.paging).toMatchObject({ page: 2, perPage: 2, totalElements: log.records.length });
    expect(paged.navigation.previousPage.uri).toContain('page=1');
    const simple = await get(
      `/restapi/v1.0/account/~/extension/~/call-log/${bySession(answered.telephonySessionId).id}`,
    );
    expect(simple.legs).toBeUndefined();
    expect(simple.telephonySessionId).toBe(answered.telephonySessionId);
    const bySessionFilter = await get('/restapi/v1.0/account/~/extension/~/call-log', {
      telephonySessionId: rejected.telephonySessionId,
    });
    expect(bySessionFilter.records).toHaveLength(1);

    const audio = await sdk.platform().get(`/restapi/v1.0/account/~/recording/${recording.id}/content`);
    const bytes = Buffer.from(await audio.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(bytes.subarray(8, 12).toString('ascii')).toBe('WAVE');
    expect(audio.headers.get('content-type')).toBe('audio/x-wav');
    const token = (await sdk.platform().auth().data()).access_token;
    const viaQuery = await simFetch(
      `${sim.urls.server}/restapi/v1.0/account/~/recording/${recording.id}/content?access_token=${token}`,
    );
    expect(viaQuery.status).toBe(200);
  });

  it('call-log sync: FSync returns records and a token, ISync returns only what changed since', async () => {
    const full = await get('/restapi/v1.0/account/~/extension/~/call-log-sync', { syncType: 'FSync' });
    expect(full.records.length).toBeGreaterThan(0);
    expect(full.syncInfo).toMatchObject({ syncType: 'FSync', syncToken: expect.any(String) });
    const none = await get('/restapi/v1.0/account/~/extension/~/call-log-sync', {
      syncType: 'ISync',
      syncToken: full.syncInfo.syncToken,
    });
    expect(none.records).toEqual([]);
    const s = sim.model.createSession({ from: '+16505550199', to: '101' });
    sim.model.endSession(s.telephonySessionId, 'CallerCancelled');
    const delta = await get('/restapi/v1.0/account/~/extension/~/call-log-sync', {
      syncType: 'ISync',
      syncToken: none.syncInfo.syncToken,
    });
    expect(delta.records).toEqual([
      expect.objectContaining({
        telephonySessionId: s.telephonySessionId,
        result: 'Missed',
        from: expect.objectContaining({ name: 'WIRELESS CALLER' }),
      }),
    ]);
    await expect(
      sdk
        .platform()
        .get('/restapi/v1.0/account/~/extension/~/call-log-sync', { syncType: 'ISync', syncToken: 'garbage' }),
    ).rejects.toThrow(/syncToken/);
  });

  it('voicemail lands in the message store with audio content', async () => {
    const list = await get('/restapi/v1.0/account/~/extension/~/message-store', { messageType: 'VoiceMail' });
    const vm = list.records[0];
    expect(vm).toMatchObject({
      type: 'VoiceMail',
      from: { phoneNumber: '+16505550105' },
      attachments: [expect.objectContaining({ type: 'AudioRecording' })],
    });
    const audio = await sdk.platform().get(vm.attachments[0].uri);
    expect(
      Buffer.from(await audio.arrayBuffer())
        .subarray(0, 4)
        .toString('ascii'),
    ).toBe('RIFF');
  });

  it('SMS round trip: agent → customer inbox, customer → agent store; message sync and read status', async () => {
    const start = await get('/restapi/v1.0/account/~/extension/~/message-sync', { syncType: 'FSync' });
    const sent = await (
      await sdk.platform().post('/restapi/v1.0/account/~/extension/~/sms', {
        from: { phoneNumber: '+16505550100' },
        to: [{ phoneNumber: '+16505550101' }],
        text: 'Your order shipped',
      })
    ).json();
    expect(sent).toMatchObject({
      type: 'SMS',
      direction: 'Outbound',
      messageStatus: 'Queued',
      subject: 'Your order shipped',
    });
    const inbox = await eventually(
      async () => {
        const r = await control<{ records: { subject: string; direction: string }[] }>(
          sim,
          'GET',
          '/messages?owner=%2B16505550101',
        );
        return r.json.records.find((m) => m.subject === 'Your order shipped');
      },
      5000,
      'customer inbox',
    );
    expect(inbox.direction).toBe('Inbound');
    const reply = await control<{ id: string }>(sim, 'POST', '/sms', {
      from: '+16505550101',
      to: '+16505550100',
      text: 'Thanks!',
    });
    const thread = await get('/restapi/v1.0/account/~/extension/~/message-store', {
      messageType: 'SMS',
      conversationId: sent.conversationId,
    });
    expect(thread.records.map((m: { subject: string }) => m.subject)).toEqual(['Thanks!', 'Your order shipped']);
    const delta = await get('/restapi/v1.0/account/~/extension/~/message-sync', {
      syncType: 'ISync',
      syncToken: start.syncInfo.syncToken,
    });
    expect(delta.records.map((m: { id: number }) => String(m.id))).toEqual(
      expect.arrayContaining([String(sent.id), reply.json.id]),
    );
    const read = await (
      await sdk
        .platform()
        .put(`/restapi/v1.0/account/~/extension/~/message-store/${reply.json.id}`, { readStatus: 'Read' })
    ).json();
    expect(read.readStatus).toBe('Read');
    const delivered = await eventually(
      async () => {
        const m = await get(`/restapi/v1.0/account/~/extension/~/message-store/${sent.id}`);
        return m.messageStatus === 'Delivered' ? m : undefined;
      },
      5000,
      'Delivered status',
    );
    expect(delivered).not.toHaveProperty('deliveryErrorCode');
    await expect(
      sdk.platform().post('/restapi/v1.0/account/~/extension/~/sms', {
        from: { phoneNumber: '+16505550110' },
        to: [{ phoneNumber: '+16505550101' }],
        text: 'x',
      }),
    ).rejects.toThrow(/doesn't belong to extension/);
  });

  it('SMS delivery: Queued → Sent → Delivered, each change a message-store update; sms-fail ends DeliveryFailed or SendingFailed with a code', async () => {
    const token = (await get('/restapi/v1.0/account/~/extension/~/message-sync', { syncType: 'FSync', recordCount: 1 }))
      .syncInfo.syncToken as string;
    const send = async (text: string) =>
      (
        await sdk.platform().post('/restapi/v1.0/account/~/extension/~/sms', {
          from: { phoneNumber: '+16505550100' },
          to: [{ phoneNumber: '+16505550102' }],
          text,
        })
      ).json();
    const ok = await send('Delivery one');
    await control(sim, 'POST', '/faults', { kind: 'sms-fail', count: 1 });
    const refused = await send('Delivery two');
    await control(sim, 'POST', '/faults', { kind: 'sms-fail', count: 1, status: 'SendingFailed' });
    const unsent = await send('Delivery three');
    const statusOf = async (id: number) =>
      (await get(`/restapi/v1.0/account/~/extension/~/message-store/${id}`)) as {
        messageStatus: string;
        deliveryErrorCode?: string;
      };
    await eventually(
      async () => ((await statusOf(unsent.id)).messageStatus === 'SendingFailed' ? true : undefined),
      5000,
      'SendingFailed',
    );
    await eventually(
      async () => ((await statusOf(refused.id)).messageStatus === 'DeliveryFailed' ? true : undefined),
      5000,
      'DeliveryFailed',
    );
    await eventually(
      async () => ((await statusOf(ok.id)).messageStatus === 'Delivered' ? true : undefined),
      5000,
      'Delivered',
    );
    expect(await statusOf(refused.id)).toMatchObject({ deliveryErrorCode: 'SMS-RC-413' });
    expect(await statusOf(unsent.id)).toMatchObject({ deliveryErrorCode: 'SMS-RC-413' });
    const inbox = await control<{ records: { subject: string }[] }>(sim, 'GET', '/messages?owner=%2B16505550102');
    expect(inbox.json.records.map((m) => m.subject)).toEqual(['Delivery one']);
    // The changes, oldest first, as ISync pages them: a cut at recordCount keeps the rest for the next token.
    const first = await get('/restapi/v1.0/account/~/extension/~/message-sync', {
      syncType: 'ISync',
      syncToken: token,
      recordCount: 2,
    });
    expect(first.records).toHaveLength(2);
    const rest = await get('/restapi/v1.0/account/~/extension/~/message-sync', {
      syncType: 'ISync',
      syncToken: first.syncInfo.syncToken,
    });
    const seen = [...first.records, ...rest.records].map(
      (m: { id: number; messageStatus: string }) => `${m.id}:${m.messageStatus}`,
    );
    expect(seen).toEqual(
      expect.arrayContaining([`${ok.id}:Delivered`, `${refused.id}:DeliveryFailed`, `${unsent.id}:SendingFailed`]),
    );
    expect(await control(sim, 'POST', '/faults', { kind: 'sms-fail', status: 'Lost' })).toMatchObject({ status: 400 });
  });

  it('message store: distinctConversations gives the newest message of each conversation, paged newest first', async () => {
    for (const from of ['+16505550103', '+16505550105', '+16505550106']) {
      await control(sim, 'POST', '/sms', { from, to: '+16505550100', text: `first from ${from}` });
      await control(sim, 'POST', '/sms', { from, to: '+16505550100', text: `last from ${from}` });
    }
    const page1 = await get('/restapi/v1.0/account/~/extension/~/message-store', {
      messageType: 'SMS',
      distinctConversations: true,
      perPage: 2,
    });
    expect(page1.records.map((m: { subject: string }) => m.subject).slice(0, 2)).toEqual([
      'last from +16505550106',
      'last from +16505550105',
    ]);
    expect(page1.navigation.nextPage).toBeDefined();
    const all = await get('/restapi/v1.0/account/~/extension/~/message-store', {
      messageType: 'SMS',
      distinctConversations: true,
      perPage: 100,
    });
    const ids = all.records.map((m: { conversationId: number }) => m.conversationId);
    expect(new Set(ids).size).toBe(ids.length);
    await expect(
      sdk.platform().get('/restapi/v1.0/account/~/extension/~/message-store', { distinctConversations: 'yes' }),
    ).rejects.toThrow(/distinctConversations/);
  });

  it('ring-out: create, status progression to Success, cancel, then 404', async () => {
    const created = await (
      await sdk.platform().post('/restapi/v1.0/account/~/extension/~/ring-out', {
        from: { phoneNumber: '+16505550100' },
        to: { phoneNumber: '+16505550102' },
        playPrompt: false,
      })
    ).json();
    expect(created.status).toEqual({
      callStatus: 'InProgress',
      callerStatus: 'InProgress',
      calleeStatus: 'InProgress',
    });
    const seen = new Set<string>();
    const done = await eventually(
      async () => {
        const s = await get(`/restapi/v1.0/account/~/extension/~/ring-out/${created.id}`);
        seen.add(`${s.status.callStatus}/${s.status.callerStatus}/${s.status.calleeStatus}`);
        return s.status.callStatus === 'Success' ? s : undefined;
      },
      5000,
      'ring-out Success',
    );
    expect(done.status).toEqual({ callStatus: 'Success', callerStatus: 'Success', calleeStatus: 'Success' });
    expect(sim.model.getPresence(ALEX).telephonyStatus).toBe('CallConnected');
    const del = await sdk.platform().delete(`/restapi/v1.0/account/~/extension/~/ring-out/${created.id}`);
    expect(del.status).toBe(204);
    await expect(sdk.platform().get(`/restapi/v1.0/account/~/extension/~/ring-out/${created.id}`)).rejects.toThrow(
      /not found/,
    );
    const log = await get('/restapi/v1.0/account/~/extension/~/call-log', { perPage: 1 });
    expect(log.records[0]).toMatchObject({ action: 'RingOut Web', to: { phoneNumber: '+16505550102' } });
  });

  it('errors look like the platform: 401 without/with a bad header, 403, 404, 405; bearer scheme is case-insensitive', async () => {
    const url = `${sim.urls.server}/restapi/v1.0/account/~/extension/~`;
    const none = await simFetch(url);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      errorCode: 'AGW-401',
      message: 'Authorization header is not specified',
      errors: [{ errorCode: 'AGW-401', message: 'Authorization header is not specified' }],
    });
    const token = (await sdk.platform().auth().data()).access_token;
    for (const scheme of ['bearer', 'Bearer', 'BEARER']) {
      expect((await simFetch(url, { headers: { Authorization: `${scheme} ${token}` } })).status).toBe(200);
    }
    await expect(sdk.platform().get('/restapi/v1.0/account/~/call-log')).rejects.toThrow(/FullCompanyCallLog/);
    await expect(sdk.platform().get('/restapi/v1.0/account/~/extension/62264102/call-log')).rejects.toMatchObject({
      response: { status: 403 },
    });
    await expect(sdk.platform().get('/restapi/v1.0/account/~/extension/~/call-log/nope')).rejects.toMatchObject({
      response: { status: 404 },
    });
    await expect(sdk.platform().get('/restapi/v1.0/account/~/extension/99999')).rejects.toMatchObject({
      response: { status: 404 },
    });
    const wrongMethod = await simFetch(url, { method: 'DELETE', headers: { Authorization: `bearer ${token}` } });
    expect(wrongMethod.status).toBe(405);
  });

  it('CORS: harness origins are allowed and preflights answered; other origins get no CORS headers', async () => {
    const url = `${sim.urls.server}/restapi/v1.0/account/~/extension/~`;
    const preflight = await simFetch(url, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization,x-user-agent',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,x-user-agent');
    const token = (await sdk.platform().auth().data()).access_token;
    const actual = await simFetch(url, {
      headers: { Origin: 'https://127.0.0.1:8080', Authorization: `bearer ${token}` },
    });
    expect(actual.headers.get('access-control-allow-origin')).toBe('https://127.0.0.1:8080');
    expect(actual.headers.get('access-control-expose-headers')).toContain('Retry-After');
    const foreign = await simFetch(url, {
      headers: { Origin: 'https://evil.example.com', Authorization: `bearer ${token}` },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});
