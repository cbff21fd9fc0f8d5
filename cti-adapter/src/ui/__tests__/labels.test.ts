/**
 * @jest-environment jsdom
 */
import { formatLabel, readPageLabels } from '../labels';

/** A page as the browser parses the adapter page's HTML. */
function page(html: string): Document {
  return new DOMParser().parseFromString(`<!DOCTYPE html><html><body>${html}</body></html>`, 'text/html');
}

describe('readPageLabels (the adapter page block, ADR 0032)', () => {
  it('reads the spans of the inert <template> the page renders, which no text search of the page finds', () => {
    const adapterPage = page(
      [
        '<template id="softphone-labels">',
        '  <span data-label="Sign_out">Se déconnecter de RingCentral</span>',
        '  <span data-label="Count_of_max"> {0} / {1} </span>',
        '</template>',
        '<button>Se déconnecter de RingCentral</button>',
      ].join(''),
    );
    expect(readPageLabels(adapterPage.getElementById('softphone-labels'))).toEqual({
      Sign_out: 'Se déconnecter de RingCentral',
      Count_of_max: '{0} / {1}',
    });
    // The label texts are not part of the page's tree: only the button carries its words.
    expect(adapterPage.querySelectorAll('[data-label]')).toHaveLength(0);
    expect(adapterPage.body.textContent).toBe('Se déconnecter de RingCentral');
  });

  it('reads an element block as is, and nothing from a page without one', () => {
    const adapterPage = page('<div id="labels"><span data-label="Answer">Répondre</span></div>');
    expect(readPageLabels(adapterPage.getElementById('labels'))).toEqual({ Answer: 'Répondre' });
    expect(readPageLabels(null)).toEqual({});
  });

  it('fills numbered placeholders and keeps one without an argument', () => {
    expect(formatLabel('{0} / {1}', 3, 160)).toBe('3 / 160');
    expect(formatLabel('{0} of {2}', 'a')).toBe('a of {2}');
  });
});
