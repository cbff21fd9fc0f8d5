/**
 * The ports of the telephony core: what it needs from the outside world. Implementations live in the
 * RingCentral layer (`TelephonyPort`, `PresencePort`, `CallHistoryPort`), the Open CTI bridge (`CtiHostPort`),
 * the Salesforce data layer (`CrmGateway`) and the composition root (`KeyValueStore`, `Clock`).
 * @packageDocumentation
 */
export type * from './telephony-port';
export type * from './cti-host-port';
export type * from './crm-gateway';
export type * from './presence-port';
export type * from './call-history-port';
export type * from './sms-thread-request-port';
export type * from './sms-template-port';
export type { KeyValueStore } from './key-value-store';
export { MemoryKeyValueStore } from './key-value-store';
export type { Clock, TimerHandle } from './clock';
export { systemClock } from './clock';
