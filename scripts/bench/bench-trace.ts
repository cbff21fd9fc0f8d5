/**
 * Where the main thread's time goes in a window of a Chromium performance trace (`npm run bench -- --trace <dir>`):
 * pure functions over the trace's events (Trace Event Format, as `browser.stopTracing()` returns it), tested in
 * `__tests__/bench-report.test.ts`.
 *
 * A window is cut on the renderer main thread that set a mark (the softphone frame's); every top-level task overlapping
 * it is counted for the part inside the window and attributed to the first script it ran (`FunctionCall`,
 * `EvaluateScript`, `v8.compile`, … with a `url`), classified by {@link scriptClass}; a task with no script is style /
 * layout / paint when it did rendering work, else `other (<the Chromium source file that posted it>)` — e.g.
 * `url_loader` (a network response handed to the page), `local_dom_window` (a postMessage), `connector` (IPC). Rendering and GC times inside the window are also summed
 * on their own. In the harness the console and the frame share one renderer (same site), so the console's work shows
 * up in the softphone's window — which is the point.
 */

/** One event of the Trace Event Format (the fields used here). */
export interface TraceEvent {
  readonly name: string;
  readonly cat?: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  /** Thread (CPU) time of the event, µs, when the trace has it. */
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: Record<string, unknown>;
}

/** Time of the window by origin of the work, ms. */
export interface TraceWindowSummary {
  readonly windowMs: number;
  /** Main-thread task time inside the window (wall clock). */
  readonly busyMs: number;
  /**
   * CPU time of those tasks (thread time, prorated to the part inside the window). Much less than `busyMs` means the
   * thread was waiting to be scheduled: the machine was busy elsewhere.
   */
  readonly cpuMs: number;
  /** By script class (see {@link scriptClass}), plus `style, layout, paint` and `other` for tasks without script. */
  readonly byOrigin: Readonly<Record<string, number>>;
  /** Style, layout, paint and compositing work inside the window, whoever caused it. */
  readonly renderingMs: number;
  /** Garbage collection inside the window. */
  readonly gcMs: number;
}

const TOP_LEVEL = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
const SCRIPT_EVENTS = new Set([
  'FunctionCall',
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
]);
const RENDERING = new Set([
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'ParseHTML',
  'ParseAuthorStyleSheet',
]);
const GC = /(^MajorGC$|^MinorGC$|^V8\.GC|^BlinkGC\.|GCEvent$)/;

/** Which code a script URL belongs to: the softphone bundle, the floor page, the console stand-in, a library. */
export function scriptClass(url: string): string {
  if (/\/resource\/(\d+\/)?SoftphoneBundle\b/.test(url)) return 'softphone bundle';
  if (/BenchFloorBundle\b/.test(url)) return 'floor page bundle';
  if (/\/console\/(console-app|open-cti-host)\.js/.test(url)) return 'console stand-in';
  if (/opencti_min\.js/.test(url)) return 'Open CTI library';
  if (/visualforce-remoting\.js/.test(url)) return 'remoting library';
  if (url === '') return 'script (no url)';
  try {
    const u = new URL(url);
    return `script ${u.pathname}`;
  } catch {
    return `script ${url.slice(0, 60)}`;
  }
}

function urlOf(event: TraceEvent): string | null {
  const data = (event.args?.data ?? event.args?.beginData ?? event.args) as Record<string, unknown> | undefined;
  const url = data?.url ?? data?.fileName;
  return typeof url === 'string' ? url : null;
}

/** The `(pid, tid)` and timestamp (µs) of the first user-timing mark named `name`, or `null`. */
export function findMark(events: readonly TraceEvent[], name: string): { pid: number; tid: number; ts: number } | null {
  const mark = events.find((e) => e.name === name && (e.cat ?? '').includes('user_timing'));
  return mark ? { pid: mark.pid, tid: mark.tid, ts: mark.ts } : null;
}

/** Summarises the thread `(pid, tid)` between `fromTs` and `toTs` (µs, trace clock). */
export function summarizeWindow(
  events: readonly TraceEvent[],
  thread: { pid: number; tid: number },
  fromTs: number,
  toTs: number,
): TraceWindowSummary {
  const onThread = events.filter(
    (e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.dur !== undefined,
  );
  const inside = (e: TraceEvent): number => Math.max(0, Math.min(e.ts + e.dur!, toTs) - Math.max(e.ts, fromTs));
  const tasks = onThread.filter((e) => TOP_LEVEL.has(e.name) && inside(e) > 0);
  const byOrigin: Record<string, number> = {};
  let busy = 0;
  let cpu = 0;
  for (const task of tasks) {
    const end = task.ts + task.dur!;
    const nested = onThread.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= end);
    const script = nested.find((e) => SCRIPT_EVENTS.has(e.name) && urlOf(e) !== null);
    const poster = String((task.args as { src_file?: unknown } | undefined)?.src_file ?? '')
      .split('/')
      .pop()
      ?.replace(/\.cc$/, '');
    const origin = script
      ? scriptClass(urlOf(script)!)
      : nested.some((e) => RENDERING.has(e.name))
        ? 'style, layout, paint'
        : poster
          ? `other (${poster})`
          : 'other';
    const ms = inside(task) / 1000;
    byOrigin[origin] = (byOrigin[origin] ?? 0) + ms;
    busy += ms;
    cpu += task.tdur === undefined ? ms : (task.tdur / 1000) * (inside(task) / task.dur!);
  }
  const sum = (match: (e: TraceEvent) => boolean): number =>
    onThread.filter(match).reduce((total, e) => total + inside(e), 0) / 1000;
  const r = (n: number): number => Math.round(n * 100) / 100;
  return {
    windowMs: r((toTs - fromTs) / 1000),
    busyMs: r(busy),
    cpuMs: r(cpu),
    byOrigin: Object.fromEntries(
      Object.entries(byOrigin)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => [k, r(v)]),
    ),
    renderingMs: r(sum((e) => RENDERING.has(e.name))),
    gcMs: r(sum((e) => GC.test(e.name))),
  };
}
