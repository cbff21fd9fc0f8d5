import type {
  ConversationView,
  MessagesState,
  ThreadMessage,
  ThreadView,
} from '../../../../core/messaging/messages-state';
import { composeSms } from '../../../../core/messaging/sms-text';
import type { MessagesAccess, MessagesController } from '../../../messages-controller';
import type { MessagesEventName } from '../../../messages-events';
import { messagesText } from '../../../../core/messaging/messages-text';

/** A conversation row (Ann Lee, one unread message). */
export function conversationView(overrides: Partial<ConversationView> = {}): ConversationView {
  return {
    id: 'conv-1',
    number: '+16505550123',
    displayNumber: '(650) 555-0123',
    name: 'Ann Lee',
    lastText: 'Can you call me back?',
    lastAt: new Date().toISOString(),
    lastDirection: 'Inbound',
    unread: 1,
    matchState: 'one',
    ...overrides,
  };
}

/** `count` messages, oldest first, alternating inbound and outbound, one minute apart up to now. */
export function threadMessages(count: number, text = (i: number) => `Message ${i}`): ThreadMessage[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    direction: i % 2 === 0 ? ('Inbound' as const) : ('Outbound' as const),
    text: text(i),
    status: i % 2 === 0 ? ('Received' as const) : ('Delivered' as const),
    createdAt: new Date(now - (count - i) * 60_000).toISOString(),
    errorCode: null,
    read: true,
  }));
}

/** The open thread of {@link conversationView} with `messages` and an empty draft. */
export function threadView(overrides: Partial<ThreadView> = {}): ThreadView {
  const draft = overrides.draft ?? '';
  return {
    ...conversationView({ unread: 0 }),
    matches: [],
    recordId: null,
    messages: threadMessages(3),
    moreOlder: false,
    loadingOlder: false,
    loadError: null,
    draft,
    composition: composeSms(draft),
    consent: { allowed: true, reason: null, useNumber: null },
    sending: false,
    sendError: null,
    retryAt: null,
    blockedReason: draft.trim() ? null : messagesText('TYPE_A_MESSAGE', 'Type a message.'),
    log: { day: '2026-12-05', status: null, error: null, taskId: null, notesWaiting: 0 },
    notePrompt: null,
    ...overrides,
  };
}

export function messagesState(overrides: Partial<MessagesState> = {}): MessagesState {
  return {
    status: 'ready',
    problem: null,
    conversations: [conversationView()],
    moreConversations: false,
    loadingConversations: false,
    unreadTotal: 1,
    senders: [{ phoneNumber: '+16505550100', usageType: 'DirectNumber', primary: true }],
    sender: '+16505550100',
    thread: null,
    unresolved: [],
    autoLog: false,
    notices: [],
    ...overrides,
  };
}

/** A {@link MessagesController} whose commands are Jest mocks; `publish` drives `subscribe`. */
export type FakeMessagesController = Record<Exclude<keyof MessagesController, 'getState'>, jest.Mock> & {
  getState(): MessagesState;
  publish(state: MessagesState): void;
  subscriberCount(): number;
};

export function fakeMessagesController(state: MessagesState = messagesState()): FakeMessagesController {
  let current = state;
  const listeners = new Set<(s: MessagesState) => void>();
  const resolved = (): jest.Mock => jest.fn().mockResolvedValue(undefined);
  const controller: FakeMessagesController = {
    getState: () => current,
    subscribe: jest.fn((listener: (s: MessagesState) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    publish(next: MessagesState) {
      current = next;
      for (const listener of listeners) listener(next);
    },
    subscriberCount: () => listeners.size,
    loadMoreConversations: resolved(),
    open: resolved(),
    openNumber: jest.fn().mockResolvedValue('new:+16505550199'),
    close: jest.fn(),
    setViewing: jest.fn(),
    loadOlder: resolved(),
    setDraft: jest.fn(),
    chooseSender: jest.fn(),
    chooseRecord: jest.fn(),
    logThread: resolved(),
    retryMatch: jest.fn(),
    sendAnyway: resolved(),
    send: resolved(),
    saveNote: jest.fn(),
    skipNote: jest.fn(),
    dismissNotice: jest.fn(),
    listTemplates: jest.fn().mockResolvedValue({ templates: [], canManageOrg: false }),
  };
  return controller;
}

/** A {@link MessagesAccess} over `controller` (or failing with `error`); `show()` fires the show requests. */
export function fakeMessagesAccess(
  controller: MessagesController | null,
  error: Error = new Error('Sign in to RingCentral to read your text messages.'),
): MessagesAccess & { show(): void; load: jest.Mock } {
  const listeners = new Set<() => void>();
  return {
    load: jest.fn(() => (controller ? Promise.resolve(controller) : Promise.reject(error))),
    onShow: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    show: () => {
      for (const listener of listeners) listener();
    },
  };
}

/** Records, in order, the Messages tab events `element` raises. */
export function recordMessagesEvents(element: HTMLElement): { type: MessagesEventName; detail: unknown }[] {
  const raised: { type: MessagesEventName; detail: unknown }[] = [];
  const names: MessagesEventName[] = [
    'openconversation',
    'loadmoreconversations',
    'newconversation',
    'loadolder',
    'draftchange',
    'sendsms',
    'senderchange',
    'opentemplates',
    'searchtemplates',
    'choosetemplate',
    'closetemplates',
    'savenote',
    'skipnote',
  ];
  for (const type of names) {
    element.addEventListener(type, (event: Event) => {
      if (event.target === element) raised.push({ type, detail: (event as CustomEvent<unknown>).detail });
    });
  }
  return raised;
}

/** Text that would run as markup if it were ever rendered as HTML. */
export const HOSTILE_TEXT = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b>';
