/**
 * The rows of a long list that are rendered: `[start, end)` of the loaded rows, oldest first (pure). A thread renders
 * at most {@link ThreadWindowOptions.max} messages whatever it holds (10,000 loaded messages are as fast to show as
 * 40): it opens on the newest `step`; scrolling to the top edge renders `step` older ones (dropping as many at the
 * bottom past `max`), scrolling back down to the bottom edge renders newer ones again. While the window ends at the
 * newest message it follows new messages.
 * @public
 */
export interface ThreadWindow {
  readonly start: number;
  readonly end: number;
}

/** @public */
export interface ThreadWindowOptions {
  /** Rows added per move (default 40). */
  readonly step?: number;
  /** Most rows rendered at once (default 120). */
  readonly max?: number;
}

const DEFAULT_STEP = 40;
const DEFAULT_MAX = 120;

/** The newest rows of `length`. @public */
export function newestWindow(length: number, options: ThreadWindowOptions = {}): ThreadWindow {
  const step = options.step ?? DEFAULT_STEP;
  return { start: Math.max(0, length - step), end: length };
}

/**
 * The window after the loaded rows changed from `previousLength` to `length`: `prepended` rows were added before the
 * first (an older page), the rest after the last (new messages). The same rows stay rendered; a window at the
 * newest row follows new ones (capped to `max`, dropping the oldest rendered).
 * @public
 */
export function followRows(
  window: ThreadWindow,
  previousLength: number,
  length: number,
  prepended: number,
  options: ThreadWindowOptions = {},
): ThreadWindow {
  const max = options.max ?? DEFAULT_MAX;
  const atNewest = window.end >= previousLength;
  const start = Math.min(length, window.start + prepended);
  let end = Math.min(length, window.end + prepended);
  if (atNewest) end = length;
  return { start: Math.max(start, end - max), end };
}

/**
 * The window after the agent reached an edge: `older` renders up to `step` rows before `start` (none when `start` is
 * 0: load an older page instead), `newer` up to `step` rows after `end`; past `max` rows, the far side is dropped.
 * @public
 */
export function moveWindow(
  window: ThreadWindow,
  length: number,
  edge: 'older' | 'newer',
  options: ThreadWindowOptions = {},
): ThreadWindow {
  const step = options.step ?? DEFAULT_STEP;
  const max = options.max ?? DEFAULT_MAX;
  if (edge === 'older') {
    const start = Math.max(0, window.start - step);
    return { start, end: Math.min(window.end, start + max) };
  }
  const end = Math.min(length, window.end + step);
  return { start: Math.max(window.start, end - max), end };
}
