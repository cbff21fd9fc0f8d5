import { FakeClock } from '../../__tests__/support/fake-clock';
import { AutoLogCountdown } from '../auto-log-countdown';

describe('AutoLogCountdown', () => {
  it('fires once after the delay and reports the time left meanwhile', () => {
    const clock = new FakeClock(0);
    const countdown = new AutoLogCountdown({ clock });
    const fired: string[] = [];
    expect(countdown.start('c1', 10_000, () => fired.push('c1'))).toBe(10_000);
    clock.advance(2_500);
    expect(countdown.secondsLeft('c1')).toBe(8);
    clock.advance(7_499);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual(['c1']);
    expect(countdown.dueAt('c1')).toBeNull();
    clock.advance(60_000);
    expect(fired).toEqual(['c1']);
  });

  it('cancel stops it; restart replaces the previous countdown', () => {
    const clock = new FakeClock(0);
    const countdown = new AutoLogCountdown({ clock });
    const fired: number[] = [];
    countdown.start('c1', 1_000, () => fired.push(1));
    countdown.start('c1', 5_000, () => fired.push(2));
    expect(countdown.cancel('c2')).toBe(false);
    clock.advance(1_000);
    expect(fired).toEqual([]);
    expect(countdown.cancel('c1')).toBe(true);
    clock.advance(10_000);
    expect(fired).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });
});
