import { settle } from '../../../core/__tests__/support/fake-clock';
import { FakeCtiHost, navigationContext } from '../../../core/__tests__/support/fake-cti-host';
import { FakeTabAttention, FakeTabBrowser, settleTabs } from '../../../core/__tests__/support/fake-tabs';
import { startEngine } from '../../../core/engine/__tests__/engine-harness';
import { SharedHost } from '../../../core/tabs/shared-host';
import { TabCoordinator } from '../../../core/tabs/tab-coordinator';
import { EngineController } from '../../engine-controller';
import { startFollowerTab } from '../follower-tab';
import { SwitchController } from '../switch-controller';
import { serveTabs, type SoftphoneTabs } from '../tabs-entry';

/** An owner tab running the real engine and a follower tab mirroring it, over the fake browser's lock and channel. */
async function twoTabs() {
  const browser = new FakeTabBrowser();
  const tab = async (id: string): Promise<SoftphoneTabs> => {
    const coordinator = new TabCoordinator({
      lock: browser.lock(),
      channel: browser.channel(),
      attention: new FakeTabAttention(),
      tabId: id,
    });
    await coordinator.start();
    return { coordinator, attention: { touch: () => undefined } } as unknown as SoftphoneTabs;
  };
  const ownerTabs = await tab('owner');
  const harness = await startEngine();
  const owner = new EngineController({ engine: harness.engine });
  const shared = new SharedHost(new FakeCtiHost());
  serveTabs(ownerTabs, owner, shared);
  const followerTabs = await tab('follower');
  const followerHost = new FakeCtiHost();
  const follower = await startFollowerTab({ coordinator: followerTabs.coordinator, host: followerHost });
  return { ...harness, owner, shared, follower, followerHost, followerTabs };
}

async function flush(): Promise<void> {
  await settle();
  await settleTabs(40);
}

describe('several tabs over the real engine (ADR 0028)', () => {
  it('mirrors the ringing call into the follower, answers it from there once, and stops it ringing everywhere', async () => {
    const { telephony, follower, followerHost } = await twoTabs();
    const callId = telephony.ring({ from: '+16505550101', name: 'LEE ANN' });
    await flush();
    expect(follower.state.calls.map((c) => [c.call.callId, c.call.state])).toEqual([[callId, 'ringing']]);
    expect(followerHost.activity).toBe('ringing'); // the follower's own utility item rings
    await follower.answer(callId);
    await flush();
    expect(telephony.count('answer')).toBe(1);
    expect(follower.state.calls[0]!.call.state).toBe('connected');
    expect(followerHost.activity).toBe('on-call');
  });

  it("makes notes typed in the follower the owner's draft and saves the log once, from the follower", async () => {
    const { telephony, crm, owner, follower } = await twoTabs();
    const callId = telephony.ring({ from: '+16505550101' });
    await flush();
    await follower.answer(callId);
    follower.updateForm(callId, { notes: 'R' });
    follower.updateForm(callId, { notes: 'Re' });
    follower.updateForm(callId, { notes: 'Renewal' });
    telephony.end(callId, 'remote-hangup');
    await flush();
    expect(owner.state.calls.find((c) => c.call.callId === callId)?.form.notes).toBe('Renewal');
    await expect(follower.saveLog(callId)).resolves.toEqual({ taskId: expect.any(String) });
    await flush();
    expect(crm.count('upsertCallLogs')).toBe(1);
    expect(follower.state.calls.find((c) => c.call.callId === callId)).toBeUndefined();
  });

  it("shows the owner's error in the follower", async () => {
    const { telephony, follower } = await twoTabs();
    const callId = telephony.ring({ from: '+16505550101' });
    await flush();
    await follower.answer(callId);
    await expect(follower.answer(callId)).rejects.toThrow();
  });

  it("passes the follower's click-to-dial and navigation to the owner's host, checked", async () => {
    const { shared, followerHost } = await twoTabs();
    const dials: string[] = [];
    const views: (string | null)[] = [];
    await shared.onClickToDial((event) => dials.push(`${event.number}@${event.recordId}`));
    await shared.onNavigationChange((context) => views.push(context.recordId));
    followerHost.click({ ...navigationContext({ recordId: '003000000000001' }), number: '(650) 555-0101' });
    followerHost.click({ number: '' });
    followerHost.navigate(navigationContext({ recordId: '001000000000001' }));
    await flush();
    expect(dials).toEqual(['(650) 555-0101@003000000000001']);
    expect(views).toEqual(['001000000000001']);
  });

  it('moves the mounted UI to this tab’s own controller after a take-over', async () => {
    const { follower, owner } = await twoTabs();
    const ui = new SwitchController(follower);
    const seen: string[] = [];
    ui.subscribe((state) => seen.push(state.phase));
    follower.stop();
    ui.use(owner);
    expect(ui.state).toBe(owner.state);
    expect(seen).toEqual([owner.state.phase]);
  });
});
