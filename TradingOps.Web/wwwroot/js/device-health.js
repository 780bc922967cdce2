// The heartbeat of a paired device's page (issue 21): tells the server every few seconds that this screen is alive,
// what build it runs, its size and the last script error, and does a remote reload the duty manager asked for. The
// server knows the device from its pairing cookie (HttpOnly: this script never sees it). Each page load has a new
// boot id; the first beat after a reload is how the health board sees the device came back.
(() => {
  const script = document.currentScript;
  const seconds = Number(script?.dataset.seconds ?? 15);
  let interval = (Number.isFinite(seconds) && seconds >= 2 ? seconds : 15) * 1000;
  const version = script?.dataset.version ?? '';
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes); // randomUUID needs a secure context; door plates often run on plain http
  const bootId = Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  let lastError = null;
  let timer = null;
  let stopped = false;

  const remember = text => { if (text) lastError = String(text).slice(0, 500); };
  addEventListener('error', e => remember(e.message || (e.target && e.target.src ? `load failed: ${e.target.src}` : 'error')), true);
  addEventListener('unhandledrejection', e => remember(e.reason && (e.reason.message || e.reason)));

  const next = ms => { clearTimeout(timer); if (!stopped) timer = setTimeout(beat, ms); };

  async function beat() {
    const error = lastError;
    try {
      const response = await fetch('/devices/heartbeat', {
        method: 'POST', credentials: 'same-origin', redirect: 'manual',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ bootId, version, width: innerWidth, height: innerHeight, page: location.pathname, error }),
      });
      if (response.status === 401) { stopped = true; return; } // not (or no longer) a paired device
      if (response.status === 429) { next(Math.max(1, Number(response.headers.get('Retry-After')) || 5) * 1000); return; }
      if (!response.ok) { next(interval); return; }
      if (error === lastError) lastError = null;
      const reply = await response.json();
      if (reply.reload) { stopped = true; location.reload(); return; }
      if (reply.heartbeatSeconds >= 2) interval = reply.heartbeatSeconds * 1000;
    } catch { /* the server is away: try again on the next beat */ }
    next(interval);
  }

  window.tradingOpsDeviceHealth = { bootId };
  beat();
})();
