import { readAuthorizationResponse } from '../../ringcentral/auth/authorize-request';
import { AUTH_RESPONSE_PROPERTY } from '../../ringcentral/auth/oauth-callback';

/** The popup's window name, as `@ringcentral/sdk`'s `Platform.loginWindow` names it (one sign-in window at a time). */
const WINDOW_NAME = 'RingCentralLoginWindow';
/** `@ringcentral/sdk`'s messages for a blocked and a closed popup, so both tabs say the same. */
export const POPUP_BLOCKED = 'Could not open login window. Please allow popups for this site';
export const POPUP_CLOSED = 'Login window is closed';

/** A sign-in popup opened in this tab. @public */
export interface SignInPopup {
  /** The authorization response's code and state; rejects when the popup is closed or the sign-in refused. */
  readonly response: Promise<{ readonly code: string; readonly state: string }>;
  /** Closes the popup and stops waiting (the sign-in was done in another tab): `response` never settles then. */
  close(): void;
}

/**
 * Opens RingCentral's authorize page `url` in a popup of this tab — synchronously: call it in the click's task, or
 * the browser blocks the popup — and waits for the package's callback page to post the authorization response to
 * this window (`{RCAuthorizationResponse}`, `oauth-callback.ts`), accepted only from that popup and this origin, as
 * `@ringcentral/sdk`'s `Platform.loginWindow` does. A closed popup is noticed by polling `closed` (`pollMs`).
 * @public
 */
export function openSignInPopup(url: string, win: Window = window, pollMs = 500): SignInPopup {
  const popup = win.open(url, WINDOW_NAME, '');
  if (!popup) return { response: Promise.reject(new Error(POPUP_BLOCKED)), close: () => undefined };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let listener: ((event: MessageEvent) => void) | null = null;
  const stop = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (listener) win.removeEventListener('message', listener);
    listener = null;
  };
  const response = new Promise<{ code: string; state: string }>((resolve, reject) => {
    listener = (event: MessageEvent): void => {
      const data = event.data as Record<string, unknown> | null;
      if (event.source !== popup || event.origin !== win.location.origin) return;
      if (typeof data !== 'object' || data === null || typeof data[AUTH_RESPONSE_PROPERTY] !== 'string') return;
      stop();
      popup.close();
      const answer = readAuthorizationResponse(data[AUTH_RESPONSE_PROPERTY]);
      if ('error' in answer) reject(new Error(answer.error));
      else resolve(answer);
    };
    win.addEventListener('message', listener);
    const watch = (): void => {
      timer = setTimeout(() => {
        if (!popup.closed) return watch();
        stop();
        reject(new Error(POPUP_CLOSED));
      }, pollMs);
    };
    watch();
  });
  popup.focus?.();
  return {
    response,
    close: () => {
      stop();
      popup.close();
    },
  };
}
