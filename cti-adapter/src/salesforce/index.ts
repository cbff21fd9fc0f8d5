export * from './visualforce-remoting';
export * from './remote-action-names';
export * from './remoting-crm-gateway';
export * from './remote-action-caller';
export * from './remoting-token-broker';
export * from './package-namespace';
export * from './remoting-sms-template-gateway';
