import { Ringer } from '../ringer';

function tone() {
  const log: string[] = [];
  return { log, start: () => log.push('start'), stop: () => log.push('stop') };
}

describe('Ringer', () => {
  it('rings only while enabled; settles silent only when no other call rings', () => {
    const t = tone();
    const ringer = new Ringer(t);
    ringer.ring();
    ringer.settle(true);
    expect(t.log).toEqual(['start']);
    ringer.settle(false);
    expect(t.log).toEqual(['start', 'stop']);
  });

  it('turning the ringer off stops the tone; on again restarts it only if a call still rings', () => {
    const t = tone();
    const ringer = new Ringer(t, false);
    ringer.ring();
    expect(t.log).toEqual([]);
    ringer.setEnabled(true, false);
    expect(t.log).toEqual([]);
    ringer.setEnabled(true, true);
    ringer.setEnabled(false, true);
    expect(t.log).toEqual(['start', 'stop']);
  });

  it('without a ringtone it does nothing', () => {
    const ringer = new Ringer(null);
    expect(() => {
      ringer.ring();
      ringer.silence();
      ringer.setEnabled(true, true);
    }).not.toThrow();
  });
});
