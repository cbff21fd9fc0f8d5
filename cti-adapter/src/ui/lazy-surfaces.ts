import type { LightningElement } from 'lwc';
import { formatLabel, labels } from './labels';

/** A component class, as `<lwc:component lwc:is={…}>` takes it. @public */
export type SurfaceConstructor = typeof LightningElement;

/**
 * The softphone's surfaces that the first paint does not need — ringing, answering and the screen pop never show
 * them — each imported on demand from a chunk of its own (ADR 0018): the Phone tab with no call ringing or live (`phoneIdle`: the
 * markup that shows the log form or the dialer), the log queue bar above it
 * ("2 calls to log", Next, Dialer, Log), the "call logged" toast, the dialer and its keypad, the transfer controls of a live call, the call-waiting card
 * (a second call during a call; prefetched long before one can ring), the list of the other calls on hold (likewise), the call log form,
 * the panels of the tabs but Phone (`tabPanels`: their markup; each panel's content is a surface of its own), the call history, the Unresolved list, the settings, the "web phone unavailable" help (ADR 0034), the do-not-call prompt (ADR 0031) and the Messages tab (whose feature — the
 * message store, the messaging service — is a chunk of its own, loaded by `app/messages-loader.ts`, ADR 0019). `npm run build` puts each `import()` below in a lazy chunk of
 * the `SoftphoneBundle` static resource; the app renders them with `<lwc:component lwc:is={…}>` once loaded and
 * prefetches them all after the start ({@link prefetchSurfaces}).
 */
const LOADERS = {
  phoneIdle: () => import('./softphone/phoneIdle/phoneIdle'),
  logQueue: () => import('./softphone/logQueue/logQueue'),
  dialer: () => import('./softphone/dialer/dialer'),
  callWaiting: () => import('./softphone/callWaiting/callWaiting'),
  heldCalls: () => import('./softphone/heldCalls/heldCalls'),
  keypad: () => import('./softphone/keypad/keypad'),
  transferPanel: () => import('./softphone/transferPanel/transferPanel'),
  callLogForm: () => import('./softphone/callLogForm/callLogForm'),
  savedToast: () => import('./softphone/savedToast/savedToast'),
  tabPanels: () => import('./softphone/tabPanels/tabPanels'),
  callHistory: () => import('./softphone/callHistory/callHistory'),
  unresolvedCalls: () => import('./softphone/unresolvedCalls/unresolvedCalls'),
  settingsPanel: () => import('./softphone/settingsPanel/settingsPanel'),
  messagesPanel: () => import('./softphone/messagesPanel/messagesPanel'),
  unavailable: () => import('./softphone/unavailable/unavailable'),
  dialPrompt: () => import('./softphone/dialPrompt/dialPrompt'),
} as const satisfies Record<string, () => Promise<{ default: SurfaceConstructor }>>;

/** @public */
export type LazySurface = keyof typeof LOADERS;

/** Every lazy surface, in the order {@link prefetchSurfaces} loads them (the Phone tab's first). @public */
export const LAZY_SURFACES = Object.keys(LOADERS) as readonly LazySurface[];

const loaded = new Map<LazySurface, SurfaceConstructor>();
const loading = new Map<LazySurface, Promise<SurfaceConstructor>>();

/** The surface's component class if its chunk is already loaded (render it now), else `null`. @public */
export function loadedSurface(name: LazySurface): SurfaceConstructor | null {
  return loaded.get(name) ?? null;
}

/**
 * Loads the surface's chunk (once: later calls share the first promise). A failed load (the chunk could not be
 * fetched) is forgotten, so the next call tries again; it rejects with an `Error` naming the surface.
 * @public
 */
export function loadSurface(name: LazySurface): Promise<SurfaceConstructor> {
  const ready = loaded.get(name);
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(name);
  if (!pending) {
    pending = LOADERS[name]().then(
      (module) => {
        loaded.set(name, module.default);
        loading.delete(name);
        return module.default;
      },
      (error: unknown) => {
        loading.delete(name);
        throw new Error(
          formatLabel(labels.Could_not_load_part, name, error instanceof Error ? error.message : String(error)),
        );
      },
    );
    loading.set(name, pending);
  }
  return pending;
}

/**
 * Loads every lazy surface, one after the other (never competing with itself for the network or the main thread);
 * resolves with those that loaded, by name. Never rejects.
 * @public
 */
export async function prefetchSurfaces(): Promise<Partial<Record<LazySurface, SurfaceConstructor>>> {
  const all: Partial<Record<LazySurface, SurfaceConstructor>> = {};
  for (const name of LAZY_SURFACES) {
    try {
      all[name] = await loadSurface(name);
    } catch {
      // shown when the surface is needed (loadSurface again)
    }
  }
  return all;
}

/** The surfaces loaded so far, by name. @public */
export function loadedSurfaces(): Partial<Record<LazySurface, SurfaceConstructor>> {
  return Object.fromEntries(loaded) as Partial<Record<LazySurface, SurfaceConstructor>>;
}
