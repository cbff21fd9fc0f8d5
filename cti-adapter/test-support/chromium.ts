import { chromium, type Browser, type BrowserContext, type LaunchOptions, type Page } from 'playwright-core';

/**
 * Shared Chromium launch settings for the browser end-to-end tests (`*.e2e.test.ts`).
 *
 * Source of the facts: ADR 0003 (docs/adr/0003-offline-verification-toolchain.md): Debian's `/usr/bin/chromium` driven by
 * `playwright-core` (no browser download is possible), and the flags that work as root, headless and offline.
 */

/** Debian's Chromium package; Playwright cannot download its own browser here. */
export const CHROMIUM_EXECUTABLE = '/usr/bin/chromium';

/**
 * Flags for root, headless, offline runs with fake media: no sandbox / GPU / background networking / component
 * updates / first-run UI, `/tmp` instead of `/dev/shm`, Chromium's fake microphone and camera with permission
 * prompts auto-accepted, WebRTC between pages on loopback, and autoplay (ringtones) without a user gesture.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

/** What the browser should trust beyond the public roots. */
export interface ChromiumTrustOptions {
  /**
   * Base64 SHA-256 of the simulator certificate's SubjectPublicKeyInfo (`RcPlatformHandle.certificate.spkiSha256Base64`):
   * trusted through `--ignore-certificate-errors-spki-list`, followed by the broad `--ignore-certificate-errors`
   * (both, in this order, as the simulator e2e tests passed them before this module).
   */
  trustedSpki?: string;
}

/** The argument list: {@link CHROMIUM_ARGS} plus the certificate flags for `trustedSpki` when given. */
export function chromiumArgs(options: ChromiumTrustOptions = {}): string[] {
  const trust = options.trustedSpki
    ? [`--ignore-certificate-errors-spki-list=${options.trustedSpki}`, '--ignore-certificate-errors']
    : [];
  return [...CHROMIUM_ARGS, ...trust];
}

/** Playwright launch options: {@link CHROMIUM_EXECUTABLE} with {@link chromiumArgs}. */
export function chromiumLaunchOptions(options: ChromiumTrustOptions = {}): LaunchOptions {
  return { executablePath: CHROMIUM_EXECUTABLE, args: chromiumArgs(options) };
}

/** Launches headless Chromium with {@link chromiumLaunchOptions}; rejects as `chromium.launch` does. */
export function launchChromium(options: ChromiumTrustOptions = {}): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions(options));
}

/**
 * Opens `url` in a page of a new browser context that accepts self-signed HTTPS certificates (`ignoreHTTPSErrors`),
 * after adding the context to `contexts` (the caller closes them after each test). Rejects as `page.goto` does.
 */
export async function openPageInNewContext(browser: Browser, url: string, contexts: BrowserContext[]): Promise<Page> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}
