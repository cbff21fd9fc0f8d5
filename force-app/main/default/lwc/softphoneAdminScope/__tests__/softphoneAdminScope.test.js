import { createElement } from 'lwc';
import SoftphoneAdminScope from 'c/softphoneAdminScope';

const flush = () => Promise.resolve();

function mount() {
  const element = createElement('c-softphone-admin-scope', { is: SoftphoneAdminScope });
  element.scope = 'org';
  const events = [];
  element.addEventListener('scopesearch', (e) => events.push({ type: 'scopesearch', detail: e.detail }));
  element.addEventListener('scopeselect', (e) => events.push({ type: 'scopeselect', detail: e.detail }));
  document.body.appendChild(element);
  return { element, events };
}

describe('c-softphone-admin-scope', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('searches profiles from 2 characters and raises the one picked', async () => {
    const { element, events } = mount();
    element.shadowRoot
      .querySelector('lightning-radio-group')
      .dispatchEvent(new CustomEvent('change', { detail: { value: 'profile' } }));
    await flush();
    const search = element.shadowRoot.querySelector('lightning-input');
    expect(search.label).toBe('Find a profile');
    search.dispatchEvent(new CustomEvent('change', { detail: { value: 's' } }));
    search.dispatchEvent(new CustomEvent('change', { detail: { value: 'sta' } }));
    element.options = [{ id: '00e000000000001AAA', label: 'Standard User', detail: null }];
    await flush();
    const option = element.shadowRoot.querySelector('.softphone-scope-option');
    expect(option.textContent).toContain('Standard User');
    option.click();
    expect(events).toEqual([
      { type: 'scopesearch', detail: { scope: 'profile', term: 'sta' } },
      { type: 'scopeselect', detail: { scope: 'profile', scopeId: '00e000000000001AAA', label: 'Standard User' } },
    ]);
  });

  it('goes back to the org default at once, and says when nothing matches', async () => {
    const { element, events } = mount();
    const kinds = element.shadowRoot.querySelector('lightning-radio-group');
    kinds.dispatchEvent(new CustomEvent('change', { detail: { value: 'user' } }));
    await flush();
    element.shadowRoot
      .querySelector('lightning-input')
      .dispatchEvent(new CustomEvent('change', { detail: { value: 'zz' } }));
    element.options = [];
    await flush();
    expect(element.shadowRoot.textContent).toContain('No match.');
    kinds.dispatchEvent(new CustomEvent('change', { detail: { value: 'org' } }));
    expect(events.pop()).toEqual({
      type: 'scopeselect',
      detail: { scope: 'org', scopeId: null, label: 'Org default' },
    });
  });
});
