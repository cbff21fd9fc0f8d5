import { createElement } from 'lwc';
import SoftphoneAdmin from 'c/softphoneAdmin';
import getAdminSettings from '@salesforce/apex/SoftphoneAdminController.getAdminSettings';
import saveAdminSettings from '@salesforce/apex/SoftphoneAdminController.saveAdminSettings';
import resetAdminSettings from '@salesforce/apex/SoftphoneAdminController.resetAdminSettings';
import searchScopes from '@salesforce/apex/SoftphoneAdminController.searchScopes';
import { ShowToastEventName } from 'lightning/platformShowToastEvent';

const ORG_LEVEL = require('./data/orgLevel.json');
const SAVE_OK = require('./data/saveOk.json');
const PROFILE_LEVEL = require('./data/profileLevel.json');
const SAVE_FIELD_ERRORS = require('./data/saveFieldErrors.json');
const SCOPE_SEARCH = require('./data/scopeSearch.json');

jest.mock('@salesforce/customPermission/Softphone_Admin', () => ({ default: true }), { virtual: true });
jest.mock('@salesforce/apex/SoftphoneAdminController.getAdminSettings', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/SoftphoneAdminController.saveAdminSettings', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/SoftphoneAdminController.resetAdminSettings', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/SoftphoneAdminController.searchScopes', () => ({ default: jest.fn() }), {
  virtual: true,
});

// Lets pending promises (Apex calls, renders) settle.
const flush = () => new Promise((resolve) => process.nextTick(resolve));

async function mount() {
  const element = createElement('c-softphone-admin', { is: SoftphoneAdmin });
  const toasts = [];
  element.addEventListener(ShowToastEventName || 'lightning__showtoast', (e) => toasts.push(e.detail));
  element.addEventListener('lightning__showtoast', (e) => toasts.includes(e.detail) || toasts.push(e.detail));
  document.body.appendChild(element);
  await flush();
  return { element, toasts };
}

function section(element, name) {
  return element.shadowRoot.querySelector(`c-softphone-admin-${name}`);
}

async function selectSection(element, name) {
  element.shadowRoot
    .querySelector('lightning-vertical-navigation')
    .dispatchEvent(new CustomEvent('select', { detail: { name } }));
  await flush();
}

describe('c-softphone-admin', () => {
  beforeEach(() => {
    getAdminSettings.mockResolvedValue(ORG_LEVEL);
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('loads the org default and gives the first section the level (data down)', async () => {
    const { element } = await mount();
    expect(getAdminSettings).toHaveBeenCalledWith({ scope: 'org', scopeId: null });
    expect(element.shadowRoot.querySelector('.softphone-scope-title').textContent).toBe('Org default');
    const matching = section(element, 'matching');
    expect(matching.level.scope).toBe('org');
    expect(matching.level.rows.matchObjects).toMatchObject({
      value: ['Contact', 'Lead', 'Account'],
      sourceText: 'From the built-in default',
      here: false,
    });
    expect(matching.level.catalog.matchObjects.map((o) => o.apiName)).toEqual(['Contact', 'Lead', 'Account']);
    expect(element.shadowRoot.querySelector('.softphone-save').disabled).toBe(true);
    expect(element.shadowRoot.querySelector('.softphone-no-access')).toBeNull();
  });

  it('saves the changes the sections raise (events up) and shows the saved level and a toast', async () => {
    saveAdminSettings.mockResolvedValue(SAVE_OK);
    const { element, toasts } = await mount();
    await selectSection(element, 'logging');
    const logging = section(element, 'logging');
    logging.dispatchEvent(new CustomEvent('settingchange', { detail: { key: 'autoLog', value: true } }));
    logging.dispatchEvent(new CustomEvent('lockchange', { detail: { key: 'autoLog', state: 'locked' } }));
    await flush();
    expect(section(element, 'logging').level.rows.autoLog).toMatchObject({
      value: true,
      sourceText: 'Set at this level',
      locked: true,
    });
    expect(element.shadowRoot.querySelector('.softphone-pending').textContent).toBe('2 unsaved changes');
    element.shadowRoot.querySelector('.softphone-save').click();
    await flush();
    expect(saveAdminSettings).toHaveBeenCalledWith({
      request: { scope: 'org', scopeId: null, settings: { autoLog: true }, locks: { autoLog: 'locked' }, clear: [] },
    });
    expect(toasts).toEqual([
      { title: 'Softphone settings saved', message: 'Org default: 2 changes.', variant: 'success' },
    ]);
    expect(section(element, 'logging').level.rows.autoLog.locked).toBe(true);
    expect(element.shadowRoot.querySelector('.softphone-pending').textContent).toBe('No unsaved change');
    expect(element.shadowRoot.querySelector('.softphone-last-change').textContent).toContain('Ada Admin');
  });

  it('shows every field error of a failed save in its section and keeps the changes', async () => {
    saveAdminSettings.mockResolvedValue(SAVE_FIELD_ERRORS);
    const { element, toasts } = await mount();
    section(element, 'matching').dispatchEvent(
      new CustomEvent('settingchange', { detail: { key: 'autoLogDelaySeconds', value: -5 } }),
    );
    await flush();
    element.shadowRoot.querySelector('.softphone-save').click();
    await flush();
    const logging = section(element, 'logging');
    expect(logging).not.toBeNull();
    expect(logging.level.rows.autoLogDelaySeconds.error).toBe('Expected 0 to 600 seconds.');
    expect(logging.level.rows.logFields.error).toBe('Not a Task field. (entry 1)');
    expect(toasts[0]).toMatchObject({ variant: 'error', message: 'Correct the 2 fields marked below.' });
    expect(element.shadowRoot.querySelector('.softphone-pending').textContent).toBe('1 unsaved change');
    const labels = [...element.shadowRoot.querySelectorAll('lightning-vertical-navigation-item')].map((i) => i.label);
    expect(labels).toContain('Logging (check)');
  });

  it('cancels unsaved changes', async () => {
    const { element } = await mount();
    section(element, 'matching').dispatchEvent(
      new CustomEvent('settingchange', { detail: { key: 'defaultRegion', value: 'GB' } }),
    );
    await flush();
    expect(section(element, 'matching').level.rows.defaultRegion.value).toBe('GB');
    element.shadowRoot.querySelector('.softphone-cancel').click();
    await flush();
    expect(section(element, 'matching').level.rows.defaultRegion.value).toBe('US');
  });

  it('searches and opens a profile level', async () => {
    searchScopes.mockResolvedValue(SCOPE_SEARCH);
    getAdminSettings.mockResolvedValueOnce(ORG_LEVEL).mockResolvedValueOnce(PROFILE_LEVEL);
    const { element } = await mount();
    const scope = element.shadowRoot.querySelector('c-softphone-admin-scope');
    scope.dispatchEvent(new CustomEvent('scopesearch', { detail: { scope: 'profile', term: 'stan' } }));
    await flush();
    expect(searchScopes).toHaveBeenCalledWith({ scope: 'profile', term: 'stan' });
    expect(scope.options.map((o) => o.label)).toEqual(['Standard User']);
    scope.dispatchEvent(
      new CustomEvent('scopeselect', {
        detail: { scope: 'profile', scopeId: PROFILE_LEVEL.scopeId, label: 'Standard User' },
      }),
    );
    await flush();
    expect(getAdminSettings).toHaveBeenLastCalledWith({ scope: 'profile', scopeId: PROFILE_LEVEL.scopeId });
    expect(element.shadowRoot.querySelector('.softphone-scope-title').textContent).toBe('Profile: Standard User');
    expect(section(element, 'matching').level.rows.autoLog).toMatchObject({
      sourceText: 'From the org default',
      locked: true,
      lockState: 'inherit',
      lockedAbove: true,
    });
    expect(element.shadowRoot.querySelector('.softphone-reset')).toBeNull();
  });

  it('resets a saved level after confirmation', async () => {
    getAdminSettings.mockResolvedValue(SAVE_OK.view);
    resetAdminSettings.mockResolvedValue(ORG_LEVEL);
    const { element, toasts } = await mount();
    element.shadowRoot.querySelector('.softphone-reset').click();
    await flush();
    expect(resetAdminSettings).not.toHaveBeenCalled();
    element.shadowRoot.querySelector('.softphone-reset-confirm-button').click();
    await flush();
    expect(resetAdminSettings).toHaveBeenCalledWith({ scope: 'org', scopeId: null });
    expect(toasts[0]).toMatchObject({ title: 'Level reset', variant: 'success' });
    expect(element.shadowRoot.querySelector('.softphone-reset')).toBeNull();
  });

  it('shows the change history', async () => {
    getAdminSettings.mockResolvedValue(SAVE_OK.view);
    const { element } = await mount();
    await selectSection(element, 'history');
    expect(section(element, 'history').entries).toHaveLength(1);
  });

  it('says "Insufficient privileges" when the server refuses the user (NO_ACCESS), and an error otherwise', async () => {
    getAdminSettings.mockResolvedValueOnce({ ok: false, error: { code: 'NO_ACCESS', message: 'No.' } });
    const { element } = await mount();
    expect(element.shadowRoot.querySelector('.softphone-no-access').textContent).toContain('Insufficient privileges');
    document.body.removeChild(element);
    getAdminSettings.mockRejectedValueOnce({ body: { message: 'Server down' } });
    const second = await mount();
    expect(second.element.shadowRoot.querySelector('.softphone-load-error').textContent).toContain('Server down');
  });
});
