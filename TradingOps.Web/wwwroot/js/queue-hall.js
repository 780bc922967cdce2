// Hall call display: reads its state from the JSON feed once when it connects (and again after a reconnect:
// messages may have been missed), joins the hall's group on the read-only hub and applies each message itself:
// a call carries the window, the clerk and the time; a change in how many wait carries the new counts.
// Optionally speaks the call in Chinese.
(function () {
  const root = document.getElementById('hall');
  if (!root) return;
  const zone = root.dataset.zone;
  const sayTemplate = root.dataset.say; // 请{0}号到{1}号窗口
  let speech = root.dataset.speech === 'on';
  const toWindow = n => root.dataset.to.replace('{0}', n);
  const windowN = n => root.dataset.windowN.replace('{0}', n);
  const clerkLine = c => c ? root.dataset.clerk.replace('{0}', c) : ''; // 工号 / 姓名 of the clerk calling
  const el = id => document.getElementById(id);
  const text = (tag, value, cls) => { const e = document.createElement(tag); e.textContent = value; if (cls) e.className = cls; return e; };

  function speak(code, windowNumber) {
    if (!speech || !('speechSynthesis' in window)) return;
    // 请A012号到3号窗口
    const u = new SpeechSynthesisUtterance(sayTemplate.replace('{0}', code).replace('{1}', windowNumber));
    u.lang = 'zh-CN';
    u.rate = 0.9;
    window.speechSynthesis.speak(u);
  }

  function showCall(code, windowNumber, clerk) {
    el('now-code').textContent = code;
    el('now-window').textContent = toWindow(windowNumber);
    el('now-clerk').textContent = clerkLine(clerk);
    const now = el('hall-now');
    now.classList.remove('flash'); void now.offsetWidth; now.classList.add('flash');
  }

  // The lists from the JSON feed. Failures (network, 5xx, 429) are handled by the retry functions below.
  function readFeed() {
    return fetch(`/api/queue/hall/${zone}`, { cache: 'no-store' });
  }

  const maxCalls = 8; // the call shown large and the 7 before it, as the feed gives them
  let calls = []; // newest first: { code, window, clerk, time }
  const callRow = c => {
    const tr = document.createElement('tr');
    tr.append(text('td', c.code, 'code'), text('td', windowN(c.window)), text('td', c.clerk || '', 'clerk'), text('td', c.time.slice(0, 5)));
    return tr;
  };
  function showWaiting(types) {
    el('hall-waiting').replaceChildren(...types.map(w => {
      const d = text('div', `${w.prefix} ${w.name}`, 'type');
      d.dataset.type = w.id;
      d.append(text('b', String(w.waiting)));
      return d;
    }));
  }

  // A message from the hub: the display applies it, no request to the server.
  function apply(m) {
    if (m.isCall) {
      calls = [{ code: m.code, window: m.windowNumber, clerk: m.clerk, time: m.time || '' }, ...calls].slice(0, maxCalls);
      showCall(m.code, m.windowNumber, m.clerk);
      el('hall-calls').replaceChildren(...calls.slice(1).map(callRow));
      speak(m.code, m.windowNumber);
    }
    if (m.waiting) {
      const counts = new Map(m.waiting.map(w => [w.typeId, w.waiting]));
      for (const d of el('hall-waiting').querySelectorAll('[data-type]')) {
        const b = d.querySelector('b');
        if (b) b.textContent = String(counts.get(d.dataset.type) || 0);
      }
    }
  }

  async function showFeed(r) {
    const feed = await r.json();
    calls = feed.calls.map(c => ({ code: c.code, window: c.window, clerk: c.clerk, time: c.time }));
    el('hall-calls').replaceChildren(...calls.slice(1).map(callRow));
    if (feed.calls.length > 0 && el('now-code').textContent !== feed.calls[0].code) {
      el('now-code').textContent = feed.calls[0].code;
      el('now-window').textContent = toWindow(feed.calls[0].window);
    }
    if (feed.calls.length > 0) el('now-clerk').textContent = clerkLine(feed.calls[0].clerk);
    showWaiting(feed.waiting);
  }

  // --- Never stop silently: back-off, Retry-After, visible stale state (live-retry.js) ---
  const live = LiveRetry.staleState(() => el('hall-stale'));
  const feedPoller = LiveRetry.poller(readFeed,
    async r => { await showFeed(r); live.fresh('feed'); },
    () => live.stale('feed'));
  const refresh = () => feedPoller.run();
  let hubFailures = 0;
  function hubRetryLater() {
    live.stale('hub');
    setTimeout(start, LiveRetry.delayMs(++hubFailures, null));
  }
  function hubUp() {
    hubFailures = 0;
    live.fresh('hub');
  }

  const connection = new signalR.HubConnectionBuilder()
    .withUrl(root.dataset.hub)
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 30000])
    .build();
  connection.on('ticket', apply);
  connection.onreconnecting(() => live.stale('hub'));
  connection.onreconnected(() => connection.invoke('JoinHall', zone).then(() => { hubUp(); refresh(); }, hubRetryLater));
  // The automatic reconnect gives up after its last delay: start again, with back-off, for as long as it takes.
  connection.onclose(() => { root.dataset.live = 'off'; hubRetryLater(); });
  async function start() {
    try {
      if (connection.state === signalR.HubConnectionState.Disconnected) await connection.start();
      await connection.invoke('JoinHall', zone);
      root.dataset.live = 'on';
      hubUp();
      refresh();
    } catch (e) {
      if (connection.state !== signalR.HubConnectionState.Reconnecting) hubRetryLater();
    }
  }
  start();
  setInterval(() => { el('hall-clock').textContent = new Date().toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }); }, 1000);
  el('hall-speech').addEventListener('click', () => {
    speech = !speech;
    el('hall-speech').style.opacity = speech ? 1 : 0.7;
    if (speech && 'speechSynthesis' in window) window.speechSynthesis.speak(new SpeechSynthesisUtterance(' '));
  });
})();
