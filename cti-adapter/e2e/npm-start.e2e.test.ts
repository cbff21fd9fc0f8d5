import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';
import { AGENT, OAUTH_CALLBACK_PATH, REPO_ROOT, chromiumArgs, signIn, softphoneFrame } from './support/softphone-world';

/**
 * `npm start` as a developer runs it: the real command (build if stale, simulator, org, console), ephemeral ports
 * through the environment, its stdout read for the one URL, the console opened in headless Chromium, the softphone
 * signed in through the simulator's PKCE authorize page as the seeded agent, then the process stopped (SIGTERM).
 */
jest.setTimeout(240_000);

interface Started {
  child: ChildProcess;
  stdout: string;
  url: string;
  spki: string;
}

function startNpm(): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start'], {
      cwd: REPO_ROOT,
      detached: true, // own process group: npm → sh → tsx → node are stopped together
      env: {
        ...process.env,
        HARNESS_CONSOLE_PORT: '0',
        HARNESS_ADAPTER_PORT: '0',
        HARNESS_SITE_PORT: '0',
        RC_SIM_HTTPS_PORT: '0',
        RC_SIM_CONTROL_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => fail(new Error('npm start printed no URL within 180 s')), 180_000);
    function fail(error: Error): void {
      clearTimeout(timer);
      stopGroup(child);
      reject(new Error(`${error.message}\nstdout:\n${stdout}\nstderr:\n${stderr.slice(-2000)}`));
    }
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /Open (http:\/\/\S+)/.exec(stdout)?.[1];
      const spki = /--ignore-certificate-errors-spki-list=(\S+)/.exec(stdout)?.[1];
      if (url && spki && stdout.includes('Ctrl+C stops everything.')) {
        clearTimeout(timer);
        resolve({ child, stdout, url, spki });
      }
    });
    child.once('exit', (code) => fail(new Error(`npm start exited with ${String(code)}`)));
  });
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Resolves true when the process exits (by itself or by a signal) within `ms`, false otherwise. */
function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

describe('npm start', () => {
  let started: Started | null = null;
  let browser: Browser | null = null;

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (started) {
      started.child.removeAllListeners('exit');
      stopGroup(started.child);
      if (!(await waitForExit(started.child, 10_000))) stopGroup(started.child, 'SIGKILL');
    }
  });

  it('prints one URL; the console opens with the softphone, which signs in as Alex Agent; Ctrl+C stops it', async () => {
    started = await startNpm();
    const urls = started.stdout.match(/https?:\/\/\S+/g) ?? [];
    expect(urls).toEqual([started.url]);
    expect(started.url).toMatch(/^http:\/\/localhost:\d+\/lightning\/page\/home$/);
    expect(started.stdout).toContain(AGENT.email);

    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: chromiumArgs(started.spki),
    });
    const context = await browser.newContext({ permissions: ['microphone'] });
    const page = await context.newPage();
    await page.goto(started.url);
    await page.waitForSelector('[data-testid="home"]');
    // The customer phone is one click away from the home page.
    expect(await page.locator('[data-testid="customer-phone-link"]').count()).toBeGreaterThan(0);

    const frame = await softphoneFrame(page);
    await frame.waitForSelector('.softphone-login, .softphone[data-phase="ready"]', { timeout: 30_000 });
    expect(await frame.locator('.softphone-login').count()).toBe(1); // fresh browser: not signed in yet
    // PKCE popup → the simulator's authorize page → the package's callback page on the adapter origin → "Ready".
    const visited = await signIn(context, page);
    expect(visited.map((url) => new URL(url).pathname)).toContain(OAUTH_CALLBACK_PATH);
    expect(await frame.getAttribute('.softphone', 'data-phase')).toBe('ready');

    const child = started.child;
    child.removeAllListeners('exit');
    stopGroup(child);
    expect(await waitForExit(child, 15_000)).toBe(true);
  });
});
