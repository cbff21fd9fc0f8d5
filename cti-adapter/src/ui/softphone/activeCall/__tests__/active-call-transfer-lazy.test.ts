// The transfer controls are a lazy surface of the active call (ADR 0018). A chunk the network did not deliver
// (jest.doMock stands in for it) shows a clear error on the call; the call's other controls keep working and the
// next opening of Transfer loads it.

let chunkFails = true;
jest.doMock('../../transferPanel/transferPanel', () => {
  if (chunkFails) throw new Error('Failed to fetch dynamically imported module');
  return jest.requireActual('../../transferPanel/transferPanel');
});

import { createElement } from 'lwc';
import ActiveCall from '../activeCall';
import { callView, feedback, flush, get, recordEvents, typeInto } from '../../__tests__/support/softphone-fixtures';

/** Lets the dynamic import and the re-render run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    await flush();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

describe('softphone-active-call: the transfer controls as a lazy surface', () => {
  it('shows a clear error when the chunk fails; the call stays controllable; reopening loads it', async () => {
    const element = createElement('softphone-active-call', { is: ActiveCall });
    Object.assign(element, {
      call: callView({ displayName: 'Ann Lee', call: { state: 'connected', answeredAt: 1 } }),
      feedback: feedback(),
      now: 2,
    });
    const events = recordEvents(element);
    document.body.appendChild(element);

    get<HTMLButtonElement>(element, '.softphone-transfer-toggle').click();
    await settle();
    expect(get(element, '[role="alert"]').textContent).toBe(
      'The softphone could not load part of its screen (transferPanel: Failed to fetch dynamically imported module). Reload the page.',
    );
    expect(element.querySelector('#softphone-transfer-target')).toBeNull();
    get<HTMLButtonElement>(element, '.softphone-mute').click();
    expect(events).toEqual([{ type: 'mute', detail: { callId: 'call-1', muted: true } }]);

    chunkFails = false;
    get<HTMLButtonElement>(element, '.softphone-transfer-toggle').click(); // closes
    get<HTMLButtonElement>(element, '.softphone-transfer-toggle').click(); // opens: loads again
    await settle();
    expect(element.querySelector('[role="alert"]')).toBeNull();
    typeInto(get(element, '#softphone-transfer-target'), ' 102 ');
    await flush();
    get<HTMLButtonElement>(element, '.softphone-blind-transfer').click();
    expect(events.at(-1)).toEqual({ type: 'transfer', detail: { callId: 'call-1', target: '102' } });
    document.body.replaceChildren();
  });
});
