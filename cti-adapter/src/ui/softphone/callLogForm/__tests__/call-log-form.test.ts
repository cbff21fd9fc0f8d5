import { createElement } from 'lwc';
import CallLogForm from '../callLogForm';
import {
  STONES,
  choose,
  contactMatch,
  endedCallView,
  feedback,
  flush,
  get,
  recordEvents,
  typeInto,
} from '../../__tests__/support/softphone-fixtures';
import type { RaisedEvent } from '../../__tests__/support/softphone-fixtures';
import type { CommandFeedback, RecordSearch } from '../../../softphone-events';
import type { CallView } from '../../../../core/engine/softphone-state';
import { DEFAULT_SETTINGS, mergeSettings } from '../../../../core/settings/settings';
import type { Settings } from '../../../../core/settings/settings';
import type { CallLogForm as CallLogFormFields } from '../../../../core/call-log/call-log-form';
import { installLocale, userLocale } from '../../../locale';
import { ENGLISH_LABELS } from '../../../labels.generated';

const NOW = 1_700_000_100_000;
/** The signed-in Salesforce user (`getSoftphoneSettings`' `user`). */
const AGENT = { id: '005000000000001AAA', name: 'Alex Agent' };

function mount(
  call: CallView,
  options: {
    settings?: Settings;
    now?: number;
    feedback?: CommandFeedback;
    recordSearch?: RecordSearch;
    user?: { id: string; name: string } | null;
  } = {},
): { element: HTMLElement; events: RaisedEvent[] } {
  const element = createElement('softphone-call-log-form', { is: CallLogForm });
  Object.assign(element, {
    call,
    settings: options.settings ?? DEFAULT_SETTINGS,
    now: options.now ?? NOW,
    feedback: options.feedback ?? feedback(),
    recordSearch: options.recordSearch ?? null,
    user: options.user === undefined ? AGENT : options.user,
  });
  const events = recordEvents(element);
  document.body.appendChild(element);
  return { element, events };
}

const RELATED_TO = ['Account', 'Opportunity', 'Case'];

function submit(element: HTMLElement): void {
  get<HTMLFormElement>(element, 'form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

describe('softphone-call-log-form', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('prefills heading, talk time, subject, notes, disposition and the chosen Who from the call', async () => {
    const { element } = mount(
      endedCallView({
        form: { subject: 'Renewal question', notes: 'Wants a call back on Monday', disposition: 'Call Back Later' },
      }),
    );
    await flush();
    expect(get(element, 'h2').textContent).toBe('Inbound call · Ann Lee');
    expect(element.textContent).toContain('(650) 555-0101 · Answered · 1:35');
    expect(element.textContent).not.toContain('hangup');
    const subject = get<HTMLInputElement>(element, '.softphone-log-subject');
    expect(subject.value).toBe('Renewal question');
    // The subject the Task gets when Subject stays empty (the core's): no Who is chosen in this form yet, so the
    // caller-ID name, not the card's matched name.
    expect(subject.placeholder).toBe('Inbound call from LEE ANN');
    expect(get<HTMLTextAreaElement>(element, 'textarea.softphone-notes').value).toBe('Wants a call back on Monday');
    expect(get<HTMLSelectElement>(element, '.softphone-log-disposition').value).toBe('Call Back Later');
    const who = get<HTMLInputElement>(element, 'input[name="softphone-log-who"]');
    expect(who.value).toBe('003000000000001AAA');
    expect(who.checked).toBe(true);
  });

  it('lists the dispositions of the settings after --None--', () => {
    const settings = mergeSettings({ dispositions: ['Sale', 'No Sale'] });
    const { element } = mount(endedCallView(), { settings });
    const options = [...get<HTMLSelectElement>(element, '.softphone-log-disposition').options];
    expect(options.map((o) => o.value)).toEqual(['', 'Sale', 'No Sale']);
    expect(options.map((o) => o.textContent)).toEqual(['--None--', 'Sale', 'No Sale']);
  });

  it('raises edits of subject, notes and disposition as formchange', () => {
    const { element, events } = mount(endedCallView());
    typeInto(get(element, '.softphone-log-subject'), 'Follow-up');
    typeInto(get(element, 'textarea.softphone-notes'), 'Asked for pricing');
    choose(get(element, '.softphone-log-disposition'), 'Left Voicemail');
    choose(get(element, '.softphone-log-disposition'), '');
    expect(events).toEqual(
      [
        { subject: 'Follow-up' },
        { notes: 'Asked for pricing' },
        { disposition: 'Left Voicemail' },
        { disposition: null },
      ].map((patch) => ({ type: 'formchange', detail: { callId: 'call-1', patch } })),
    );
  });

  it('with mandatory dispositions, blocks Save and says why until one is chosen', async () => {
    const settings = mergeSettings({ dispositionsMandatory: true });
    const { element, events } = mount(endedCallView(), { settings });
    const save = get<HTMLButtonElement>(element, '.softphone-log-save');
    expect(save.disabled).toBe(true);
    expect(get<HTMLSelectElement>(element, '.softphone-log-disposition').required).toBe(true);
    expect(get(element, '.softphone-disposition-required').textContent).toBe('Choose a disposition to save.');
    submit(element);
    await flush();
    expect(events).toEqual([]);

    Object.assign(element, { call: endedCallView({ form: { disposition: 'Meaningful Connect' } }) });
    await flush();
    expect(save.disabled).toBe(false);
    expect(element.querySelector('.softphone-disposition-required')).toBeNull();
  });

  it('never says "Saved to Salesforce." next to "Choose a disposition to save." (issue 10)', () => {
    const settings = mergeSettings({ dispositionsMandatory: true });
    const { element } = mount(endedCallView({ logStatus: 'sent', taskId: '00T000000000001AAA' }), { settings });
    expect(get(element, '.softphone-disposition-required').textContent).toBe('Choose a disposition to save.');
    expect(element.querySelector('.softphone-log-saved')).toBeNull();
  });

  it('with neither Who nor What offers "Log without a record" and raises the confirmation', async () => {
    const { element, events } = mount(endedCallView({ matches: [], chosenRecordId: null }));
    expect(get(element, '.softphone-log-no-record').textContent).toContain('This call is not linked to any record.');
    const box = get<HTMLInputElement>(element, '.softphone-log-without-record');
    expect(box.checked).toBe(false);
    box.checked = true;
    box.dispatchEvent(new Event('change'));
    expect(events).toEqual([{ type: 'formchange', detail: { callId: 'call-1', patch: { withoutRecord: true } } }]);
    Object.assign(element, {
      call: endedCallView({ form: { whoId: '003000000000001AAA', whoName: 'Ann Lee', whoObjectType: 'Contact' } }),
    });
    await flush();
    expect(element.querySelector('.softphone-log-no-record')).toBeNull();
  });

  it('says the lookup is retried, and after it failed offers "Look up again" instead of a placeholder', async () => {
    const { element, events } = mount(endedCallView({ matches: [], chosenRecordId: null, matchStatus: 'retrying' }));
    expect(get(element, '.softphone-lookup-retrying').textContent).toContain('Looking up the caller in Salesforce…');
    Object.assign(element, { call: endedCallView({ matches: [], chosenRecordId: null, matchStatus: 'failed' }) });
    await flush();
    expect(element.querySelector('.softphone-placeholder')).toBeNull();
    expect(get(element, '.softphone-lookup-failed').textContent).toContain(
      'Salesforce could not be searched for this number.',
    );
    get<HTMLButtonElement>(element, '.softphone-lookup-again').click();
    expect(events).toEqual([{ type: 'lookupagain', detail: { callId: 'call-1' } }]);
  });

  it('shows Related To by name, or by its object while the name is unknown: never an id', async () => {
    const { element } = mount(
      endedCallView({ form: { whatId: '001000000000001AAA', whatName: null, whatObjectType: 'Account' } }),
    );
    expect(get(element, '.softphone-log-what-name').textContent).toContain('Account');
    expect(element.textContent).not.toContain('001000000000001AAA');
    Object.assign(element, {
      call: endedCallView({ form: { whatId: '001000000000001AAA', whatName: 'Acme Corp', whatObjectType: 'Account' } }),
    });
    await flush();
    expect(get(element, '.softphone-log-what-name').textContent).toContain('Acme Corp (Account)');
  });

  it('shows the validation message when Save is refused (notes over 32000 characters)', async () => {
    const message = 'Notes are 32010 characters long; the limit is 32000. Shorten them by 10 characters.';
    const { element, events } = mount(endedCallView({ form: { notes: 'x'.repeat(32010) } }));
    expect(get<HTMLTextAreaElement>(element, 'textarea.softphone-notes').maxLength).toBe(32000);
    submit(element);
    expect(events).toEqual([{ type: 'save', detail: { callId: 'call-1' } }]);
    Object.assign(element, { feedback: feedback({ error: message }) });
    await flush();
    expect(get(element, '.softphone-log-error').textContent).toBe(message);
    expect(get<HTMLButtonElement>(element, '.softphone-log-save').disabled).toBe(false);
  });

  it('shows the outbox error of the call', () => {
    const { element } = mount(
      endedCallView({
        logStatus: 'failed',
        logError: {
          code: 'LIMIT_EXCEEDED',
          message: 'Subject: at most 255 characters.',
          field: null,
          gaveUpAfter: null,
        },
      }),
    );
    expect(get(element, '.softphone-log-error').textContent).toBe('Subject: at most 255 characters.');
  });

  it("shows an outbox failure the softphone translates by its reason's label, and the attempts it gave up after", () => {
    const { element } = mount(
      endedCallView({
        logStatus: 'failed',
        logError: {
          code: 'INTERNAL',
          message: 'Something went wrong (ref SP-7).',
          field: null,
          reference: 'SP-7',
          gaveUpAfter: 8,
        },
      }),
    );
    const reason = ENGLISH_LABELS.Reason_INTERNAL.replace('{0}', 'SP-7');
    expect(get(element, '.softphone-log-error').textContent).toBe(
      ENGLISH_LABELS.Log_gave_up_after.replace('{0}', reason).replace('{1}', '8'),
    );
  });

  it('disables Save while saving: a second submit sends nothing', async () => {
    const { element, events } = mount(endedCallView());
    const button = get<HTMLButtonElement>(element, '.softphone-log-save');
    expect(button.textContent?.trim()).toBe('Save');
    button.click();
    Object.assign(element, { feedback: feedback({ pending: ['save'] }) });
    await flush();
    expect(button.disabled).toBe(true);
    expect(button.textContent?.trim()).toBe('Saving…');
    submit(element);
    button.click();
    await flush();
    expect(events).toEqual([{ type: 'save', detail: { callId: 'call-1' } }]);
    Object.assign(element, { feedback: feedback() });
    await flush();
    expect(button.disabled).toBe(false);
  });

  it('keeps Save disabled while the outbox is sending and says saved once it is', async () => {
    const { element } = mount(endedCallView({ logStatus: 'sending' }));
    expect(get<HTMLButtonElement>(element, '.softphone-log-save').disabled).toBe(true);
    Object.assign(element, { call: endedCallView({ logStatus: 'sent', taskId: '00T000000000001AAA' }) });
    await flush();
    expect(get(element, '.softphone-log-saved').textContent).toBe('Saved to Salesforce.');
  });

  it('offers the matched people as Who and raises the choice', () => {
    const { element, events } = mount(
      endedCallView({ displayName: 'STONE LOGISTICS', matches: STONES, chosenRecordId: null }),
    );
    const radios = [...element.querySelectorAll<HTMLInputElement>('input[name="softphone-log-who"]')];
    expect(radios.map((r) => r.checked)).toEqual([false, false]);
    radios[0]?.click();
    expect(events).toEqual([{ type: 'chooserecord', detail: { callId: 'call-1', recordId: '003000000000002AAA' } }]);
    expect(element.querySelector('.softphone-placeholder')).toBeNull();
  });

  it('asks for a placeholder name when nothing matched and creates the record of the setting', async () => {
    const settings = mergeSettings({ placeholderObject: 'Lead' });
    const { element, events } = mount(
      endedCallView({ displayName: 'WIRELESS CALLER', matches: [], chosenRecordId: null }),
      {
        settings,
      },
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
    expect(events).toEqual([{ type: 'createplaceholder', detail: { callId: 'call-1', name: 'Pat Doe' } }]);
    Object.assign(element, { feedback: feedback({ pending: ['createplaceholder'] }) });
    await flush();
    expect(create.disabled).toBe(true);
    Object.assign(element, { feedback: feedback({ error: 'The Lead could not be created: Last Name is required.' }) });
    await flush();
    expect(create.disabled).toBe(false);
    expect(get(element, '.softphone-log-error').textContent).toBe(
      'The Lead could not be created: Last Name is required.',
    );
  });

  describe('caller-ID name search (reverse lookup, ADR 0033)', () => {
    const unknown = (remoteName: string | null, direction: 'inbound' | 'outbound' = 'inbound'): CallView =>
      endedCallView({
        displayName: remoteName ?? '(650) 555-0106',
        matches: [],
        chosenRecordId: null,
        call: { remoteName, direction },
      });
    const PETER = { id: '003000000000007AAA', objectType: 'Contact', name: 'Peter Gibbons', detail: 'Initech' };

    it('shows the caller-ID name and offers a search of Contacts and Leads by it before the placeholder', async () => {
      const { element, events } = mount(unknown('GIBBONS PETER'));
      expect(get(element, '.softphone-caller-id-name').textContent).toBe('GIBBONS PETER');
      const search = get<HTMLButtonElement>(element, '.softphone-caller-id-search');
      expect(search.textContent?.trim()).toBe("Search Salesforce for 'GIBBONS PETER'");
      // The search comes first, the placeholder stays offered after it.
      const order = [...element.querySelectorAll('.softphone-caller-id, .softphone-placeholder')].map(
        (e) => e.className,
      );
      expect(order[0]).toContain('softphone-caller-id');
      expect(order[1]).toContain('softphone-placeholder');
      search.click();
      expect(events).toEqual([
        { type: 'recordsearch', detail: { callId: 'call-1', term: 'GIBBONS PETER', objectTypes: ['Contact', 'Lead'] } },
      ]);
      Object.assign(element, { recordSearch: { term: 'GIBBONS PETER', records: [], searching: true, error: null } });
      await flush();
      expect(get(element, '.softphone-caller-id-searching').textContent).toContain('Searching Salesforce…');
      expect(search.disabled).toBe(true);
      Object.assign(element, {
        recordSearch: { term: 'GIBBONS PETER', records: [PETER], searching: false, error: null },
      });
      await flush();
      expect(element.querySelector('.softphone-caller-id-searching')).toBeNull();
      const picks = [...element.querySelectorAll<HTMLButtonElement>('.softphone-caller-id-pick')];
      expect(picks.map((p) => [...p.querySelectorAll('span')].map((s) => s.textContent))).toEqual([
        ['Peter Gibbons', 'Contact · Initech'],
      ]);
      // The Related To list does not show the caller search's results.
      expect(element.querySelector('.softphone-log-what [role="listbox"]')).toBeNull();
      events.length = 0;
      picks[0]?.click();
      expect(events).toEqual([
        {
          type: 'formchange',
          detail: { callId: 'call-1', patch: { whoId: PETER.id, whoName: 'Peter Gibbons', whoObjectType: 'Contact' } },
        },
        { type: 'chooserecord', detail: { callId: 'call-1', recordId: PETER.id } },
      ]);
    });

    it('says when nobody has that name, and the placeholder is the way on', async () => {
      const { element } = mount(unknown('GIBBONS PETER'));
      get<HTMLButtonElement>(element, '.softphone-caller-id-search').click();
      Object.assign(element, { recordSearch: { term: 'GIBBONS PETER', records: [], searching: false, error: null } });
      await flush();
      expect(get(element, '.softphone-caller-id-none').textContent?.trim()).toBe(
        "No Contact or Lead named 'GIBBONS PETER' in Salesforce.",
      );
      expect(get(element, '.softphone-placeholder-create')).toBeTruthy();
    });

    it('ignores a Related To search answer, and shows a failed search as an error', async () => {
      const { element } = mount(unknown('GIBBONS PETER'));
      Object.assign(element, {
        recordSearch: { term: 'GIBBONS PETER', records: [PETER], searching: false, error: null },
      });
      await flush();
      // Not asked for by the caller search: nothing listed.
      expect(element.querySelector('.softphone-caller-id-pick')).toBeNull();
      get<HTMLButtonElement>(element, '.softphone-caller-id-search').click();
      Object.assign(element, {
        recordSearch: { term: 'GIBBONS PETER', records: [], searching: false, error: 'Salesforce is unreachable.' },
      });
      await flush();
      expect(get(element, '.softphone-log-error').textContent).toBe('Salesforce is unreachable.');
      expect(element.querySelector('.softphone-caller-id-none')).toBeNull();
    });

    it('shows a hostile caller-ID name as text and searches it as typed by the network', async () => {
      const hostile = `<img src=x onerror="alert(1)"> O'Brien* OR "x"`;
      const { element, events } = mount(unknown(hostile));
      expect(element.querySelector('img')).toBeNull();
      expect(get(element, '.softphone-caller-id-name').textContent).toBe(hostile);
      get<HTMLButtonElement>(element, '.softphone-caller-id-search').click();
      expect(events[0]).toEqual({
        type: 'recordsearch',
        detail: { callId: 'call-1', term: hostile, objectTypes: ['Contact', 'Lead'] },
      });
    });

    it('offers no search for a generic or missing caller-ID name, an outbound call, or once a Who is set', () => {
      for (const call of [
        unknown('WIRELESS CALLER'),
        unknown(null),
        unknown('+16505550106'),
        unknown('GIBBONS PETER', 'outbound'),
        endedCallView({
          matches: [],
          chosenRecordId: null,
          call: { remoteName: 'GIBBONS PETER' },
          form: { whoId: '003000000000009AAA', whoName: 'Pat Doe' },
        }),
      ]) {
        const { element } = mount(call);
        expect(element.querySelector('.softphone-caller-id')).toBeNull();
        element.remove();
      }
    });
  });

  it('shows the Who name instead of the placeholder entry once a Who is set without matches', () => {
    const { element } = mount(
      endedCallView({ matches: [], chosenRecordId: null, form: { whoId: '003000000000009AAA', whoName: 'Pat Doe' } }),
    );
    expect(element.querySelector('.softphone-placeholder')).toBeNull();
    expect(get(element, '.softphone-log-who-name').textContent).toBe('Pat Doe');
  });

  it('shows the auto-log countdown in whole seconds and cancels it', () => {
    const { element, events } = mount(endedCallView({ autoLogAt: NOW + 7_500 }));
    const banner = get(element, '.softphone-autolog');
    expect(banner.textContent).toContain('Saving automatically in 8 s');
    get<HTMLButtonElement>(banner, '.softphone-autolog-cancel').click();
    expect(events).toEqual([{ type: 'cancelautolog', detail: { callId: 'call-1' } }]);
  });

  it('shows no countdown when none runs', () => {
    const { element } = mount(endedCallView({ autoLogAt: null }));
    expect(element.querySelector('.softphone-autolog')).toBeNull();
  });

  it('"Don\'t log" discards the call', () => {
    const { element, events } = mount(endedCallView());
    get<HTMLButtonElement>(element, '.softphone-log-discard').click();
    expect(events).toEqual([{ type: 'discard', detail: { callId: 'call-1' } }]);
  });

  it('raises every Related To search term, lists the results passed down and sets the picked record', async () => {
    const { element, events } = mount(endedCallView());
    const search = get<HTMLInputElement>(element, '#softphone-related-search');
    typeInto(search, 'I');
    typeInto(search, 'Ini');
    expect(events).toEqual([
      { type: 'recordsearch', detail: { callId: 'call-1', term: 'I', objectTypes: RELATED_TO } },
      { type: 'recordsearch', detail: { callId: 'call-1', term: 'Ini', objectTypes: RELATED_TO } },
    ]);
    expect(element.querySelector('[role="option"]')).toBeNull();
    Object.assign(element, {
      recordSearch: {
        term: 'Ini',
        records: [
          { id: '006000000000001AAA', objectType: 'Opportunity', name: 'Initech — Renewal', detail: 'Initech' },
        ],
        searching: false,
        error: null,
      },
    });
    await flush();
    const option = get<HTMLButtonElement>(element, '[role="option"][data-id="006000000000001AAA"]');
    expect(option.textContent).toContain('Opportunity · Initech');
    events.length = 0;
    option.click();
    expect(events).toEqual([
      {
        type: 'formchange',
        detail: {
          callId: 'call-1',
          patch: { whatId: '006000000000001AAA', whatName: 'Initech — Renewal', whatObjectType: 'Opportunity' },
        },
      },
      { type: 'recordsearch', detail: { callId: 'call-1', term: '', objectTypes: RELATED_TO } },
    ]);
    await flush();
    expect(search.value).toBe('');
  });

  it('removing Related To empties it (the engine then clears it on the Task at Save): a patch of nulls, never ""', () => {
    const { element, events } = mount(
      endedCallView({ form: { whatId: '001000000000001AAA', whatName: 'Acme Corp', whatObjectType: 'Account' } }),
    );
    const remove = get<HTMLButtonElement>(element, '.softphone-log-what-name .slds-pill__remove');
    expect(remove.title).toBe('Remove Related To');
    remove.click();
    expect(events).toEqual([
      {
        type: 'formchange',
        detail: { callId: 'call-1', patch: { whatId: null, whatName: null, whatObjectType: null } },
      },
    ]);
  });

  it('shows why the Related To search failed', () => {
    const { element } = mount(endedCallView(), {
      recordSearch: { term: 'Ini', records: [], searching: false, error: 'Salesforce is unreachable.' },
    });
    expect(get(element, '.softphone-log-error').textContent).toBe('Salesforce is unreachable.');
  });

  it('offers the records related to the matched person before any search', () => {
    const { element } = mount(
      endedCallView({
        matches: [
          contactMatch({
            related: [{ id: '500000000000001AAA', objectType: 'Case', name: '00001026 Printer jam' }],
          }),
        ],
      }),
    );
    const option = get<HTMLButtonElement>(element, '[role="option"][data-id="500000000000001AAA"]');
    expect(option.textContent).toContain('00001026 Printer jam');
  });

  it('has no Related To for a Lead Who', () => {
    const { element } = mount(endedCallView({ form: { whoId: '00Q000000000001AAA', whoObjectType: 'Lead' } }));
    expect(element.querySelector('.softphone-log-what')).toBeNull();
    expect(element.textContent).toContain('A call logged on a Lead has no Related To.');
  });

  it("shows the admin's log fields by type, marks required ones and raises their values in the form's fields", async () => {
    const settings = mergeSettings({
      logFields: [
        { apiName: 'Call_Summary__c', label: 'Call Summary', type: 'textarea', required: true },
        {
          apiName: 'Call_Outcome__c',
          label: 'Call Outcome',
          type: 'picklist',
          picklistValues: ['Interested', 'Not interested'],
          required: false,
        },
        { apiName: 'Follow_Up__c', label: 'Follow-up', type: 'date', required: false },
        { apiName: 'key__c', label: 'key', type: 'string', required: false },
      ],
    });
    const call = endedCallView({ form: { fields: { Call_Summary__c: 'Asked about pricing', key__c: 'K-1' } } });
    const { element, events } = mount(call, { settings });
    await flush();
    const fields = [...element.querySelectorAll<HTMLElement>('.softphone-log-field')];
    expect(fields.map((f) => f.dataset.field)).toEqual([
      'Call_Summary__c',
      'Call_Outcome__c',
      'Follow_Up__c',
      'key__c',
    ]);
    expect(fields[0]!.querySelector('abbr.slds-required')).not.toBeNull();
    expect(fields[1]!.querySelector('abbr.slds-required')).toBeNull();
    const summary = get<HTMLTextAreaElement>(element, 'textarea[data-api-name="Call_Summary__c"]');
    expect(summary.value).toBe('Asked about pricing');
    expect(get<HTMLInputElement>(element, 'input[data-api-name="Follow_Up__c"]').type).toBe('date');
    expect(get<HTMLInputElement>(element, 'input[data-api-name="key__c"]').value).toBe('K-1');
    const outcome = get<HTMLSelectElement>(element, 'select[data-api-name="Call_Outcome__c"]');
    expect([...outcome.options].map((o) => o.value)).toEqual(['', 'Interested', 'Not interested']);
    typeInto(summary, 'Wants a quote');
    choose(outcome, 'Interested');
    typeInto(get<HTMLInputElement>(element, 'input[data-api-name="key__c"]'), '');
    expect(events.map((e) => e.detail)).toEqual([
      { callId: call.call.callId, patch: { fields: { Call_Summary__c: 'Wants a quote', key__c: 'K-1' } } },
      {
        callId: call.call.callId,
        patch: { fields: { Call_Summary__c: 'Asked about pricing', key__c: 'K-1', Call_Outcome__c: 'Interested' } },
      },
      { callId: call.call.callId, patch: { fields: { Call_Summary__c: 'Asked about pricing', key__c: null } } },
    ]);
  });
});

describe('softphone-call-log-form — Sales Engagement (seed 004_7d3109e70c064dca.txt)', () => {
  const HVS = mergeSettings({ hvsMode: true, hvsDispositionField: 'hvs_disposition__c', dispositionsMandatory: true });
  const WORK = { workId: '0Zx000000000001AAA', completed: false };

  afterEach(() => {
    document.body.replaceChildren();
  });

  it('a work queue call shows "Sales Engagement disposition" with the default values; Save answers the mandatory rule', async () => {
    const { element } = mount(endedCallView({ salesEngagement: WORK }), { settings: HVS });
    await flush();
    expect(get(element, '.softphone-disposition label').textContent).toContain('Sales Engagement disposition');
    const values = Array.from(element.querySelectorAll<HTMLOptionElement>('.softphone-log-disposition option'))
      .map((o) => o.value)
      .filter(Boolean);
    expect(values).toEqual([
      'Call Back Later',
      'Left Voicemail',
      'Meaningful Connect',
      'Not Interested',
      'Unqualified',
    ]);
    // Save stays enabled: the engine refuses it with "Mandatory fields are required".
    expect(get<HTMLButtonElement>(element, '.softphone-log-save').disabled).toBe(false);
  });

  it('a call not from the work queue has no disposition field in Sales Engagement mode', async () => {
    const { element } = mount(endedCallView(), { settings: HVS });
    await flush();
    expect(element.querySelector('.softphone-disposition')).toBeNull();
    expect(get<HTMLButtonElement>(element, '.softphone-log-save').disabled).toBe(false);
  });

  it('the disposition is read-only once the cadence step is complete', async () => {
    const { element } = mount(
      endedCallView({
        salesEngagement: { ...WORK, completed: true },
        taskId: '00T000000000001AAA',
        form: { disposition: 'Meaningful Connect' },
      }),
      { settings: HVS },
    );
    await flush();
    expect(get<HTMLSelectElement>(element, '.softphone-log-disposition').disabled).toBe(true);
  });

  it('saved automatically without a disposition: the hint asks for one to complete the step', async () => {
    const optional = mergeSettings({ hvsMode: true });
    const { element } = mount(endedCallView({ salesEngagement: WORK, taskId: '00T000000000001AAA' }), {
      settings: optional,
    });
    await flush();
    expect(element.textContent).toContain('Choose a disposition and save to complete the cadence step.');
  });
});

describe('softphone-call-log-form — follow-up task (issue 15, ADR 0033)', () => {
  const SAM = { id: '005000000000002AAA', objectType: 'User', name: 'Sam Supervisor', detail: 'Support Supervisor' };
  const ME = { id: AGENT.id, objectType: 'User', name: 'Alex Agent', detail: 'Agent' };
  const withFollowUp = (followUp: Partial<NonNullable<CallLogFormFields['followUp']>> = {}): CallView =>
    endedCallView({
      form: {
        whoId: '003000000000001AAA',
        whoName: 'Ann Lee',
        followUp: { subject: null, ownerId: AGENT.id, ownerName: AGENT.name, dueDate: '2023-11-15', ...followUp },
      },
    });
  const lastPatch = (events: RaisedEvent[]): unknown =>
    (events.filter((e) => e.type === 'formchange').at(-1)?.detail as { patch: unknown }).patch;

  afterEach(() => {
    document.body.replaceChildren();
  });

  it('is collapsed by default; "Add follow-up task" assigns it to the agent, due tomorrow in their time zone', () => {
    const { element, events } = mount(endedCallView());
    expect(element.querySelector('.softphone-follow-up-fields')).toBeNull();
    const add = get<HTMLButtonElement>(element, '.softphone-follow-up-add');
    expect(add.textContent?.trim()).toBe('Add follow-up task');
    add.click();
    // NOW is 2023-11-14 22:15 UTC: tomorrow is the 15th in UTC…
    expect(events).toEqual([
      {
        type: 'formchange',
        detail: {
          callId: 'call-1',
          patch: {
            followUp: { subject: null, ownerId: AGENT.id, ownerName: 'Alex Agent', dueDate: '2023-11-15' },
          },
        },
      },
    ]);
  });

  it('counts tomorrow in the agent’s Salesforce time zone, not UTC', () => {
    installLocale(userLocale({ language: 'en_US', locale: 'en_US', timeZone: 'Pacific/Auckland' }));
    try {
      const { element, events } = mount(endedCallView());
      get<HTMLButtonElement>(element, '.softphone-follow-up-add').click();
      // 2023-11-14 22:15 UTC is already the 15th in Auckland (UTC+13): due the 16th.
      expect(lastPatch(events)).toMatchObject({ followUp: { dueDate: '2023-11-16' } });
    } finally {
      installLocale(userLocale({}));
    }
  });

  it('shows the assignee "(you)", the due date in the agent’s locale and the default subject as the placeholder', () => {
    const { element } = mount(withFollowUp());
    expect(get(element, '.softphone-follow-up-owner-name').textContent).toContain('Alex Agent (you)');
    expect(get<HTMLInputElement>(element, '.softphone-follow-up-due').value).toBe('2023-11-15');
    expect(get(element, '.softphone-follow-up-due-text').textContent?.trim()).toBe('Due Wed, Nov 15, 2023');
    const subject = get<HTMLInputElement>(element, '.softphone-follow-up-subject');
    expect(subject.value).toBe('');
    expect(subject.placeholder).toBe('Follow up: Ann Lee');
    expect(element.querySelector('.softphone-follow-up-owner-missing')).toBeNull();
  });

  it('searches users as the agent types, lists them with the agent first, and assigns the one picked', async () => {
    const { element, events } = mount(withFollowUp());
    typeInto(get<HTMLInputElement>(element, '.softphone-follow-up-owner'), 'a');
    typeInto(get<HTMLInputElement>(element, '.softphone-follow-up-owner'), 'al');
    expect(events.filter((e) => e.type === 'recordsearch').map((e) => e.detail)).toEqual([
      { callId: 'call-1', term: 'a', objectTypes: ['User'] },
      { callId: 'call-1', term: 'al', objectTypes: ['User'] },
    ]);
    Object.assign(element, { recordSearch: { term: 'al', records: [], searching: true, error: null } });
    await flush();
    expect(element.textContent).toContain('Searching Salesforce…');
    Object.assign(element, { call: withFollowUp({ ownerId: null, ownerName: null }) });
    Object.assign(element, { recordSearch: { term: 'al', records: [SAM, ME], searching: false, error: null } });
    await flush();
    const picks = [...element.querySelectorAll<HTMLButtonElement>('.softphone-follow-up-owner-pick')];
    expect(picks.map((p) => [...p.querySelectorAll('span')].map((x) => x.textContent))).toEqual([
      ['Alex Agent (you)', 'Agent'],
      ['Sam Supervisor', 'Support Supervisor'],
    ]);
    events.length = 0;
    picks[1]?.click();
    expect(events).toEqual([
      {
        type: 'formchange',
        detail: {
          callId: 'call-1',
          patch: { followUp: { subject: null, ownerId: SAM.id, ownerName: 'Sam Supervisor', dueDate: '2023-11-15' } },
        },
      },
      { type: 'recordsearch', detail: { callId: 'call-1', term: '', objectTypes: ['User'] } },
    ]);
  });

  it('offers the agent alone once the assignee is cleared, and asks for one', async () => {
    const { element, events } = mount(withFollowUp({ ownerId: SAM.id, ownerName: SAM.name }));
    expect(get(element, '.softphone-follow-up-owner-name').textContent).toContain('Sam Supervisor');
    get<HTMLButtonElement>(element, '.softphone-follow-up-owner-clear').click();
    expect(lastPatch(events)).toEqual({
      followUp: { subject: null, ownerId: null, ownerName: null, dueDate: '2023-11-15' },
    });
    Object.assign(element, { call: withFollowUp({ ownerId: null, ownerName: null }) });
    await flush();
    expect(get(element, '.softphone-follow-up-owner-missing').textContent?.trim()).toBe(
      'Choose who the follow-up task is assigned to.',
    );
    expect(
      [...element.querySelectorAll('.softphone-follow-up-owner-pick')].map((p) => p.getAttribute('data-id')),
    ).toEqual([AGENT.id]);
  });

  it('says when no active user has the name typed, and ignores the answers of its other searches', async () => {
    const { element } = mount(withFollowUp());
    // A Related To answer for the same term is not the assignee search's.
    Object.assign(element, { recordSearch: { term: 'zed', records: [SAM], searching: false, error: null } });
    await flush();
    expect(element.querySelector('.softphone-follow-up-owner-pick')).toBeNull();
    typeInto(get<HTMLInputElement>(element, '.softphone-follow-up-owner'), 'zed');
    Object.assign(element, { recordSearch: { term: 'zed', records: [], searching: false, error: null } });
    await flush();
    expect(get(element, '.softphone-follow-up-owner-none').textContent?.trim()).toBe("No active user named 'zed'.");
  });

  it('raises the due date and the subject; a cleared date asks for one; Remove drops the follow-up', async () => {
    const { element, events } = mount(withFollowUp());
    const due = get<HTMLInputElement>(element, '.softphone-follow-up-due');
    due.value = '2023-12-01';
    due.dispatchEvent(new Event('change', { bubbles: true }));
    expect(lastPatch(events)).toMatchObject({ followUp: { dueDate: '2023-12-01' } });
    typeInto(get<HTMLInputElement>(element, '.softphone-follow-up-subject'), 'Send the quote');
    expect(lastPatch(events)).toMatchObject({ followUp: { subject: 'Send the quote', dueDate: '2023-11-15' } });
    typeInto(get<HTMLInputElement>(element, '.softphone-follow-up-subject'), '');
    expect(lastPatch(events)).toMatchObject({ followUp: { subject: null } });
    Object.assign(element, { call: withFollowUp({ dueDate: null }) });
    await flush();
    expect(get(element, '.softphone-follow-up-due-missing').textContent?.trim()).toBe(
      'Choose the due date of the follow-up task.',
    );
    get<HTMLButtonElement>(element, '.softphone-follow-up-remove').click();
    expect(lastPatch(events)).toEqual({ followUp: null });
  });

  it('says the follow-up was saved with the log, and shows the server’s message when only the follow-up failed', async () => {
    const { element } = mount({
      ...withFollowUp({ ownerId: SAM.id, ownerName: SAM.name }),
      taskId: '00T000000000001AAA',
      logStatus: 'sent',
    });
    expect(get(element, '.softphone-follow-up-saved').textContent?.trim()).toBe(
      'Saved with the call log: assigned to Sam Supervisor, due Wed, Nov 15, 2023.',
    );
    const message = "The call is logged, but its follow-up task could not be saved: Sam Supervisor's user is inactive.";
    Object.assign(element, {
      call: {
        ...withFollowUp({ ownerId: SAM.id, ownerName: SAM.name }),
        logStatus: 'failed',
        logError: { code: 'INVALID_INPUT', message, field: 'logs[0].followUp.ownerId' },
      },
    });
    await flush();
    expect(element.querySelector('.softphone-follow-up-saved')).toBeNull();
    expect(get(element, '.softphone-log-error').textContent).toBe(message);
    // The follow-up stays on the form, to be changed and saved again.
    expect(get(element, '.softphone-follow-up-owner-name').textContent).toContain('Sam Supervisor');
  });

  it('without the signed-in user yet, opens the follow-up with nobody assigned', () => {
    const { element, events } = mount(endedCallView(), { user: null });
    get<HTMLButtonElement>(element, '.softphone-follow-up-add').click();
    expect(lastPatch(events)).toEqual({
      followUp: { subject: null, ownerId: null, ownerName: null, dueDate: '2023-11-15' },
    });
  });
});
