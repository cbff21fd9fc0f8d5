/**
 * The clickable desk phone of an extension (`GET /desk-phone/{extensionId}` on the control server): the simulated desk
 * phone / RingCentral app the agent plays when trying calling device "RingCentral app / desk phone" (ADR 0029) with
 * `npm start`. Opening it plugs the desk phone in (`PUT /desk-phones/{id}` `{online: true}`); it lists the
 * extension's live calls from `GET /calls` (each party's status as the telephony-session events report it: `Setup` /
 * `Proceeding` ringing, `Answered` on call, `Hold`) with Answer / Decline while ringing and Hold / Resume / Hang up on
 * a call, each a `POST /calls/{telephonySessionId}/desk-phone` — the same commands the e2e tests use, so what the
 * softphone sees is what RingCentral sends when the agent uses a real desk phone. Same origin as the control API: no
 * CORS. All text is set with `textContent` (caller names are untrusted).
 */
export function deskPhonePage(extensionId: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Desk phone ${escapeHtml(extensionId)} (RingCentral simulator)</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 0; background: #1b1d21; color: #eee; }
  main { max-width: 360px; margin: 24px auto; padding: 16px; background: #2b2f36; border-radius: 12px; }
  h1 { font-size: 16px; margin: 0 0 4px; }
  .hint { color: #aab; font-size: 12px; margin: 0 0 12px; }
  .call { border: 1px solid #445; border-radius: 8px; padding: 10px; margin: 8px 0; }
  .call[data-state="ringing"] { border-color: #f5a623; }
  .state { font-size: 12px; text-transform: uppercase; color: #9bd; }
  .who { font-size: 16px; margin: 2px 0 8px; }
  button { font: inherit; padding: 6px 12px; margin-right: 6px; border-radius: 6px; border: 0; cursor: pointer; }
  .answer { background: #2e844a; color: #fff; } .decline, .hangup { background: #ba0517; color: #fff; }
  .hold { background: #555a66; color: #fff; }
  #error { color: #ff8a8a; min-height: 1em; }
</style>
</head>
<body>
<main data-extension-id="${escapeHtml(extensionId)}">
  <h1>Desk phone · extension ${escapeHtml(extensionId)}</h1>
  <p class="hint">Plugged in while this page is open. Calls to the extension ring here; the softphone follows them when its calling device is "RingCentral app / desk phone".</p>
  <div id="calls" aria-live="polite"></div>
  <p id="error" role="alert"></p>
</main>
<script>
(() => {
  const ext = document.querySelector('main').dataset.extensionId;
  const list = document.getElementById('calls');
  const error = document.getElementById('error');
  const request = async (method, path, body) => {
    const res = await fetch(path, { method, headers: { 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(json.error || res.statusText);
    return json;
  };
  const act = (tsid, action) => async () => {
    error.textContent = '';
    try { await request('POST', '/calls/' + encodeURIComponent(tsid) + '/desk-phone', { extensionId: ext, action }); }
    catch (e) { error.textContent = e.message; }
    void refresh();
  };
  const button = (cls, text, onclick) => { const b = document.createElement('button'); b.type = 'button'; b.className = cls; b.textContent = text; b.onclick = onclick; return b; };
  const stateOf = (code) => code === 'Setup' || code === 'Proceeding' ? 'ringing' : code === 'Hold' ? 'held' : code === 'Answered' ? 'on-call' : null;
  const words = { ringing: 'Ringing', 'on-call': 'On call', held: 'On hold' };
  async function refresh() {
    let records = [];
    try { records = (await request('GET', '/calls')).records || []; } catch (e) { error.textContent = e.message; return; }
    const rows = [];
    for (const call of records) {
      if (call.state === 'Ended' || call.origin === 'RingOut') continue;
      const own = (call.parties || []).filter((p) => p.extensionId === ext && stateOf(p.status.code)).pop();
      if (!own) continue;
      const state = stateOf(own.status.code);
      const other = own.direction === 'Inbound' ? own.from : own.to;
      const row = document.createElement('div');
      row.className = 'call'; row.dataset.state = state; row.dataset.telephonySessionId = call.telephonySessionId;
      const s = document.createElement('div'); s.className = 'state'; s.textContent = words[state];
      const who = document.createElement('div'); who.className = 'who';
      who.textContent = ((other && other.name) ? other.name + ' · ' : '') + ((other && other.phoneNumber) || '');
      row.append(s, who);
      if (state === 'ringing') row.append(button('answer', 'Answer', act(call.telephonySessionId, 'answer')), button('decline', 'Decline', act(call.telephonySessionId, 'hangup')));
      else row.append(button('hold', state === 'held' ? 'Resume' : 'Hold', act(call.telephonySessionId, state === 'held' ? 'unhold' : 'hold')), button('hangup', 'Hang up', act(call.telephonySessionId, 'hangup')));
      rows.push(row);
    }
    if (!rows.length) { const idle = document.createElement('p'); idle.className = 'hint idle'; idle.textContent = 'No call.'; rows.push(idle); }
    list.replaceChildren(...rows);
  }
  request('PUT', '/desk-phones/' + encodeURIComponent(ext), { online: true }).catch((e) => { error.textContent = e.message; });
  void refresh();
  setInterval(refresh, 1000);
})();
</script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
