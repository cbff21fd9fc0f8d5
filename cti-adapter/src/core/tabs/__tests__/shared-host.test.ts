import { FakeCtiHost, navigationContext } from '../../__tests__/support/fake-cti-host';
import { SharedHost, type SharedHostTabs } from '../shared-host';
import type { TabHostMethod } from '../tab-protocol';
import { TabUnreachableError } from '../tab-requests';

class Tabs implements SharedHostTabs {
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

describe('SharedHost (ADR 0028)', () => {
  it('pops in the owner tab when the agent looks at it', async () => {
    const local = new FakeCtiHost();
    const tabs = new Tabs();
    await new SharedHost(local, tabs).screenPop({ kind: 'record', recordId: '003X' });
    expect(local.pops).toEqual([{ kind: 'record', recordId: '003X' }]);
    expect(tabs.calls).toEqual([]);
  });

  it('pops once, in the follower tab the agent looks at', async () => {
    const local = new FakeCtiHost();
    const tabs = new Tabs();
    tabs.active = 'follower';
    const host = new SharedHost(local, tabs);
    await host.screenPop({ kind: 'record', recordId: '003X' });
    await host.setPanelVisibility(true);
    expect(local.pops).toEqual([]);
    expect(tabs.calls.map((c) => [c.tab, c.method])).toEqual([
      ['follower', 'screenPop'],
      ['follower', 'setPanelVisibility'],
    ]);
  });

  it('pops in the owner tab when the follower does not answer or went away, never twice when it answered an error', async () => {
    const local = new FakeCtiHost();
    const tabs = new Tabs();
    tabs.active = 'follower';
    const host = new SharedHost(local, tabs);
    tabs.answer = () => Promise.reject(new TabUnreachableError('gone'));
    await host.screenPop({ kind: 'record', recordId: '003X' });
    expect(local.pops).toEqual([{ kind: 'record', recordId: '003X' }]);
    tabs.answer = () => Promise.reject(new Error('INVALID_PARAM'));
    await expect(host.screenPop({ kind: 'record', recordId: '003Y' })).rejects.toThrow('INVALID_PARAM');
    expect(local.pops).toHaveLength(1);
  });

  it("reads the active follower's record in view, checked field by field", async () => {
    const tabs = new Tabs();
    tabs.active = 'follower';
    tabs.answer = () => Promise.resolve({ recordId: '001A', objectType: 'Account', personAccount: 'yes', url: 7 });
    const context = await new SharedHost(new FakeCtiHost(), tabs).getAppViewInfo();
    expect(context).toEqual(navigationContext({ recordId: '001A', objectType: 'Account' }));
  });

  it("hands followers' click-to-dial and navigation to the engine's listeners, with its own tab's", async () => {
    const local = new FakeCtiHost();
    const host = new SharedHost(local, new Tabs());
    const dials: string[] = [];
    const views: (string | null)[] = [];
    const offDial = await host.onClickToDial((event) => dials.push(`${event.number}@${event.recordId}`));
    await host.onNavigationChange((context) => views.push(context.recordId));
    host.hostEvent('click-to-dial', { number: '+14155550100', recordId: '003X' });
    host.hostEvent('click-to-dial', { number: '   ', recordId: '003X' });
    host.hostEvent('navigation', { recordId: '001A' });
    local.click({ number: '+14155550111' });
    expect(dials).toEqual(['+14155550100@003X', '+14155550111@null']);
    expect(views).toEqual(['001A']);
    offDial();
    host.hostEvent('click-to-dial', { number: '+14155550100' });
    expect(dials).toHaveLength(2);
  });
});
