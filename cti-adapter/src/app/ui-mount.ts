/**
 * Mounts the UI from its chunk (`softphone-ui.ts`, the chunk `softphone-ui.js`; ADR 0018 amendment "bundle downloaded → running").
 * The chunk is preloaded by the page, so it is normally there when the UI mounts; when it cannot be loaded (a network
 * outage, a static resource the browser could not fetch) the agent reads why in the softphone's panel — the
 * `Could_not_load_part` label, the page's own text without the style sheet or the UI — and the load is retried after
 * 2 s, doubling up to 5 minutes, and at once when the browser is back online; the first load that succeeds removes the
 * message and mounts the UI once. The telephony never waits for it: calls ring, pop and are logged meanwhile (the
 * engine's state is kept by the controller, which the UI reads when it mounts).
 */
import { formatLabel, labels } from '../ui/labels';
import type { SoftphoneController } from '../ui/softphone-controller';

/** What the UI chunk exports (`softphone-ui.ts`). */
export interface UiModule {
  mountApp(root: Element, controller: SoftphoneController): Element;
}

/** The first retry's delay after a failed load (ms); each next one doubles, up to {@link UI_RETRY_MAX_MS}. */
export const UI_RETRY_FIRST_MS = 2000;
/** The longest delay between two loads of the UI chunk (ms). */
export const UI_RETRY_MAX_MS = 5 * 60 * 1000;

/** Name of the part in the `Could_not_load_part` text ("… could not load part of its screen (softphone: …)"). */
const PART = 'softphone';

export interface MountUiOptions {
  /** Where the UI goes (`#softphone-root`). */
  readonly root: Element;
  readonly controller: SoftphoneController;
  /** Loads the UI chunk; default in `main.ts`: the dynamic import of `softphone-ui.ts`. */
  readonly load: () => Promise<UiModule>;
  /** Timers and the `online` event; default the page's (tests pass their own). */
  readonly setTimer?: (run: () => void, ms: number) => unknown;
  readonly clearTimer?: (timer: unknown) => void;
  readonly window?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
}

/**
 * Loads the UI chunk and mounts the UI into `root`, once. Resolves with the mounted element when it is mounted (after
 * as many retries as it takes); never rejects. A failed load writes one `role="alert"` paragraph into `root` (its text
 * updated at each failure, removed when the UI mounts).
 */
export function mountUi(options: MountUiOptions): Promise<Element> {
  const { root, controller, load } = options;
  const setTimer = options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer: unknown) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  const win = options.window ?? (typeof window === 'undefined' ? null : window);
  let alert: HTMLElement | null = null;
  let delay = UI_RETRY_FIRST_MS;
  let timer: unknown = null;
  let loading = false;
  return new Promise<Element>((resolve) => {
    const onOnline = (): void => {
      if (timer === null) return;
      clearTimer(timer);
      timer = null;
      attempt();
    };
    const attempt = (): void => {
      if (loading) return;
      loading = true;
      load().then(
        (ui) => {
          loading = false;
          win?.removeEventListener('online', onOnline);
          alert?.remove();
          alert = null;
          resolve(ui.mountApp(root, controller));
        },
        (error: unknown) => {
          loading = false;
          const text = formatLabel(
            labels.Could_not_load_part,
            PART,
            error instanceof Error ? error.message : String(error),
          );
          if (!alert) {
            alert = root.ownerDocument.createElement('p');
            alert.setAttribute('role', 'alert');
            // SLDS's utility classes: the page's style sheet has loaded by the time the UI mounts (`main.ts`).
            alert.className = 'softphone-load-failure slds-p-around_medium slds-text-color_error slds-hyphenate';
            root.appendChild(alert);
          }
          alert.textContent = text;
          console.warn(text);
          timer = setTimer(() => {
            timer = null;
            attempt();
          }, delay);
          delay = Math.min(delay * 2, UI_RETRY_MAX_MS);
        },
      );
    };
    win?.addEventListener('online', onOnline);
    attempt();
  });
}
