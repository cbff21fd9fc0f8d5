/**
 * Parses the P-rc header.
 * Source: ringcentral-web-phone 2.5.4 (github.com/ringcentral/ringcentral-web-phone), inbound call handling;
 * Chromium runs from `/usr/bin/chromium`.
 */
export const header = 'P-rc';
