import { createElement } from 'lwc';
import MessagesPanel from '../messagesPanel';
import { contactMatch, flush, get, typeInto } from '../../__tests__/support/softphone-fixtures';
import {
  fakeMessagesAccess,
  fakeMessagesController,
  messagesState,
  threadView,
} from '../../__tests__/support/messages-fixtures';
import type { MessagesAccess } from '../../../messages-controller';
import { messagesText, MessagesTextError } from '../../../../core/messaging/messages-text';
import { doNotCallText } from '../../../../core/do-not-call/do-not-call-text';
import { installLabels } from '../../../labels';
import { ENGLISH_LABELS } from '../../../labels.generated';
import { installLocale, userLocale } from '../../../locale';

async function mount(access: MessagesAccess | null): Promise<HTMLElement> {
  const element = createElement('softphone-messages-panel', { is: MessagesPanel });
  Object.assign(element, { access });
  document.body.appendChild(element);
  await flush();
  return element;
}

describe('softphone-messages-panel', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('loads the feature, shows the conversations and tells it the tab is on screen (and when it leaves)', async () => {
    const controller = fakeMessagesController();
    const element = await mount(fakeMessagesAccess(controller));
    expect(element.querySelectorAll('.softphone-conversation')).toHaveLength(1);
    expect(controller.setViewing).toHaveBeenLastCalledWith(true);
    element.remove();
    expect(controller.setViewing).toHaveBeenLastCalledWith(false);
    expect(controller.subscriberCount()).toBe(0);
  });

  it('moves to a new access while shown (this tab took the phone over, ADR 0028): the old feature stops being viewed', async () => {
    const mirrored = fakeMessagesController();
    const element = await mount(fakeMessagesAccess(mirrored));
    const own = fakeMessagesController(messagesState({ thread: threadView({ draft: 'Hi' }) }));
    Object.assign(element, { access: fakeMessagesAccess(own) });
    await flush();
    expect(mirrored.setViewing).toHaveBeenLastCalledWith(false);
    expect(own.setViewing).toHaveBeenLastCalledWith(true);
    expect(get(element, '.softphone-sms-thread-name').textContent?.trim()).toBe('Ann Lee');
    get<HTMLButtonElement>(element, '.softphone-sms-send').click();
    expect(own.send).toHaveBeenCalled();
    expect(mirrored.send).not.toHaveBeenCalled();
  });

  it('opens a conversation from the list and a typed number, and says why a number cannot be texted', async () => {
    const controller = fakeMessagesController();
    controller.openNumber.mockRejectedValueOnce(new Error('abc is not a phone number that can receive text messages.'));
    const element = await mount(fakeMessagesAccess(controller));
    get<HTMLButtonElement>(element, '.softphone-conversation-open').click();
    expect(controller.open).toHaveBeenCalledWith('conv-1');
    typeInto(get<HTMLInputElement>(element, '.softphone-sms-new-number'), 'abc');
    await flush();
    get<HTMLButtonElement>(element, '.softphone-sms-new').click();
    await flush();
    expect(controller.openNumber).toHaveBeenCalledWith('abc', null);
    expect(element.textContent).toContain('abc is not a phone number');
  });

  it('shows the open thread and applies the compose box and header events', async () => {
    const controller = fakeMessagesController(messagesState({ thread: threadView({ draft: 'Hi' }) }));
    const element = await mount(fakeMessagesAccess(controller));
    expect(get(element, '.softphone-sms-thread-name').textContent?.trim()).toBe('Ann Lee');
    expect(element.querySelectorAll('softphone-message-thread li[data-id]')).toHaveLength(3);
    typeInto(get<HTMLTextAreaElement>(element, 'textarea'), 'Hi Ann');
    expect(controller.setDraft).toHaveBeenCalledWith('Hi Ann');
    get<HTMLButtonElement>(element, '.softphone-sms-send').click();
    expect(controller.send).toHaveBeenCalled();
    get<HTMLButtonElement>(element, '.softphone-sms-log').click();
    expect(controller.logThread).toHaveBeenCalled();
    get<HTMLButtonElement>(element, '.softphone-sms-back').click();
    expect(controller.close).toHaveBeenCalled();
  });

  it('follows the feature’s new states (a sent message, the log of the day)', async () => {
    const controller = fakeMessagesController(messagesState({ thread: threadView() }));
    const element = await mount(fakeMessagesAccess(controller));
    const thread = threadView({
      log: { day: '2026-12-05', status: 'sent', error: null, notesWaiting: 0, taskId: '00T000000000001AAA' },
    });
    controller.publish(messagesState({ thread }));
    await flush();
    expect(get(element, '.softphone-sms-log-status').textContent).toBe('Logged');
  });

  it('asks which record the conversation is with when several match, and explains a consent block', async () => {
    const matches = [
      contactMatch({ id: '003000000000001AAA', name: 'Ann Lee' }),
      contactMatch({ id: '003000000000002AAA', name: 'Bob Lee', sms: { phoneNumber: null, allowed: false } }),
    ];
    const reason = messagesText(
      'NOT_AGREED_SEVERAL',
      'Several records share this number and Bob Lee has not agreed to receive text messages (Send SMS is unchecked). Choose the record this conversation is with.',
      'Bob Lee',
    );
    const controller = fakeMessagesController(
      messagesState({
        thread: threadView({
          draft: 'Hi',
          matches,
          matchState: 'several',
          consent: { allowed: false, reason, useNumber: null },
          blockedReason: reason,
        }),
      }),
    );
    const element = await mount(fakeMessagesAccess(controller));
    expect(get(element, '.softphone-sms-blocked').textContent).toContain('Bob Lee has not agreed');
    expect(get<HTMLButtonElement>(element, '.softphone-sms-send').disabled).toBe(true);
    const select = get<HTMLSelectElement>(element, '.softphone-sms-record');
    select.value = '003000000000001AAA';
    select.dispatchEvent(new Event('change'));
    expect(controller.chooseRecord).toHaveBeenCalledWith('003000000000001AAA');
  });

  it('do-not-call warning: says why under Send and offers "Send anyway" once there is a draft; a block offers nothing', async () => {
    const restriction = 'Ann Lee (Contact) is marked Do Not Call.';
    const why = doNotCallText('RECORD_MARKED', restriction, 'Ann Lee', 'Contact');
    const reason = messagesText('DO_NOT_CALL_WARNING', restriction, why);
    const warned = (draft: string) =>
      messagesState({
        thread: threadView({
          draft,
          consent: { allowed: false, reason, useNumber: null, warn: true },
          blockedReason: reason,
        }),
      });
    const controller = fakeMessagesController(warned(''));
    const element = await mount(fakeMessagesAccess(controller));
    expect(get(element, '.softphone-sms-blocked').textContent).toContain(restriction);
    expect(get<HTMLButtonElement>(element, '.softphone-sms-send').disabled).toBe(true);
    expect(get<HTMLButtonElement>(element, '.softphone-sms-send-anyway').disabled).toBe(true);
    controller.publish(warned('Hi Ann'));
    await flush();
    get<HTMLButtonElement>(element, '.softphone-sms-send-anyway').click();
    expect(controller.sendAnyway).toHaveBeenCalledTimes(1);
    expect(controller.send).not.toHaveBeenCalled();

    controller.publish(
      messagesState({
        thread: threadView({
          draft: 'Hi Ann',
          consent: { allowed: false, reason, useNumber: null },
          blockedReason: reason,
        }),
      }),
    );
    await flush();
    expect(element.querySelector('.softphone-sms-send-anyway')).toBeNull();
  });

  describe('in the agent’s language (ADR 0032, the last English texts)', () => {
    afterEach(() => {
      installLabels(ENGLISH_LABELS);
      installLocale(userLocale({ language: 'en_US', locale: 'en_US', timeZone: 'UTC' }));
    });

    it('words the core’s texts by their Sms_<CODE> labels: why Send is disabled or failed, the log’s failure, a refused number', async () => {
      installLabels({
        ...ENGLISH_LABELS,
        Sms_TEXT_TOO_LONG: 'Un SMS contient au plus {0} caractères (celui-ci en a {1}).',
        Sms_SEND_RATE_LIMITED: 'RingCentral limite les messages : renvoyez dans {0} s.',
        Sms_NOT_A_PHONE_NUMBER: '{0} n’est pas un numéro pouvant recevoir des SMS.',
        Sms_MESSAGES_UNREADABLE: 'Vos messages n’ont pas pu être lus : {0}',
        Reason_NETWORK: 'Salesforce injoignable',
        Log_gave_up_after: '{0} (abandon après {1} tentatives)',
        Status_with_error: '{0} : {1}',
      });
      installLocale(userLocale({ language: 'fr', locale: 'fr_FR', timeZone: 'Europe/Paris' }));
      const controller = fakeMessagesController(
        messagesState({
          thread: threadView({
            draft: 'x'.repeat(1001),
            blockedReason: messagesText('TEXT_TOO_LONG', 'A text message holds at most …', 1000, 1001),
            sendError: messagesText('SEND_RATE_LIMITED', 'RingCentral is limiting messages …', 1200),
            log: {
              day: '2026-12-05',
              status: 'failed',
              error: { code: 'LIMIT_EXCEEDED', message: 'Trop de tâches.', field: null, gaveUpAfter: 8 },
              taskId: null,
              notesWaiting: 0,
            },
          }),
        }),
      );
      controller.openNumber.mockRejectedValueOnce(
        new MessagesTextError(messagesText('NOT_A_PHONE_NUMBER', 'abc is not a phone number …', 'abc')),
      );
      const element = await mount(fakeMessagesAccess(controller));
      const thousand = new Intl.NumberFormat('fr-FR').format(1000);
      const thousandOne = new Intl.NumberFormat('fr-FR').format(1001);
      expect(get(element, '.softphone-sms-blocked').textContent?.trim()).toBe(
        `Un SMS contient au plus ${thousand} caractères (celui-ci en a ${thousandOne}).`,
      );
      expect(get(element, '.softphone-sms-error').textContent?.trim()).toBe(
        `RingCentral limite les messages : renvoyez dans ${new Intl.NumberFormat('fr-FR').format(1200)} s.`,
      );
      expect(get(element, '.softphone-sms-log-status').textContent).toContain(
        'Trop de tâches. (abandon après 8 tentatives)',
      );
      expect(element.textContent).not.toMatch(/gave up|holds at most|is limiting/);

      controller.publish(
        messagesState({
          status: 'unavailable',
          problem: messagesText('MESSAGES_UNREADABLE', 'Your messages could not be read: …', {
            code: 'NETWORK',
            message: 'Salesforce could not be reached.',
            params: [],
          }),
        }),
      );
      await flush();
      expect(element.textContent).toContain('Vos messages n’ont pas pu être lus : Salesforce injoignable');
      typeInto(get<HTMLInputElement>(element, '.softphone-sms-new-number'), 'abc');
      await flush();
      get<HTMLButtonElement>(element, '.softphone-sms-new').click();
      await flush();
      expect(element.textContent).toContain('abc n’est pas un numéro pouvant recevoir des SMS.');
    });

    it('words a do-not-call block by its Dnc_<CODE> label inside Sms_<CODE>, with the object label the server sent (seventh amendment)', async () => {
      installLabels({
        ...ENGLISH_LABELS,
        Sms_DO_NOT_CALL_BLOCKED: '{0} Votre administrateur bloque les SMS vers les numéros restreints.',
        Dnc_RECORD_MARKED: '« Ne pas appeler » est coché pour {0} ({1}).',
      });
      const english = 'Dan Ortiz (Lead) is marked Do Not Call.';
      const reason = messagesText(
        'DO_NOT_CALL_BLOCKED',
        `${english} Your admin blocks text messages to restricted numbers.`,
        doNotCallText('RECORD_MARKED', english, 'Dan Ortiz', 'Piste'),
      );
      const controller = fakeMessagesController(
        messagesState({
          thread: threadView({ consent: { allowed: false, reason, useNumber: null }, blockedReason: reason }),
        }),
      );
      const element = await mount(fakeMessagesAccess(controller));
      expect(get(element, '.softphone-sms-blocked').textContent?.trim()).toBe(
        '« Ne pas appeler » est coché pour Dan Ortiz (Piste). Votre administrateur bloque les SMS vers les numéros restreints.',
      );
    });

    it('words the templates list’s failures by label, the records by their object label, and an Unresolved day in the user’s locale', async () => {
      installLabels({
        ...ENGLISH_LABELS,
        Sms_TEMPLATES_UNAVAILABLE: 'Les modèles de SMS ne sont pas disponibles ici.',
        Person_Account: 'Compte personnel',
      });
      installLocale(userLocale({ language: 'fr', locale: 'fr_FR', timeZone: 'Europe/Paris' }));
      const matches = [
        contactMatch({ id: '00Q000000000001AAA', objectType: 'Lead', objectLabel: 'Piste', name: 'Dan Ortiz' }),
        contactMatch({ id: '001000000000001AAA', objectType: 'Account', objectLabel: 'Compte', isPersonAccount: true }),
        contactMatch({ id: '003000000000009AAA', objectType: 'Invoice__c', name: 'INV-9' }),
      ];
      const controller = fakeMessagesController(
        messagesState({
          unresolved: [{ conversationId: 'c-1', day: '2026-12-05', name: 'Dan Ortiz', reason: 'multiple-matches' }],
          thread: threadView({ draft: 'Bonjour', matches, matchState: 'several' }),
        }),
      );
      controller.listTemplates.mockRejectedValueOnce(
        new MessagesTextError(messagesText('TEMPLATES_UNAVAILABLE', 'SMS templates are not available here.')),
      );
      const element = await mount(fakeMessagesAccess(controller));
      const options = [...element.querySelectorAll('.softphone-sms-record option')].map((o) => o.textContent);
      expect(options.slice(1)).toEqual(['Dan Ortiz (Piste)', 'Ann Lee (Compte personnel)', 'INV-9 (Invoice)']);
      get<HTMLButtonElement>(element, '.softphone-sms-templates-open').click();
      await flush();
      const templatesError = get(element, '.softphone-sms-templates-error').textContent ?? '';
      expect(templatesError).toContain('Les modèles de SMS ne sont pas disponibles ici.');
      expect(templatesError).not.toContain('are not available');

      controller.publish(
        messagesState({
          unresolved: [{ conversationId: 'c-1', day: '2026-12-05', name: 'Dan Ortiz', reason: 'multiple-matches' }],
        }),
      );
      await flush();
      const day = new Intl.DateTimeFormat('fr-FR', {
        weekday: 'short',
        month: 'short',
        day: 'numeric',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(Date.UTC(2026, 11, 5));
      const row = get(element, '.softphone-sms-unresolved button').textContent ?? '';
      expect(row).toContain(`Dan Ortiz · ${day} · `);
      expect(row).not.toContain('2026-12-05');
    });
  });

  it('offers the Contact’s SMS number instead of the one it was texted on', async () => {
    const match = contactMatch({ id: '003000000000001AAA', sms: { phoneNumber: '+16505550177', allowed: true } });
    const controller = fakeMessagesController(
      messagesState({
        thread: threadView({
          matches: [match],
          recordId: match.id,
          consent: {
            allowed: false,
            reason: messagesText(
              'SMS_NUMBER_ELSEWHERE',
              'Ann Lee receives text messages on +16505550177',
              'Ann Lee',
              '+16505550177',
            ),
            useNumber: '+16505550177',
          },
        }),
      }),
    );
    const element = await mount(fakeMessagesAccess(controller));
    get<HTMLButtonElement>(element, '.softphone-sms-use-number').click();
    expect(controller.openNumber).toHaveBeenCalledWith('+16505550177', {
      recordId: match.id,
      objectType: 'Contact',
      name: match.name,
    });
  });

  it('inserts a template text at the compose box’s cursor, only with a conversation open', async () => {
    const controller = fakeMessagesController(messagesState({ thread: threadView({ draft: 'Hi ' }) }));
    const element = await mount(fakeMessagesAccess(controller));
    const panel = element as unknown as { insertText(text: string): boolean };
    expect(panel.insertText('Your order shipped.')).toBe(true);
    expect(controller.setDraft).toHaveBeenCalledWith('Hi Your order shipped.');
    controller.publish(messagesState());
    await flush();
    expect(panel.insertText('x')).toBe(false);
  });

  it('says why the messages cannot load and tries again', async () => {
    const controller = fakeMessagesController();
    const access = fakeMessagesAccess(null);
    const element = await mount(access);
    expect(get(element, '[role="alert"]').textContent).toBe('Sign in to RingCentral to read your text messages.');
    access.load.mockResolvedValueOnce(controller);
    [...element.querySelectorAll<HTMLButtonElement>('button')]
      .find((b) => b.textContent?.includes('Try again'))
      ?.click();
    await flush();
    expect(element.querySelectorAll('.softphone-conversation')).toHaveLength(1);
  });

  it('shows the feature’s notices and dismisses them', async () => {
    const controller = fakeMessagesController(
      messagesState({
        notices: [
          {
            id: 7,
            level: 'error',
            code: 'SMS_LOG_FAILED',
            params: [{ code: null, message: 'Log refused', params: [] }],
            message: 'The conversation could not be logged: Log refused',
          },
        ],
      }),
    );
    const element = await mount(fakeMessagesAccess(controller));
    expect(get(element, '.softphone-notice').textContent).toContain('could not be logged');
    get<HTMLButtonElement>(element, '.softphone-notice button').click();
    expect(controller.dismissNotice).toHaveBeenCalledWith(7);
  });

  it('opens the templates for the thread, searches, inserts the chosen one filled and warns about what it could not fill', async () => {
    const controller = fakeMessagesController(messagesState({ thread: threadView({ draft: '' }) }));
    const renewal = {
      id: 'a01000000000001AAA',
      name: 'Renewal',
      body: 'Hi {FirstName} from {Company}',
      scope: 'org' as const,
      category: null,
      active: true,
      canEdit: false,
      filled: 'Hi Ann from {Company}',
      missing: ['Company'],
    };
    controller.listTemplates.mockResolvedValue({ templates: [renewal], canManageOrg: false });
    // The feature keeps the draft and publishes it, as MessagingService.setDraft does.
    controller.setDraft.mockImplementation((text: string) =>
      controller.publish(messagesState({ thread: threadView({ draft: text }) })),
    );
    const element = await mount(fakeMessagesAccess(controller));
    get<HTMLButtonElement>(element, '.softphone-sms-templates-open').click();
    await flush();
    expect(controller.listTemplates).toHaveBeenLastCalledWith('');
    expect(get(element, '.softphone-sms-templates-open').getAttribute('aria-expanded')).toBe('true');
    typeInto(get<HTMLInputElement>(element, '.softphone-sms-template-search'), 'renew');
    await flush();
    expect(controller.listTemplates).toHaveBeenLastCalledWith('renew');
    get<HTMLButtonElement>(element, '.softphone-sms-template').click();
    await flush();
    expect(element.querySelector('softphone-sms-templates')).toBeNull();
    expect(get<HTMLTextAreaElement>(element, 'textarea').value).toBe('Hi Ann from {Company}');
    expect(controller.setDraft).toHaveBeenLastCalledWith('Hi Ann from {Company}');
    expect(get(element, '.softphone-sms-placeholders').textContent).toContain('{Company} has no value');
  });

  it('shows a failed template list in the list, keeps the draft, and tries the same search again', async () => {
    const controller = fakeMessagesController(messagesState({ thread: threadView({ draft: 'Keep me' }) }));
    controller.listTemplates.mockRejectedValueOnce(
      new MessagesTextError(
        messagesText(
          'TEMPLATES_UNREADABLE',
          'Salesforce could not list your SMS templates (Salesforce did not answer). Try again.',
          { code: null, message: 'Salesforce did not answer', params: [] },
        ),
      ),
    );
    const element = await mount(fakeMessagesAccess(controller));
    get<HTMLButtonElement>(element, '.softphone-sms-templates-open').click();
    await flush();
    expect(get(element, '.softphone-sms-templates-error').textContent).toContain('could not list your SMS templates');
    expect(get<HTMLTextAreaElement>(element, 'textarea').value).toBe('Keep me');
    get<HTMLButtonElement>(element, '.softphone-sms-templates-retry').click();
    await flush();
    expect(controller.listTemplates).toHaveBeenCalledTimes(2);
    expect(element.querySelector('.softphone-sms-templates-error')).toBeNull();
    expect(controller.setDraft).not.toHaveBeenCalled();
  });

  it('drops the answer of an older template search', async () => {
    const controller = fakeMessagesController(messagesState({ thread: threadView() }));
    let answerFirst: (list: unknown) => void = () => undefined;
    const named = (name: string) => ({
      templates: [{ id: name, name, body: name, scope: 'org', category: null, active: true, canEdit: false }],
      canManageOrg: false,
    });
    controller.listTemplates
      .mockReturnValueOnce(new Promise((resolve) => (answerFirst = resolve)))
      .mockResolvedValueOnce(named('second'));
    const element = await mount(fakeMessagesAccess(controller));
    get<HTMLButtonElement>(element, '.softphone-sms-templates-open').click();
    await flush();
    typeInto(get<HTMLInputElement>(element, '.softphone-sms-template-search'), 'sec');
    await flush();
    answerFirst(named('first'));
    await flush();
    const names = [...element.querySelectorAll('.softphone-sms-template-name')].map((n) => n.textContent);
    expect(names).toEqual(['second']);
  });
});
