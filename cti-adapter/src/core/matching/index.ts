export * from './screen-pop-decision';
export * from './screen-pop-policy';
export * from './log-association';
export * from './caller-id-name';
