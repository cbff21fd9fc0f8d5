/**
 * Performance marks of the softphone (read by `npm run bench` through `performance.getEntriesByType('mark')`).
 * Names: `softphone:bundle-start`, `softphone:mounted`, `softphone:click-to-dial-enabled`, `softphone:registered`,
 * `softphone:initialization-complete`, `softphone:ringing:<callId>`, `softphone:screen-pop:<callId>`,
 * `softphone:click-to-dial`, `softphone:dialing:<callId>`, `softphone:offer-ready` (an outbound offer is pre-gathered), `softphone:sms-thread-request` (detail: the request). Times are `performance.now()` ms since navigation start.
 * @public
 */
export function mark(name: string): void {
  try {
    globalThis.performance?.mark(name);
  } catch {
    // marks are diagnostics only
  }
}

/** A mark with a detail (structured-clonable), for marks a test reads the payload of. @public */
export function markWithDetail(name: string, detail: unknown): void {
  try {
    globalThis.performance?.mark(name, { detail });
  } catch {
    // marks are diagnostics only
  }
}
