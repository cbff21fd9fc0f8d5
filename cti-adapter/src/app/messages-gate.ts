import type { MessagesAccess, SmsRecordContext } from '../ui/messages-controller';
import type { MessagesLoader, MessagesLoaderOptions, MessagesSession } from './messages-loader';
import { formatLabel, labels } from '../ui/labels';

/** Options of {@link messagesGate}: the loader's, and how its chunk is imported (tests). @public */
export interface MessagesGateOptions extends MessagesLoaderOptions {
  /** Loads the loader's chunk (default: the one dynamic `import()` of `./messages-loader`). */
  readonly importLoader?: () => Promise<{ MessagesLoader: typeof MessagesLoader }>;
}

/** What the page holds of the Messages tab in its first paint (see {@link messagesGate}). @public */
export interface MessagesGate {
  /** The loader, its chunk imported once (again after a failure); rejects with an `Error` to show. */
  ready(): Promise<MessagesLoader>;
  /** The signed-in session (`null` at sign-out), handed to the loader — at once when its chunk is loaded. */
  attach(session: MessagesSession | null): void;
  /** Loads the Messages chunk when the page is idle, so the badge shows without a click. Never rejects. */
  prefetch(): void;
  /** {@link MessagesLoader.openThread} (a record's Send SMS) once the loader is loaded. */
  openThread(number: string, context?: SmsRecordContext | null): Promise<string>;
  /** What the softphone UI gets: the loader's feature on first use, and the requests to show the tab. */
  readonly access: MessagesAccess;
}

/** The error shown when a chunk of the Messages tab cannot load (the import's own error in brackets). @public */
export function messagesLoadError(error: unknown): Error {
  return new Error(
    formatLabel(labels.Could_not_load_part, 'messages', error instanceof Error ? error.message : String(error)),
  );
}

/**
 * The first-paint side of the Messages tab (ADR 0019, ADR 0026) — all the first paint holds of it. The
 * {@link MessagesLoader}, which keeps the subscription's message events until the Messages chunk runs, loads that chunk
 * and opens threads, is a lazy chunk of its own: imported when the RingCentral extras start (the connection awaits
 * `ready()` before the subscription exists, so the loader listens before any message event), when the agent opens the
 * Messages tab, or when a record's Send SMS asks for a thread. The badge needs none of it until a message arrives: the
 * unread count comes from the Messages chunk (`onUnread`). Closures, not a class: what the first paint carries
 * minifies to a few hundred bytes.
 * @public
 */
export function messagesGate(options: MessagesGateOptions): MessagesGate {
  let loading: Promise<MessagesLoader> | null = null;
  let loader: MessagesLoader | null = null;
  let session: MessagesSession | null = null;
  const shows = new Set<() => void>();
  const ready = (): Promise<MessagesLoader> =>
    (loading ??= (options.importLoader ?? (() => import('./messages-loader')))().then(
      (chunk) => {
        loader = new chunk.MessagesLoader(options);
        loader.access().onShow(() => shows.forEach((show) => show()));
        if (session) loader.attach(session);
        return loader;
      },
      (error: unknown) => {
        loading = null;
        throw messagesLoadError(error);
      },
    ));
  return {
    ready,
    attach(next) {
      session = next;
      if (loader) loader.attach(next);
      else if (next) ready().catch(() => undefined);
    },
    prefetch: () =>
      void ready().then(
        (l) => l.prefetch(),
        () => undefined,
      ),
    openThread: (number, context = null) => ready().then((l) => l.openThread(number, context)),
    access: {
      load: () => ready().then((l) => l.access().load()),
      onShow: (listener) => {
        shows.add(listener);
        return () => shows.delete(listener);
      },
    },
  };
}
