/**
 * The RingCentral layer of the softphone: login (`auth/`), the web phone as the core's `TelephonyPort`
 * (`web-phone/`), the WebSocket event subscription (`subscriptions/`), presence (`presence/`) and call history
 * (`call-log/`), all over the official `@ringcentral/sdk` 5 and `ringcentral-web-phone` 2.x.
 * @packageDocumentation
 */
export * from './rest/ringcentral-api';
export * from './rest/ringcentral-api-error';
export * from './rest/platform-api';
export * from './auth/auth-state';
export * from './auth/token-storage';
export * from './auth/token-broker';
export * from './auth/token-keeper';
export * from './auth/ringcentral-session';
export * from './auth/oauth-callback';
export * from './web-phone/web-phone-types';
export * from './web-phone/web-phone-factory';
export * from './web-phone/microphone-check';
export * from './web-phone/ringtone';
export * from './web-phone/web-audio-ringtone';
export * from './web-phone/browser-webrtc-session';
export * from './web-phone/instance-id';
export * from './web-phone/p-rc-header';
export * from './web-phone/reconnect-backoff';
export * from './web-phone/ring-out-call';
export * from '../core/support/with-timeout';
export * from './web-phone/call-end-facts';
export * from './web-phone/ringer';
export * from './web-phone/call-recording';
export * from './web-phone/sip-connection';
export * from './web-phone/web-phone-calls';
export * from './web-phone/ring-out-calls';
export * from './web-phone/ringcentral-telephony';
export * from './subscriptions/subscription-channel';
export * from './subscriptions/ringcentral-event-types';
export * from './subscriptions/ringcentral-subscription';
export * from './subscriptions/wsg-subscription-channel';
export * from './presence/ringcentral-presence';
export * from './call-log/ringcentral-call-history';
