import { FakeClock } from '../../__tests__/support/fake-clock';
import { Call, CALL_TRANSITIONS } from '../call';
import { CALL_COMMANDS, checkCallCommand } from '../call-commands';
import { CallTransitionError } from '../call-transition-error';

describe('call commands', () => {
  it('commands that ask for a transition take its states from the state machine', () => {
    expect(CALL_COMMANDS.answer.from).toEqual(CALL_TRANSITIONS.answer.from);
    expect(CALL_COMMANDS.hold.from).toEqual(CALL_TRANSITIONS.hold.from);
    expect(CALL_COMMANDS.resume.from).toEqual(CALL_TRANSITIONS.resume.from);
    expect(CALL_COMMANDS.hangup.from).toEqual(CALL_TRANSITIONS.end.from);
  });

  it('returns the end reason a command stands for', () => {
    const at = (state: 'ringing' | 'dialing' | 'connected') => ({ callId: 'c1', state });
    expect(checkCallCommand(at('ringing'), 'decline')).toBe('declined');
    expect(checkCallCommand(at('ringing'), 'toVoicemail')).toBe('voicemail');
    expect(checkCallCommand(at('dialing'), 'hangup')).toBe('cancelled');
    expect(checkCallCommand(at('ringing'), 'hangup')).toBe('declined');
    expect(checkCallCommand(at('connected'), 'hangup')).toBe('hangup');
    expect(checkCallCommand(at('connected'), 'transfer')).toBe('transferred');
    expect(checkCallCommand(at('connected'), 'mute')).toBeNull();
    expect(checkCallCommand(at('dialing'), 'sendDtmf')).toBeNull();
  });

  it('refuses a command with an error that names it', () => {
    const call = new Call(
      { callId: 'c1', direction: 'inbound', remoteNumber: '+16505550101' },
      { clock: new FakeClock() },
    );
    expect(() => checkCallCommand(call, 'mute')).toThrow(CallTransitionError);
    expect(() => checkCallCommand(call, 'startRecording')).toThrow(
      'Call c1: "startRecording" is not allowed in state "ringing"',
    );
  });
});
