/**
 * @jest-environment jsdom
 */
import { requestStyleSheets, styleSheetsLoaded } from '../page-styles';

function page(withTemplate: boolean): Document {
  const doc = document.implementation.createHTMLDocument('adapter');
  const link = '<link rel="stylesheet" href="/slds/styles/salesforce-lightning-design-system.min.css">';
  doc.head.innerHTML = withTemplate ? `<template id="softphone-styles">${link}</template>` : link;
  return doc;
}

describe('the adapter page style sheet, requested when the UI mounts', () => {
  it('leaves the style sheet inert until asked, then moves it into the head once', () => {
    const doc = page(true);
    expect(doc.querySelectorAll('link[rel="stylesheet"]')).toHaveLength(0);
    requestStyleSheets(doc);
    requestStyleSheets(doc);
    const links = doc.head.querySelectorAll('link[rel="stylesheet"]');
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe('/slds/styles/salesforce-lightning-design-system.min.css');
    expect(doc.getElementById('softphone-styles')).toBeNull();
  });

  it('leaves a page without the template as it is', () => {
    const doc = page(false);
    requestStyleSheets(doc);
    expect(doc.head.querySelectorAll('link[rel="stylesheet"]')).toHaveLength(1);
  });

  it('waits for a pending style sheet to load or fail, never longer', async () => {
    const doc = page(true);
    requestStyleSheets(doc);
    let loaded = false;
    const waiting = styleSheetsLoaded(doc).then(() => (loaded = true));
    await Promise.resolve();
    expect(loaded).toBe(false);
    doc.head.querySelector('link')!.dispatchEvent(new Event('error'));
    await waiting;
    expect(loaded).toBe(true);
  });
});
