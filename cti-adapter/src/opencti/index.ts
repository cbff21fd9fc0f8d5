export * from './open-cti-api';
export * from './open-cti-error';
export * from './open-cti-bridge';
export * from './open-cti-host';
export * from './utility-item';
export * from './sms-thread-requests';
