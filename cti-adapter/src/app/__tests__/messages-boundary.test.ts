import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// ADR 0019: the first paint of the softphone does not carry the Messages tab. Everything of the feature is reached
// from `app/messages/messages-entry.ts`, and that module is reached only through ONE dynamic `import()` (in
// `app/messages-loader.ts`). This test follows the static imports from the bundle's entry (`app/main.ts`, and the
// components the LWC compiler resolves by name) and fails when one of them reaches the feature's folders.

const SRC = resolve(__dirname, '..', '..');
// The Messages tab's components are a lazy surface of their own (`ui/lazy-surfaces.ts`), out of the first paint too.
const FEATURE_DIRS = [
  'core/messaging',
  'ringcentral/messages',
  'app/messages',
  'ui/messages',
  'ui/softphone/messagesPanel',
  'ui/softphone/conversationList',
  'ui/softphone/messageThread',
  'ui/softphone/smsCompose',
  'ui/softphone/smsTemplates',
  'ui/softphone/smsNotePrompt',
].map((d) => join(SRC, d));
// The loader (its event buffer, the import of the feature, the thread requests) is lazy too (ADR 0026): the first
// paint holds only `app/messages-gate.ts`.
const FEATURE_FILES = ['app/messages-loader.ts'].map((f) => join(SRC, f));

function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'";]*?from\s*['"]([^'"]+)['"]/gm)].map(
    (m) => m[1] as string,
  );
  // Side-effect imports (`import './x'`).
  specs.push(...[...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] as string));
  return specs;
}

function resolveSpec(from: string, spec: string): string | null {
  if (spec.startsWith('.')) {
    const base = resolve(dirname(from), spec);
    for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    return null;
  }
  const component = /^(softphone|messages)\/(\w+)$/.exec(spec);
  if (component) return join(SRC, 'ui', component[1] as string, component[2] as string, `${component[2]}.ts`);
  return null;
}

function templateComponents(file: string): string[] {
  const html = file.replace(/\.ts$/, '.html');
  if (!existsSync(html)) return [];
  return [...readFileSync(html, 'utf8').matchAll(/<(softphone|messages)-([a-z-]+)/g)].map(
    (m) => `${m[1]}/${(m[2] as string).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}`,
  );
}

function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop() as string;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    for (const spec of [...staticImports(file), ...templateComponents(file)]) {
      const target = resolveSpec(file, spec);
      if (target) queue.push(target);
    }
  }
  return seen;
}

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__tests__' ? [] : sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

describe('the Messages feature is one lazy chunk (ADR 0019)', () => {
  it('is not reached by a static import from the first paint', () => {
    // The entry and the UI's chunk, which the entry imports dynamically but the first render needs (ADR 0018).
    const firstPaint = new Set([
      ...reachable(join(SRC, 'app', 'main.ts')),
      ...reachable(join(SRC, 'app', 'softphone-ui.ts')),
    ]);
    expect(firstPaint.size).toBeGreaterThan(50);
    const leaked = [...firstPaint].filter(
      (file) => FEATURE_DIRS.some((dir) => file.startsWith(dir + '/')) || FEATURE_FILES.includes(file),
    );
    expect(leaked.map((file) => relative(SRC, file))).toEqual([]);
  });

  it('is imported dynamically in one place only: the loader', () => {
    const all = sources(SRC);
    const dynamic = all.filter((file) =>
      /import\(\s*['"][^'"]*messages\/messages-entry['"]\s*\)/.test(readFileSync(file, 'utf8')),
    );
    expect(dynamic.map((file) => relative(SRC, file))).toEqual(['app/messages-loader.ts']);
  });
});

describe('the UI is a chunk of its own, evaluated when it mounts (ADR 0018, "bundle downloaded → running")', () => {
  it('is not reached by a static import from the entry: no component and no LWC before the engine starts', () => {
    const entry = reachable(join(SRC, 'app', 'main.ts'));
    expect(entry.size).toBeGreaterThan(50);
    const components = [...entry].filter((file) => file.startsWith(join(SRC, 'ui', 'softphone') + '/'));
    expect(components.map((file) => relative(SRC, file))).toEqual([]);
    const lwc = [...entry].filter((file) => /from\s*['"]lwc['"]/.test(readFileSync(file, 'utf8')));
    expect(lwc.map((file) => relative(SRC, file))).toEqual([]);
  });

  it('holds the root component and is imported dynamically in one place only: the entry, when the UI mounts', () => {
    expect([...reachable(join(SRC, 'app', 'softphone-ui.ts'))].map((file) => relative(SRC, file))).toContain(
      'ui/softphone/app/app.ts',
    );
    const dynamic = sources(SRC).filter((file) =>
      /import\(\s*['"]\.\/softphone-ui['"]\s*\)/.test(readFileSync(file, 'utf8')),
    );
    expect(dynamic.map((file) => relative(SRC, file))).toEqual(['app/main.ts']);
  });
});
