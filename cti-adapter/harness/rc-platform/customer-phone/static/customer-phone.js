// Customer phone page script (plain browser JavaScript, served as-is). Uses the global `WebPhone` class that
// ringcentral-web-phone's dist/index.iife.js defines. Exposes `window.customerPhone`, a small API for people
// (through the buttons) and tests (through page.evaluate):
//   state                 { status: 'idle'|'registering'|'registered'|'failed'|'disposed', number, error }
//   lastCall              summary of the most recent call session (see describe() below) or null
//   calls()               summaries of all sessions seen, oldest first
//   start(sipInfo, opts)  register with explicit sipInfo (tests use it to stand in for an agent web phone)
//   register(number)      fetch sip-info for a seeded customer number and register it
//   call(n) answer() decline() toVoicemail() forward(n) hangup() cancel() hold() unhold()
//   transfer(n) warmTransfer(n) completeWarmTransfer() startRecording() stopRecording() park() sendDtmf(d)
//   energy(windowMs)      max RMS (0..1) of the remote audio over the last windowMs (default 1500 ms)
//   dispose()             unregister and close
// URL parameters: `number` registers that seeded customer number at once (unless `autostart=0`), then `call` dials.
/* global WebPhone */
(() => {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const state = { status: 'idle', number: null, error: null };
  const sessions = [];
  const summaries = new WeakMap();
  let webPhone = null;
  let pendingWarm = null;
  const meter = { ctx: null, analyser: null, samples: [], timer: null, trackId: null };

  const log = (line) => {
    const el = $('log');
    if (el) el.textContent = `${new Date().toISOString().slice(11, 19)} ${line}\n${el.textContent}`.slice(0, 4000);
  };

  const attr = (xml, name) => {
    const match = new RegExp(`\\b${name}="([^"]*)"`).exec(xml || '');
    return match
      ? match[1]
          .replace(/&amp;/g, '&')
          .replace(/&quot;/g, '"')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
      : undefined;
  };

  function describe(session) {
    const s = summaries.get(session) || {};
    const pRc = session.sipMessage && session.sipMessage.getHeader && session.sipMessage.getHeader('P-rc');
    let remoteNumber;
    try {
      remoteNumber = session.remoteNumber;
    } catch {
      remoteNumber = undefined;
    }
    return {
      direction: session.direction,
      state: session.state,
      callId: session.callId,
      sessionId: s.sessionId || session.sessionId,
      partyId: s.partyId || session.partyId,
      remoteNumber,
      callerIdName: s.callerIdName || attr(pRc, 'Nm'),
      callerNumber: s.callerNumber || attr(pRc, 'Phn'),
      rcApiCallInfo: session.direction === 'inbound' ? session.rcApiCallInfo : undefined,
      events: s.events ? [...s.events] : [],
      failure: s.failure || null,
      hasRemoteAudio: !!(session.audioElement && session.audioElement.srcObject),
    };
  }

  function current() {
    for (let i = sessions.length - 1; i >= 0; i -= 1) {
      const session = sessions[i];
      if (session.state !== 'disposed' && session.state !== 'failed') return session;
    }
    return undefined;
  }

  function requireCurrent() {
    const session = current();
    if (!session) throw new Error('No active call');
    return session;
  }

  function render() {
    $('status').textContent =
      `${state.status}${state.number ? ` as ${state.number}` : ''}${state.error ? ` (${state.error})` : ''}`;
    const last = sessions[sessions.length - 1];
    if (!last) {
      $('call').textContent = 'none';
      return;
    }
    const d = describe(last);
    $('call').textContent = `${d.direction} ${d.state} ${d.remoteNumber || ''} ${d.callerIdName || ''}`.trim();
  }

  function track(session) {
    const summary = { events: [] };
    summaries.set(session, summary);
    sessions.push(session);
    if (session.direction === 'inbound') {
      const pRc = session.sipMessage.getHeader('P-rc');
      summary.callerIdName = attr(pRc, 'Nm');
      summary.callerNumber = attr(pRc, 'Phn');
      summary.events.push('ringing');
    }
    const keepIds = () => {
      summary.sessionId = summary.sessionId || session.sessionId;
      summary.partyId = summary.partyId || session.partyId;
    };
    keepIds();
    for (const name of ['ringing', 'answered', 'failed', 'disposed', 'mediaStreamSet']) {
      session.on(name, (arg) => {
        keepIds();
        summary.events.push(name);
        if (name === 'failed') summary.failure = String(arg);
        if (name === 'answered') startMeter(session);
        log(`${session.direction} call ${name}${name === 'failed' ? `: ${arg}` : ''}`);
        render();
      });
    }
    log(
      `${session.direction} call ${session.direction === 'inbound' ? `from ${summary.callerNumber} ${summary.callerIdName}` : 'placed'}`,
    );
    render();
  }

  function startMeter(session) {
    const pc = session.rtcPeerConnection;
    if (!pc) return;
    const attach = () => {
      const receiver = pc.getReceivers().find((r) => r.track && r.track.kind === 'audio');
      if (!receiver) return false;
      if (meter.trackId === receiver.track.id) return true;
      meter.ctx = meter.ctx || new AudioContext();
      void meter.ctx.resume();
      const source = meter.ctx.createMediaStreamSource(new MediaStream([receiver.track]));
      meter.analyser = meter.ctx.createAnalyser();
      meter.analyser.fftSize = 2048;
      source.connect(meter.analyser);
      meter.trackId = receiver.track.id;
      meter.samples = [];
      return true;
    };
    if (!attach()) pc.addEventListener('track', attach, { once: true });
    if (!meter.timer) {
      const buffer = new Float32Array(2048);
      meter.timer = setInterval(() => {
        if (!meter.analyser) return;
        meter.analyser.getFloatTimeDomainData(buffer);
        let sum = 0;
        for (const v of buffer) sum += v * v;
        meter.samples.push({ t: performance.now(), rms: Math.sqrt(sum / buffer.length) });
        if (meter.samples.length > 400) meter.samples.shift();
      }, 50);
    }
  }

  async function start(sipInfo, options = {}) {
    if (webPhone) throw new Error('Already started');
    state.status = 'registering';
    state.number = options.label || sipInfo.username;
    render();
    webPhone = new WebPhone({
      sipInfo,
      instanceId: options.instanceId || `${sipInfo.authorizationId}-${Math.random().toString(36).slice(2, 10)}`,
      autoAnswer: false,
      debug: !!options.debug,
    });
    webPhone.on('inboundCall', track);
    webPhone.on('outboundCall', track);
    try {
      await webPhone.start();
      state.status = 'registered';
      state.error = null;
      log(`registered ${state.number}`);
    } catch (error) {
      state.status = 'failed';
      state.error = error && error.message ? error.message : String(error);
      log(`registration failed: ${state.error}`);
      render();
      throw error;
    }
    render();
    return { ...state };
  }

  async function register(number) {
    const response = await fetch(`sip-info?number=${encodeURIComponent(number)}`);
    if (!response.ok) throw new Error(`sip-info ${response.status}`);
    const info = await response.json();
    return start(info.sipInfo, { label: `${info.phoneNumber} (${info.callerIdName})` });
  }

  const api = {
    get state() {
      return { ...state };
    },
    get lastCall() {
      const last = sessions[sessions.length - 1];
      return last ? describe(last) : null;
    },
    calls: () => sessions.map(describe),
    get webPhone() {
      return webPhone;
    },
    start,
    register,
    call: (number) => {
      if (!webPhone) throw new Error('Not registered');
      webPhone.call(String(number)).catch((error) => log(`call error: ${error}`));
      return true;
    },
    answer: () => requireCurrent().answer(),
    decline: () => requireCurrent().decline(),
    toVoicemail: () => requireCurrent().toVoicemail(),
    forward: (target) => requireCurrent().forward(String(target)),
    hangup: () => requireCurrent().hangup(),
    cancel: () => requireCurrent().cancel(),
    hold: () => requireCurrent().hold(),
    unhold: () => requireCurrent().unhold(),
    transfer: (target) => requireCurrent().transfer(String(target)),
    warmTransfer: async (target) => {
      pendingWarm = await requireCurrent().warmTransfer(String(target));
      return true;
    },
    completeWarmTransfer: async () => {
      if (!pendingWarm) throw new Error('No warm transfer in progress');
      await pendingWarm.complete();
      pendingWarm = null;
      return true;
    },
    startRecording: () => requireCurrent().startRecording(),
    stopRecording: () => requireCurrent().stopRecording(),
    park: () => requireCurrent().park(),
    sendDtmf: (digits) => requireCurrent().sendDtmf(String(digits)),
    energy: (windowMs = 1500) => {
      const since = performance.now() - windowMs;
      return meter.samples.filter((s) => s.t >= since).reduce((max, s) => Math.max(max, s.rms), 0);
    },
    dispose: async () => {
      if (!webPhone) return;
      const phone = webPhone;
      webPhone = null;
      await phone.dispose();
      state.status = 'disposed';
      render();
    },
  };
  window.customerPhone = api;
  // Unregister when the page goes away, so reloads do not pile up registrations (the platform allows 5).
  window.addEventListener('pagehide', () => {
    if (webPhone) void webPhone.sipClient.unregister?.().catch(() => undefined);
  });

  // ---- UI ----
  const pad = $('pad');
  for (const key of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = key;
    button.addEventListener('click', () => {
      const session = current();
      if (session && session.state === 'answered') session.sendDtmf(key);
      else $('display').value += key;
    });
    pad.appendChild(button);
  }
  const guard = (fn) => () =>
    Promise.resolve()
      .then(fn)
      .catch((error) => log(`error: ${error.message || error}`));
  $('dial').addEventListener(
    'click',
    guard(() => api.call($('display').value.trim())),
  );
  $('answer').addEventListener(
    'click',
    guard(() => api.answer()),
  );
  $('decline').addEventListener(
    'click',
    guard(() => api.decline()),
  );
  $('hangup').addEventListener(
    'click',
    guard(() => {
      const session = requireCurrent();
      return session.state === 'answered'
        ? session.hangup()
        : session.direction === 'outbound'
          ? session.cancel()
          : session.decline();
    }),
  );
  $('register').addEventListener(
    'click',
    guard(() => register($('number').value)),
  );

  fetch('numbers')
    .then((r) => r.json())
    .then((numbers) => {
      const select = $('number');
      for (const n of numbers) {
        const option = document.createElement('option');
        option.value = n.phoneNumber;
        option.textContent = `${n.phoneNumber} ${n.callerIdName}`;
        select.appendChild(option);
      }
      const wanted = params.get('number');
      if (wanted) select.value = wanted;
      // `call`: the number this phone calls once registered (the console's "Call the softphone from …" links).
      const callee = params.get('call');
      if (callee) $('display').value = callee;
      if (wanted && params.get('autostart') !== '0') {
        register(wanted)
          .then(() => {
            if (callee) {
              log(`calling ${callee}`);
              api.call(callee);
            }
          })
          .catch((error) => log(`error: ${error.message || error}`));
      }
    })
    .catch((error) => log(`error: ${error.message || error}`));
  render();
})();
