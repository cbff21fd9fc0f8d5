import CallLogForm from '../../callLogForm/callLogForm';
import ActiveCall from '../../activeCall/activeCall';
import IncomingCall from '../../incomingCall/incomingCall';
import { flush, softphoneState } from '../../__tests__/support/softphone-fixtures';
import { CONNECTED, ENDED, RINGING, loadLazySurfaces, mount } from './app-harness';

// A component the app removes must never render again. LWC's legacy "detached rehydration" re-rendered a child that
// was dirty in the same flush in which its parent removed it; that render subscribed the removed child again to the
// long-lived objects it reads (the settings of every state), which kept it — its DOM nodes and event listeners — for
// the whole session: +65 DOM nodes and +8 listeners per call in `npm run bench`'s heap figure. The app turns that
// behaviour off (`DISABLE_DETACHED_REHYDRATION`); these tests count the renders of removed components.

interface Lifecycle {
  render(): unknown;
  disconnectedCallback?(): void;
}

/**
 * Counts, over the given component classes, the removals and the renders that happen after the component left the
 * page (`render()`: LWC calls it for every render of a component, detached or not).
 */
function countRendersWhileRemoved(...classes: { prototype: unknown }[]): {
  renderedWhileRemoved: number;
  removed: number;
} {
  const counts = { renderedWhileRemoved: 0, removed: 0 };
  for (const cls of classes) {
    const proto = cls.prototype as Lifecycle;
    const render = proto.render;
    const disconnected = proto.disconnectedCallback;
    proto.render = function (this: Lifecycle & { isConnected: boolean }) {
      if (!this.isConnected) counts.renderedWhileRemoved += 1;
      return render.call(this);
    };
    proto.disconnectedCallback = function (this: Lifecycle) {
      counts.removed += 1;
      disconnected?.call(this);
    };
  }
  return counts;
}

// Patched before any instance exists: LWC reads the lifecycle hooks when it first defines the component.
const counts = countRendersWhileRemoved(CallLogForm, IncomingCall, ActiveCall);

beforeAll(loadLazySurfaces);

describe('softphone-app: removed children stay removed (no per-call retention)', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  // The race of the bench's calls: a state hands the child new properties (the app renders in one microtask, the child
  // is due in the next), and from a microtask between the two the engine publishes the state without the call — as the
  // outbox's "sent" and the save's answer do when a log is saved.
  it.each([
    ['the log form', ENDED, '[data-component="softphone-call-log-form"]'],
    ['the incoming card', RINGING, 'softphone-incoming-call'],
    ['the active call', CONNECTED, 'softphone-active-call'],
  ] as const)(
    '%s, handed new properties just before its call goes, is not rendered after it left',
    async (_n, state, selector) => {
      const before = { ...counts };
      const { element, controller } = mount(state());
      await flush();
      for (let call = 0; call < 5; call += 1) {
        controller.publish(state());
        await flush();
        controller.publish(state()); // the app renders in the next microtask; the child is due after it …
        queueMicrotask(() => controller.publish(softphoneState())); // … and the call goes in between
        await flush();
        expect(element.querySelector(selector)).toBeNull();
      }
      expect(counts.removed - before.removed).toBe(5);
      expect(counts.renderedWhileRemoved - before.renderedWhileRemoved).toBe(0);
    },
  );
});
