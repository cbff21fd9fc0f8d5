import { createElement } from 'lwc';
import CallLogForm from '../callLogForm';
import {
  STONES,
  callView,
  choose,
  contactMatch,
  deferred,
  fakeController,
  flush,
  get,
  typeInto,
} from '../../__tests__/support/softphone-fixtures';
import type { FakeController } from '../../__tests__/support/softphone-fixtures';
import type { CallView } from '../../../../core/engine/softphone-state';
import { DEFAULT_SETTINGS, mergeSettings } from '../../../../core/settings/settings';
import type { Settings } from '../../../../core/settings/settings';

const NOW = 1_700_000_100_000;

/** An inbound call from Ann Lee that ended after 1 min 35 s of talk. */
function endedCall(overrides: Parameters<typeof callView>[0] = {}): CallView {
  return callView({
    displayName: 'Ann Lee',
    matches: [contactMatch()],
    chosenRecordId: '003000000000001AAA',
    ...overrides,
    call: {
      state: 'ended',
      answeredAt: 1_700_000_000_000,
      endedAt: 1_700_000_095_000,
      endReason: 'hangup',
      ...overrides.call,
    },
  });
}

function mount(
  call: CallView,
  options: { controller?: FakeController; settings?: Settings; now?: number } = {},
): { element: HTMLElement; controller: FakeController } {
  const controller = options.controller ?? fakeController();
  const element = createElement('softphone-call-log-form', { is: CallLogForm });
  Object.assign(element, { call, controller, settings: options.settings ?? DEFAULT_SETTINGS, now: options.now ?? NOW });
  document.body.appendChild(element);
  return { element, controller };
}

function submit(element: HTMLElement): void {
  get<HTMLFormElement>(element, 'form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

describe('softphone-call-log-form', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('prefills heading, talk time, subject, notes, disposition and the chosen Who from the call', async () => {
    const { element } = mount(
      endedCall({
        form: { subject: 'Renewal question', notes: 'Wants a call back on Monday', disposition: 'Call Back Later' },
      }),
    );
    await flush();
    expect(get(element, 'h2').textContent).toBe('Inbound call · Ann Lee');
    expect(element.textContent).toContain('(650) 555-0101 · 1:35 · hangup');
    const subject = get<HTMLInputElement>(element, '.softphone-log-subject');
    expect(subject.value).toBe('Renewal question');
    expect(subject.placeholder).toBe('Inbound call from Ann Lee');
    expect(get<HTMLTextAreaElement>(element, 'textarea.softphone-notes').value).toBe('Wants a call back on Monday');
    expect(get<HTMLSelectElement>(element, '.softphone-log-disposition').value).toBe('Call Back Later');
    const who = get<HTMLInputElement>(element, 'input[name="softphone-log-who"]');
    expect(who.value).toBe('003000000000001AAA');
    expect(who.checked).toBe(true);
  });

  it('lists the dispositions of the settings after --None--', () => {
    const settings = mergeSettings({ dispositions: ['Sale', 'No Sale'] });
    const { element } = mount(endedCall(), { settings });
    const options = [...get<HTMLSelectElement>(element, '.softphone-log-disposition').options];
    expect(options.map((o) => o.value)).toEqual(['', 'Sale', 'No Sale']);
    expect(options.map((o) => o.textContent)).toEqual(['--None--', 'Sale', 'No Sale']);
  });

  it('sends edits of subject, notes and disposition to the controller', () => {
    const { element, controller } = mount(endedCall());
    typeInto(get(element, '.softphone-log-subject'), 'Follow-up');
    typeInto(get(element, 'textarea.softphone-notes'), 'Asked for pricing');
    choose(get(element, '.softphone-log-disposition'), 'Left Voicemail');
    choose(get(element, '.softphone-log-disposition'), '');
    expect(controller.updateForm.mock.calls).toEqual([
      ['call-1', { subject: 'Follow-up' }],
      ['call-1', { notes: 'Asked for pricing' }],
      ['call-1', { disposition: 'Left Voicemail' }],
      ['call-1', { disposition: null }],
    ]);
  });

  it('with mandatory dispositions, blocks Save and says why until one is chosen', async () => {
    const settings = mergeSettings({ dispositionsMandatory: true });
    const { element, controller } = mount(endedCall(), { settings });
    const save = get<HTMLButtonElement>(element, '.softphone-log-save');
    expect(save.disabled).toBe(true);
    expect(get<HTMLSelectElement>(element, '.softphone-log-disposition').required).toBe(true);
    expect(get(element, '.softphone-disposition-required').textContent).toBe('Choose a disposition to save.');
    submit(element);
    await flush();
    expect(controller.saveLog).not.toHaveBeenCalled();

    Object.assign(element, { call: endedCall({ form: { disposition: 'Meaningful Connect' } }) });
    await flush();
    expect(save.disabled).toBe(false);
    expect(element.querySelector('.softphone-disposition-required')).toBeNull();
  });

  it('shows the validation message when Save is refused (notes over 32000 characters)', async () => {
    const controller = fakeController();
    const message = 'Notes are 32010 characters long; the limit is 32000. Shorten them by 10 characters.';
    controller.saveLog.mockRejectedValue(new Error(message));
    const { element } = mount(endedCall({ form: { notes: 'x'.repeat(32010) } }), { controller });
    expect(get<HTMLTextAreaElement>(element, 'textarea.softphone-notes').maxLength).toBe(32000);
    submit(element);
    await flush();
    expect(controller.saveLog).toHaveBeenCalledWith('call-1');
    expect(get(element, '.softphone-log-error').textContent).toBe(message);
    expect(get<HTMLButtonElement>(element, '.softphone-log-save').disabled).toBe(false);
  });

  it('shows the outbox error of the call', () => {
    const { element } = mount(
      endedCall({
        logStatus: 'failed',
        logError: { code: 'NETWORK', message: 'Salesforce is unreachable.', field: null },
      }),
    );
    expect(get(element, '.softphone-log-error').textContent).toBe('Salesforce is unreachable.');
  });

  it('disables Save while saving: a second submit sends nothing', async () => {
    const controller = fakeController();
    const save = deferred();
    controller.saveLog.mockReturnValue(save.promise);
    const { element } = mount(endedCall(), { controller });
    const button = get<HTMLButtonElement>(element, '.softphone-log-save');
    expect(button.textContent?.trim()).toBe('Save');
    button.click();
    await flush();
    expect(button.disabled).toBe(true);
    expect(button.textContent?.trim()).toBe('Saving…');
    submit(element);
    button.click();
    await flush();
    expect(controller.saveLog).toHaveBeenCalledTimes(1);
    save.resolve();
    await flush();
    expect(button.disabled).toBe(false);
  });

  it('keeps Save disabled while the outbox is sending and says saved once it is', async () => {
    const { element } = mount(endedCall({ logStatus: 'sending' }));
    expect(get<HTMLButtonElement>(element, '.softphone-log-save').disabled).toBe(true);
    Object.assign(element, { call: endedCall({ logStatus: 'sent', taskId: '00T000000000001AAA' }) });
    await flush();
    expect(get(element, '.softphone-log-saved').textContent).toBe('Saved to Salesforce.');
  });

  it('offers the matched people as Who and sends the choice', () => {
    const { element, controller } = mount(
      endedCall({ displayName: 'STONE LOGISTICS', matches: STONES, chosenRecordId: null }),
    );
    const radios = [...element.querySelectorAll<HTMLInputElement>('input[name="softphone-log-who"]')];
    expect(radios.map((r) => r.checked)).toEqual([false, false]);
    radios[0]?.click();
    expect(controller.chooseRecord).toHaveBeenCalledWith('call-1', '003000000000002AAA');
    expect(element.querySelector('.softphone-placeholder')).toBeNull();
  });

  it('asks for a placeholder name when nothing matched and creates the record of the setting', async () => {
    const settings = mergeSettings({ placeholderObject: 'Lead' });
    const { element, controller } = mount(
      endedCall({ displayName: 'WIRELESS CALLER', matches: [], chosenRecordId: null }),
      { settings },
    );
    expect(get(element, '.softphone-placeholder label').textContent).toBe('New Lead name');
    const create = get<HTMLButtonElement>(element, '.softphone-placeholder-create');
    expect(create.textContent?.trim()).toBe('Create Lead');
    expect(create.disabled).toBe(true);
    typeInto(get(element, '.softphone-placeholder-name'), '   ');
    await flush();
    expect(create.disabled).toBe(true);
    typeInto(get(element, '.softphone-placeholder-name'), '  Pat Doe ');
    await flush();
    expect(create.disabled).toBe(false);
    create.click();
    await flush();
    expect(controller.createPlaceholder).toHaveBeenCalledWith('call-1', 'Pat Doe');
  });

  it('shows the Who name instead of the placeholder entry once a Who is set without matches', () => {
    const { element } = mount(
      endedCall({ matches: [], chosenRecordId: null, form: { whoId: '003000000000009AAA', whoName: 'Pat Doe' } }),
    );
    expect(element.querySelector('.softphone-placeholder')).toBeNull();
    expect(get(element, '.softphone-log-who-name').textContent).toBe('Pat Doe');
  });

  it('shows the auto-log countdown in whole seconds and cancels it', () => {
    const { element, controller } = mount(endedCall({ autoLogAt: NOW + 7_500 }));
    const banner = get(element, '.softphone-autolog');
    expect(banner.textContent).toContain('Saving automatically in 8 s');
    get<HTMLButtonElement>(banner, '.softphone-autolog-cancel').click();
    expect(controller.cancelAutoLog).toHaveBeenCalledWith('call-1');
  });

  it('shows no countdown when none runs', () => {
    const { element } = mount(endedCall({ autoLogAt: null }));
    expect(element.querySelector('.softphone-autolog')).toBeNull();
  });

  it('"Don\'t log" discards the call', () => {
    const { element, controller } = mount(endedCall());
    get<HTMLButtonElement>(element, '.softphone-log-discard').click();
    expect(controller.discard).toHaveBeenCalledWith('call-1');
    expect(controller.saveLog).not.toHaveBeenCalled();
  });

  it('searches Related To from two characters and sets the picked record', async () => {
    const controller = fakeController();
    controller.searchRecords.mockResolvedValue([
      { id: '006000000000001AAA', objectType: 'Opportunity', name: 'Initech — Renewal', detail: 'Initech' },
    ]);
    const { element } = mount(endedCall(), { controller });
    const search = get<HTMLInputElement>(element, '#softphone-related-search');
    typeInto(search, 'I');
    await flush();
    expect(controller.searchRecords).not.toHaveBeenCalled();
    typeInto(search, 'Ini');
    await flush();
    expect(controller.searchRecords).toHaveBeenCalledWith('Ini', ['Account', 'Opportunity', 'Case']);
    const option = get<HTMLButtonElement>(element, '[role="option"][data-id="006000000000001AAA"]');
    expect(option.textContent).toContain('Opportunity · Initech');
    option.click();
    expect(controller.updateForm).toHaveBeenCalledWith('call-1', {
      whatId: '006000000000001AAA',
      whatName: 'Initech — Renewal',
      whatObjectType: 'Opportunity',
    });
  });

  it('has no Related To for a Lead Who', () => {
    const { element } = mount(endedCall({ form: { whoId: '00Q000000000001AAA', whoObjectType: 'Lead' } }));
    expect(element.querySelector('.softphone-log-what')).toBeNull();
    expect(element.textContent).toContain('A call logged on a Lead has no Related To.');
  });
});
