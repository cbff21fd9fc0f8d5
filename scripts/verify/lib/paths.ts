import path from 'node:path';
import { readdirSync, statSync } from 'node:fs';

/** Absolute path of the repository root (this file is `scripts/verify/lib/paths.ts`). */
export const projectRoot = path.resolve(__dirname, '..', '..', '..');

/** `node_modules/.bin/<tool>` of the project, so checks never depend on globally installed tools. */
export function bin(tool: string): string {
  return path.join(projectRoot, 'node_modules', '.bin', tool);
}

/** Lists every file under `dir` (recursively), as absolute paths, skipping `node_modules` and dot folders. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

/** Path relative to `root`, with forward slashes. */
export function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
