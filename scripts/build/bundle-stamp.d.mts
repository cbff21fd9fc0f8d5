/** Where the stamp of the last successful softphone build is kept (`node_modules/.cache/softphone-bundle/stamp.json`). */
export declare function stampFile(root: string): string;

/** Writes the stamp after a successful build (`build-softphone.mjs`). */
export declare function writeBundleStamp(
  root: string,
  stamp: { outputDir: string; callbackOutput: string; loaded: readonly string[]; options: { minified: boolean } },
): void;

/**
 * Whether the bundle on disk is what a build of the current sources with `options` (default minified) would write,
 * by the stamp of the last successful build; `reason` says why not.
 */
export declare function bundleStampStatus(
  root: string,
  where: { outputDir: string; callbackOutput: string; options?: { minified: boolean } },
): { current: boolean; reason: string };
