import { renameSync, writeFileSync } from 'node:fs';

/**
 * Writes a file under `node_modules/.cache` as a new file (write beside it, then rename), never in place. A
 * `node_modules` copied with hard links (`cp -al`, as git worktrees of this repository share one install) shares
 * the old file's inode with every copy: writing in place would change every copy's cache at once.
 *
 * @param {string} file absolute path
 * @param {string} text UTF-8 content
 */
export function writeCacheFile(file, text) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}
