import { settle } from '../../../core/__tests__/support/fake-clock';
import { FakeCtiHost, navigationContext } from '../../../core/__tests__/support/fake-cti-host';
import { FakeTabAttention, FakeTabBrowser, settleTabs } from '../../../core/__tests__/support/fake-tabs';
import { startEngine } from '../../../core/engine/__tests__/engine-harness';
import { SharedHost } from '../../../core/tabs/shared-host';
import { TabCoordinator } from '../../../core/tabs/tab-coordinator';
import { EngineController } from '../../engine-controller';
import { createHash } from 'node:crypto';
import type { AuthorizeTarget } from '../../../ringcentral/auth/authorize-request';
import type { FakeTelephony } from '../../../core/__tests__/support/fake-telephony';
import { labels } from '../../../ui/labels';
import { startFollowerTab } from '../follower-tab';
import type { openSignInPopup, SignInPopup } from '../popup-sign-in';
import type { TabSignInTarget } from '../sign-in-offers';
import { SwitchController } from '../switch-controller';
import { serveTabs, type SoftphoneTabs } from '../tabs-entry';

/** An owner tab running the real engine and a follower tab mirroring it, over the fake browser's lock and channel. */
async function twoTabs(
  options: { signIn?: (telephony: FakeTelephony) => TabSignInTarget; openPopup?: typeof openSignInPopup } = {},
) {
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
  serveTabs(ownerTabs, owner, shared, options.signIn?.(harness.telephony) ?? null);
  const followerTabs = await tab('follower');
  const followerHost = new FakeCtiHost();
  const follower = await startFollowerTab({
    coordinator: followerTabs.coordinator,
    host: followerHost,
    ...(options.openPopup ? { openPopup: options.openPopup } : {}),
  });
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
    expect(follower.state.phoneInOtherTab).toBe(true); // its header says the phone is in another tab
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
    expect(ui.state.phoneInOtherTab).toBeUndefined(); // this tab holds the phone now: "calls ring here"
  });
});

/** The owner's RingCentral connection, signed out: a code exchange signs it in and the web phone registers. */
class OwnerSignIn implements TabSignInTarget {
  readonly exchanges: [string, string][] = [];
  constructor(private readonly telephony: FakeTelephony) {
    telephony.setStatus({ state: 'unavailable', reason: 'logged-out' });
  }
  signedOut(): boolean {
    const status = this.telephony.status;
    return status.state === 'unavailable' && status.reason === 'logged-out';
  }
  signInSettings(): AuthorizeTarget | null {
    return this.signedOut()
      ? {
          server: 'https://platform.ringcentral.com',
          clientId: 'softphone-local',
          redirectUri: 'https://acme--c.vf.force.com/apex/RingCentralOAuthCallback',
        }
      : null;
  }
  async signInWithCode(code: string, codeVerifier: string): Promise<void> {
    this.exchanges.push([code, codeVerifier]);
    this.telephony.setStatus({ state: 'registered' });
  }
}

/** A popup the test answers (`answer`) or leaves open; `opened` lists the URLs opened, in the click's task. */
function popups() {
  const opened: string[] = [];
  const closed: string[] = [];
  let answer: (response: { code: string; state: string }) => void = () => undefined;
  const open = (url: string): SignInPopup => {
    opened.push(url);
    return {
      response: new Promise((resolve) => (answer = resolve)),
      close: () => closed.push(url),
    };
  };
  return { open, opened, closed, answer: (response: { code: string; state: string }) => answer(response) };
}

/** Waits until the follower has the owner's offer (WebCrypto's digest settles outside the microtask queue). */
async function offerReached(tabs: SoftphoneTabs): Promise<void> {
  for (let i = 0; i < 500 && tabs.coordinator.signInOffer === null; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    await flush();
  }
  expect(tabs.coordinator.signInOffer).not.toBeNull();
}

describe('sign-in from a follower tab (ADR 0028)', () => {
  it("opens the popup in the follower's click with the owner's authorize request; the owner exchanges the code with its verifier; every tab is signed in", async () => {
    let owner!: OwnerSignIn;
    const popup = popups();
    const { follower, followerTabs } = await twoTabs({
      signIn: (t) => (owner = new OwnerSignIn(t)),
      openPopup: popup.open,
    });
    await offerReached(followerTabs);
    expect(follower.state.telephony).toMatchObject({ state: 'unavailable', reason: 'logged-out' });
    const login = follower.login();
    // Synchronously, in the click's task: popup blockers let it through.
    expect(popup.opened).toHaveLength(1);
    const url = new URL(popup.opened[0]!);
    expect(url.pathname).toBe('/restapi/oauth/authorize');
    popup.answer({ code: 'code-1', state: url.searchParams.get('state')! });
    await login;
    expect(owner.exchanges).toHaveLength(1);
    const [code, verifier] = owner.exchanges[0]!;
    expect(code).toBe('code-1');
    // The verifier stayed in the owner: only its S256 challenge was in the URL the follower opened.
    expect(url.searchParams.get('code_challenge')).toBe(createHash('sha256').update(verifier).digest('base64url'));
    expect(popup.opened[0]).not.toContain(verifier);
    await flush();
    expect(follower.state.telephony.state).toBe('registered');
  });

  it('without an offer from the owner yet, Sign in opens no popup and says to click again', async () => {
    const popup = popups();
    const { follower } = await twoTabs({ openPopup: popup.open });
    await expect(follower.login()).rejects.toThrow(labels.Sign_in_not_ready_here);
    expect(popup.opened).toEqual([]);
  });

  it('signed in from another tab meanwhile: the popup is closed and the Sign in resolves', async () => {
    let owner!: OwnerSignIn;
    const popup = popups();
    const { follower, telephony, followerTabs } = await twoTabs({
      signIn: (t) => (owner = new OwnerSignIn(t)),
      openPopup: popup.open,
    });
    await offerReached(followerTabs);
    const login = follower.login();
    telephony.setStatus({ state: 'registered' }); // the owner's own popup signed in
    await flush();
    await login;
    expect(popup.closed).toEqual(popup.opened);
    expect(owner.exchanges).toEqual([]);
  });
});
