/**
 * Functions the bench runs INSIDE the browser (`frame.evaluate(fn, arg)`): Playwright serialises them, so each is
 * self-contained (no imports, no outer variables). Times they return are epoch ms (`performance.timeOrigin + t`) or
 * ms since the frame's navigation start, as each says. Call them through {@link probe}.
 */
import type { Frame, Page } from 'playwright-core';

/**
 * Runs `fn(arg)` in the page or frame and returns its (awaited) result. The function goes as source text with a
 * local `__name` (tsx's esbuild wraps named inner functions in `__name(…)`, which the page does not define).
 */
export function probe<A, R>(target: Frame | Page, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  const source = `(() => { const __name = (f) => f; return (${fn.toString()})(${JSON.stringify(arg) ?? 'undefined'}); })()`;
  return target.evaluate(source) as Promise<R>;
}

/** Milestones of a page start, ms since its navigation start (`null` when not observed). */
export interface StartTimeline {
  documentReceived: number | null;
  bundleLoaded: number | null;
  bundleRunning: number | null;
  mounted: number | null;
  sessionRestored: number | null;
  provisionSent: number | null;
  provisioned: number | null;
  registered: number | null;
  settingsSent: number | null;
  settingsReceived: number | null;
  initializationComplete: number | null;
}

/** Reads the start milestones of the adapter page (`softphone:*` marks) or the floor page (`floor:*`). */
export function readStartTimeline(): StartTimeline {
  const mark = (...names: string[]): number | null => {
    for (const n of names) {
      const e = performance.getEntriesByName(n, 'mark')[0];
      if (e) return e.startTime;
    }
    return null;
  };
  const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  const find = (re: RegExp): PerformanceResourceTiming | undefined => resources.find((r) => re.test(r.name));
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  // The entry chunk whose evaluation ends at the `bundle-start` mark (`softphone.js`: the page preloads other chunks too,
  // e.g. the SDK's, which may arrive first); a single-file bundle of an older baseline, else the floor page's bundle.
  const bundle =
    find(/\/resource\/(\d+\/)?SoftphoneBundle\/softphone\.js\b/) ??
    find(/\/resource\/(\d+\/)?(SoftphoneBundle|BenchFloorBundle)\b/);
  const provision = find(/\/client-info\/sip-provision/);
  const settings = find(/\/apexremote/);
  return {
    documentReceived: nav ? nav.responseEnd : null,
    bundleLoaded: bundle ? bundle.responseEnd : null,
    bundleRunning: mark('softphone:bundle-start', 'floor:bundle-start'),
    mounted: mark('softphone:mounted'),
    sessionRestored: mark('softphone:rc-session'),
    provisionSent: provision ? provision.startTime : null,
    provisioned: provision ? provision.responseEnd : null,
    registered: mark('softphone:registered', 'floor:registered'),
    settingsSent: settings ? settings.startTime : null,
    settingsReceived: settings ? settings.responseEnd : null,
    initializationComplete: mark('softphone:initialization-complete', 'floor:initialization-complete'),
  };
}

/** Epoch ms of the first mark named `name`, or `null`. */
export function markEpoch(name: string): number | null {
  const e = performance.getEntriesByName(name, 'mark')[0];
  return e ? performance.timeOrigin + e.startTime : null;
}

/** The first `/apexremote` request started at or after `sinceEpoch`: when it left and when its answer was in. */
export function remotingRequestAfter(sinceEpoch: number): { sent: number; received: number } | null {
  const since = sinceEpoch - performance.timeOrigin;
  const entry = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find(
    (r) => /\/apexremote/.test(r.name) && r.startTime >= since - 0.5,
  );
  return entry
    ? { sent: performance.timeOrigin + entry.startTime, received: performance.timeOrigin + entry.responseEnd }
    : null;
}

/**
 * The floor of ring → screen pop, from the adapter frame with nothing of ours in between: one bare `matchNumbers`
 * through Visualforce remoting (the page's own action name and options), then one bare Open CTI `screenPop` with the
 * arguments the softphone popped with. Epoch ms of each step; the start is also marked (`bench:floor-ring-start`) for
 * traces.
 */
export async function bareMatchAndPop(arg: {
  numbers: { e164: string; countryCallingCode: string; nationalNumber: string }[];
  pop: Record<string, unknown>;
}): Promise<{ start: number; sent: number | null; received: number | null; matched: number; popSent: number }> {
  const w = window as unknown as {
    Visualforce: { remoting: { Manager: { invokeAction(...args: unknown[]): void } } };
    sforce: { opencti: { screenPop(a: unknown): void } };
  };
  const config = document.getElementById('softphone-config') ?? document.getElementById('bench-floor-config');
  const action = config?.getAttribute('data-match-numbers') ?? '';
  performance.mark('bench:floor-ring-start');
  const t0 = performance.now();
  await new Promise((resolve) =>
    w.Visualforce.remoting.Manager.invokeAction(action, { numbers: arg.numbers }, resolve, {
      buffer: false,
      escape: false,
      timeout: 30000,
    }),
  );
  const t1 = performance.now();
  w.sforce.opencti.screenPop({ ...arg.pop, callback: () => undefined });
  const t2 = performance.now();
  const entry = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find(
    (r) => /\/apexremote/.test(r.name) && r.startTime >= t0 - 0.5,
  );
  const o = performance.timeOrigin;
  return {
    start: o + t0,
    sent: entry ? o + entry.startTime : null,
    received: entry ? o + entry.responseEnd : null,
    matched: o + t1,
    popSent: o + t2,
  };
}

/**
 * Clicks a tab of the softphone and times its list: `dom` when the list last changed (row count, or its `busy` text
 * such as "Loading…" appearing or going), `painted` after the frame that showed that (a task queued from the next
 * animation frame runs after that frame's style, layout and paint). Done once nothing changed for `settleMs` with
 * rows shown and no busy text. Returns the list's HTML and its box on screen (where it is, its size, whether it was
 * scrolled to its end and where) for the floor.
 */
export async function clickTabAndTimeList(arg: {
  tab: string;
  rows: string;
  list: string;
  busy: string | null;
  settleMs: number;
  timeoutMs: number;
}): Promise<{ dom: number; painted: number; rows: number; html: string; box: ListBox | null }> {
  const state = (): string => {
    const list = document.querySelector(arg.list);
    const busy = arg.busy !== null && !!list && (list.textContent ?? '').includes(arg.busy);
    return `${document.querySelectorAll(arg.rows).length}${busy ? ' busy' : ''}`;
  };
  const t0 = performance.now();
  let last = state();
  let dom = 0;
  let painted = 0;
  let changedAt = t0;
  const observer = new MutationObserver(() => {
    const now = state();
    if (now === last) return;
    last = now;
    changedAt = performance.now();
    dom = changedAt - t0;
    painted = 0;
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (state() === now) painted = performance.now() - t0;
      }, 0),
    );
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  (document.querySelector(arg.tab) as HTMLElement | null)?.click();
  await new Promise<void>((resolve) => {
    const started = performance.now();
    const tick = (): void => {
      const now = performance.now();
      const settled = !last.endsWith('busy') && !last.startsWith('0') && painted > 0 && now - changedAt >= arg.settleMs;
      if (settled || now - started > arg.timeoutMs) resolve();
      else setTimeout(tick, 20);
    };
    tick();
  });
  observer.disconnect();
  const list = document.querySelector<HTMLElement>(arg.list);
  const rect = list?.getBoundingClientRect();
  return {
    dom,
    painted,
    rows: document.querySelectorAll(arg.rows).length,
    html: list?.outerHTML ?? '',
    box:
      list && rect
        ? {
            left: rect.left,
            top: rect.top,
            width: rect.width,
            height: rect.height,
            scrollTop: list.scrollTop,
            atEnd: list.scrollTop > 0 && list.scrollHeight - list.scrollTop - list.clientHeight < 2,
          }
        : null,
  };
}

/**
 * A list's box on screen as the product left it (CSS pixels of the frame's viewport): for a floor that lays the same
 * HTML out in the same box — a list that scrolls on its own (the SMS thread) lays out and paints only its box.
 */
export interface ListBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly scrollTop: number;
  /** Scrolled to its end (the SMS thread shows its newest message): the floor scrolls to the end as well. */
  readonly atEnd: boolean;
}

/**
 * The floor of rendering a list: the same HTML set into the same page, timed to after the next paint. With `box` the
 * HTML is laid out in the product's box — same place and size, the list element scrolling on its own, scrolled as the
 * product scrolled it (to its end: `scrollTop = scrollHeight`, as the thread does after rendering) — so the floor
 * does the same style, layout and paint work as the product without any of its code.
 */
export async function timeHtmlRender(arg: { html: string; host: string; box?: ListBox | null }): Promise<number> {
  const host = document.querySelector(arg.host) ?? document.body;
  const box = arg.box ?? null;
  const t0 = performance.now();
  const div = document.createElement('div');
  if (box) {
    const size = `width:${box.width}px;height:${box.height}px`;
    div.style.cssText = `position:fixed;left:${box.left}px;top:${box.top}px;${size};overflow:hidden`;
  }
  div.innerHTML = arg.html;
  host.appendChild(div);
  const list = box ? (div.firstElementChild as HTMLElement | null) : null;
  if (box && list) {
    list.style.cssText += ';height:100%;min-height:0;overflow-y:auto;box-sizing:border-box';
    list.scrollTop = box.atEnd ? list.scrollHeight : box.scrollTop;
  }
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const t = performance.now() - t0;
  div.remove();
  return t;
}

/**
 * Where the softphone keeps the agent's RingCentral sign-in (ADR 0016) and the remote action that turns it into an
 * access token: the `localStorage` key of the sealed credential, the Web Lock its renewals run under (the names the
 * softphone's `TokenKeeper` uses, computed by `bench-sign-in.ts`) and the `refreshRingCentralToken` action name.
 */
export interface SealedSignIn {
  storageKey: string;
  lockName: string;
  action: string;
}

/**
 * An access token of the agent's sign-in, got the way a second tab of the softphone gets one (access tokens live only
 * in the softphone's memory): under the renewal lock, the stored sealed credential goes to the package's
 * `refreshRingCentralToken` (which hands out the current access token while it has time left, without calling
 * RingCentral), and a rotated sealed value is stored back as the softphone would. `null` without a stored sign-in
 * or when the answer has no token.
 */
export async function brokeredAccessToken(arg: SealedSignIn): Promise<string | null> {
  const w = window as unknown as {
    Visualforce: { remoting: { Manager: { invokeAction(...args: unknown[]): void } } };
  };
  const renew = async (): Promise<string | null> => {
    const sealed = localStorage.getItem(arg.storageKey);
    if (!sealed) return null;
    const answer = await new Promise<{ ok?: boolean; sealed?: string; token?: { accessToken?: string } } | null>(
      (resolve) =>
        w.Visualforce.remoting.Manager.invokeAction(
          arg.action,
          { sealed, force: false },
          (result: unknown) => resolve(result as { ok?: boolean } | null),
          { buffer: false, escape: false, timeout: 30000 },
        ),
    );
    if (!answer?.ok || !answer.token?.accessToken) return null;
    if (answer.sealed && answer.sealed !== sealed) localStorage.setItem(arg.storageKey, answer.sealed);
    return answer.token.accessToken;
  };
  return navigator.locks ? navigator.locks.request(arg.lockName, renew) : renew();
}

/**
 * The data part of the History tab's floor: the softphone's own call-log request (same URL, an access token of the
 * agent's sign-in from {@link brokeredAccessToken}, got before the clock starts) and one bare `getCallLogStatus` for
 * the records' ids, back to back. Returns ms.
 */
export async function bareHistoryData(arg: { url: string; token: string }): Promise<number> {
  const w = window as unknown as {
    Visualforce: { remoting: { Manager: { invokeAction(...args: unknown[]): void } } };
  };
  const action = document.getElementById('softphone-config')?.getAttribute('data-get-call-log-status') ?? '';
  const t0 = performance.now();
  const res = await fetch(arg.url, { headers: { Authorization: `Bearer ${arg.token}` }, credentials: 'omit' });
  const body = (await res.json()) as { records?: { telephonySessionId?: string }[] };
  const ids = (body.records ?? []).map((r) => r.telephonySessionId ?? '');
  await new Promise((resolve) =>
    w.Visualforce.remoting.Manager.invokeAction(action, { telephonySessionIds: ids }, resolve, {
      buffer: false,
      escape: false,
      timeout: 30000,
    }),
  );
  return performance.now() - t0;
}

/** The softphone's last call-log request URL (resource timing), or `null`. */
export function lastCallLogUrl(): string | null {
  const entries = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) =>
    /\/call-log\?/.test(r.name),
  );
  return entries.length > 0 ? entries[entries.length - 1]!.name : null;
}

/**
 * Sends `batches` of logs as bare upserts, one after the other (the floor of sending a backlog): the remote action
 * named by the config attribute `action` (`data-upsert-call-logs` by default, `data-upsert-sms-logs` for SMS logs).
 */
export async function bareUpserts(arg: { batches: unknown[][]; action?: string }): Promise<number> {
  const w = window as unknown as {
    Visualforce: { remoting: { Manager: { invokeAction(...args: unknown[]): void } } };
  };
  const action = document.getElementById('softphone-config')?.getAttribute(arg.action ?? 'data-upsert-call-logs') ?? '';
  const t0 = performance.now();
  for (const logs of arg.batches) {
    await new Promise((resolve) =>
      w.Visualforce.remoting.Manager.invokeAction(action, { logs }, resolve, {
        buffer: false,
        escape: false,
        timeout: 30000,
      }),
    );
  }
  return performance.now() - t0;
}

/** Writes `[key, value]` pairs to `localStorage` (seeding) or, with `remove`, deletes those keys. */
export function writeStorage(arg: { entries: [string, string][]; remove: boolean }): number {
  for (const [key, value] of arg.entries) {
    if (arg.remove) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  }
  return localStorage.length;
}

/** Removes every `localStorage` key containing one of `fragments` (cleanup after a seeded figure). */
export function removeStorageKeys(fragments: string[]): number {
  const doomed: string[] = [];
  for (let i = 0; i < localStorage.length; i += 1) {
    const key = localStorage.key(i);
    if (key && fragments.some((f) => key.includes(f))) doomed.push(key);
  }
  for (const key of doomed) localStorage.removeItem(key);
  return doomed.length;
}

/**
 * What the softphone keeps: call drafts and outbox entries in `localStorage` and their total size (bytes, UTF-16),
 * and the elements attached to its document (the renderer's DOM node count also holds detached, retained nodes).
 */
export function storageCounts(): { drafts: number; outbox: number; bytes: number; attachedElements: number } {
  let drafts = 0;
  let outbox = 0;
  let bytes = 0;
  for (let i = 0; i < localStorage.length; i += 1) {
    const key = localStorage.key(i) ?? '';
    if (key.includes('.draft.')) drafts += 1;
    if (key.includes('.outbox.')) outbox += 1;
    bytes += key.length + (localStorage.getItem(key) ?? '').length;
  }
  return { drafts, outbox, bytes: bytes * 2, attachedElements: document.getElementsByTagName('*').length };
}

/**
 * One agent's turn on a ringing call, driven from inside the frame (DOM clicks, waits on the DOM; no round trip to the
 * bench between steps): `answer-log` answers, hangs up and saves the log; `decline-discard` declines and discards the
 * log. Resolves when the softphone is back to idle; rejects after `timeoutMs` at the step it was waiting for.
 */
export async function agentTurn(arg: { kind: 'answer-log' | 'decline-discard'; timeoutMs: number }): Promise<void> {
  const until = performance.now() + arg.timeoutMs;
  const waitFor = async (what: string, found: () => Element | boolean | null): Promise<Element | boolean> => {
    for (;;) {
      const value = found();
      if (value) return value;
      if (performance.now() > until) throw new Error(`agentTurn: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const click = async (selector: string): Promise<void> => {
    const el = (await waitFor(selector, () => document.querySelector(selector))) as HTMLElement;
    el.click();
  };
  await waitFor('the incoming call', () => document.querySelector('.softphone-incoming'));
  if (arg.kind === 'answer-log') {
    await click('.softphone-answer');
    await waitFor('the connected call', () => document.querySelector('.softphone-active[data-state="connected"]'));
    await click('.softphone-hangup');
    const form = (await waitFor('the log form', () => document.querySelector('.softphone-log-form'))) as HTMLElement;
    const callId = form.getAttribute('data-call-id');
    await click('.softphone-log-save');
    await waitFor('the log saved', () => !document.querySelector(`.softphone-log-form[data-call-id="${callId}"]`));
  } else {
    await click('.softphone-decline');
    await waitFor('the call ended', () => !document.querySelector('.softphone-incoming'));
    for (let i = 0; i < 20; i += 1) {
      const discard = document.querySelector('.softphone-log-discard') as HTMLElement | null;
      if (!discard) break;
      discard.click();
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/**
 * Starts watching the page for `marker` in its text (an inbound SMS shown): a `MutationObserver` on the whole document
 * resolves `window.__benchTextShown` with the epoch ms of the DOM write that put it there (observer callbacks run right
 * after that write). Read it with {@link textShownAt}. Installed before the SMS is sent, so nothing is missed.
 */
export function watchText(arg: { marker: string }): boolean {
  const w = window as unknown as { __benchTextShown?: Promise<number> };
  w.__benchTextShown = new Promise<number>((resolve) => {
    const found = (): boolean => (document.body.textContent ?? '').includes(arg.marker);
    if (found()) {
      resolve(performance.timeOrigin + performance.now());
      return;
    }
    const observer = new MutationObserver(() => {
      if (!found()) return;
      const at = performance.timeOrigin + performance.now();
      observer.disconnect();
      resolve(at);
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  return true;
}

/** The epoch ms {@link watchText} saw its marker at, or `null` after `timeoutMs`. */
export async function textShownAt(arg: { timeoutMs: number }): Promise<number | null> {
  const w = window as unknown as { __benchTextShown?: Promise<number> };
  return Promise.race([
    w.__benchTextShown ?? Promise.resolve(null),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), arg.timeoutMs)),
  ]);
}

/**
 * The floor of inbound SMS → shown, set up in the floor page: the agent's own RingCentral WebSocket subscription with
 * nothing of ours on it — `POST /restapi/oauth/wstoken` with an access token of the agent's sign-in, a WebSocket to
 * the returned URI, one `ClientRequest` subscribing to the instant SMS filter — and, on each notification, the SMS text
 * written into a `<div>` of the page (one DOM write). Resolves once the subscription is active.
 */
export async function openBareSmsSocket(arg: { server: string; token: string }): Promise<string> {
  const w = window as unknown as { __benchSmsSocket?: WebSocket };
  w.__benchSmsSocket?.close();
  const res = await fetch(`${arg.server}/restapi/oauth/wstoken`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${arg.token}` },
    credentials: 'omit',
  });
  const ws = (await res.json()) as { uri: string; ws_access_token: string };
  const socket = new WebSocket(`${ws.uri}?access_token=${encodeURIComponent(ws.ws_access_token)}`);
  w.__benchSmsSocket = socket;
  const host = document.createElement('div');
  host.className = 'bench-floor-sms';
  document.body.appendChild(host);
  return new Promise<string>((resolve, reject) => {
    const messageId = `bench-${Date.now()}`;
    socket.onerror = () => reject(new Error('bench floor: the subscription socket failed'));
    socket.onmessage = (event: MessageEvent) => {
      const [meta, body] = JSON.parse(String(event.data)) as [
        { type?: string; messageId?: string; status?: number },
        { id?: string; body?: { subject?: string } },
      ];
      if (meta.type === 'ConnectionDetails') {
        socket.send(
          JSON.stringify([
            { type: 'ClientRequest', messageId, method: 'POST', path: '/restapi/v1.0/subscription' },
            {
              deliveryMode: { transportType: 'WebSocket' },
              eventFilters: ['/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS'],
            },
          ]),
        );
      } else if (meta.type === 'ClientRequest' && meta.messageId === messageId) {
        if (meta.status === 200) resolve(body.id ?? '');
        else reject(new Error(`bench floor: subscription answered ${meta.status}`));
      } else if (meta.type === 'ServerNotification') {
        host.textContent = body.body?.subject ?? '';
      }
    };
  });
}

/**
 * Starts watching the document for an element matching `selector` (a `MutationObserver`); {@link selectorShownAt}
 * then gives the epoch ms it appeared (at once when it is already there). One watch per `key`.
 */
export function watchSelector(arg: { selector: string; key: string }): boolean {
  const w = window as unknown as Record<string, Promise<number> | undefined>;
  w[`__benchShown:${arg.key}`] = new Promise<number>((resolve) => {
    if (document.querySelector(arg.selector)) {
      resolve(performance.timeOrigin + performance.now());
      return;
    }
    const observer = new MutationObserver(() => {
      if (!document.querySelector(arg.selector)) return;
      const at = performance.timeOrigin + performance.now();
      observer.disconnect();
      resolve(at);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
  });
  return true;
}

/** The epoch ms {@link watchSelector} saw its element at, or `null` after `timeoutMs`. */
export async function selectorShownAt(arg: { key: string; timeoutMs: number }): Promise<number | null> {
  const w = window as unknown as Record<string, Promise<number> | undefined>;
  return Promise.race([
    w[`__benchShown:${arg.key}`] ?? Promise.resolve(null),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), arg.timeoutMs)),
  ]);
}

/** Epoch ms of the first mark named `name` set at or after `sinceEpoch`, or `null`. */
export function markEpochSince(arg: { name: string; sinceEpoch: number }): number | null {
  const since = arg.sinceEpoch - performance.timeOrigin;
  const entry = performance.getEntriesByName(arg.name, 'mark').find((e) => e.startTime >= since);
  return entry ? performance.timeOrigin + entry.startTime : null;
}

/** The first request whose URL matches `pattern` started at or after `sinceEpoch`: when it left and its answer came. */
export function resourceSince(arg: { pattern: string; sinceEpoch: number }): { sent: number; received: number } | null {
  const since = arg.sinceEpoch - performance.timeOrigin;
  const re = new RegExp(arg.pattern);
  const entry = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find(
    (r) => re.test(r.name) && r.startTime >= since - 0.5,
  );
  return entry
    ? { sent: performance.timeOrigin + entry.startTime, received: performance.timeOrigin + entry.responseEnd }
    : null;
}

/** Clicks the element matching `selector` (it must be there); returns the epoch ms just before the click. */
export function clickNow(selector: string): number {
  const element = document.querySelector<HTMLElement>(selector);
  if (!element) throw new Error(`nothing matches ${selector}`);
  const at = performance.timeOrigin + performance.now();
  element.click();
  return at;
}

/**
 * In a customer phone page (`harness/rc-platform/customer-phone`): starts polling its current call's peer connection
 * (`getStats`, every 5 ms) for the first inbound audio RTP packet — the agent's audio reaching the customer;
 * {@link firstRtpAt} gives its epoch ms. Refuses when the call already receives audio.
 */
export async function watchFirstRtp(): Promise<boolean> {
  interface Phone {
    webPhone: { callSessions: { rtcPeerConnection?: RTCPeerConnection }[] } | null;
  }
  const phone = (window as unknown as { customerPhone: Phone }).customerPhone;
  const pc = phone.webPhone?.callSessions.at(-1)?.rtcPeerConnection;
  if (!pc) throw new Error('the customer phone has no call');
  const received = async (): Promise<number> => {
    let packets = 0;
    (await pc.getStats()).forEach((s: { type: string; kind?: string; packetsReceived?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') packets += s.packetsReceived ?? 0;
    });
    return packets;
  };
  if ((await received()) > 0) throw new Error('the call already receives audio');
  const w = window as unknown as { __benchFirstRtp?: Promise<number> };
  w.__benchFirstRtp = new Promise<number>((resolve) => {
    const poll = (): void => {
      void received().then((packets) => {
        if (packets > 0) resolve(performance.timeOrigin + performance.now());
        else if (pc.connectionState !== 'closed') setTimeout(poll, 5);
      });
    };
    poll();
  });
  return true;
}

/** The epoch ms {@link watchFirstRtp} saw the first inbound audio packet at, or `null` after `timeoutMs`. */
export async function firstRtpAt(arg: { timeoutMs: number }): Promise<number | null> {
  const w = window as unknown as { __benchFirstRtp?: Promise<number> };
  return Promise.race([
    w.__benchFirstRtp ?? Promise.resolve(null),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), arg.timeoutMs)),
  ]);
}

/** In a console page: the Open CTI calls its console received in `[sinceEpoch, untilEpoch]` (method, times). */
export function openCtiCallsBetween(arg: {
  sinceEpoch: number;
  untilEpoch: number;
}): { methodName: string; receivedAt: number; answeredAt: number }[] {
  const log = (
    window as unknown as {
      harnessConsole: { openCtiLog: { methodName: string; receivedAt: number; answeredAt: number }[] };
    }
  ).harnessConsole.openCtiLog;
  return log
    .filter((e) => e.receivedAt >= arg.sinceEpoch && e.receivedAt <= arg.untilEpoch)
    .map((e) => ({ methodName: e.methodName, receivedAt: e.receivedAt, answeredAt: e.answeredAt }));
}
