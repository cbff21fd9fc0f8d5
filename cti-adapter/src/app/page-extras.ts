/**
 * What the adapter page starts once it is idle after its start, from a lazy chunk of its own (ADR 0018: the first-paint
 * chunk carries only what ringing, answering and the screen pop need):
 * - desktop notifications of incoming calls while the agent is on another browser tab (when the browser allows them);
 * - the route of Send SMS requests (the record component's Lightning message channel, received through Open CTI
 *   `subscribe`) to the Messages tab's thread. A request published before this runs — within the page's first second —
 *   is not received: the agent clicks again;
 * - do-not-call (ADR 0031): the check of outbound calls, a lazy chunk of its own installed once the settings say
 *   `dncCallMode` is not `off` ({@link followDoNotCall}). Nothing of it is in the first paint.
 */
import type { SoftphoneEngine } from '../core/engine/softphone-engine';
import type { SoftphoneState } from '../core/engine/softphone-state';
import type { Settings } from '../core/settings/settings';
import type { SettingsChange } from '../core/settings/settings-change';
import type { Unsubscribe } from '../core/support/typed-emitter';
import type { CtiHostPort } from '../core/ports/cti-host-port';
import type { OpenCtiBridge } from '../opencti/open-cti-bridge';
import { OpenCtiSmsThreadRequests } from '../opencti/sms-thread-requests';
import { packageNamespaceOf } from '../salesforce/package-namespace';
import { IncomingCallNotifier, browserNotifications } from './incoming-call-notifier';
import type { MessagesGate } from './messages-gate';
import { SmsThreadRouting } from './sms-thread-routing';

/** What {@link startPageExtras} works with: the page's engine, host, Open CTI bridge and Messages gate. @public */
export interface PageExtrasOptions {
  readonly engine: SoftphoneEngine;
  readonly host: CtiHostPort;
  readonly bridge: OpenCtiBridge;
  readonly messages: Pick<MessagesGate, 'openThread'>;
  /** The page's remote action name of `matchNumbers` (`ns.SoftphoneController.matchNumbers` in a managed package). */
  readonly matchNumbersAction: string;
  /** Where a failure that has no surface of its own is reported (default `console.warn`). */
  readonly warn?: (message: string, error: unknown) => void;
}

/** Starts the notifier and the Send SMS route. @returns the Send SMS route (started) */
export function startPageExtras(options: PageExtrasOptions): SmsThreadRouting {
  const { engine, host, bridge, messages } = options;
  const warn = options.warn ?? ((message: string, error: unknown) => console.warn(message, error));
  const notifier = new IncomingCallNotifier({
    api: browserNotifications(),
    isHidden: () => document.visibilityState === 'hidden',
    onClick: () => {
      window.focus();
      void host.setPanelVisibility(true).catch(() => undefined);
    },
  });
  notifier.update(engine.getState());
  engine.subscribe((state) => notifier.update(state));
  followDoNotCall(engine, (error) => warn('The do-not-call check could not start', error));

  const smsThreads = new SmsThreadRouting({
    source: new OpenCtiSmsThreadRequests({ bridge, namespace: packageNamespaceOf(options.matchNumbersAction) }),
    showPanel: () => bridge.setSoftphonePanelVisibility(true),
  });
  void smsThreads.start();
  smsThreads.route((request) => {
    const context = request.recordId
      ? { recordId: request.recordId, objectType: request.objectType, name: request.recordName }
      : null;
    // The Messages tab shows the thread; a number that cannot be texted is refused by openThread with the reason.
    messages.openThread(request.number, context).catch((error: unknown) => {
      warn('Send SMS: the thread could not be opened', error);
    });
  });
  return smsThreads;
}

/** What {@link followDoNotCall} needs of the engine. @public */
export interface DoNotCallEngine extends Pick<SoftphoneEngine, 'setDialGuard'> {
  getState(): Pick<SoftphoneState, 'settings' | 'settingsLoaded'>;
  subscribe(listener: (state: Pick<SoftphoneState, 'settings' | 'settingsLoaded'>) => void): Unsubscribe;
  on(type: 'settingsChange', listener: (change: SettingsChange) => void): Unsubscribe;
}

/**
 * Tells the engine which do-not-call check applies to outbound calls (ADR 0031) once the settings are loaded: the
 * check (`DoNotCallGuard`, a lazy chunk loaded only then) when `dncCallMode` is `warn` or `block`, else none — and
 * installs the check later if a settings change turns it on. A check that fails to load leaves calls unchecked
 * (`setDialGuard(null)`, and `onError`), so no dial waits forever. @public
 */
export function followDoNotCall(engine: DoNotCallEngine, onError: (error: unknown) => void): void {
  const on = (settings: Settings): boolean => settings.dncCallMode !== 'off';
  let installing = false;
  const install = (): void => {
    installing = true;
    void import('../core/do-not-call/do-not-call-guard')
      .then(({ DoNotCallGuard }) => engine.setDialGuard(new DoNotCallGuard()))
      .catch((error: unknown) => {
        engine.setDialGuard(null);
        onError(error);
      });
  };
  const decide = (state: Pick<SoftphoneState, 'settings' | 'settingsLoaded'>): boolean => {
    if (!state.settingsLoaded) return false;
    if (on(state.settings)) install();
    else engine.setDialGuard(null);
    return true;
  };
  if (!decide(engine.getState())) {
    const stop = engine.subscribe((state) => {
      if (decide(state)) stop();
    });
  }
  const off = engine.on('settingsChange', ({ settings }) => {
    if (installing || !on(settings)) return;
    off();
    install();
  });
}
