export * from './call-log';
export * from './call-log-form';
export * from './call-log-validation-error';
export * from './build-call-log';
