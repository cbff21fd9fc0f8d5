import { acceptsQueueCalls, isPresenceMode, PRESENCE_MODES, presenceFieldsFor, presenceModeOf } from '../presence-mode';

describe('presence modes', () => {
  it('reads the mode of a presence: DND whatever the user status, Offline is Invisible', () => {
    expect(presenceModeOf({ userStatus: 'Available', dndStatus: 'TakeAllCalls' })).toBe('Available');
    expect(presenceModeOf({ userStatus: 'Available', dndStatus: 'DoNotAcceptDepartmentCalls' })).toBe('Available');
    expect(presenceModeOf({ userStatus: 'Busy', dndStatus: 'TakeAllCalls' })).toBe('Busy');
    expect(presenceModeOf({ userStatus: 'Offline', dndStatus: 'TakeAllCalls' })).toBe('Invisible');
    expect(presenceModeOf({ userStatus: 'Available', dndStatus: 'DoNotAcceptAnyCalls' })).toBe('DoNotDisturb');
    expect(presenceModeOf({ userStatus: 'Offline', dndStatus: 'DoNotAcceptAnyCalls' })).toBe('DoNotDisturb');
  });

  it('knows which DND statuses let the call queues ring the agent', () => {
    expect(acceptsQueueCalls({ dndStatus: 'TakeAllCalls' })).toBe(true);
    expect(acceptsQueueCalls({ dndStatus: 'TakeDepartmentCallsOnly' })).toBe(true);
    expect(acceptsQueueCalls({ dndStatus: 'DoNotAcceptDepartmentCalls' })).toBe(false);
    expect(acceptsQueueCalls({ dndStatus: 'DoNotAcceptAnyCalls' })).toBe(false);
  });

  it('sends the fields of each mode, keeping the queue choice except for Do Not Disturb', () => {
    expect(presenceFieldsFor('Available', true)).toEqual({ userStatus: 'Available', dndStatus: 'TakeAllCalls' });
    expect(presenceFieldsFor('Available', false)).toEqual({
      userStatus: 'Available',
      dndStatus: 'DoNotAcceptDepartmentCalls',
    });
    expect(presenceFieldsFor('Busy', false)).toEqual({ userStatus: 'Busy', dndStatus: 'DoNotAcceptDepartmentCalls' });
    expect(presenceFieldsFor('Invisible', true)).toEqual({ userStatus: 'Offline', dndStatus: 'TakeAllCalls' });
    expect(presenceFieldsFor('DoNotDisturb', true)).toEqual({ userStatus: 'Busy', dndStatus: 'DoNotAcceptAnyCalls' });
    for (const { mode } of PRESENCE_MODES) {
      for (const queue of [true, false]) expect(presenceModeOf(presenceFieldsFor(mode, queue))).toBe(mode);
    }
  });

  it('checks and labels modes', () => {
    expect(PRESENCE_MODES.map((m) => m.mode)).toEqual(['Available', 'Busy', 'DoNotDisturb', 'Invisible']);
    expect(isPresenceMode('Invisible')).toBe(true);
    expect(isPresenceMode('Offline')).toBe(false);
    expect(isPresenceMode(undefined)).toBe(false);
  });
});
