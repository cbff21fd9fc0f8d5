import { MemoryKeyValueStore } from '../../ports/key-value-store';
import { mergeLogMessages, type SmsLogMessage } from '../sms-log';
import { newSmsNoteId, smsNote, smsNoteProblem, SmsNoteShelf } from '../sms-notes';

const message = (id: string, at: string, direction: SmsLogMessage['direction'] = 'inbound'): SmsLogMessage => ({
  id,
  direction,
  at,
  text: id,
});

describe('the agent’s SMS notes (setting smsNotesPrompt, ADR 0019)', () => {
  it('a note is empty, fits, or is too long as it will be stored (trimmed)', () => {
    expect(smsNoteProblem('')).toBe('empty');
    expect(smsNoteProblem(' \n\t ')).toBe('empty');
    expect(smsNoteProblem(`  ${'a'.repeat(1000)}  `)).toBeNull();
    expect(smsNoteProblem('a'.repeat(1001))).toBe('too-long');
    expect(() => smsNote('   ', '2026-12-05T18:00:00.000Z', 'note-1')).toThrow('Type a note, or Skip.');
    expect(smsNote(' <img src=x onerror=alert(1)>\n ', '2026-12-05T18:00:00.000Z', 'note-1')).toEqual({
      id: 'note-1',
      direction: 'note',
      at: '2026-12-05T18:00:00.000Z',
      text: '<img src=x onerror=alert(1)>',
    });
  });

  it('a note id is `note-` and 32 hex digits (a contract message id: at most 40 of letters, digits, - . _)', () => {
    const id = newSmsNoteId();
    expect(id).toMatch(/^note-[0-9a-f]{32}$/);
    expect(id.length).toBeLessThanOrEqual(40);
    expect(newSmsNoteId()).not.toBe(id);
    expect(newSmsNoteId((bytes) => bytes.fill(255))).toBe(`note-${'f'.repeat(32)}`);
  });

  it('messages and notes merge once each (the first one given wins), in transcript order', () => {
    const merged = mergeLogMessages(
      [message('1002', '2026-12-05T18:16:00.000Z', 'outbound'), message('999', '2026-12-05T18:16:00.000Z')],
      [
        message('note-b', '2026-12-05T18:17:00.000Z', 'note'),
        { ...message('1002', '2026-12-05T18:16:00.000Z', 'outbound'), text: 'a second copy' },
        message('note-a', '2026-12-05T18:17:00.000Z', 'note'),
        message('1001', '2026-12-05T18:15:00.000Z'),
      ],
    );
    expect(merged.map((m) => `${m.id}:${m.text}`)).toEqual([
      '1001:1001',
      '999:999',
      '1002:1002',
      'note-a:note-a',
      'note-b:note-b',
    ]);
  });

  it('the shelf keeps a day’s waiting notes in storage, once each, until a log takes them', () => {
    const kv = new MemoryKeyValueStore();
    const shelf = new SmsNoteShelf(kv);
    const late = message('note-2', '2026-12-05T18:20:00.000Z', 'note');
    const early = message('note-1', '2026-12-05T18:10:00.000Z', 'note');
    shelf.keep('c1:2026-12-05', late);
    shelf.keep('c1:2026-12-05', early);
    shelf.keep('c1:2026-12-05', early);
    expect(new SmsNoteShelf(kv).waiting('c1:2026-12-05')).toEqual([early, late]);
    expect(shelf.waiting('c1:2026-12-06')).toEqual([]);
    shelf.taken('c1:2026-12-05', ['note-1']);
    expect(shelf.waiting('c1:2026-12-05')).toEqual([late]);
    shelf.taken('c1:2026-12-05', ['note-2']);
    expect(kv.get('softphone.smsNotes')).toBeNull();
  });

  it('a full storage refuses the note with an error (the caller keeps the text)', () => {
    const kv = new MemoryKeyValueStore();
    kv.set = () => {
      throw new Error('QuotaExceededError');
    };
    expect(() =>
      new SmsNoteShelf(kv).keep('c1:2026-12-05', message('note-1', '2026-12-05T18:10:00.000Z', 'note')),
    ).toThrow('QuotaExceededError');
  });
});
