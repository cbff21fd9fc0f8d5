/**
 * Command line of `npm run bench -- [options]` (pure; tested in `__tests__/bench-report.test.ts`).
 *
 *   --baseline <git-ref>   also measure <git-ref> (its own build and harness), alternating with the current code
 *   --rounds <n>           rounds of cold start / ring → pop / click-to-dial, product and floor in each, and of the
 *                          tab figures: take-overs (a close and a crash each), proxy outages, follower Answers (default 10)
 *   --heap-calls <n>       calls of the heap figure (default 500)
 *   --entries <n>          History / Unresolved entries and backlog logs (default 1000)
 *   --only <a,b,…>         only these figures (names as in the JSON: coldStart, ringToScreenPop, …)
 *   --quick                a short run while developing: 3 rounds, 60 heap calls, 2 startup samples
 *   --out <file>           also write the JSON report to <file> (stdout carries it too)
 *   --trace <dir>          also trace a few extra samples with Chromium's tracing (files in <dir>) and report where
 *                          the frame's main-thread time goes, phase by phase (`traces` in the JSON)
 *   --no-build             reuse the last run's builds (developing the bench only: sizes may be stale)
 */
import { FIGURE_NAMES } from './bench-report';

export type FigureName = (typeof FIGURE_NAMES)[number];

export interface BenchOptions {
  readonly baseline: string | null;
  readonly rounds: number;
  /** Samples of ring → pop and click-to-dial per round, for the product and for the floor. */
  readonly perRound: number;
  readonly heapCalls: number;
  readonly entries: number;
  readonly startupSamples: number;
  readonly only: ReadonlySet<FigureName> | null;
  readonly build: boolean;
  readonly out: string | null;
  readonly trace: string | null;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  baseline: null,
  rounds: 10,
  perRound: 2,
  heapCalls: 500,
  entries: 1000,
  startupSamples: 5,
  only: null,
  build: true,
  out: null,
  trace: null,
};

const QUICK: Partial<BenchOptions> = { rounds: 3, heapCalls: 60, startupSamples: 2 };

function positiveInteger(flag: string, raw: string | undefined): number {
  const n = Number(raw);
  if (raw === undefined || !Number.isInteger(n) || n < 1)
    throw new Error(`${flag} needs a whole number ≥ 1, got ${raw}`);
  return n;
}

/** Parses the arguments after `npm run bench --`. Throws with a usage message on anything unknown or malformed. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let options: BenchOptions = { ...DEFAULT_OPTIONS };
  const explicit: Partial<Record<keyof BenchOptions, unknown>> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--baseline': {
        const ref = value();
        if (!ref || ref.startsWith('--')) throw new Error('--baseline needs a git ref (a branch, tag or commit)');
        explicit.baseline = ref;
        break;
      }
      case '--rounds':
        explicit.rounds = positiveInteger(flag, value());
        break;
      case '--heap-calls':
        explicit.heapCalls = positiveInteger(flag, value());
        break;
      case '--entries':
        explicit.entries = positiveInteger(flag, value());
        break;
      case '--only': {
        const names = (value() ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const unknown = names.filter((n) => !(FIGURE_NAMES as readonly string[]).includes(n));
        if (names.length === 0 || unknown.length > 0)
          throw new Error(`--only takes figure names among ${FIGURE_NAMES.join(', ')}; unknown: ${unknown.join(', ')}`);
        explicit.only = new Set(names as FigureName[]);
        break;
      }
      case '--out': {
        const file = value();
        if (!file || file.startsWith('--')) throw new Error('--out needs a file name');
        explicit.out = file;
        break;
      }
      case '--trace': {
        const dir = value();
        if (!dir || dir.startsWith('--')) throw new Error('--trace needs a folder');
        explicit.trace = dir;
        break;
      }
      case '--no-build':
        explicit.build = false;
        break;
      case '--quick':
        options = { ...options, ...QUICK };
        break;
      default:
        throw new Error(
          `unknown option ${arg}. Usage: npm run bench -- [--baseline <git-ref>] [--rounds n] [--heap-calls n] [--entries n] [--only a,b] [--quick] [--out file] [--trace dir] [--no-build]`,
        );
    }
  }
  return { ...options, ...(explicit as Partial<BenchOptions>) };
}

/** Whether `figure` is measured in this run. */
export function wants(options: BenchOptions, figure: FigureName): boolean {
  return options.only === null || options.only.has(figure);
}
