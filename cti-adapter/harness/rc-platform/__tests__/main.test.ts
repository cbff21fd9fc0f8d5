import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

describe('npm run sim (main.ts)', () => {
  it('starts on a fresh process, prints URLs, SPKI hash and seeded credentials, serves the control API, stops on SIGINT', async () => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'cti-adapter/harness/rc-platform/main.ts')],
      {
        cwd: ROOT,
        env: { ...process.env, RC_SIM_HTTPS_PORT: '0', RC_SIM_CONTROL_PORT: '0', RC_SIM_QUIET: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner; output so far:\n${out}`)), 20_000);
        child.stdout.on('data', () => {
          if (out.includes('Press Ctrl+C')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', () => reject(new Error(`exited early:\n${out}`)));
      });
      expect(out).toMatch(/SDK server\s+https:\/\/127\.0\.0\.1:\d+/);
      expect(out).toMatch(/SIP outbound proxy\s+127\.0\.0\.1:\d+\/sip/);
      expect(out).toMatch(/Certificate SPKI sha256 \(base64\): [A-Za-z0-9+/]{43}=/);
      expect(out).toContain('alex@example.test / Softphone!101');
      expect(out).toContain('softphone-jwt / local-jwt-secret');
      expect(out).toContain('+16505550199   WIRELESS CALLER');
      const control = /Control API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const state = await (await fetch(`${control}/state`)).json();
      expect(state).toMatchObject({ activeCalls: 0 });
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(out).toContain('SIGINT: stopping the simulator');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
