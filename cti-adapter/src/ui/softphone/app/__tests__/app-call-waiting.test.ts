/** Call waiting in the app: the card of a call that rings during another call, hold and answer, ignore. */
import { callView, flush, get, softphoneState } from '../../__tests__/support/softphone-fixtures';
import type { SoftphoneState } from '../../../../core/engine/softphone-state';
import { loadLazySurfaces, mount } from './app-harness';

beforeAll(loadLazySurfaces);

/** Ann Lee on the line (call-1), Dan Brown waiting (call-2). */
function waiting(firstState: 'connected' | 'held' = 'connected'): SoftphoneState {
  return softphoneState({
    calls: [
      callView({ displayName: 'Dan Brown', call: { callId: 'call-2', remoteNumber: '+16505550103', startedAt: 2 } }),
      callView({ displayName: 'Ann Lee', call: { callId: 'call-1', state: firstState, answeredAt: 1, startedAt: 1 } }),
    ],
    activeCallId: 'call-2',
  });
}

describe('softphone-app: call waiting', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('shows the waiting call as a call-waiting card above the call in progress', async () => {
    const { element } = mount(waiting());
    await flush();
    const card = get(element, '.softphone-incoming');
    expect(card.dataset.waiting).toBe('true');
    expect(get(card, '.softphone-incoming-title').textContent).toBe('Call waiting');
    expect(get(card, '.softphone-caller-name').textContent).toBe('Dan Brown');
    const buttons = [...card.querySelectorAll('footer button')].map((b) => b.textContent?.trim());
    expect(buttons).toEqual(['Hold and answer', 'To voicemail', 'Ignore']);
    expect(get(element, '.softphone-active').dataset.callId).toBe('call-1');
  });

  it('is the plain incoming card when no other call is in progress', async () => {
    const { element } = mount(softphoneState({ calls: [callView()], activeCallId: 'call-1' }));
    await flush();
    const card = get(element, '.softphone-incoming');
    expect(card.dataset.waiting).toBe('false');
    expect(get(card, '.softphone-incoming-title').textContent).toBe('Incoming call');
    expect(card.querySelector('.softphone-hold-answer')).toBeNull();
    expect(card.querySelector('.softphone-answer')).not.toBeNull();
  });

  it('also waits while the first call is on hold', async () => {
    const { element } = mount(waiting('held'));
    await flush();
    expect(get(element, '.softphone-incoming').dataset.waiting).toBe('true');
  });

  it('hold and answer goes to the controller with the waiting call', async () => {
    const { element, controller } = mount(waiting());
    await flush();
    get<HTMLButtonElement>(element, '.softphone-hold-answer').click();
    await flush();
    expect(controller.holdAndAnswer).toHaveBeenCalledWith('call-2');
  });

  it('ignore goes to the controller; the card stays away while the engine says the call is ignored', async () => {
    const { element, controller } = mount(waiting());
    await flush();
    get<HTMLButtonElement>(element, '.softphone-ignore').click();
    await flush();
    expect(controller.ignore).toHaveBeenCalledWith('call-2');
    expect(controller.decline).not.toHaveBeenCalled();
    expect(controller.toVoicemail).not.toHaveBeenCalled();

    const ignored = waiting();
    const [dan, ann] = ignored.calls;
    controller.publish(softphoneState({ ...ignored, calls: [{ ...dan!, ignored: true }, ann!] }));
    await flush();
    expect(element.querySelector('.softphone-incoming')).toBeNull();
    expect(get(element, '.softphone-active').dataset.callId).toBe('call-1');
    expect(get(element, '.softphone').dataset.status).toBe('on-call'); // not "ringing" for an ignored call

    // Another caller while the ignored one rings on: its card shows.
    controller.publish(
      softphoneState({
        ...ignored,
        calls: [
          callView({
            displayName: 'Erin Diaz',
            call: { callId: 'call-3', remoteNumber: '+16505550105', startedAt: 3 },
          }),
          { ...dan!, ignored: true },
          ann!,
        ],
      }),
    );
    await flush();
    expect(get(element, '.softphone-incoming .softphone-caller-name').textContent).toBe('Erin Diaz');
  });

  it('after hold and answer, lists the held caller with Resume, which switches to that call', async () => {
    const { element, controller } = mount(
      softphoneState({
        calls: [
          callView({
            displayName: 'Dan Brown',
            call: { callId: 'call-2', state: 'connected', answeredAt: 3, startedAt: 2 },
          }),
          callView({ displayName: 'Ann Lee', call: { callId: 'call-1', state: 'held', answeredAt: 1, startedAt: 1 } }),
        ],
        activeCallId: 'call-2',
      }),
    );
    await flush();
    expect(get(element, '.softphone-active').dataset.callId).toBe('call-2');
    const held = get(element, '.softphone-held-calls');
    expect(get(held, '.softphone-held-name').textContent).toBe('Ann Lee · (650) 555-0101');
    expect(held.textContent).toContain('On hold');
    get<HTMLButtonElement>(held, '.softphone-resume').click();
    await flush();
    expect(controller.switchTo).toHaveBeenCalledWith('call-1');
  });

  it('shows no held-calls list with one call', async () => {
    const { element } = mount(softphoneState({ calls: [callView({ call: { state: 'held', answeredAt: 1 } })] }));
    await flush();
    expect(element.querySelector('.softphone-held-calls')).toBeNull();
  });
});
