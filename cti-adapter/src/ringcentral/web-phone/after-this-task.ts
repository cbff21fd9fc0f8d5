/**
 * Runs `work` in a task of its own, after the current one. A message the page hands to its WebSocket during a task
 * reaches the network only when that task ends (measured in Chromium: an INVITE sent by a task that went on for
 * 17 ms of rendering reached the SIP server after it), so what an outbound call needs only after its INVITE — the
 * new call's state and render, the lookup, the microphone track, the next warm offer — runs here, not in the INVITE's
 * task.
 * @public
 */
export function afterThisTask(work: () => void): void {
  setTimeout(work, 0);
}
