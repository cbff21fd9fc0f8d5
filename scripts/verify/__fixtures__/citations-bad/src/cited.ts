/**
 * Parses the P-rc header.
 * Source: `/work/shared/notes/ringcentral-platform.md`, "Inbound call".
 */
export const header = 'P-rc';
