// Tells the server that the person at this console is still working. A live page talks to the server over its
// circuit only, which says nothing about a person being there; staff sessions end after Security:StaffIdleMinutes
// without keyboard or pointer activity. One small request per interval, and only after activity.
(() => {
  const script = document.currentScript;
  const seconds = Number(script?.dataset.activitySeconds ?? 60);
  const interval = (Number.isFinite(seconds) && seconds > 0 ? seconds : 60) * 1000;
  let active = false;
  for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart']) {
    addEventListener(type, () => { active = true; }, { capture: true, passive: true });
  }
  setInterval(() => {
    if (!active) return;
    active = false;
    fetch('/account/activity', { method: 'POST', credentials: 'same-origin', redirect: 'manual' }).catch(() => { });
  }, interval);
})();
