import { MemoryKeyValueStore } from '../../../core/ports/key-value-store';
import { TELEPHONY_EVENT_TYPES, type TelephonyEventMap } from '../../../core/ports/telephony-port';
import type { MicrophoneCheckResult } from '../../web-phone/microphone-check';
import { RingCentralTelephony, type RingCentralTelephonyOptions } from '../../web-phone/ringcentral-telephony';
import type { Ringtone } from '../../web-phone/ringtone';
import { FakeApi } from './fake-api';
import { ManualClock } from './fake-clock';
import { FakeWebPhone } from './fake-web-phone';

/**
 * A {@link RingCentralTelephony} over fakes (REST, web phone, clock, ringtone) that records every event it emits:
 * the fixture of the telephony adapter's unit tests.
 */
export const SIP_INFO = {
  username: '16505550100',
  password: 'sip-alex-101',
  authorizationId: '802264101',
  domain: 'sip.ringcentral.com',
  outboundProxy: '127.0.0.1:8443/sip',
  outboundProxyBackup: '127.0.0.1:8443/sip',
  stunServers: [],
  transport: 'WSS',
};

export const P_RC =
  '<Msg><Hdr SID="35291201" Req="{A1}" From="#35291201@sip.ringcentral.com:5060" To="16505550100" Cmd="6"/>' +
  '<Bdy SrvLvl="-149699523" Phn="+16505550199" Nm="WIRELESS &amp; CO" ToPhn="+16505550100" ToNm="Alex Agent"/></Msg>';

export type Recorded = {
  [K in keyof TelephonyEventMap]: { type: K; event: TelephonyEventMap[K] };
}[keyof TelephonyEventMap];

export function setup(
  options: {
    microphone?: MicrophoneCheckResult;
    provision?: () => unknown;
    /** `GET …/presence?detailedTelephonyState=true` (read once registered): default no active call. */
    presence?: () => unknown;
    configurePhone?: (phone: FakeWebPhone) => void;
    extra?: Partial<RingCentralTelephonyOptions>;
  } = {},
) {
  const api = new FakeApi()
    .on('POST', '/restapi/v1.0/client-info/sip-provision', options.provision ?? (() => ({ sipInfo: [SIP_INFO] })))
    .on('GET', '/restapi/v1.0/account/~/extension/~/presence', options.presence ?? (() => ({ activeCalls: [] })))
    .on('GET', '/restapi/v1.0/account/~/extension/~/phone-number', () => ({
      records: [
        { phoneNumber: '+16505550100', usageType: 'DirectNumber', primary: true, features: ['CallerId', 'SmsSender'] },
        { phoneNumber: '+16505550999', usageType: 'MainCompanyNumber', features: ['SmsSender'] },
        { phoneNumber: '+16505550120', usageType: 'DirectNumber', label: 'Support', features: ['CallerId'] },
      ],
    }));
  const clock = new ManualClock();
  const phones: FakeWebPhone[] = [];
  const ringtone: Ringtone & { starts: number; stops: number } = {
    starts: 0,
    stops: 0,
    start() {
      ringtone.starts++;
    },
    stop() {
      ringtone.stops++;
    },
  };
  const waitingTone: Ringtone & { starts: number; stops: number } = {
    starts: 0,
    stops: 0,
    start() {
      waitingTone.starts++;
    },
    stop() {
      waitingTone.stops++;
    },
  };
  const store = new MemoryKeyValueStore();
  const telephony = new RingCentralTelephony({
    api,
    store,
    mediaServer: 'https://media.ringcentral.com',
    clock,
    ringtone,
    waitingTone,
    unloadTarget: null,
    reconnectDelay: (n) => 1000 * n,
    checkMicrophone: async () => options.microphone ?? { ok: true },
    webPhoneFactory: (o) => {
      const phone = new FakeWebPhone(o);
      options.configurePhone?.(phone);
      phones.push(phone);
      return phone;
    },
    ...options.extra,
  });
  const events: Recorded[] = [];
  for (const type of TELEPHONY_EVENT_TYPES) {
    telephony.on(type, (event) => events.push({ type, event } as Recorded));
  }
  const ofType = <K extends keyof TelephonyEventMap>(type: K): TelephonyEventMap[K][] =>
    events.filter((e) => e.type === type).map((e) => e.event as TelephonyEventMap[K]);
  const phone = (): FakeWebPhone => {
    const last = phones[phones.length - 1];
    if (!last) throw new Error('no web phone created');
    return last;
  };
  return { api, clock, phones, phone, ringtone, waitingTone, store, telephony, events, ofType };
}

export async function registered() {
  const ctx = setup();
  await ctx.telephony.start();
  expect(ctx.telephony.status).toEqual({ state: 'registered' });
  return ctx;
}

export function ringInbound(phone: FakeWebPhone, callId = 'call-in-1') {
  return phone.ring(callId, {
    'p-rc-api-ids': 'party-id=p-a1b2c3-2;session-id=s-a1b2c3',
    'P-rc': P_RC,
  });
}
