/**
 * The SLDS utility icon sprite the softphone's icons come from (`<svg><use href="…symbols.svg#call">`), as the Lightning
 * Design System documents for Visualforce: the adapter page includes `<apex:slds/>` and names the sprite with
 * `{!URLFOR($Asset.SLDS, 'assets/icons/utility-sprite/svg/symbols.svg')}` in `data-slds-icons` ("Use SVG Icons in
 * Visualforce", Visualforce Developer Guide). The sprite is served by Salesforce next to the style sheet (same origin
 * as the page): nothing of it is in the bundle.
 */
let sprite: string | null = null;

/** Sets the sprite's URL (the composition root, from the page config); `null`: icons name a fragment of this page. @public */
export function useIconSprite(url: string | null): void {
  sprite = url;
}

/** The `href` of a utility icon (`call`, `end_call`, `muted`, …) in the sprite. @public */
export function iconHref(name: string): string {
  return `${sprite ?? ''}#${name}`;
}
