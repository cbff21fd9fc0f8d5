/**
 * Browser stand-in for `@ringcentral/sdk`'s `platform/Discovery` module (the discovery of a brand's entry points,
 * `GET /.well-known/entry-points/initial`), which `Platform` imports statically but uses only when it is created with
 * `enableDiscovery: true`. The softphone never enables it (`SdkCreateOptions` has no such option): the server is the
 * call center's `RingCentral Server URL`. The bundle resolves the SDK's import of `./Discovery` to this file
 * (`scripts/build/build-softphone.mjs`, `sdkDiscoveryOff`), ≈ 2.5 KB gzip less in the first paint (ADR 0018).
 *
 * Creating it throws, so an SDK created with discovery enabled fails at once and says why, instead of signing in
 * against the wrong endpoints.
 * @public
 */
export default class DiscoveryNotBundled {
  constructor() {
    throw new Error(
      'RingCentral discovery (SDK option enableDiscovery) is not part of the softphone bundle: use the server URL',
    );
  }
}
