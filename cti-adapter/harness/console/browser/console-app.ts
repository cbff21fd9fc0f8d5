/**
 * The console page (browser side): a single-page stand-in for the Lightning console with a navigation bar,
 * record pages (phone fields rendered like `lightning-click-to-dial`), object homes/lists, the new-record modal,
 * search results, a flow stub, a live Tasks page, custom tabs and record pages with the package's Lightning web
 * components (mounted by the Lightning host, loaded on the first page that needs it; their toasts shown here), and
 * the utility bar framing the softphone. All record data is
 * put in the DOM with `textContent`/attributes only, so hostile record values never execute.
 * Served as a classic script; imports types only. Exposes {@link ConsoleShell} as `window.harnessConsole`.
 */
import type {
  ConsoleConfig,
  ConsoleShell,
  PageComponentView,
  RecordView,
  RelatedRowView,
  SearchHit,
  ClickToDialContext,
  WorkItemView,
} from '../console-types';

const config = JSON.parse(
  (document.getElementById('console-config') as HTMLScriptElement).textContent ?? '{}',
) as ConsoleConfig;
const workspace = document.getElementById('hc-workspace') as HTMLElement;
const modalRoot = document.getElementById('hc-modal-root') as HTMLElement;
const frame = document.getElementById('hc-softphone-frame') as HTMLIFrameElement;
const panel = document.getElementById('hc-softphone-panel') as HTMLElement;
const item = document.getElementById('hc-softphone-item') as HTMLButtonElement;
const SPRITE = '/slds/icons/utility-sprite/svg/symbols.svg';
const OBJECTS = [
  ['Contact', 'Contacts'],
  ['Lead', 'Leads'],
  ['Account', 'Accounts'],
  ['Opportunity', 'Opportunities'],
  ['Case', 'Cases'],
] as const;
const NEW_RECORD_FIELDS: Record<string, string[]> = {
  Contact: ['FirstName', 'LastName', 'Phone', 'MobilePhone', 'Email', 'Title'],
  Lead: ['FirstName', 'LastName', 'Company', 'Phone', 'MobilePhone', 'Email'],
  Account: ['Name', 'Phone', 'Website'],
  Opportunity: ['Name', 'StageName', 'CloseDate'],
  Case: ['Subject', 'Status', 'Origin'],
  Task: ['Subject', 'Status'],
};
const TASK_COLUMNS = [
  'Id',
  'Subject',
  'WhoId',
  'WhatId',
  'CallType',
  'CallDurationInSeconds',
  'CallObject',
  'CallDisposition',
  'Status',
  'TaskSubtype',
];

type Child = Node | string | null | undefined | false;

function el(tag: string, attrs: Record<string, string | undefined> = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) node.setAttribute(k, v);
  for (const c of children)
    if (c !== null && c !== undefined && c !== false)
      node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

function icon(key: string, extra = 'slds-icon-text-default'): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', `slds-icon slds-icon_x-small ${extra}`);
  svg.setAttribute('aria-hidden', 'true');
  const use = document.createElementNS('http://www.w3.org/2000/svg', 'use');
  use.setAttribute('href', `${SPRITE}#${key}`);
  svg.append(use);
  return svg;
}

function link(path: string, text: string, attrs: Record<string, string> = {}): HTMLElement {
  const a = el('a', { href: path, ...attrs }, text);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    shell.navigate(path);
  });
  return a;
}

function recordPath(objectType: string, id: string): string {
  return `/lightning/r/${objectType}/${id}/view`;
}

async function getJson<T>(url: string): Promise<T | null> {
  const res = await fetch(url);
  return res.ok ? ((await res.json()) as T) : null;
}

// ------------------------------------------------------------------ state

let clickToDial = false;
let currentView: RecordView | null = null;
let rendering: Promise<void> = Promise.resolve();
/**
 * The navigation being rendered: each render counts one up, and a render that awaited the server while a newer one
 * started (a screen pop during a `refreshView`, two pops in a row) leaves the page and the URL to the newer one, as
 * Lightning shows the last navigation, not the last answer.
 */
let renderGeneration = 0;
let initialized = false;
const navigateListeners: (() => void)[] = [];
const tasks = new Map<string, Record<string, unknown>>();
/** Click-to-dial context of every rendered record/row, so enable/disable can re-render phone fields in place. */
const contexts = new Map<string, ClickToDialContext>();

// ------------------------------------------------------------------ click to dial (lightning-click-to-dial look-alike)

function phoneField(value: string, field: string, context: ClickToDialContext): HTMLElement {
  contexts.set(context.recordId, context);
  const wrap = el('span', { 'data-phone-field': field, 'data-record-id': context.recordId, class: 'hc-click-to-dial' });
  if (clickToDial) {
    const button = el(
      'button',
      { type: 'button', class: 'slds-button', 'data-click-to-dial': 'enabled', title: `Call ${value}` },
      icon('call', 'slds-icon-text-default slds-m-right_xx-small'),
      value,
    );
    button.addEventListener('click', () => {
      const payload: Record<string, unknown> = { number: value, ...context };
      shell.clickToDialHandler?.(payload);
    });
    wrap.append(button);
  } else {
    wrap.append(el('span', { class: 'hc-phone-disabled', 'data-click-to-dial': 'disabled' }, value));
  }
  return wrap;
}

// ------------------------------------------------------------------ pages

function pageHeader(title: string, subtitle: string, ...extra: Child[]): HTMLElement {
  return el(
    'div',
    { class: 'slds-page-header slds-m-bottom_small' },
    el('p', { class: 'slds-page-header__name-meta' }, subtitle),
    el('h1', { class: 'slds-page-header__title', 'data-testid': 'page-title' }, title),
    ...extra,
  );
}

function card(title: string, ...body: Child[]): HTMLElement {
  return el(
    'article',
    { class: 'slds-card slds-m-bottom_small' },
    el('div', { class: 'slds-card__header' }, el('h2', { class: 'slds-card__header-title' }, title)),
    el('div', { class: 'slds-card__body slds-card__body_inner' }, ...body),
  );
}

function rowsTable(rows: RelatedRowView[]): HTMLElement {
  if (rows.length === 0) return el('p', { class: 'slds-text-color_weak' }, 'No records.');
  const body = el('tbody');
  for (const r of rows) {
    body.append(
      el(
        'tr',
        { 'data-row-id': r.id },
        el('td', {}, link(recordPath(r.objectType, r.id), r.name || r.id)),
        el('td', {}, r.objectType),
        el('td', {}, r.detail),
        el('td', {}, ...r.phones.flatMap((p) => [phoneField(p.value, p.field, p.context), ' '])),
      ),
    );
  }
  return el(
    'table',
    { class: 'slds-table slds-table_bordered slds-table_cell-buffer' },
    el(
      'thead',
      {},
      el('tr', {}, el('th', {}, 'Name'), el('th', {}, 'Type'), el('th', {}, 'Detail'), el('th', {}, 'Phone')),
    ),
    body,
  );
}

// ------------------------------------------------------------------ Lightning web components of the package

interface LightningHost {
  tags: string[];
  mount(host: HTMLElement, tag: string, props: Record<string, unknown>): HTMLElement;
}

let lightningHost: Promise<LightningHost | null> | null = null;

/** Loads the Lightning host once (synthetic shadow, the base components, the package's components); null if absent. */
function loadLightningHost(): Promise<LightningHost | null> {
  if (!lightningHost) {
    (window as unknown as { harnessSession?: ConsoleConfig['session'] }).harnessSession = config.session;
    lightningHost = new Promise((resolve) => {
      const script = document.createElement('script');
      script.src = '/lightning-host/lightning-host.js';
      script.onload = () =>
        resolve((window as unknown as { harnessLightning?: LightningHost }).harnessLightning ?? null);
      script.onerror = () => resolve(null);
      document.head.append(script);
    });
  }
  return lightningHost;
}

/** A region of a page with the package components the flexipage puts there. */
function lightningRegion(components: PageComponentView[], props: Record<string, unknown>): HTMLElement {
  const region = el('div', { class: 'hc-lightning-region', 'data-testid': 'lightning-region' });
  void loadLightningHost().then((host) => {
    for (const c of components) {
      const slot = el('div', { class: 'slds-m-bottom_small', 'data-lightning-component': c.tag });
      region.append(slot);
      if (!host) {
        slot.append(
          el(
            'p',
            { class: 'slds-text-color_error' },
            `${c.tag}: the Lightning host is not built (node scripts/build/build-lightning-host.mjs).`,
          ),
        );
        continue;
      }
      try {
        host.mount(slot, c.tag, props);
      } catch (e) {
        slot.append(
          el('p', { class: 'slds-text-color_error' }, `${c.tag}: ${e instanceof Error ? e.message : String(e)}`),
        );
      }
    }
  });
  return region;
}

/** A custom tab (`/lightning/n/<Tab>`): its Lightning page's components. */
async function renderTab(name: string): Promise<void> {
  const mine = renderGeneration;
  const page = await getJson<{ label: string; components: PageComponentView[] }>(
    `/console-api/lightning/tab/${encodeURIComponent(name)}`,
  );
  if (mine !== renderGeneration) return;
  if (!page) {
    workspace.replaceChildren(pageHeader('Page not found', name), el('p', {}, `The app has no tab ${name}.`));
    return;
  }
  document.title = `${page.label} | Salesforce`;
  workspace.replaceChildren(
    el('section', { 'data-testid': 'tab-page', 'data-tab': name }, lightningRegion(page.components, {})),
  );
}

/** Lightning Experience's toasts: components dispatch `lightning__showtoast` (`{title, message, variant}`). */
function showToast(detail: { title?: string; message?: string; variant?: string }): void {
  const variant = ['success', 'warning', 'error'].includes(detail.variant ?? '') ? detail.variant! : 'info';
  const toast = el(
    'div',
    { class: `slds-notify slds-notify_toast slds-theme_${variant}`, role: 'status', 'data-testid': 'toast' },
    el(
      'div',
      { class: 'slds-notify__content' },
      el('h2', { class: 'slds-text-heading_small' }, detail.title ?? ''),
      detail.message ? el('p', {}, detail.message) : null,
    ),
  );
  toasts.append(toast);
  setTimeout(() => toast.remove(), 6000);
}

const toasts = el('div', { class: 'slds-notify_container hc-toasts', 'data-testid': 'toasts' });
document.body.append(toasts);
document.addEventListener('lightning__showtoast', (e) =>
  showToast((e as CustomEvent<{ title?: string; message?: string; variant?: string }>).detail ?? {}),
);

async function renderRecord(objectType: string, id: string): Promise<void> {
  const mine = renderGeneration;
  const view = await getJson<RecordView>(`/console-api/records/${encodeURIComponent(id)}`);
  if (mine !== renderGeneration) return;
  if (!view) {
    currentView = null;
    workspace.replaceChildren(
      pageHeader('Record not found', objectType),
      el('p', { 'data-testid': 'record-not-found' }, `No ${objectType} record with id ${id}.`),
    );
    return;
  }
  currentView = view;
  // Lightning shows record pages under their canonical URL (`/lightning/r/<Object>/<id>/view`).
  const canonical = recordPath(view.objectType, view.id);
  if (location.pathname !== canonical) history.replaceState(null, '', canonical);
  const details = el('dl', { class: 'slds-list_horizontal slds-wrap' });
  for (const f of view.fields) {
    const value =
      f.kind === 'phone'
        ? phoneField(f.value, f.name, view.context)
        : f.kind === 'reference' && f.refId
          ? link(`/lightning/r/${f.refId}/view`, f.value)
          : el('span', {}, f.value);
    details.append(
      el('dt', { class: 'slds-item_label slds-text-color_weak' }, f.label),
      el('dd', { class: 'slds-item_detail', 'data-field': f.name }, value),
    );
  }
  const main: Child[] = [
    card('Details', details),
    ...view.related.map((r) => card(`${r.title} (${r.rows.length})`, rowsTable(r.rows))),
  ];
  const lightning = view.lightning ?? [];
  const body =
    lightning.length === 0
      ? main
      : [
          el(
            'div',
            { class: 'slds-grid slds-gutters_small' },
            el('div', { class: 'slds-col slds-size_2-of-3' }, ...main),
            el(
              'div',
              { class: 'slds-col slds-size_1-of-3', 'data-region': 'sidebar' },
              lightningRegion(
                lightning.filter((c) => c.region !== 'main'),
                { recordId: view.id, objectApiName: view.objectType },
              ),
            ),
          ),
        ];
  workspace.replaceChildren(
    el(
      'section',
      { 'data-record-id': view.id, 'data-object-type': view.objectType, 'data-testid': 'record-page' },
      pageHeader(view.name, view.context.personAccount ? 'Person Account' : view.objectLabel),
      ...body,
    ),
  );
}

/** A component saved a record (`notifyRecordUpdateAvailable`): the record page's details show the new values. */
document.addEventListener('harness:recordupdated', (e) => {
  const ids = (e as CustomEvent<{ recordIds: string[] }>).detail?.recordIds ?? [];
  if (!currentView || !ids.includes(currentView.id)) return;
  void getJson<RecordView>(`/console-api/records/${encodeURIComponent(currentView.id)}`).then((view) => {
    const details = document.querySelector('[data-testid="record-page"] .slds-card');
    if (!view || !details) return;
    for (const f of view.fields) {
      const cell = details.querySelector<HTMLElement>(`dd[data-field="${CSS.escape(f.name)}"]`);
      if (cell && f.kind === 'text') cell.replaceChildren(el('span', {}, f.value));
    }
  });
});

async function renderObjectHome(objectType: string, title: string): Promise<void> {
  const mine = renderGeneration;
  const rows = (await getJson<RelatedRowView[]>(`/console-api/objects/${encodeURIComponent(objectType)}`)) ?? [];
  if (mine !== renderGeneration) return;
  workspace.replaceChildren(
    el(
      'section',
      { 'data-testid': 'object-home', 'data-object-type': objectType },
      pageHeader(title, objectType),
      card(`${rows.length} items`, rowsTable(rows)),
    ),
  );
}

async function renderSearch(term: string): Promise<void> {
  const mine = renderGeneration;
  const hits = (await getJson<SearchHit[]>(`/console-api/search?term=${encodeURIComponent(term)}`)) ?? [];
  if (mine !== renderGeneration) return;
  const rows: RelatedRowView[] = hits.map((h) => ({
    id: h.id,
    name: h.name,
    objectType: h.objectType,
    detail: h.detail,
    phones: [],
  }));
  workspace.replaceChildren(
    el(
      'section',
      { 'data-testid': 'search-results', 'data-search-term': term },
      pageHeader(`Search results for "${term}"`, 'Search'),
      card(`${hits.length} results`, rowsTable(rows)),
    ),
  );
}

/**
 * The simulator's certificate is self-signed and new at each start: a browser not launched with
 * `--ignore-certificate-errors-spki-list` must accept it once (open the simulator, proceed) before the softphone
 * can reach it.
 */
function simulatorCertificateHint(): HTMLElement[] {
  const server = config.callCenterSettings['/rcSettings/rcServerUrl'];
  if (!server) return [];
  return [
    el(
      'p',
      {},
      "Sign-in or calls failing? Your browser must trust the simulator's self-signed certificate: open ",
      el(
        'a',
        { href: server, target: '_blank', rel: 'noopener', 'data-testid': 'simulator-link' },
        'RingCentral simulator',
      ),
      ' once, accept the certificate, then reload this page.',
    ),
  ];
}

/** The sample users the console can run as, with what each is for (the header's "Log in as" does the same). */
const SAMPLE_USERS: readonly { user: string; label: string; what: string }[] = [
  { user: 'agent', label: 'agent', what: 'the softphone: take and place calls, log them' },
  {
    user: 'admin',
    label: 'admin',
    what: 'the Softphone Admin tab: automatic logging, screen pops, dispositions, locks (then back to agent to try them)',
  },
];

function loginAsLink(user: string, label: string, retURL: string): HTMLElement {
  return el('a', { href: `/harness/login-as?user=${user}&retURL=${encodeURIComponent(retURL)}` }, label);
}

function renderHome(): void {
  const callers = el('ul', { class: 'slds-list_dotted' });
  for (const c of config.callers) {
    callers.append(
      el(
        'li',
        { 'data-caller': c.number },
        c.phoneUrl
          ? el(
              'a',
              { href: c.phoneUrl, target: '_blank', rel: 'noopener', 'data-testid': 'customer-phone-link' },
              `Call the softphone from ${c.number}`,
            )
          : el('span', {}, `${c.number} (simulator not running)`),
        ` — caller ID "${c.callerIdName}"`,
      ),
    );
  }
  const nav = el(
    'ul',
    { class: 'slds-list_horizontal slds-has-dividers_left' },
    ...OBJECTS.map(([o, label]) => el('li', { class: 'slds-item' }, link(`/lightning/o/${o}/home`, label))),
    el('li', { class: 'slds-item' }, link('/lightning/page/tasks', 'Tasks')),
  );
  const current = config.session?.runAs ?? 'agent';
  const users = el(
    'ul',
    { class: 'slds-list_dotted', 'data-testid': 'sample-users' },
    ...SAMPLE_USERS.map((u) =>
      el(
        'li',
        { 'data-user': u.user },
        u.user === current
          ? el('strong', {}, `Signed in as ${u.label}`)
          : loginAsLink(
              u.user,
              `Log in as: ${u.label}`,
              u.user === 'admin' ? '/lightning/n/Softphone_Admin' : location.pathname,
            ),
        ` — ${u.what}`,
      ),
    ),
  );
  workspace.replaceChildren(
    el(
      'section',
      { 'data-testid': 'home', class: 'hc-home' },
      pageHeader('Home', `Signed in as ${config.userName}`),
      card(
        'Customer phones (RingCentral simulator)',
        el('p', {}, 'Each link opens a customer phone that calls the softphone at once.'),
        callers,
        ...simulatorCertificateHint(),
      ),
      card('Sample users', users),
      card('Records', nav),
    ),
  );
}

function taskTable(): HTMLElement {
  const all = [...tasks.values()];
  const extra = new Set<string>();
  for (const t of all)
    for (const k of Object.keys(t)) if (k !== 'attributes' && !TASK_COLUMNS.includes(k)) extra.add(k);
  const columns = [...TASK_COLUMNS, ...[...extra].sort()];
  const body = el('tbody');
  for (const t of all) {
    body.append(
      el(
        'tr',
        { 'data-task-id': String(t.Id) },
        ...columns.map((c) => el('td', { 'data-field': c }, t[c] === null || t[c] === undefined ? '' : String(t[c]))),
      ),
    );
  }
  return el(
    'table',
    { class: 'slds-table slds-table_bordered slds-table_cell-buffer slds-table_striped', 'data-testid': 'tasks-table' },
    el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', { scope: 'col' }, c)))),
    body,
  );
}

function renderTasks(): void {
  workspace.replaceChildren(
    el(
      'section',
      { 'data-testid': 'tasks-page' },
      pageHeader('Tasks', `${tasks.size} saved (live)`),
      el('div', { style: 'overflow:auto' }, taskTable()),
    ),
  );
}

// ------------------------------------------------------------------ Sales Engagement work queue

const WORK_QUEUE_PATH = '/lightning/page/work-queue';
const workQueue: WorkItemView[] = [];

/**
 * Fills the work queue once: one cadence step per Contact and Lead with a phone (the first phone), its work id
 * derived from the record id (18 characters, stable across reloads of the page).
 */
async function loadWorkQueue(): Promise<void> {
  if (workQueue.length > 0) return;
  for (const objectType of ['Contact', 'Lead']) {
    const rows = (await getJson<RelatedRowView[]>(`/console-api/objects/${objectType}`)) ?? [];
    for (const row of rows) {
      const phone = row.phones[0];
      if (!phone || workQueue.some((w) => w.context.recordId === row.id)) continue;
      workQueue.push({
        workId: `0Zx${row.id.slice(3, 18).padEnd(15, '0')}`,
        number: phone.value,
        context: phone.context,
        status: 'open',
        completion: null,
      });
    }
  }
}

/** Call: what the work queue's call button does — the work start, then the click-to-dial of the work's number. */
function startWork(item: WorkItemView): void {
  item.status = 'started';
  shell.startHvsWork?.(item.workId, item.number);
  shell.clickToDialHandler?.({ number: item.number, ...item.context });
  void renderWorkQueue();
}

async function renderWorkQueue(): Promise<void> {
  const mine = renderGeneration;
  await loadWorkQueue();
  if (mine !== renderGeneration) return;
  const body = el('tbody');
  for (const item of workQueue) {
    const call = el(
      'button',
      {
        type: 'button',
        class: 'slds-button slds-button_brand',
        'data-work-call': item.workId,
        title: `Call ${item.number}`,
        ...(clickToDial && item.status !== 'completed' ? {} : { disabled: '' }),
      },
      icon('call', 'slds-button__icon slds-button__icon_left'),
      'Call',
    );
    call.addEventListener('click', () => startWork(item));
    const done = item.completion;
    body.append(
      el(
        'tr',
        { 'data-work-id': item.workId, 'data-work-status': item.status },
        el('td', {}, link(recordPath(item.context.objectType, item.context.recordId), item.context.recordName)),
        el('td', {}, item.context.objectType),
        el('td', {}, item.number),
        el(
          'td',
          { 'data-testid': 'work-status' },
          item.status === 'completed' ? 'Step completed' : item.status === 'started' ? 'In progress' : 'Open',
        ),
        el(
          'td',
          { 'data-testid': 'work-completion' },
          done
            ? `${String(done.disposition ?? '')} · Task ${String(done.taskId ?? '')} · ${done.wasConnected === false ? 'not connected' : 'connected'}`
            : '',
        ),
        el('td', {}, call),
      ),
    );
  }
  workspace.replaceChildren(
    el(
      'section',
      { 'data-testid': 'work-queue' },
      pageHeader('Work Queue', 'Sales Engagement (hvs.onWorkStart / hvs.completeWork)'),
      card(
        `${workQueue.length} steps`,
        el(
          'table',
          { class: 'slds-table slds-table_bordered slds-table_cell-buffer' },
          el(
            'thead',
            {},
            el('tr', {}, ...['Name', 'Type', 'Phone', 'Status', 'Completion', ''].map((h) => el('th', {}, h))),
          ),
          body,
        ),
      ),
    ),
  );
}

function parseDefaults(encoded: string | null): Record<string, string> {
  const values: Record<string, string> = {};
  if (!encoded) return values;
  for (const pair of encoded.split(',')) {
    const i = pair.indexOf('=');
    if (i > 0) values[decodeURIComponent(pair.slice(0, i))] = decodeURIComponent(pair.slice(i + 1));
  }
  return values;
}

function renderNewRecordModal(objectType: string, defaults: Record<string, string>): void {
  const names = [...(NEW_RECORD_FIELDS[objectType] ?? ['Name'])];
  for (const k of Object.keys(defaults)) if (!names.includes(k)) names.push(k);
  const form = el('form', { class: 'slds-form', 'data-testid': 'new-record-form' });
  for (const n of names) {
    const input = el('input', { class: 'slds-input', name: n, id: `hc-new-${n}` }) as HTMLInputElement;
    input.value = defaults[n] ?? '';
    form.append(
      el(
        'div',
        { class: 'slds-form-element slds-m-bottom_x-small' },
        el('label', { class: 'slds-form-element__label', for: `hc-new-${n}` }, n),
        el('div', { class: 'slds-form-element__control' }, input),
      ),
    );
  }
  const error = el('p', { class: 'slds-text-color_error', 'data-testid': 'new-record-error' });
  const close = (): void => {
    modalRoot.replaceChildren();
    history.back();
  };
  const save = el(
    'button',
    { type: 'button', class: 'slds-button slds-button_brand', 'data-testid': 'new-record-save' },
    'Save',
  );
  const cancel = el('button', { type: 'button', class: 'slds-button slds-button_neutral' }, 'Cancel');
  cancel.addEventListener('click', close);
  save.addEventListener('click', () => {
    const body: Record<string, string> = {};
    for (const input of Array.from(form.querySelectorAll('input')))
      if (input.value !== '') body[input.name] = input.value;
    void fetch(`/console-api/records/${objectType}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async (res) => {
      const out = (await res.json()) as { id?: string; error?: string };
      if (!out.id) {
        error.textContent = out.error ?? 'Could not save';
        return;
      }
      modalRoot.replaceChildren();
      shell.navigate(recordPath(objectType, out.id));
    });
  });
  modalRoot.replaceChildren(
    el(
      'div',
      {},
      el(
        'section',
        {
          role: 'dialog',
          'aria-modal': 'true',
          class: 'slds-modal slds-fade-in-open',
          'data-new-record': objectType,
          'data-testid': 'new-record-modal',
        },
        el(
          'div',
          { class: 'slds-modal__container' },
          el(
            'div',
            { class: 'slds-modal__header' },
            el('h1', { class: 'slds-modal__title slds-hyphenate' }, `New ${objectType}`),
          ),
          el('div', { class: 'slds-modal__content slds-p-around_medium' }, form, error),
          el('div', { class: 'slds-modal__footer' }, cancel, save),
        ),
      ),
      el('div', { class: 'slds-backdrop slds-backdrop_open', role: 'presentation' }),
    ),
  );
}

async function render(): Promise<void> {
  const url = new URL(location.href);
  const path = url.pathname;
  let m: RegExpExecArray | null;
  modalRoot.replaceChildren();
  currentView = null;
  if ((m = /^\/lightning\/r\/(?:(\w+)\/)?(\w{15,18})\/view$/.exec(path))) return renderRecord(m[1] ?? 'Record', m[2]!);
  if ((m = /^\/lightning\/o\/(\w+)\/home$/.exec(path))) return renderObjectHome(m[1]!, `${m[1]} home`);
  if ((m = /^\/lightning\/o\/(\w+)\/list$/.exec(path)))
    return renderObjectHome(m[1]!, `${m[1]} list view ${url.searchParams.get('filterName') ?? ''}`.trim());
  if ((m = /^\/lightning\/o\/(\w+)\/new$/.exec(path))) {
    const mine = renderGeneration;
    await renderObjectHome(m[1]!, `${m[1]} home`);
    if (mine !== renderGeneration) return;
    return renderNewRecordModal(m[1]!, parseDefaults(url.searchParams.get('defaultFieldValues')));
  }
  if (path === '/lightning/search') return renderSearch(url.searchParams.get('term') ?? '');
  if ((m = /^\/lightning\/flow\/(\w+)$/.exec(path))) {
    workspace.replaceChildren(
      el(
        'section',
        { 'data-testid': 'flow-page', 'data-flow': m[1]! },
        pageHeader(`Flow ${m[1]}`, 'Flow (stub: the harness does not run flows)'),
        el('pre', { 'data-testid': 'flow-args' }, url.searchParams.get('flowArgs') ?? '[]'),
      ),
    );
    return;
  }
  if (path === '/lightning/page/tasks') return renderTasks();
  if (path === WORK_QUEUE_PATH) return renderWorkQueue();
  if ((m = /^\/lightning\/n\/(\w+)$/.exec(path))) return renderTab(m[1]!);
  if (path === '/lightning/page/url') {
    workspace.replaceChildren(
      el(
        'section',
        { 'data-testid': 'url-page' },
        pageHeader('URL', 'Screen pop to a URL (stub)'),
        el('code', {}, url.searchParams.get('u') ?? ''),
      ),
    );
    return;
  }
  renderHome();
}

function rerender(): void {
  renderGeneration += 1;
  rendering = render().then(() => {
    for (const l of navigateListeners) l();
  });
}

// ------------------------------------------------------------------ utility bar

function setIcon(host: HTMLElement, key: string): void {
  host.replaceChildren(icon(key));
  host.dataset.icon = key;
}

const itemIcon = document.getElementById('hc-item-icon') as HTMLElement;
const itemLabel = document.getElementById('hc-item-label') as HTMLElement;
const panelIcon = document.getElementById('hc-panel-icon') as HTMLElement;
const panelLabel = document.getElementById('hc-panel-label') as HTMLElement;

/** Subscribers of each Lightning message channel on this page. */
const lmsChannels = new Map<string, Set<(message: unknown) => void>>();
const lmsLog: ConsoleShell['lmsLog'] = [];

const shell: ConsoleShell = {
  config,
  frame,
  navigate(path: string) {
    history.pushState(null, '', path);
    rerender();
  },
  ready: () => rendering,
  appViewInfo() {
    const info: Record<string, unknown> = { url: location.href };
    if (currentView) {
      const c = currentView.context;
      Object.assign(info, {
        recordId: c.recordId,
        recordName: c.recordName,
        objectType: c.objectType,
        personAccount: c.personAccount,
      });
      if (c.accountId) info.accountId = c.accountId;
      if (c.contactId) info.contactId = c.contactId;
    }
    return info;
  },
  onNavigate(listener) {
    navigateListeners.push(listener);
  },
  clickToDialEnabled: () => clickToDial,
  setClickToDial(enabled) {
    if (clickToDial === enabled) return;
    clickToDial = enabled;
    document.body.dataset.clickToDialState = enabled ? 'enabled' : 'disabled';
    for (const wrap of Array.from(document.querySelectorAll<HTMLElement>('.hc-click-to-dial'))) {
      const value = wrap.querySelector('[data-click-to-dial]')?.textContent ?? '';
      const recordId = wrap.dataset.recordId ?? '';
      const field = wrap.dataset.phoneField ?? '';
      const context = contexts.get(recordId);
      if (context) wrap.replaceWith(phoneField(value, field, context));
    }
    if (location.pathname === WORK_QUEUE_PATH) void renderWorkQueue();
  },
  clickToDialHandler: null,
  refreshView: rerender,
  setItemIcon: (key) => {
    setIcon(itemIcon, key);
    item.dataset.icon = key;
  },
  setItemLabel: (label) => {
    itemLabel.textContent = label;
  },
  setPanelIcon: (key) => setIcon(panelIcon, key),
  setPanelLabel: (label) => {
    panelLabel.textContent = label;
  },
  setPanelVisible(visible) {
    panel.hidden = !visible;
    // The harness's own home page keeps its links beside the open panel (Lightning pages have no such content).
    document.body.classList.toggle('hc-panel-open', visible);
    item.setAttribute('aria-pressed', String(visible));
  },
  isPanelVisible: () => !panel.hidden,
  setPanelHeight(px) {
    panel.style.height = `${px}px`;
  },
  setPanelWidth(px) {
    panel.style.width = `${px}px`;
    document.body.style.setProperty('--hc-panel-width', `${px}px`);
  },
  initializationComplete() {
    initialized = true;
    frame.dataset.state = 'ready';
  },
  startHvsWork: null,
  workQueue,
  hvsCompletions: [],
  completeHvsWork(workId, attributes) {
    shell.hvsCompletions.push({ workId, attributes: { ...attributes }, at: Date.now() });
    const item = workQueue.find((w) => w.workId === workId);
    if (item) {
      item.status = 'completed';
      item.completion = { ...attributes };
    }
    if (location.pathname === WORK_QUEUE_PATH) void renderWorkQueue();
  },
  openCtiLog: [],
  lmsLog,
  messageService: {
    publish(channelName, message) {
      // Lightning Message Service sends a serializable copy (Open CTI Developer Guide: the message is a JSON object).
      const copy: unknown = message === undefined ? null : JSON.parse(JSON.stringify(message));
      lmsLog.push({ channelName, message: copy, publishedAt: Date.now() });
      for (const listener of [...(lmsChannels.get(channelName) ?? [])]) {
        try {
          listener(JSON.parse(JSON.stringify(copy)));
        } catch (e) {
          console.error(`A subscriber of ${channelName} failed`, e);
        }
      }
    },
    subscribe(channelName, listener) {
      const set = lmsChannels.get(channelName) ?? new Set();
      set.add(listener);
      lmsChannels.set(channelName, set);
      return () => set.delete(listener);
    },
  },
};

(window as unknown as { harnessConsole: ConsoleShell }).harnessConsole = shell;

// ------------------------------------------------------------------ start

const userArea = document.getElementById('hc-user')!;
userArea.replaceChildren(
  el('span', { 'data-testid': 'session-user' }, config.userName),
  el(
    'span',
    { class: 'slds-text-body_small slds-m-left_small' },
    'Log in as: ',
    ...(
      [
        ['agent', 'agent'],
        ['admin', 'admin'],
      ] as const
    ).flatMap(([user, label], i) => [i > 0 ? ' · ' : '', loginAsLink(user, label, location.pathname)]),
  ),
);
const navList = document.getElementById('hc-nav') as HTMLElement;
navList.append(
  el(
    'li',
    { class: 'slds-context-bar__item' },
    link('/lightning/page/home', 'Home', { class: 'slds-context-bar__label-action' }),
  ),
);
for (const [o, label] of OBJECTS)
  navList.append(
    el(
      'li',
      { class: 'slds-context-bar__item' },
      link(`/lightning/o/${o}/home`, label, { class: 'slds-context-bar__label-action' }),
    ),
  );
navList.append(
  el(
    'li',
    { class: 'slds-context-bar__item' },
    link('/lightning/page/tasks', 'Tasks', { class: 'slds-context-bar__label-action' }),
  ),
  el(
    'li',
    { class: 'slds-context-bar__item' },
    link(WORK_QUEUE_PATH, 'Work Queue', { class: 'slds-context-bar__label-action' }),
  ),
);
for (const tab of config.tabs ?? [])
  navList.append(
    el(
      'li',
      { class: 'slds-context-bar__item' },
      link(`/lightning/n/${tab.name}`, tab.label, { class: 'slds-context-bar__label-action' }),
    ),
  );

shell.setItemIcon('call');
shell.setItemLabel(config.displayName);
shell.setPanelIcon('call');
shell.setPanelLabel(config.displayName);
shell.setPanelHeight(config.panelHeightPx);
shell.setPanelWidth(config.panelWidthPx);
shell.setPanelVisible(true);
document.body.dataset.clickToDialState = 'disabled';
item.addEventListener('click', () => shell.setPanelVisible(!shell.isPanelVisible()));
// The panel header's Minimize button (as in Lightning): the panel hides, its frame keeps running; the item restores it.
const minimize = document.getElementById('hc-panel-minimize') as HTMLElement;
setIcon(document.getElementById('hc-panel-minimize-icon') as HTMLElement, 'minimize_window');
minimize.addEventListener('click', () => shell.setPanelVisible(false));

frame.dataset.state = 'loading';
frame.src = config.adapterUrl;
if (config.standbyUrl && config.timeoutMs) {
  const standby = config.standbyUrl;
  setTimeout(() => {
    if (initialized) return;
    frame.dataset.state = 'standby';
    frame.src = standby;
  }, config.timeoutMs);
}

const events = new EventSource('/console-api/tasks/stream');
events.addEventListener('snapshot', (e) => {
  for (const t of JSON.parse((e as MessageEvent<string>).data) as Record<string, unknown>[]) tasks.set(String(t.Id), t);
  if (location.pathname === '/lightning/page/tasks') renderTasks();
});
events.addEventListener('task', (e) => {
  const t = JSON.parse((e as MessageEvent<string>).data) as Record<string, unknown>;
  tasks.set(String(t.Id), t);
  if (location.pathname === '/lightning/page/tasks') renderTasks();
});

window.addEventListener('popstate', rerender);
window.addEventListener('focus', () => {
  for (const l of navigateListeners) l();
});
rerender();

export {};
