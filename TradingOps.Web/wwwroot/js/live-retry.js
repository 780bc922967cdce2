// Unattended screens never stop silently (hall displays, door plates, the public occupancy page, the wall).
// One home for the rule: a read that fails (network error, 5xx, 429) is retried after a back-off that grows with each
// failure and honours Retry-After, and the screen shows "数据可能不是最新 · 最后更新 hh:mm:ss" until a read succeeds.
// Classic script: it defines window.LiveRetry for the screens' own scripts (loaded before them).
(function () {
  const FIRST_MS = 1000;   // first retry after a failure
  const MAX_MS = 15000;    // back-off ceiling: a restarted server is back on screen within about 15 s
  const MIN_ASKED_MS = 1000;

  // Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable.
  function retryAfterMs(value) {
    if (!value) return null;
    const seconds = Number(value);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(value);
    return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
  }

  // Delay before the next attempt after `failures` consecutive failures (1, 2, ...): the server's Retry-After when it
  // gave one (a 429 or 503 says when to come back), else 1 s, 2 s, 4 s, 8 s, then 15 s, with some jitter so a hall
  // of screens does not come back in step.
  function delayMs(failures, retryAfter) {
    const asked = retryAfterMs(retryAfter);
    if (asked !== null) return Math.min(Math.max(asked, MIN_ASKED_MS), 10 * MAX_MS);
    const backoff = Math.min(MAX_MS, FIRST_MS * Math.pow(2, Math.max(0, failures - 1)));
    return backoff + Math.random() * backoff * 0.2;
  }

  // Is this response a failure to retry later? Network errors are thrown by fetch; 5xx, 429 (and any other refusal:
  // the screen is not current whatever the reason) come back as responses.
  function retryable(response) {
    return !response || !response.ok;
  }

  function clock(date) {
    return date.toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });
  }

  // The visible stale state. `badge` holds a [data-stale-since] element that gets the time of the last good read.
  // Marks the body with "live-stale" (and "wall-stale", which the floor screens' style sheet already shows).
  function staleState(findBadge) {
    let since = new Date();
    const reasons = new Set();
    function render() {
      const stale = reasons.size > 0;
      document.body.classList.toggle('live-stale', stale);
      document.body.classList.toggle('wall-stale', stale);
      document.body.dataset.liveStale = stale ? 'on' : 'off';
      const badge = findBadge();
      if (!badge) return;
      badge.hidden = !stale;
      const at = badge.querySelector('[data-stale-since]');
      if (at) at.textContent = clock(since);
    }
    return {
      // `why` names the failing part ("feed", "hub"): the screen is current again only when all are.
      stale(why) { reasons.add(why); render(); },
      fresh(why) { reasons.delete(why); if (why === 'feed') since = new Date(); render(); },
      render,
      get isStale() { return reasons.size > 0; },
    };
  }

  // Runs `read` (an async function that returns a Response or throws) now and whenever asked, one at a time; a
  // request arriving during a read runs once more after it. A failure schedules the retry after the back-off and
  // holds other requests until then, so a 429 is not answered with more requests. onOk/onFail report each outcome.
  function poller(read, onOk, onFail) {
    let busy = false, again = false, failures = 0, timer = null;
    async function run() {
      if (busy || timer) { again = true; return; }
      busy = true;
      again = false;
      let response = null;
      try {
        response = await read();
        if (retryable(response)) throw new Error(String(response.status));
        failures = 0;
        await onOk(response);
      } catch (e) {
        failures++;
        const wait = delayMs(failures, response && response.headers ? response.headers.get('Retry-After') : null);
        onFail(e, wait);
        timer = setTimeout(() => { timer = null; run(); }, wait);
        again = false;
      } finally {
        busy = false;
      }
      if (again) run();
    }
    return { run, get failures() { return failures; } };
  }

  window.LiveRetry = { delayMs, retryAfterMs, retryable, staleState, poller, clock };
})();
