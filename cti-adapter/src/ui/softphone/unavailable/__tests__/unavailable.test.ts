import { createElement } from 'lwc';
import Unavailable from '../unavailable';
import { get } from '../../__tests__/support/softphone-fixtures';
import { describeReconnecting, describeTelephonyProblem } from '../../../telephony-help';
import type { TelephonyStatus, TelephonyUnavailableReason } from '../../../../core/ports/telephony-port';

function mount(telephony: TelephonyStatus, showLogin = false): HTMLElement {
  const element = createElement('softphone-unavailable', { is: Unavailable });
  Object.assign(element, { telephony, showLogin });
  document.body.appendChild(element);
  return element;
}

const REASONS: readonly [TelephonyUnavailableReason, string][] = [
  ['microphone-denied', 'allow the microphone for this Salesforce site'],
  ['microphone-blocked', 'iframe allow="microphone"'],
  ['no-microphone', 'Connect a headset or microphone.'],
  ['too-many-registrations', 'RingCentral allows 5 web phones per user.'],
  ['registration-failed', 'Sign out and sign in again.'],
  ['network', 'Check your network connection or VPN.'],
];

describe('softphone-unavailable', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it.each(REASONS)('%s: shows the title and every fix step in order', (reason, expected) => {
    const help = describeTelephonyProblem(reason);
    const element = mount({ state: 'unavailable', reason });
    expect(get(element, 'h2').textContent).toBe(help.title);
    const steps = [...element.querySelectorAll('ol > li')].map((li) => li.textContent);
    expect(steps).toEqual(help.steps);
    expect(steps.join(' ')).toContain(expected);
    expect(get(element, '.softphone-unavailable').getAttribute('role')).toBe('alert');
  });

  it('renders markup in the reason as text, creating no element', () => {
    const element = mount({
      state: 'unavailable',
      reason: 'logged-out',
      detail: '<img src=x onerror="globalThis.injected=true"><script>globalThis.injected=true</script>',
    });
    expect(element.querySelector('b, img, script')).toBeNull();
    expect([...element.querySelectorAll('.softphone-help-text > p')].map((p) => p.textContent)).toEqual([
      '<img src=x onerror="globalThis.injected=true"><script>globalThis.injected=true</script>',
    ]);
  });

  it('shows nothing for a registered phone whose sign-in is fine', () => {
    expect(mount({ state: 'registered' }).querySelector('.softphone-unavailable')).toBeNull();
  });

  it.each([
    [
      'signed out',
      { state: 'unavailable', reason: 'logged-out', detail: 'Your Salesforce session changed since you signed in.' },
    ],
    [
      'reconnecting',
      {
        state: 'registered',
        reconnecting: { detail: 'RingCentral is not available right now (HTTP 503).', retryAt: 0 },
      },
    ],
  ] as const)('%s: explains in plain sentences, not as numbered steps', (_name, telephony) => {
    const element = mount(telephony);
    const help =
      telephony.state === 'registered'
        ? describeReconnecting(telephony.reconnecting)
        : describeTelephonyProblem(telephony.reason, telephony.detail);
    expect(element.querySelector('ol, li')).toBeNull();
    expect([...element.querySelectorAll('.softphone-help-text > p')].map((p) => p.textContent)).toEqual(help.steps);
  });

  it('offers sign-in only when asked and fires `login`', () => {
    const without = mount({ state: 'unavailable', reason: 'network' });
    expect(without.querySelector('.softphone-login')).toBeNull();
    document.body.replaceChildren();

    const element = mount({ state: 'unavailable', reason: 'logged-out' }, true);
    let logins = 0;
    element.addEventListener('login', () => logins++);
    get<HTMLButtonElement>(element, '.softphone-login').click();
    expect(logins).toBe(1);
  });
});
