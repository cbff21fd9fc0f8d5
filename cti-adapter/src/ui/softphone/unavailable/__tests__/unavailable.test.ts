import { createElement } from 'lwc';
import Unavailable from '../unavailable';
import { get } from '../../__tests__/support/softphone-fixtures';
import { describeReconnecting, describeTelephonyProblem } from '../../../telephony-help';
import type { TelephonyHelp } from '../../../telephony-help';
import type { TelephonyUnavailableReason } from '../../../../core/ports/telephony-port';

function mount(help: TelephonyHelp, showLogin = false): HTMLElement {
  const element = createElement('softphone-unavailable', { is: Unavailable });
  Object.assign(element, { help, showLogin });
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
    const element = mount(help);
    expect(get(element, 'h2').textContent).toBe(help.title);
    const steps = [...element.querySelectorAll('ol > li')].map((li) => li.textContent);
    expect(steps).toEqual(help.steps);
    expect(steps.join(' ')).toContain(expected);
    expect(get(element, '.softphone-unavailable').getAttribute('role')).toBe('alert');
  });

  it('renders markup in the help as text, creating no element', () => {
    const element = mount({
      title: '<b>bold</b> title',
      steps: ['<img src=x onerror="globalThis.injected=true">', '<script>globalThis.injected=true</script>'],
      kind: 'steps',
    });
    expect(element.querySelector('b, img, script')).toBeNull();
    expect(get(element, 'h2').textContent).toBe('<b>bold</b> title');
    expect([...element.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      '<img src=x onerror="globalThis.injected=true">',
      '<script>globalThis.injected=true</script>',
    ]);
  });

  it.each([
    ['signed out', describeTelephonyProblem('logged-out', 'Your Salesforce session changed since you signed in.')],
    [
      'reconnecting',
      describeReconnecting({ detail: 'RingCentral is not available right now (HTTP 503).', retryAt: 0 }),
    ],
  ])('%s: explains in plain sentences, not as numbered steps', (_name, help) => {
    const element = mount(help);
    expect(element.querySelector('ol, li')).toBeNull();
    expect([...element.querySelectorAll('.softphone-help-text > p')].map((p) => p.textContent)).toEqual(help.steps);
  });

  it('offers sign-in only when asked and fires `login`', () => {
    const without = mount(describeTelephonyProblem('network'));
    expect(without.querySelector('.softphone-login')).toBeNull();
    document.body.replaceChildren();

    const element = mount(describeTelephonyProblem('logged-out'), true);
    let logins = 0;
    element.addEventListener('login', () => logins++);
    get<HTMLButtonElement>(element, '.softphone-login').click();
    expect(logins).toBe(1);
  });
});
