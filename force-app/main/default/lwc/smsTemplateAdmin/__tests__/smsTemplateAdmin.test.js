import { createElement } from 'lwc';
import SmsTemplateAdmin from 'c/smsTemplateAdmin';
import listTemplates from '@salesforce/apex/SmsTemplateAdminController.listTemplates';
import saveTemplate from '@salesforce/apex/SmsTemplateAdminController.saveTemplate';
import deleteTemplate from '@salesforce/apex/SmsTemplateAdminController.deleteTemplate';
import previewImport from '@salesforce/apex/SmsTemplateAdminController.previewImport';
import applyImport from '@salesforce/apex/SmsTemplateAdminController.applyImport';
import exportTemplates from '@salesforce/apex/SmsTemplateAdminController.exportTemplates';

const LIST = require('./data/list.json');

jest.mock('@salesforce/apex/SmsTemplateAdminController.listTemplates', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/SmsTemplateAdminController.saveTemplate', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/SmsTemplateAdminController.deleteTemplate', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/SmsTemplateAdminController.previewImport', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/SmsTemplateAdminController.applyImport', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SmsTemplateAdminController.exportTemplates', () => ({ default: jest.fn() }), {
  virtual: true,
});

// Lets the Apex promises, the JSON answers and the re-renders after them settle.
const tick = () => new Promise((resolve) => process.nextTick(resolve));
const flush = () => tick().then(tick).then(tick).then(tick).then(tick);
const answer = (value) => Promise.resolve(JSON.stringify(value));
const requestOf = (mock, call = 0) => JSON.parse(mock.mock.calls[call][0].request);

async function mount(list = LIST) {
  listTemplates.mockImplementation(() => answer(list));
  const element = createElement('c-sms-template-admin', { is: SmsTemplateAdmin });
  const toasts = [];
  element.addEventListener('lightning__showtoast', (e) => toasts.push(e.detail));
  document.body.appendChild(element);
  await flush();
  return { element, toasts };
}

const q = (element, selector) => element.shadowRoot.querySelector(selector);
const qa = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const text = (element, selector) => (q(element, selector) ? q(element, selector).textContent.trim() : null);

function change(element, selector, detail) {
  q(element, selector).dispatchEvent(new CustomEvent('change', { detail }));
}

function fileOf(name, content) {
  return { name, size: content.length, text: () => Promise.resolve(content) };
}

describe('c-sms-template-admin', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('lists the org-wide templates (inactive too) as text, never as markup', async () => {
    const { element } = await mount();
    expect(requestOf(listTemplates)).toEqual({ search: null, includeInactive: true });
    const rows = qa(element, '.sms-template-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Welcome');
    expect(rows[1].textContent).toContain('Inactive');
    expect(text(element, '.sms-template-row-body')).toBe('Hi {FirstName} <b>welcome</b>');
    expect(element.shadowRoot.querySelector('b')).toBeNull();
  });

  it('creates a template and shows a field error from the server next to its field', async () => {
    const { element, toasts } = await mount();
    q(element, '.sms-template-new').click();
    await flush();
    change(element, '.sms-template-name', { value: 'Typo' });
    change(element, '.sms-template-body', { value: 'Hi {Frist}' });
    await flush();
    expect(text(element, '.sms-template-count')).toBe('10 / 1000');
    saveTemplate.mockImplementation(() =>
      answer({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'template.body', message: 'Unknown placeholder {Frist}.' },
      }),
    );
    q(element, '.sms-template-save').click();
    await flush();
    expect(requestOf(saveTemplate)).toEqual({
      template: { id: null, name: 'Typo', body: 'Hi {Frist}', category: null, active: true, scope: 'org' },
    });
    expect(text(element, '.sms-template-body-error')).toBe('Unknown placeholder {Frist}.');
    expect(q(element, '.sms-template-form')).not.toBeNull();
    saveTemplate.mockImplementation(() => answer({ ok: true, template: { id: 'a0T1', name: 'Typo' } }));
    change(element, '.sms-template-body', { value: 'Hi {FirstName}' });
    q(element, '.sms-template-save').click();
    await flush();
    expect(q(element, '.sms-template-form')).toBeNull();
    expect(toasts[0]).toMatchObject({ title: 'Template saved', variant: 'success' });
    expect(listTemplates).toHaveBeenCalledTimes(2);
  });

  it('deletes a template and reloads', async () => {
    const { element } = await mount();
    deleteTemplate.mockImplementation(() => answer({ ok: true }));
    qa(element, 'lightning-button-icon')[1].click();
    await flush();
    expect(requestOf(deleteTemplate)).toEqual({ id: 'a0T000000000001AAA' });
    expect(listTemplates).toHaveBeenCalledTimes(2);
  });

  it('previews an import, then imports exactly that file', async () => {
    const { element, toasts } = await mount();
    previewImport.mockImplementation(() =>
      answer({
        ok: true,
        added: [{ line: 3, name: 'New', body: 'x', category: null, active: true }],
        changed: [{ name: 'Welcome', line: 2, fields: ['body'] }],
        kept: ['Bye'],
        untouched: 4,
      }),
    );
    const csv = 'name,body\nWelcome,Hi\nNew,x\n';
    change(element, '.sms-template-file', { files: [fileOf('team.csv', csv)] });
    await flush();
    expect(requestOf(previewImport)).toEqual({ format: 'csv', content: csv, scope: 'org' });
    expect(text(element, '.sms-template-preview-summary')).toBe(
      '1 to add, 1 to change, 1 unchanged, 4 not in the file (kept as they are).',
    );
    expect(text(element, '.sms-template-preview-added')).toBe('Add: New (line 3)');
    expect(text(element, '.sms-template-preview-changed')).toBe('Change: Welcome: body');
    expect(applyImport).not.toHaveBeenCalled();
    applyImport.mockImplementation(() => answer({ ok: true, added: 1, changed: 1, kept: 1, untouched: 4 }));
    expect(q(element, '.sms-template-import').label).toBe('Import 2 templates');
    q(element, '.sms-template-import').click();
    await flush();
    expect(requestOf(applyImport)).toEqual({ format: 'csv', content: csv, scope: 'org' });
    expect(toasts[0].message).toBe('1 added, 1 changed, 1 unchanged; nothing deleted.');
    expect(q(element, '.sms-template-preview')).toBeNull();
  });

  it('shows the line of a broken file and offers no import', async () => {
    const { element } = await mount();
    previewImport.mockImplementation(() =>
      answer({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'content', message: 'Line 3: A quoted value is not closed.' },
        line: 3,
      }),
    );
    change(element, '.sms-template-file', { files: [fileOf('team.json', '[')] });
    await flush();
    expect(requestOf(previewImport).format).toBe('json');
    expect(text(element, '.sms-template-import-error')).toBe('Line 3: A quoted value is not closed.');
    expect(q(element, '.sms-template-import')).toBeNull();
    change(element, '.sms-template-file', { files: [fileOf('team.xlsx', 'x')] });
    await flush();
    expect(text(element, '.sms-template-import-error')).toBe('Choose a .csv or .json file.');
    expect(previewImport).toHaveBeenCalledTimes(1);
  });

  it('exports the org-wide templates as a download', async () => {
    const { element } = await mount();
    const clicks = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function record() {
      clicks.push({ href: this.href, download: this.download });
    });
    exportTemplates.mockImplementation(() =>
      answer({ ok: true, fileName: 'sms-templates-org.csv', content: 'name,body\r\n"a","b"\r\n', count: 1 }),
    );
    q(element, '.sms-template-export-csv').click();
    await flush();
    expect(requestOf(exportTemplates)).toEqual({ format: 'csv', scope: 'org' });
    expect(clicks).toEqual([
      {
        href: `data:text/csv;charset=utf-8,${encodeURIComponent('name,body\r\n"a","b"\r\n')}`,
        download: 'sms-templates-org.csv',
      },
    ]);
    expect(text(element, '.sms-template-exported')).toBe('Exported sms-templates-org.csv (1 templates)');
    click.mockRestore();
  });

  it('tells a user without Manage SMS Templates that the templates are read-only', async () => {
    const { element } = await mount({ ...LIST, canManageOrg: false });
    expect(text(element, '.sms-template-read-only')).toContain('needs the Manage SMS Templates permission');
    expect(q(element, '.sms-template-new')).toBeNull();
    expect(q(element, '.sms-template-file')).toBeNull();
  });
});
