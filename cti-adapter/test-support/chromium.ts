import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * What Playwright's own launch adds for a clean headless run, without its three anti-throttling flags
 * (`--disable-background-timer-throttling`, `--disable-backgrounding-occluded-windows`,
 * `--disable-renderer-backgrounding`): headless, no scrollbars or sound, no default-browser check, extensions, sync,
 * crash reporter, hang monitor, popup blocker or repost prompt, a basic password store, a fixed colour profile and a
 * 1280 × 720 window (Playwright's default viewport).
 */
export const OWN_PROCESS_ARGS: readonly string[] = [
  '--headless',
  '--hide-scrollbars',
  '--mute-audio',
  '--no-default-browser-check',
  '--disable-extensions',
  '--disable-default-apps',
  '--disable-sync',
  '--disable-breakpad',
  '--disable-hang-monitor',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-client-side-phishing-detection',
  '--password-store=basic',
  '--use-mock-keychain',
  '--metrics-recording-only',
  '--force-color-profile=srgb',
  '--window-size=1280,720',
];

/** A Chromium process started by the test itself and driven over the DevTools protocol ({@link launchChromiumProcess}). */
export interface ChromiumProcess {
  readonly browser: Browser;
  /**
   * The browser's default context, its pages tabs of one window: opening a tab makes the active one hidden, as in a
   * desktop browser. Playwright applies no overrides to it (`noDefaults`): no focus emulation, no viewport.
   */
  readonly context: BrowserContext;
  /** The DevTools HTTP endpoint, `http://127.0.0.1:<port>` (`PUT /json/new?<url>` opens a tab). */
  readonly endpoint: string;
  /** Disconnects, ends the process (SIGTERM, SIGKILL after 5 s) and removes its profile folder. */
  close(): Promise<void>;
}

/**
 * Starts {@link CHROMIUM_EXECUTABLE} with {@link OWN_PROCESS_ARGS}, `args`, a fresh profile folder and a DevTools port
 * the system picks, and attaches with `chromium.connectOverCDP(endpoint, { noDefaults: true })`.
 *
 * Why: Playwright enables `Emulation.setFocusEmulationEnabled` on every page of the contexts it creates, which keeps
 * each page `visible` whatever else happens, and `chromium.launch` adds flags that turn background throttling off.
 * A test about hidden tabs needs neither: pages of the default context of a browser attached with `noDefaults` get
 * no focus emulation, so a tab opened after another hides it (Page Visibility, `document.visibilityState`).
 * @throws Error when Chromium exits or prints no DevTools endpoint within `timeoutMs` (default 30 000 ms).
 */
export async function launchChromiumProcess(
  args: readonly string[],
  options: { timeoutMs?: number } = {},
): Promise<ChromiumProcess> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'rcsf-chromium-'));
  const child = spawn(
    CHROMIUM_EXECUTABLE,
    [...OWN_PROCESS_ARGS, ...args, `--user-data-dir=${userDataDir}`, '--remote-debugging-port=0', 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const removeProfile = (): void => rmSync(userDataDir, { recursive: true, force: true });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    removeProfile();
  };
  let stderr = '';
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Chromium printed no DevTools endpoint: ${stderr.slice(-600)}`)),
        options.timeoutMs ?? 30_000,
      );
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-4_000);
        const found = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(stderr);
        if (found) {
          clearTimeout(timer);
          resolve(Number(found[1]));
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Chromium exited (${code ?? signal}) before it listened: ${stderr.slice(-600)}`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    const endpoint = `http://127.0.0.1:${port}`;
    const browser = await chromium.connectOverCDP(endpoint, { noDefaults: true });
    const context = browser.contexts()[0];
    if (!context) throw new Error('Chromium has no default context');
    return {
      browser,
      context,
      endpoint,
      close: async () => {
        await browser.close().catch(() => undefined);
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
