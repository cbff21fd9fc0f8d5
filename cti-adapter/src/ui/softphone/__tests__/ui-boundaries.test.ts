import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

// ADR 0004 (data down, events up): only the app component talks to the SoftphoneController. This test reads the
// source and template of every other softphone component and checks that none imports the controller, declares a
// `controller` property, binds one in a template, or dispatches an event other than through `raise` (which makes
// every event a non-bubbling CustomEvent of the typed `SoftphoneEvents` vocabulary).
// The Messages tab (ADR 0019) follows the same rule one level down: its root, `messagesPanel`, is the only component
// that talks to the MessagesController (the lazily loaded Messages feature); its children get data and raise the
// typed `MessagesEvents` through `raiseMessages`.

const SOFTPHONE = resolve(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__tests__' ? [] : sources(path);
    return /\.(ts|html)$/.test(name) ? [path] : [];
  });
}

describe('softphone UI boundaries (ADR 0004)', () => {
  const files = sources(SOFTPHONE);
  const roots = ['app/', 'messagesPanel/'];
  const children = files.filter((file) => !roots.some((root) => relative(SOFTPHONE, file).startsWith(root)));

  it('finds the components', () => {
    expect(children.filter((file) => file.endsWith('.ts')).length).toBeGreaterThanOrEqual(9);
    expect(files.some((file) => relative(SOFTPHONE, file) === 'app/app.ts')).toBe(true);
  });

  it('lets only the app component import the controller', () => {
    const importing = files
      .filter((file) => /from\s+['"][^'"]*softphone-controller['"]/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SOFTPHONE, file));
    expect(importing).toEqual(['app/app.ts']);
  });

  it("lets only the Messages tab's root use the Messages feature's controller", () => {
    const using = files
      .filter((file) => /\bMessagesController\b/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SOFTPHONE, file));
    expect(using).toEqual(['messagesPanel/messagesPanel.ts']);
  });

  it('gives no child a controller property or binding', () => {
    const offending = children.filter((file) => /\bcontroller\b/i.test(readFileSync(file, 'utf8')));
    expect(offending.map((file) => relative(SOFTPHONE, file))).toEqual([]);
  });

  it('has children raise events only through `raise`', () => {
    const offending = files
      .filter((file) => !relative(SOFTPHONE, file).startsWith('app/'))
      .filter((file) => /dispatchEvent\(|new CustomEvent\(/.test(readFileSync(file, 'utf8')));
    expect(offending.map((file) => relative(SOFTPHONE, file))).toEqual([]);
  });
});
