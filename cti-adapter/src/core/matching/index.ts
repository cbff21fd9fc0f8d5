export * from './screen-pop-decision';
export * from './screen-pop-policy';
export * from './log-association';
