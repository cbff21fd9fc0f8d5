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

  it('prepares both tones ahead, without playing either (a tone without prepare is left as it is)', () => {
    const ring = { ...tone(), prepare: jest.fn() };
    const waiting = tone();
    const ringer = new Ringer(ring, true, waiting);
    ringer.prepare();
    expect(ring.prepare).toHaveBeenCalledTimes(1);
    expect(ring.log).toEqual([]);
    expect(waiting.log).toEqual([]);
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

describe('Ringer: call waiting', () => {
  function ringer() {
    const ring = tone();
    const waiting = tone();
    return { ring: ring.log, waiting: waiting.log, ringer: new Ringer(ring, true, waiting) };
  }

  it('plays the call-waiting tone, not the ring, for a call that rings while the agent is on a call', () => {
    const t = ringer();
    t.ringer.ring(true);
    expect(t.ring).toEqual([]);
    expect(t.waiting).toEqual(['start']);
    t.ringer.settle(false, true); // the waiting call was answered (hold and answer) or ended
    expect(t.waiting).toEqual(['start', 'stop']);
  });

  it('turns the call-waiting tone into the ring when the call in progress ends first', () => {
    const t = ringer();
    t.ringer.ring(true);
    t.ringer.settle(true, false);
    expect(t.waiting).toEqual(['start', 'stop']);
    expect(t.ring).toEqual(['start']);
  });

  it('keeps ringing (no call-waiting tone) when a second call rings while the first still rings', () => {
    const t = ringer();
    t.ringer.ring(false);
    t.ringer.ring(true);
    expect(t.ring).toEqual(['start']);
    expect(t.waiting).toEqual([]);
  });

  it('turned on during call waiting, plays the call-waiting tone; turned off, silences it', () => {
    const t = ringer();
    t.ringer.setEnabled(false, false);
    t.ringer.ring(true);
    expect(t.waiting).toEqual([]);
    t.ringer.setEnabled(true, true, true);
    t.ringer.setEnabled(false, true, true);
    expect(t.waiting).toEqual(['start', 'stop']);
    expect(t.ring).toEqual([]);
  });
});
