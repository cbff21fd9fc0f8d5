import { SDK } from '@ringcentral/sdk';
import type { SdkCreateOptions, SdkLike } from './ringcentral-session';

/**
 * The SDK's `crypto` stand-in (`sdk-crypto-shim.ts`, aliased by the build) travels in this chunk; the sign-in paths
 * (`sign-in.ts`) ask it through here to compute the next PKCE verifier and challenge ahead of the click, so that the
 * stand-in stays one module of one chunk.
 */
export { preparePkceVerifier } from './sdk-crypto-shim';

/**
 * Creates the real `@ringcentral/sdk` 5 (`new SDK(options)`) for a {@link RingCentralSession}. This module is the
 * only static importer of the SDK, and the session imports it with `import()`: the SDK, its HTTP client and their
 * `events` stand-in (`eventemitter3`) are a chunk of their own (`default-sdk.js`), requested when the session is
 * created — in parallel with the token renewal, which does not need it — instead of being parsed with the
 * first-paint chunk (ADR 0018, amendment "the first paint toward 100 KB").
 * @public
 */
export const defaultSdkFactory = (options: SdkCreateOptions): SdkLike =>
  new SDK({
    ...options,
    defaultRequestInit: { ...options.defaultRequestInit },
    localStorage: options.localStorage as unknown as Storage,
  }) as unknown as SdkLike;
