import { checkMicrophone, MICROPHONE_FIXES, type MicrophoneEnvironment } from '../microphone-check';

const stream = (stopped: string[]) => ({ getTracks: () => [{ stop: () => stopped.push('track') }] });
const failWith = (name: string) => async () => {
  throw Object.assign(new Error(name), { name });
};

describe('checkMicrophone', () => {
  it('ok when getUserMedia gives a stream; the tracks are stopped at once', async () => {
    const stopped: string[] = [];
    const env: MicrophoneEnvironment = {
      policy: { allowsFeature: () => true },
      permissions: { query: async () => ({ state: 'prompt' }) },
      getUserMedia: async () => stream(stopped),
    };
    await expect(checkMicrophone(env)).resolves.toEqual({ ok: true });
    expect(stopped).toEqual(['track']);
  });

  it('permission already granted → ok at once, without opening the microphone', async () => {
    const result = await checkMicrophone({
      permissions: { query: async () => ({ state: 'granted' }) },
      getUserMedia: failWith('ShouldNotBeCalled'),
    });
    expect(result).toEqual({ ok: true });
  });

  it('permission not granted yet → getUserMedia (the prompt)', async () => {
    const stopped: string[] = [];
    const result = await checkMicrophone({
      permissions: { query: async () => ({ state: 'prompt' }) },
      getUserMedia: async () => stream(stopped),
    });
    expect(result).toEqual({ ok: true });
    expect(stopped).toEqual(['track']);
  });

  it('Permissions-Policy without microphone → microphone-blocked, without prompting', async () => {
    let asked = false;
    const result = await checkMicrophone({
      policy: { allowsFeature: (f) => f !== 'microphone' },
      getUserMedia: async () => {
        asked = true;
        return stream([]);
      },
    });
    expect(result).toMatchObject({ ok: false, reason: 'microphone-blocked' });
    expect(result.ok ? '' : result.detail).toContain('Browser Feature Permissions');
    expect(result.ok ? '' : result.detail).toContain('allow="microphone"');
    expect(asked).toBe(false);
  });

  it('permission state denied → microphone-denied, without prompting', async () => {
    const result = await checkMicrophone({
      permissions: { query: async () => ({ state: 'denied' }) },
      getUserMedia: failWith('ShouldNotBeCalled'),
    });
    expect(result).toMatchObject({ ok: false, reason: 'microphone-denied' });
  });

  it.each([
    ['NotAllowedError', 'microphone-denied'],
    ['SecurityError', 'microphone-blocked'],
    ['NotFoundError', 'no-microphone'],
    ['NotReadableError', 'no-microphone'],
  ] as const)('getUserMedia %s → %s with the fix text', async (name, reason) => {
    const result = await checkMicrophone({
      permissions: { query: failWith('TypeError') },
      getUserMedia: failWith(name),
    });
    expect(result).toEqual({ ok: false, reason, detail: `${MICROPHONE_FIXES[reason]} (${name})` });
  });

  it('no getUserMedia (insecure context) → microphone-blocked', async () => {
    await expect(checkMicrophone({ getUserMedia: null })).resolves.toMatchObject({ reason: 'microphone-blocked' });
  });
});
