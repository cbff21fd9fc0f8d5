import { Turns } from '../turns';

describe('Turns', () => {
  it('commits once at the end of the outermost turn, however many changes it saw', () => {
    let commits = 0;
    const turns = new Turns(() => (commits += 1));
    turns.run(() => {
      turns.changed();
      turns.run(() => turns.changed());
      turns.changed();
      expect(commits).toBe(0);
    });
    expect(commits).toBe(1);
  });

  it('commits a change outside any turn at once, and nothing for a turn without changes', () => {
    let commits = 0;
    const turns = new Turns(() => (commits += 1));
    turns.changed();
    expect(commits).toBe(1);
    turns.run(() => undefined);
    expect(commits).toBe(1);
  });

  it('commits also when the work throws, and returns what the work returns', () => {
    let commits = 0;
    const turns = new Turns(() => (commits += 1));
    expect(() =>
      turns.run(() => {
        turns.changed();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(commits).toBe(1);
    expect(turns.run(() => 42)).toBe(42);
  });
});
