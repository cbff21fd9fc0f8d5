// The lazy surfaces' loader (ADR 0018): one load per surface, shared; a failed chunk is forgotten so the next need
// tries again. (jest.doMock stands in for a chunk the network did not deliver.)

let chunkFails = true;
jest.doMock('../keypad/keypad', () => {
  if (chunkFails) throw new Error('Failed to fetch dynamically imported module');
  return jest.requireActual('../keypad/keypad');
});

import { loadedSurface, loadSurface } from '../../lazy-surfaces';

describe('lazy surfaces', () => {
  it('rejects a surface whose chunk does not load, naming it, and loads it on the next try', async () => {
    await expect(loadSurface('keypad')).rejects.toThrow(
      'The softphone could not load part of its screen (keypad: Failed to fetch dynamically imported module). Reload the page.',
    );
    expect(loadedSurface('keypad')).toBeNull();
    chunkFails = false;
    const keypad = await loadSurface('keypad');
    expect(loadedSurface('keypad')).toBe(keypad);
  });

  it('loads a surface once: concurrent and later loads share it', async () => {
    const [a, b] = await Promise.all([loadSurface('dialer'), loadSurface('dialer')]);
    expect(a).toBe(b);
    await expect(loadSurface('dialer')).resolves.toBe(a);
    expect(loadedSurface('dialer')).toBe(a);
  });
});
