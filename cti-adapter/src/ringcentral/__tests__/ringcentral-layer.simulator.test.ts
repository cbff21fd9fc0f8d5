import WebSocket from 'ws';
import type { RcPlatformHandle } from '../../../harness/rc-platform/index';
import { MemoryKeyValueStore } from '../../core/ports/key-value-store';
import { httpsOAuthTransport } from '../../../harness/org-stand-in/https-oauth-transport';
import { OrgStandIn } from '../../../harness/org-stand-in/org-stand-in';
import type { TokenMethod } from '../../../harness/org-stand-in/ringcentral-token-api';
import type { AuthState } from '../auth/auth-state';
import { RingCentralSession, type SessionPlatform } from '../auth/ringcentral-session';
import { TokenBrokerError, type BrokeredToken, type TokenBroker } from '../auth/token-broker';
import { RingCentralCallHistory } from '../call-log/ringcentral-call-history';
import { RingCentralPresence } from '../presence/ringcentral-presence';
import { RingCentralApiError } from '../rest/ringcentral-api-error';
import type { ChannelState } from '../subscriptions/subscription-channel';
import {
  RingCentralSubscription,
  type RingCentralSubscriptionEventMap,
} from '../subscriptions/ringcentral-subscription';
import { WsgSubscriptionChannel, type WsgSocket } from '../subscriptions/wsg-subscription-channel';
import { RingCentralTelephony } from '../web-phone/ringcentral-telephony';
import type { WebPhoneCreateOptions } from '../web-phone/web-phone-types';
import { FakeWebPhone } from './support/fake-web-phone';
import {
  authorizeInSimulator,
  control,
  eventually,
  simulatorCas,
  simulatorFetch,
  startSimulator,
} from './support/simulator';
import { defaultSdkFactory } from '../auth/default-sdk';
import { signInPaths } from '../auth/sign-in';

const ALEX = '62264101';

describe('RingCentral layer against the platform simulator (real @ringcentral/sdk)', () => {
  let sim: RcPlatformHandle;

  beforeAll(async () => {
    sim = await startSimulator({ ringOutStepMs: 50, wsRecoveryTimeoutSeconds: 60 });
  });
  afterAll(async () => {
    await sim.stop();
  });

  function jwtSession(store = new MemoryKeyValueStore(), userId = '005000000000001'): RingCentralSession {
    return new RingCentralSession({
      sdkFactory: defaultSdkFactory,
      server: sim.urls.server,
      clientId: sim.credentials.jwtClient.clientId,
      clientSecret: sim.credentials.jwtClient.clientSecret,
      redirectUri: `${sim.urls.server}/apex/RingCentralOAuthCallback`,
      orgId: '00D000000000001',
      userId,
      store,
      online: null,
    });
  }

  async function loggedIn(): Promise<RingCentralSession> {
    const session = jwtSession();
    await session.loginWithJwt(sim.credentials.users[0]?.jwt ?? '');
    return session;
  }

  describe('auth', () => {
    /** The package's token endpoints as the harness serves them: the org stand-in, calling the simulator over HTTPS. */
    function brokeredSession(org: OrgStandIn, store = new MemoryKeyValueStore()): RingCentralSession {
      const userId = org.users.agent.Id;
      const call = async (method: TokenMethod, request: object): Promise<Record<string, unknown>> => {
        const envelope = (await org.tokens.invoke(method, request, userId)) as Record<string, unknown>;
        if (envelope.ok === true) return envelope;
        const error = envelope.error as { code: string; message: string };
        const kind =
          error.code === 'RINGCENTRAL_UNAVAILABLE'
            ? 'unavailable'
            : error.code === 'SESSION_ENDED'
              ? 'session-ended'
              : 'refused';
        throw new TokenBrokerError(kind, error.message);
      };
      const broker: TokenBroker = {
        exchangeCode: async (request) => (await call('exchangeRingCentralCode', request)) as unknown as BrokeredToken,
        refresh: async (request) => (await call('refreshRingCentralToken', request)) as unknown as BrokeredToken,
        revoke: async (request) => ({ revoked: (await call('revokeRingCentralToken', request)).revoked === true }),
      };
      return new RingCentralSession({
        sdkFactory: defaultSdkFactory,
        signIn: signInPaths,
        server: sim.urls.server,
        clientId: sim.credentials.pkceClient.clientId,
        redirectUri: `http://localhost:3000${sim.credentials.pkceClient.redirectUriPath}`,
        orgId: org.organizationId,
        userId,
        store,
        broker,
        online: null,
      });
    }

    function newOrg(): OrgStandIn {
      return new OrgStandIn({ ringCentralTransport: httpsOAuthTransport({ ca: simulatorCas() }) });
    }

    /** Plays the login popup against the simulator's authorize page (the browser would post the callback's query). */
    function playPopup(session: RingCentralSession, password = 'Softphone!101'): { opened: () => string } {
      let openedUrl = '';
      const platform = session.platform as SessionPlatform & { parseLoginRedirect(s: string): Record<string, string> };
      platform.loginWindow = async ({ url }) => {
        openedUrl = url;
        return platform.parseLoginRedirect(await authorizeInSimulator(sim, url, 'alex@example.test', password));
      };
      return { opened: () => openedUrl };
    }

    it('PKCE: popup, state check, code + verifier exchanged by the org; the browser store holds no token', async () => {
      const store = new MemoryKeyValueStore();
      const org = newOrg();
      const session = brokeredSession(org, store);
      const popup = playPopup(session);
      const states: AuthState[] = [];
      session.on('state', (s) => states.push(s));
      await session.loginWithPopup();
      const opened = new URL(popup.opened());
      expect(opened.searchParams.get('code_challenge_method')).toBe('S256');
      expect(opened.searchParams.get('state')).toMatch(/^[0-9a-f]{32}$/);
      expect(states).toEqual([{ name: 'logging-in' }, { name: 'logged-in', ownerId: ALEX }]);
      const me = await session.api.get<{ id: number; name: string }>('/restapi/v1.0/account/~/extension/~');
      expect(me).toMatchObject({ id: Number(ALEX), name: 'Alex Agent' });
      const [key, ...others] = store.keys('');
      expect(others).toEqual([]);
      expect(key).toBe(`rc-sf-${org.organizationId}-${org.users.agent.Id}-sealed`);
      const stored = store.get(key!) ?? '';
      for (const token of sim.tokens.issuedTokens()) expect(stored).not.toContain(token);
    });

    it('PKCE: a wrong password keeps the session logged out (login-cancelled when the popup gives up)', async () => {
      const session = brokeredSession(newOrg());
      session.platform.loginWindow = async ({ url }) => {
        await authorizeInSimulator(sim, url, 'alex@example.test', 'wrong');
        return {};
      };
      await expect(session.loginWithPopup()).rejects.toThrow(/did not redirect/);
      expect(session.state).toMatchObject({ name: 'logged-out', reason: 'login-cancelled' });
    });

    it('restore in a new tab reuses the sealed access token; another user of the browser gets nothing', async () => {
      const store = new MemoryKeyValueStore();
      const org = newOrg();
      const first = brokeredSession(org, store);
      playPopup(first);
      await first.loginWithPopup();
      const refreshesBefore = sim.tokens.tokenRequestCount('refresh_token');
      const reloaded = brokeredSession(org, store);
      await expect(reloaded.restore()).resolves.toBe(true);
      expect(reloaded.state).toEqual({ name: 'logged-in', ownerId: ALEX });
      expect(sim.tokens.tokenRequestCount('refresh_token')).toBe(refreshesBefore);
      const other = new RingCentralSession({
        sdkFactory: defaultSdkFactory,
        signIn: signInPaths,
        server: sim.urls.server,
        clientId: sim.credentials.pkceClient.clientId,
        redirectUri: 'http://localhost:3000/apex/RingCentralOAuthCallback',
        orgId: org.organizationId,
        userId: org.users.admin.Id,
        store,
        broker: { exchangeCode: jest.fn(), refresh: jest.fn(), revoke: jest.fn() },
        online: null,
      });
      await expect(other.restore()).resolves.toBe(false);
      expect(other.state).toEqual({ name: 'logged-out', reason: 'initial' });
    });

    it('an access token the platform rejects is refreshed through the org (401 → forced refresh → retry)', async () => {
      const session = brokeredSession(newOrg());
      playPopup(session);
      await session.loginWithPopup();
      const refreshes = sim.tokens.tokenRequestCount('refresh_token');
      await control(sim, 'POST', '/faults', { kind: 'expire-tokens' });
      const me = await session.api.get<{ id: number }>('/restapi/v1.0/account/~/extension/~');
      expect(me.id).toBe(Number(ALEX));
      expect(sim.tokens.tokenRequestCount('refresh_token')).toBe(refreshes + 1);
      expect(session.state.name).toBe('logged-in');
    });

    it('refresh 503 keeps the sign-in (reconnecting); a revoked refresh token signs out with the reason', async () => {
      const store = new MemoryKeyValueStore();
      const session = brokeredSession(newOrg(), store);
      playPopup(session);
      await session.loginWithPopup();
      await control(sim, 'POST', '/faults', { kind: 'expire-tokens' });
      await control(sim, 'POST', '/faults', {
        kind: 'rest-fail',
        status: 503,
        count: 1,
        pathPrefix: '/restapi/oauth/token',
      });
      const transient = (await session.api
        .get('/restapi/v1.0/account/~/extension/~')
        .catch((e: unknown) => e)) as RingCentralApiError;
      expect(transient.transient).toBe(true);
      expect(session.state).toMatchObject({ name: 'reconnecting', attempt: 1 });
      expect(store.keys('')).toHaveLength(1);
      session.dispose();
      for (const token of sim.tokens.issuedTokens()) sim.tokens.revoke(token);
      const refused = (await session.api
        .get('/restapi/v1.0/account/~/extension/~')
        .catch((e: unknown) => e)) as RingCentralApiError;
      expect(refused.status).toBe(401);
      expect(session.state).toMatchObject({ name: 'logged-out', reason: 'refresh-failed' });
      expect((session.state as { message?: string }).message).toMatch(
        /RingCentral ended the sign-in \(Token is revoked\)/,
      );
      expect(store.keys('')).toEqual([]);
    });

    it('logout revokes the token on the platform through the org', async () => {
      const session = brokeredSession(newOrg());
      playPopup(session);
      await session.loginWithPopup();
      const token = (await session.platform.auth().data()).access_token ?? '';
      await session.logout();
      expect(session.state).toEqual({ name: 'logged-out', reason: 'logout' });
      const response = await simulatorFetch(`${sim.urls.server}/restapi/v1.0/account/~/extension/~`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(401);
    });

    it('JWT (server-side tests): a rejected access token is renewed by logging in with the JWT again', async () => {
      const session = await loggedIn();
      await control(sim, 'POST', '/faults', { kind: 'expire-tokens' });
      const me = await session.api.get<{ id: number }>('/restapi/v1.0/account/~/extension/~');
      expect(me.id).toBe(Number(ALEX));
      expect(session.state.name).toBe('logged-in');
    });

    it('REST errors carry the status and RingCentral error code', async () => {
      const session = await loggedIn();
      await control(sim, 'POST', '/faults', {
        kind: 'rest-fail',
        status: 503,
        count: 1,
        pathPrefix: '/restapi/v1.0/account',
      });
      const error = (await session.api
        .get('/restapi/v1.0/account/~/extension/~')
        .catch((e: unknown) => e)) as RingCentralApiError;
      expect(error).toBeInstanceOf(RingCentralApiError);
      expect(error.status).toBe(503);
      expect(error.transient).toBe(true);
      const missing = (await session.api
        .get('/restapi/v1.0/account/~/extension/~/call-log/nope')
        .catch((e: unknown) => e)) as RingCentralApiError;
      expect(missing.status).toBe(404);
      expect(missing.errorCode).toBeTruthy();
    });
  });

  describe('subscription, presence and call history', () => {
    let session: RingCentralSession;
    let subscription: RingCentralSubscription;
    let presence: RingCentralPresence;
    const telephony: RingCentralSubscriptionEventMap['telephony'][] = [];
    const presenceEvents: RingCentralSubscriptionEventMap['presence'][] = [];
    const states: ChannelState[] = [];

    /** Waits for a telephony event of the session in which one of the agent's parties has the status `code`. */
    const telephonyEvent = (telephonySessionId: string, code: string, what: string) =>
      eventually(
        () =>
          telephony.find(
            (e) =>
              e.session.telephonySessionId === telephonySessionId && e.ownParties.some((p) => p.status.code === code),
          ),
        what,
      );

    beforeAll(async () => {
      session = await loggedIn();
      const channel = new WsgSubscriptionChannel({
        api: session.api,
        openSocket: (url) => new WebSocket(url, { ca: simulatorCas() }) as unknown as WsgSocket,
        reconnectDelay: () => 50,
      });
      subscription = new RingCentralSubscription({ channel });
      subscription.on('telephony', (e) => telephony.push(e));
      subscription.on('presence', (e) => presenceEvents.push(e));
      subscription.on('state', (e) => states.push(e));
      presence = new RingCentralPresence({ api: session.api, subscription });
      await subscription.start();
    });
    afterAll(async () => {
      await subscription.dispose();
    });

    it('delivers telephony session events with the agent party and detailed presence', async () => {
      expect(states).toEqual([{ state: 'connecting' }, { state: 'connected' }]);
      const placed = await control<{ telephonySessionId: string }>(sim, 'POST', '/calls/inbound', {
        from: '+16505550102',
        to: '101',
      });
      const ringing = await telephonyEvent(placed.telephonySessionId, 'Proceeding', 'ringing telephony event');
      expect(ringing.extensionId).toBe(ALEX);
      expect(ringing.ownParties[0]).toMatchObject({ extensionId: ALEX, direction: 'Inbound' });
      expect(ringing.ownParties[0]?.from?.phoneNumber).toBe('+16505550102');
      await eventually(() => presenceEvents.find((p) => p.telephonyStatus === 'Ringing'), 'Ringing presence');
      await control(sim, 'POST', `/calls/${placed.telephonySessionId}/hangup`);
      await telephonyEvent(placed.telephonySessionId, 'Disconnected', 'disconnected telephony event');
    });

    it('presence: set through PUT, read back, changes come from the subscription', async () => {
      const changes: string[] = [];
      const off = presence.on('changed', (p) => changes.push(`${p.userStatus}/${p.dndStatus}`));
      await expect(presence.set({ userStatus: 'Busy', dndStatus: 'DoNotAcceptAnyCalls' })).resolves.toMatchObject({
        userStatus: 'Busy',
        dndStatus: 'DoNotAcceptAnyCalls',
      });
      await expect(presence.get()).resolves.toMatchObject({ userStatus: 'Busy', presenceStatus: 'Busy' });
      await presence.set({ userStatus: 'Available', dndStatus: 'TakeAllCalls' });
      expect(changes).toEqual(['Busy/DoNotAcceptAnyCalls', 'Available/TakeAllCalls']);
      off();
    });

    it('recovers after the gateway drops the socket and keeps delivering events', async () => {
      await control(sim, 'POST', '/faults', { kind: 'drop-subscription' });
      const recovered = await eventually(() => states.find((s) => s.state === 'recovered'), 'recovered state');
      expect(recovered).toEqual({ state: 'recovered', lostEvents: false });
      const before = telephony.length;
      const placed = await control<{ telephonySessionId: string }>(sim, 'POST', '/calls/inbound', {
        from: '+16505550103',
        to: '101',
      });
      await eventually(
        () => telephony.slice(before).find((e) => e.session.telephonySessionId === placed.telephonySessionId),
        'telephony event after recovery',
      );
      await control(sim, 'POST', `/calls/${placed.telephonySessionId}/hangup`);
    });

    it('call history lists the calls of the last days and finds one call by telephony session id', async () => {
      const placed = await control<{ telephonySessionId: string }>(sim, 'POST', '/calls/inbound', {
        from: '+16505550101',
        to: '101',
      });
      await control(sim, 'POST', `/calls/${placed.telephonySessionId}/hangup`);
      const history = new RingCentralCallHistory({
        api: session.api,
        mediaServer: session.mediaServer,
        lookupRetryDelaysMs: [100, 200, 400, 800],
      });
      const list = await history.list({ days: 7, perPage: 250 });
      expect(list.length).toBeGreaterThanOrEqual(3);
      expect(list.map((r) => r.startTime)).toEqual([...list.map((r) => r.startTime)].sort().reverse());
      const record = await history.findByTelephonySessionId(placed.telephonySessionId);
      expect(record).toMatchObject({
        telephonySessionId: placed.telephonySessionId,
        direction: 'Inbound',
        result: 'Missed',
        from: { phoneNumber: '+16505550101' },
      });
      const impatient = new RingCentralCallHistory({
        api: session.api,
        mediaServer: session.mediaServer,
        lookupRetryDelaysMs: [20],
      });
      await expect(impatient.findByTelephonySessionId('s-0000000000')).resolves.toBeNull();
    });
  });

  describe('telephony over REST', () => {
    it('start provisions SIP credentials for the web phone (WSS proxy of the simulator)', async () => {
      const session = await loggedIn();
      const created: WebPhoneCreateOptions[] = [];
      const telephony = new RingCentralTelephony({
        api: session.api,
        store: new MemoryKeyValueStore(),
        mediaServer: session.mediaServer,
        unloadTarget: null,
        checkMicrophone: async () => ({ ok: true }),
        webPhoneFactory: (options) => {
          created.push(options);
          return new FakeWebPhone(options);
        },
      });
      await telephony.start();
      expect(telephony.status).toEqual({ state: 'registered' });
      expect(created[0]?.sipInfo).toMatchObject({
        outboundProxy: sim.urls.sipWss,
        authorizationId: '802264101',
        username: '16505550100',
        domain: 'sip.ringcentral.com',
      });
      await expect(telephony.listCallerIds()).resolves.toContainEqual(
        expect.objectContaining({ phoneNumber: '+16505550100', primary: expect.any(Boolean) }),
      );
      await telephony.dispose();
    });

    it('RingOut: created, identified from the RingOut session event, connected, then hung up', async () => {
      const session = await loggedIn();
      const subscription = new RingCentralSubscription({
        channel: new WsgSubscriptionChannel({
          api: session.api,
          openSocket: (url) => new WebSocket(url, { ca: simulatorCas() }) as unknown as WsgSocket,
        }),
      });
      await subscription.start();
      const telephony = new RingCentralTelephony({
        api: session.api,
        store: new MemoryKeyValueStore(),
        mediaServer: session.mediaServer,
        unloadTarget: null,
        ringOutPollMs: 30,
        events: subscription,
        checkMicrophone: async () => ({ ok: true }),
        webPhoneFactory: (options) => new FakeWebPhone(options),
      });
      const events: string[] = [];
      let telephonySessionId: string | null | undefined;
      telephony.on('dialing', (e) => events.push(`dialing ${e.remoteNumber}`));
      telephony.on('identified', (e) => {
        events.push('identified');
        telephonySessionId = e.telephonySessionId;
      });
      telephony.on('answered', () => events.push('answered'));
      telephony.on('ended', (e) => events.push(`ended ${e.reason}`));
      const { callId } = await telephony.call('+16505550101', {
        via: 'ringout',
        ringOutFrom: '+16505550177',
        callerId: '+16505550100',
      });
      expect(callId).toMatch(/^ringout-/);
      await eventually(() => events.includes('answered') && events.includes('identified'), 'RingOut connected');
      expect(telephonySessionId).toMatch(/^s-/);
      expect(sim.model.getSession(telephonySessionId ?? '')?.origin).toBe('RingOut');
      await telephony.hangup(callId);
      expect(events.filter((e) => e !== 'identified')).toEqual(['dialing +16505550101', 'answered', 'ended hangup']);
      await telephony.dispose();
      await subscription.dispose();
    });
  });
});
