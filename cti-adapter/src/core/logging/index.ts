export * from './call-log-outbox';
export * from './call-draft';
export * from './call-draft-store';
export * from './auto-log-countdown';
export * from './conflict-queue';
