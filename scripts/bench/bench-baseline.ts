/**
 * `npm run bench -- --baseline <git-ref>`: the baseline in a temporary git worktree (detached at the ref's commit),
 * with this worktree's `node_modules` linked in, its bundle built by ITS OWN build script; the bench then starts ITS
 * OWN harness (`cti-adapter/harness/start-harness.ts` of that worktree) next to the current one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface Baseline {
  readonly ref: string;
  readonly commit: string;
  readonly root: string;
  /** The baseline's bundle as its build wrote it: size and gzip size (level 9, as the build measures). */
  readonly bundle: { readonly bytes: number; readonly gzipBytes: number };
  remove(): void;
}

function git(cwd: string, args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim() || result.stdout.trim()}`);
  return result.stdout.trim();
}

/** The commit `HEAD` of `root` points at. */
export function headCommit(root: string): string {
  try {
    return git(root, ['rev-parse', 'HEAD']);
  } catch {
    return 'unknown';
  }
}

/**
 * The first-paint size of a baseline's build: what its `--json` output reports (`bytes`, `gzipBytes`: the first-paint
 * chunk since the bundle is split, ADR 0018), else — a build that printed no JSON — its single-file bundle.
 */
function firstPaintOf(root: string, buildOutput: string): { bytes: number; gzipBytes: number } {
  try {
    const report = JSON.parse(buildOutput.slice(buildOutput.indexOf('{'))) as { bytes?: unknown; gzipBytes?: unknown };
    if (typeof report.bytes === 'number' && typeof report.gzipBytes === 'number')
      return { bytes: report.bytes, gzipBytes: report.gzipBytes };
  } catch {
    // not JSON: read the bundle file
  }
  const bundleFile = join(root, 'force-app/main/default/staticresources/SoftphoneBundle.js');
  if (!existsSync(bundleFile)) throw new Error(`the baseline's build wrote no ${bundleFile}`);
  const code = readFileSync(bundleFile);
  return { bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

/**
 * Creates the worktree and builds the baseline's bundle. Throws (after cleaning up) when either fails. The build's
 * imports manifest lives in `node_modules/.cache`, which the baseline shares through the link: the current one is
 * put back after the baseline's build.
 */
export async function prepareBaseline(
  repoRoot: string,
  ref: string,
  progress: (line: string) => void,
): Promise<Baseline> {
  const { IMPORTS_MANIFEST } = (await import(
    pathToFileURL(join(repoRoot, 'scripts/build/build-softphone.mjs')).href
  )) as {
    IMPORTS_MANIFEST?: string;
  };
  const commit = git(repoRoot, ['rev-parse', '--verify', `${ref}^{commit}`]);
  const root = mkdtempSync(join(tmpdir(), 'softphone-bench-baseline-'));
  rmSync(root, { recursive: true, force: true });
  git(repoRoot, ['worktree', 'add', '--detach', root, commit]);
  const remove = (): void => {
    try {
      git(repoRoot, ['worktree', 'remove', '--force', root]);
    } catch {
      rmSync(root, { recursive: true, force: true });
      spawnSync('git', ['worktree', 'prune'], { cwd: repoRoot });
    }
  };
  try {
    symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
    const script = join(root, 'scripts/build/build-softphone.mjs');
    if (!existsSync(script)) throw new Error(`${ref} has no scripts/build/build-softphone.mjs`);
    progress(`building the baseline ${ref} (${commit.slice(0, 10)}) with its own build script`);
    const manifest = IMPORTS_MANIFEST && existsSync(IMPORTS_MANIFEST) ? readFileSync(IMPORTS_MANIFEST) : null;
    const build = spawnSync(process.execPath, [script, '--json'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (IMPORTS_MANIFEST && manifest) writeFileSync(IMPORTS_MANIFEST, manifest);
    if (build.status !== 0) throw new Error(`the baseline's build failed: ${build.stderr || build.stdout}`);
    return { ref, commit, root, bundle: firstPaintOf(root, build.stdout), remove };
  } catch (error) {
    remove();
    throw error;
  }
}
