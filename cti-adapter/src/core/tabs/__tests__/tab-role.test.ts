import { nextTabRole, type TabRole } from '../tab-role';

describe('nextTabRole (ADR 0028)', () => {
  const electing: TabRole = { name: 'electing' };

  it('elects the owner when the lock is free, a follower when it is held', () => {
    expect(nextTabRole(electing, { type: 'lock-held' })).toEqual({ name: 'owner', promoted: false });
    expect(nextTabRole(electing, { type: 'lock-busy' })).toEqual({ name: 'follower', ownerId: null });
  });

  it('promotes a follower when the browser grants it the lock (the owner tab closed or crashed)', () => {
    const follower: TabRole = { name: 'follower', ownerId: 'tab-a' };
    expect(nextTabRole(follower, { type: 'lock-held' })).toEqual({ name: 'owner', promoted: true });
  });

  it('follows the announced owner and forgets it when it says goodbye', () => {
    let role: TabRole = { name: 'follower', ownerId: null };
    role = nextTabRole(role, { type: 'owner-announced', ownerId: 'tab-a' });
    expect(role).toEqual({ name: 'follower', ownerId: 'tab-a' });
    expect(nextTabRole(role, { type: 'owner-announced', ownerId: 'tab-a' })).toBe(role);
    expect(nextTabRole(role, { type: 'owner-gone', ownerId: 'tab-b' })).toBe(role);
    expect(nextTabRole(role, { type: 'owner-gone', ownerId: 'tab-a' })).toEqual({ name: 'follower', ownerId: null });
  });

  it('never turns an owner into a follower, and nothing leaves closed', () => {
    const owner: TabRole = { name: 'owner', promoted: false };
    for (const event of [
      { type: 'lock-busy' },
      { type: 'lock-held' },
      { type: 'owner-announced', ownerId: 'x' },
      { type: 'owner-gone', ownerId: 'x' },
    ] as const) {
      expect(nextTabRole(owner, event)).toBe(owner);
      expect(nextTabRole({ name: 'closed' }, event)).toEqual({ name: 'closed' });
    }
    expect(nextTabRole(owner, { type: 'closed' })).toEqual({ name: 'closed' });
  });
});
