/**
 * The adapter page's style sheet (SLDS, `<apex:slds/>`), which only the UI needs: requested when the UI is about to
 * mount, and waited for before it mounts (ADR 0018, amendment "the style sheet after the start").
 */

/**
 * Moves the page's style sheet links out of their inert `<template id="softphone-styles">` into the head, once: the
 * browser requests them then. A page without the template (its links already in the head) is left as it is.
 */
export function requestStyleSheets(doc: Document): void {
  const template = doc.getElementById('softphone-styles');
  if (!(template instanceof HTMLTemplateElement)) return;
  template.remove();
  doc.head.appendChild(doc.importNode(template.content, true));
}

/**
 * Resolves once every style sheet `<link>` of the page has loaded or failed (at once when they have): the bundle is
 * an async module, which — unlike a classic or deferred script — does not wait for them.
 */
export function styleSheetsLoaded(doc: Document): Promise<void> {
  const pending = [...doc.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].filter((link) => !link.sheet);
  return Promise.all(
    pending.map(
      (link) =>
        new Promise<void>((resolve) => {
          link.addEventListener('load', () => resolve(), { once: true });
          link.addEventListener('error', () => resolve(), { once: true });
        }),
    ),
  ).then(() => undefined);
}
