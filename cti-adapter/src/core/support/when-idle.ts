/**
 * Resolves when the page is idle (`requestIdleCallback`, at the latest after `timeoutMs`), or in the next task where
 * there is no such callback (Node, tests): for work that can wait until what is urgent — ringing, the screen pop, the
 * start of the web phone — is done. Never rejects.
 * @public
 */
export function whenIdle(timeoutMs = 2000): Promise<void> {
  const idle = (globalThis as { requestIdleCallback?: (callback: () => void, options: { timeout: number }) => number })
    .requestIdleCallback;
  return new Promise<void>((resolve) => {
    if (idle) idle(() => resolve(), { timeout: timeoutMs });
    else setTimeout(resolve, 0);
  });
}
