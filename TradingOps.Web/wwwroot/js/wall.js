// The wall runs unattended for weeks. When the live connection drops it shows a stale badge; when the server
// answers again it reconnects, and if the server no longer knows this circuit (restart, recycled circuit) it
// reloads the page. Nobody has to touch the screen.
let started = false;
let polling = null;

export function init() {
    if (started) return;
    started = true;
    const modal = document.getElementById("components-reconnect-modal");
    if (!modal) return;
    modal.addEventListener("components-reconnect-state-changed", e => onState(e.detail.state));
}

function onState(state) {
    document.body.dataset.live = state;
    if (state === "hide") {
        document.body.classList.remove("wall-stale");
        stopPolling();
        return;
    }
    document.body.classList.add("wall-stale");
    if (state === "rejected" || state === "resume-failed") {
        reloadWhenServerAnswers();
    } else if (state === "failed" || state === "paused") {
        reloadWhenServerAnswers(true);
    }
}

function stopPolling() {
    if (polling) clearInterval(polling);
    polling = null;
}

// Polls the liveness endpoint; once the server answers, tries to rejoin the circuit, else reloads.
function reloadWhenServerAnswers(tryReconnect) {
    stopPolling();
    const attempt = async () => {
        try {
            const r = await fetch("/health/live", { cache: "no-store" });
            if (!r.ok) return;
        } catch {
            return;
        }
        stopPolling();
        if (tryReconnect && window.Blazor && Blazor.reconnect) {
            try {
                if (await Blazor.reconnect()) return;
            } catch { /* server up but circuit unknown: reload below */ }
        }
        location.reload();
    };
    polling = setInterval(attempt, 2000);
    attempt();
}

// Heartbeat: the server re-renders "last updated" on every clock tick. If it stops changing for three ticks
// the screen is stale whatever the connection claims (a silently dead circuit, a frozen server).
export function watchHeartbeat(tickSeconds) {
    const beat = document.querySelector("[data-heartbeat]");
    if (!beat) return;
    let last = Date.now();
    new MutationObserver(() => {
        last = Date.now();
        if (!document.body.dataset.live || document.body.dataset.live === "hide") document.body.classList.remove("wall-stale");
    }).observe(beat, { childList: true, characterData: true, subtree: true, attributes: true });
    const limit = Math.max(3 * tickSeconds, 6) * 1000;
    setInterval(() => {
        if (Date.now() - last > limit) {
            document.body.classList.add("wall-stale");
            if (!polling) reloadWhenServerAnswers(true);
        }
    }, 1000);
}

// While Blazor itself retries ("show"/"retrying"), also watch the server: a restarted server comes back
// quickly, and a reload then brings current data sooner than the retry back-off would.
export function watchWhileStale() {
    setInterval(() => {
        const s = document.body.dataset.live;
        if ((s === "show" || s === "retrying") && !polling) reloadWhenServerAnswers(true);
    }, 3000);
}
