import WebPhone from 'ringcentral-web-phone';
import type { WebPhoneCreateOptions, WebPhoneLike } from './web-phone-types';

/**
 * Creates the real `ringcentral-web-phone` 2.x `WebPhone` (`new WebPhone({sipInfo, instanceId, debug, autoAnswer})`).
 * Kept in its own module so unit tests of the adapter can inject fakes without touching the library.
 * @public
 */
export const defaultWebPhoneFactory = (options: WebPhoneCreateOptions): WebPhoneLike =>
  new WebPhone({ ...options, sipInfo: { ...options.sipInfo } }) as unknown as WebPhoneLike;
