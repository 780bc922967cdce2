// Hall call display: joins the hall's group on the read-only hub, shows a call the moment it arrives,
// then refreshes the lists from the JSON feed; optionally speaks the call in Chinese.
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

  async function refresh() {
    try {
      const r = await fetch(`/api/queue/hall/${zone}`, { cache: 'no-store' });
      if (!r.ok) return;
      const feed = await r.json();
      const calls = el('hall-calls');
      calls.replaceChildren(...feed.calls.slice(1).map(c => {
        const tr = document.createElement('tr');
        tr.append(text('td', c.code, 'code'), text('td', windowN(c.window)), text('td', c.clerk || '', 'clerk'), text('td', c.time.slice(0, 5)));
        return tr;
      }));
      if (feed.calls.length > 0 && el('now-code').textContent !== feed.calls[0].code) {
        el('now-code').textContent = feed.calls[0].code;
        el('now-window').textContent = toWindow(feed.calls[0].window);
      }
      if (feed.calls.length > 0) el('now-clerk').textContent = clerkLine(feed.calls[0].clerk);
      el('hall-waiting').replaceChildren(...feed.waiting.map(w => {
        const d = text('div', `${w.prefix} ${w.name}`, 'type');
        d.append(text('b', String(w.waiting)));
        return d;
      }));
    } catch (e) { /* next message or the periodic refresh tries again */ }
  }

  const connection = new signalR.HubConnectionBuilder()
    .withUrl(root.dataset.hub)
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 30000])
    .build();
  // Lists are re-read at most every 300 ms however many tickets change at once; calls show at once.
  let pending = null;
  const refreshSoon = () => { if (!pending) pending = setTimeout(() => { pending = null; refresh(); }, 300); };
  connection.on('ticket', m => {
    if (m.isCall) { showCall(m.code, m.windowNumber, m.clerk); speak(m.code, m.windowNumber); }
    refreshSoon();
  });
  connection.onreconnected(() => connection.invoke('JoinHall', zone).then(refresh));
  async function start() {
    try {
      await connection.start();
      await connection.invoke('JoinHall', zone);
      root.dataset.live = 'on';
      refresh();
    } catch (e) {
      setTimeout(start, 3000);
    }
  }
  start();
  setInterval(refresh, 30000);
  setInterval(() => { el('hall-clock').textContent = new Date().toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }); }, 1000);
  el('hall-speech').addEventListener('click', () => {
    speech = !speech;
    el('hall-speech').style.opacity = speech ? 1 : 0.7;
    if (speech && 'speechSynthesis' in window) window.speechSynthesis.speak(new SpeechSynthesisUtterance(' '));
  });
})();
