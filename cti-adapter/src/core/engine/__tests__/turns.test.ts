import { FakeClock } from '../../__tests__/support/fake-clock';
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

describe('Turns.hold', () => {
  it('keeps every commit waiting until released', () => {
    const clock = new FakeClock();
    let commits = 0;
    const turns = new Turns(() => (commits += 1), clock);
    let release: () => void = () => undefined;
    turns.run(() => {
      turns.changed();
      release = turns.hold(100);
    });
    turns.run(() => turns.changed()); // another turn
    turns.changed(); // a change outside any turn
    expect(commits).toBe(0);
    release();
    expect(commits).toBe(1);
    release(); // released once only
    clock.advance(100);
    expect(commits).toBe(1);
  });

  it('commits what waited when the last hold ends, at its deadline at the latest', () => {
    const clock = new FakeClock();
    let commits = 0;
    const turns = new Turns(() => (commits += 1), clock);
    const first = turns.hold(100);
    clock.advance(50);
    turns.hold(100); // a second hold, released by its deadline only
    turns.changed();
    first();
    expect(commits).toBe(0);
    clock.advance(99);
    expect(commits).toBe(0);
    clock.advance(1);
    expect(commits).toBe(1);
  });

  it('a hold with nothing changed commits nothing; flush commits even while held', () => {
    const clock = new FakeClock();
    let commits = 0;
    const turns = new Turns(() => (commits += 1), clock);
    turns.hold(100)();
    clock.advance(100);
    expect(commits).toBe(0);
    turns.hold(100);
    turns.changed();
    turns.flush();
    expect(commits).toBe(1);
  });
});

describe('Turns.afterHolds', () => {
  it('runs at once when nothing is held and no turn runs; at the end of the turn inside one, after its commit', () => {
    const log: string[] = [];
    const turns = new Turns(() => log.push('commit'));
    turns.afterHolds(() => log.push('now'));
    expect(log).toEqual(['now']);
    turns.run(() => {
      turns.changed();
      turns.afterHolds(() => log.push('after the turn'));
      expect(log).toEqual(['now']);
    });
    expect(log).toEqual(['now', 'commit', 'after the turn']);
  });

  it('waits for the last hold, runs right after the commit it releases — at the deadline at the latest — and once', () => {
    const clock = new FakeClock();
    const log: string[] = [];
    const turns = new Turns(() => log.push('commit'), clock);
    const release = turns.hold(100);
    turns.hold(100); // released by its deadline only
    turns.changed();
    turns.afterHolds(() => log.push('panel'));
    release();
    clock.advance(99);
    expect(log).toEqual([]);
    clock.advance(1);
    expect(log).toEqual(['commit', 'panel']);
    turns.changed();
    expect(log).toEqual(['commit', 'panel', 'commit']);
  });

  it('keeps the order of the work; one that throws does not stop the next', () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const log: string[] = [];
    const turns = new Turns(() => undefined);
    const release = turns.hold(100);
    turns.afterHolds(() => log.push('first'));
    turns.afterHolds(() => {
      throw new Error('boom');
    });
    turns.afterHolds(() => log.push('third'));
    release();
    expect(log).toEqual(['first', 'third']);
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
  });
});
