/**
 * The softphone's UI as a chunk of its own (`softphone-ui.js`, ADR 0018 amendment "bundle downloaded → running"): the
 * LWC engine and the root component with the components it imports statically (header, notices, incoming card, active
 * call, …). The page preloads it with the first-paint modules, so its bytes are there at once; its module evaluation
 * (the LWC engine's and every component's registration, templates and style sheets) runs only when the UI mounts — once
 * the start is over, a call is there, or at the latest 1.5 s after the bundle started (`main.ts`) — instead of before
 * the engine's first line. Loaded through {@link mountUi} (`ui-mount.ts`), which tells the agent when it cannot load.
 */
import { createElement } from 'lwc';
import App from '../ui/softphone/app/app';
import type { SoftphoneController } from '../ui/softphone-controller';

/** Creates the root component `<softphone-app>` over `controller` and appends it to `root`. Returns the element. */
export function mountApp(root: Element, controller: SoftphoneController): Element {
  const element = createElement('softphone-app', { is: App });
  Object.assign(element, { controller });
  root.appendChild(element);
  return element;
}
