import { FakeCtiHost, navigationContext } from '../../__tests__/support/fake-cti-host';
import { TabHostRouter, type RouterTabs } from '../host-router';
import { SharedHost } from '../shared-host';
import type { TabHostMethod } from '../tab-protocol';
import { TabUnreachableError } from '../tab-requests';

class Tabs implements RouterTabs {
  readonly tabId = 'owner';
  active = 'owner';
  readonly calls: { tab: string; method: TabHostMethod; args: readonly unknown[] }[] = [];
  answer: (method: TabHostMethod) => Promise<unknown> = () => Promise.resolve(undefined);
  activeTab(): string {
    return this.active;
  }
  callHost(tab: string, method: TabHostMethod, args: readonly unknown[]): Promise<unknown> {
    this.calls.push({ tab, method, args });
    return this.answer(method);
  }
}

function sharedHost(): { local: FakeCtiHost; tabs: Tabs; host: SharedHost; touched: string[] } {
  const local = new FakeCtiHost();
  const tabs = new Tabs();
  const touched: string[] = [];
  const host = new SharedHost(local, () => touched.push('touch'));
  host.attach(new TabHostRouter(tabs));
  return { local, tabs, host, touched };
}

describe('SharedHost and TabHostRouter (ADR 0028)', () => {
  it('is the tab’s own host until the tabs are attached', async () => {
    const local = new FakeCtiHost();
    await new SharedHost(local).screenPop({ kind: 'record', recordId: '003X' });
    expect(local.pops).toEqual([{ kind: 'record', recordId: '003X' }]);
  });

  it('pops in the owner tab when the agent looks at it', async () => {
    const { local, tabs, host } = sharedHost();
    await host.screenPop({ kind: 'record', recordId: '003X' });
    expect(local.pops).toEqual([{ kind: 'record', recordId: '003X' }]);
    expect(tabs.calls).toEqual([]);
  });

  it('pops once, in the follower tab the agent looks at (and opens the panel there)', async () => {
    const { local, tabs, host } = sharedHost();
    tabs.active = 'follower';
    await host.screenPop({ kind: 'record', recordId: '003X' });
    await host.setPanelVisibility(true);
    expect(local.pops).toEqual([]);
    expect(local.log).toEqual([]);
    expect(tabs.calls.map((c) => [c.tab, c.method, c.args])).toEqual([
      ['follower', 'screenPop', [{ kind: 'record', recordId: '003X' }]],
      ['follower', 'setPanelVisibility', [true]],
    ]);
  });

  it('pops in the owner tab when the follower does not answer or went away, never twice when it answered an error', async () => {
    const { local, tabs, host } = sharedHost();
    tabs.active = 'follower';
    tabs.answer = () => Promise.reject(new TabUnreachableError('TAB_SILENT'));
    await host.screenPop({ kind: 'record', recordId: '003X' });
    expect(local.pops).toEqual([{ kind: 'record', recordId: '003X' }]);
    tabs.answer = () => Promise.reject(new Error('INVALID_PARAM'));
    await expect(host.screenPop({ kind: 'record', recordId: '003Y' })).rejects.toThrow('INVALID_PARAM');
    expect(local.pops).toHaveLength(1);
  });

  it("reads the active follower's record in view, checked field by field", async () => {
    const { tabs, host } = sharedHost();
    tabs.active = 'follower';
    tabs.answer = () => Promise.resolve({ recordId: '001A', objectType: 'Account', personAccount: 'yes', url: 7 });
    expect(await host.getAppViewInfo()).toEqual(navigationContext({ recordId: '001A', objectType: 'Account' }));
    tabs.answer = () => Promise.resolve('not a context');
    expect(await host.getAppViewInfo()).toEqual(navigationContext());
  });

  it("hands followers' click-to-dial and navigation to the engine's listeners, with its own tab's", async () => {
    const { local, host, touched } = sharedHost();
    const dials: string[] = [];
    const views: (string | null)[] = [];
    const offDial = await host.onClickToDial((event) => dials.push(`${event.number}@${event.recordId}`));
    await host.onNavigationChange((context) => views.push(context.recordId));
    host.emitRemote('clickToDial', { ...navigationContext({ recordId: '003X' }), number: '+14155550100' });
    host.emitRemote('navigation', navigationContext({ recordId: '001A' }));
    expect(touched).toEqual([]);
    local.click({ number: '+14155550111' });
    local.navigate(navigationContext({ recordId: '001B' }));
    expect(dials).toEqual(['+14155550100@003X', '+14155550111@null']);
    expect(views).toEqual(['001A', '001B']);
    expect(touched).toEqual(['touch', 'touch']); // acting in this tab's console counts as looking at it
    offDial();
    host.emitRemote('clickToDial', { ...navigationContext(), number: '+14155550100' });
    expect(dials).toHaveLength(2);
  });

  it('keeps click-to-dial, the activity and the initialization in its own tab', async () => {
    const { local, tabs, host } = sharedHost();
    tabs.active = 'follower';
    await host.enableClickToDial();
    await host.showActivity('ringing', 0, { listening: true, via: 'browser' });
    await host.notifyInitializationComplete();
    expect(local.log).toEqual(['enableClickToDial', 'notifyInitializationComplete']);
    expect(local.activity).toBe('ringing');
    expect(tabs.calls).toEqual([]);
  });
});
