import WebPhone from 'ringcentral-web-phone';
import { DefaultSipClient } from 'ringcentral-web-phone/sip-client';
import type { WebPhoneCreateOptions, WebPhoneLike } from './web-phone-types';

/** `maxExpires` of the library's `DefaultSipClient.start()` (`sip-client.ts`): the REGISTER's `expires`, seconds. */
const REGISTER_EXPIRES_S = 60;

/**
 * The library's SIP client (`DefaultSipClient`, the extension the ringcentral-web-phone README documents under
 * "Custom SIP message headers": a subclass passed as `WebPhoneOptions.sipClient`) with one addition: the WebSocket to
 * the outbound proxy can be opened before the web phone starts ({@link PreconnectingSipClient.preconnect}), so that
 * the TLS and WebSocket handshakes run while the softphone still checks the microphone (ADR 0018). No SIP message
 * leaves before `start()`: the library's `connect()` opens the socket and listens, its `register()` sends REGISTER.
 */
class PreconnectingSipClient extends DefaultSipClient {
  private opening: Promise<void> | null = null;

  /** Opens the socket now (the library's `connect()`); the next `start()` registers over it. */
  preconnect(): void {
    if (this.opening) return;
    const opening = this.connect();
    // Read by start(); a socket that fails before it is asked for is not an unhandled rejection.
    opening.catch(() => undefined);
    this.opening = opening;
  }

  /**
   * The library's `start()` (connect, then REGISTER with its digest challenge), over the socket opened by
   * {@link PreconnectingSipClient.preconnect} when there is one and it is still open; rejects as the library does
   * when that socket failed (its `error` event).
   */
  override async start(): Promise<void> {
    const opening = this.opening;
    this.opening = null;
    if (opening) {
      await opening;
      if (this.wsc.readyState === 1) {
        await this.register(REGISTER_EXPIRES_S);
        return;
      }
      // Closed meanwhile (an idle proxy may close a socket that has not registered): the library starts over.
    }
    await super.start();
  }
}

/**
 * Creates the real `ringcentral-web-phone` 2.x `WebPhone` (`new WebPhone({sipInfo, instanceId, debug, autoAnswer})`)
 * over a {@link PreconnectingSipClient}. Kept in its own module so unit tests of the adapter can inject fakes without
 * touching the library.
 * @public
 */
export const defaultWebPhoneFactory = (options: WebPhoneCreateOptions): WebPhoneLike => {
  const webPhoneOptions = { ...options, sipInfo: { ...options.sipInfo } };
  return new WebPhone({
    ...webPhoneOptions,
    sipClient: new PreconnectingSipClient(webPhoneOptions),
  }) as unknown as WebPhoneLike;
};
