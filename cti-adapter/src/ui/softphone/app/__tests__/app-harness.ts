/** Shared mounting, states and helpers of the app component's tests (app.test.ts, app-events.test.ts). */
import { createElement } from 'lwc';
import App from '../app';
import {
  callView,
  endedCallView,
  fakeController,
  get,
  softphoneState,
} from '../../__tests__/support/softphone-fixtures';
import type { FakeController } from '../../__tests__/support/softphone-fixtures';
import type { SoftphoneState } from '../../../../core/engine/softphone-state';
import type { SoftphoneEventName, SoftphoneEvents } from '../../../softphone-events';
import { prefetchSurfaces } from '../../../lazy-surfaces';

export const HOSTILE = '<img src=x onerror=alert(1)>';

/**
 * Loads every lazy surface (ADR 0018) before the tests of a file mount the app, so it renders them at once, as it
 * does after its start-up prefetch. `app-lazy.test.ts` covers the app before they are loaded.
 */
export async function loadLazySurfaces(): Promise<void> {
  await prefetchSurfaces();
}

export function mount(state: SoftphoneState = softphoneState()): { element: HTMLElement; controller: FakeController } {
  const controller = fakeController(state);
  const element = createElement('softphone-app', { is: App });
  Object.assign(element, { controller });
  document.body.appendChild(element);
  return { element, controller };
}

export const RINGING = (): SoftphoneState => softphoneState({ calls: [callView()], activeCallId: 'call-1' });
export const CONNECTED = (overrides: Parameters<typeof callView>[0] = {}): SoftphoneState =>
  softphoneState({
    calls: [
      callView({
        displayName: 'Ann Lee',
        ...overrides,
        call: { state: 'connected', answeredAt: 1, ...overrides.call },
      }),
    ],
    activeCallId: 'call-1',
  });
export const ENDED = (overrides: Parameters<typeof callView>[0] = {}): SoftphoneState =>
  softphoneState({ calls: [endedCallView(overrides)] });
export const SIGNED_OUT = (): SoftphoneState =>
  softphoneState({ phase: 'unavailable', telephony: { state: 'unavailable', reason: 'logged-out' } });

/** Raises `type` on the child `selector` as that child does (on its host, not bubbling). */
export function raiseOn<K extends SoftphoneEventName>(
  element: HTMLElement,
  selector: string,
  type: K,
  detail: SoftphoneEvents[K],
): void {
  get(element, selector).dispatchEvent(new CustomEvent(type, { detail }));
}

export function tab(element: HTMLElement, id: string): HTMLAnchorElement {
  return get<HTMLAnchorElement>(element, `#softphone-tab-${id}`);
}

export function selectedTabs(element: HTMLElement): (string | undefined)[] {
  return [...element.querySelectorAll<HTMLElement>('[role="tab"][aria-selected="true"]')].map((t) => t.dataset.tab);
}
