export * from './visualforce-remoting';
export * from './remote-action-names';
export * from './remoting-crm-gateway';
