export * from './call-log-outbox';
export * from './call-draft';
export * from './call-draft-store';
