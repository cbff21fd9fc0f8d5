import { createElement } from 'lwc';
import SmsTemplates from '../smsTemplates';
import { flush, get, typeInto } from '../../__tests__/support/softphone-fixtures';
import { recordMessagesEvents } from '../../__tests__/support/messages-fixtures';
import type { SmsTemplate } from '../../../../core/ports/sms-template-port';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

function template(overrides: Partial<SmsTemplate> = {}): SmsTemplate {
  return {
    id: 'a01000000000001AAA',
    name: 'Renewal quote ready',
    body: 'Hi {FirstName}, your quote is ready.',
    scope: 'org',
    category: 'Renewals',
    active: true,
    canEdit: false,
    filled: 'Hi Ann, your quote is ready.',
    missing: [],
    ...overrides,
  };
}

async function mount(props: Record<string, unknown>): Promise<HTMLElement> {
  const element = createElement('softphone-sms-templates', { is: SmsTemplates });
  Object.assign(element, props);
  document.body.appendChild(element);
  await flush();
  return element;
}

describe('softphone-sms-templates', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('lists org-wide and personal templates with the filled text, names unfilled placeholders, and focuses the search', async () => {
    const element = await mount({
      templates: [
        template(),
        template({
          id: 'a01000000000002AAA',
          name: 'Running late',
          scope: 'personal',
          body: '{Company}: I am running late',
          filled: '{Company}: I am running late',
          missing: ['Company'],
        }),
      ],
    });
    const names = [...element.querySelectorAll('.softphone-sms-template-name')].map((n) => n.textContent);
    expect(names).toEqual(['Renewal quote ready', 'Running late']);
    const scopes = [...element.querySelectorAll('.softphone-sms-template-scope')].map((n) => n.textContent);
    expect(scopes).toEqual(['Org-wide', 'Personal']);
    const texts = [...element.querySelectorAll('.softphone-sms-template-text')].map((n) => n.textContent?.trim());
    expect(texts).toEqual(['Hi Ann, your quote is ready.', '{Company}: I am running late']);
    expect(element.querySelectorAll('.softphone-sms-template-missing')).toHaveLength(1);
    expect(get(element, '.softphone-sms-template-missing').textContent).toBe('No value for {Company}');
    expect(document.activeElement).toBe(get(element, '.softphone-sms-template-search'));
  });

  it('shows the body as typed when no record filled it, and markup as text', async () => {
    const element = await mount({ templates: [template({ filled: undefined, body: HOSTILE })] });
    expect(get(element, '.softphone-sms-template-text').textContent?.trim()).toBe(HOSTILE);
    expect(element.querySelector('img')).toBeNull();
  });

  it('raises searchtemplates as the agent types, choosetemplate with the id, closetemplates on Close or Escape', async () => {
    const element = await mount({ templates: [template()] });
    const events = recordMessagesEvents(element);
    typeInto(get<HTMLInputElement>(element, '.softphone-sms-template-search'), 'quote');
    get<HTMLButtonElement>(element, '.softphone-sms-template').click();
    get<HTMLButtonElement>(element, '.softphone-sms-templates-close').click();
    get(element, '.softphone-sms-template-search').dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
    );
    expect(events).toEqual([
      { type: 'searchtemplates', detail: { search: 'quote' } },
      { type: 'choosetemplate', detail: { templateId: 'a01000000000001AAA' } },
      { type: 'closetemplates', detail: {} },
      { type: 'closetemplates', detail: {} },
    ]);
  });

  it('says it is loading, that nothing matches, or why the list failed, with a retry of the same search', async () => {
    const element = await mount({ templates: [], loading: true });
    expect(get(element, '.softphone-sms-templates-loading').textContent).toContain('Loading templates');
    Object.assign(element, { loading: false, search: 'zzz' });
    await flush();
    expect(get(element, '.softphone-sms-templates-empty').textContent).toBe('No template contains “zzz”.');
    Object.assign(element, { error: 'Salesforce could not list your SMS templates (timeout). Try again.' });
    await flush();
    expect(element.querySelector('.softphone-sms-templates-empty')).toBeNull();
    expect(get(element, '.softphone-sms-templates-error').textContent).toContain('could not list your SMS templates');
    const events = recordMessagesEvents(element);
    get<HTMLButtonElement>(element, '.softphone-sms-templates-retry').click();
    expect(events).toEqual([{ type: 'searchtemplates', detail: { search: 'zzz' } }]);
  });
});
