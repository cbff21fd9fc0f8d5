import { linkSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error the build scripts are plain ES modules without declarations
import { writeCacheFile } from '../cache-file.mjs';

describe('writeCacheFile (build outputs under node_modules/.cache)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cache-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces the file without touching a hard-linked copy of it (worktrees sharing one node_modules)', () => {
    const mine = join(dir, 'mine.json');
    const other = join(dir, 'other.json');
    writeFileSync(mine, 'old');
    linkSync(mine, other);
    (writeCacheFile as (file: string, text: string) => void)(mine, 'new');
    expect(readFileSync(mine, 'utf8')).toBe('new');
    expect(readFileSync(other, 'utf8')).toBe('old');
  });
});
