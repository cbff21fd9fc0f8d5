/**
 * Performance marks of the softphone (read by `npm run bench` through `performance.getEntriesByType('mark')`).
 * Names: `softphone:bundle-start`, `softphone:mounted`, `softphone:click-to-dial-enabled`, `softphone:registered`,
 * `softphone:initialization-complete`, `softphone:ringing:<callId>`, `softphone:screen-pop:<callId>`,
 * `softphone:click-to-dial`, `softphone:dialing:<callId>`. Times are `performance.now()` ms since navigation start.
 * @public
 */
export function mark(name: string): void {
  try {
    globalThis.performance?.mark(name);
  } catch {
    // marks are diagnostics only
  }
}
