import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

// ADR 0001: the core imports only plain TypeScript, libphonenumber-js and (for SMS segments, ADR 0019)
// sms-segments-calculator — no Open CTI, DOM, RingCentral or Visualforce. This test reads every non-test source file
// of the core and checks its imports and globals.

const CORE = resolve(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__tests__' ? [] : sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(text: string): string[] {
  return [...text.matchAll(/(?:import|export)[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => (m[1] ?? m[2]) as string,
  );
}

describe('core boundaries (ADR 0001)', () => {
  const files = sources(CORE);

  it('finds the core sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('imports only relative modules inside the core, libphonenumber-js and sms-segments-calculator', () => {
    const offending: string[] = [];
    for (const file of files) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const inside = spec.startsWith('.') && !relative(CORE, resolve(file, '..', spec)).startsWith('..');
        if (!inside && !/^(libphonenumber-js(\/(min|core|metadata\.min\.json))?|sms-segments-calculator)$/.test(spec)) {
          offending.push(`${relative(CORE, file)} → ${spec}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it('uses no browser or host globals', () => {
    const offending: string[] = [];
    for (const file of files) {
      // Code only: comments and string literals (user-facing help text may name Visualforce) are blanked out.
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
        .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
      for (const global of ['window', 'document', 'localStorage', 'sforce', 'Visualforce', 'navigator']) {
        if (new RegExp(`\\b${global}\\b`).test(code)) offending.push(`${relative(CORE, file)} uses ${global}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
