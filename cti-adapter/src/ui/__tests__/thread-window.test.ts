import { followRows, moveWindow, newestWindow } from '../thread-window';

describe('thread window', () => {
  it('opens on the newest rows', () => {
    expect(newestWindow(10_000)).toEqual({ start: 9960, end: 10_000 });
    expect(newestWindow(12)).toEqual({ start: 0, end: 12 });
  });

  it('moves older and newer by a step and never holds more than max rows', () => {
    let w = newestWindow(1000);
    for (let i = 0; i < 5; i++) w = moveWindow(w, 1000, 'older');
    expect(w).toEqual({ start: 760, end: 880 });
    w = moveWindow(w, 1000, 'newer');
    expect(w).toEqual({ start: 800, end: 920 });
    expect(moveWindow({ start: 0, end: 40 }, 1000, 'older')).toEqual({ start: 0, end: 40 });
  });

  it('keeps the same rows when older ones are prepended and follows new rows at the newest', () => {
    expect(followRows({ start: 60, end: 100 }, 100, 200, 100)).toEqual({ start: 160, end: 200 });
    expect(followRows({ start: 60, end: 100 }, 100, 101, 0)).toEqual({ start: 60, end: 101 });
    expect(followRows({ start: 10, end: 50 }, 100, 101, 0)).toEqual({ start: 10, end: 50 });
    expect(followRows({ start: 0, end: 120 }, 120, 121, 0)).toEqual({ start: 1, end: 121 });
  });
});
