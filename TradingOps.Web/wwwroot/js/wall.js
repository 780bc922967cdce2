// The wall runs unattended for weeks. When the live connection drops it shows a stale badge; when the server
// answers again it reconnects, and if the server no longer knows this circuit (restart, recycled circuit) it
// reloads the page. Nobody has to touch the screen.
let started = false;
let watching = false;
let polling = null;

// Everything the wall needs, once per page: called from the prerendered page itself (so it runs even if the
// circuit never comes up) and again through interop after an in-app navigation; later calls do nothing.
export function start(tickSeconds) {
    init();
    if (watching) return;
    watching = true;
    watchWhileStale();
    watchHeartbeat(tickSeconds);
}

// Blazor marks the element with id components-reconnect-modal with its reconnection state. The element is
// re-created when the circuit takes over the prerendered page, so the state is read from whichever element is
// there now, twice a second, rather than from an event listener on one element.
export function init() {
    if (started) return;
    started = true;
    let last = "hide";
    setInterval(() => {
        const state = stateOf(document.getElementById("components-reconnect-modal"));
        if (state !== last) {
            last = state;
            onState(state);
        }
    }, 500);
}

function stateOf(modal) {
    const c = modal ? modal.classList : null;
    if (!c) return "hide";
    if (c.contains("components-reconnect-rejected")) return "rejected";
    if (c.contains("components-resume-failed")) return "resume-failed";
    if (c.contains("components-reconnect-failed")) return "failed";
    if (c.contains("components-reconnect-paused")) return "paused";
    if (c.contains("components-reconnect-show") || c.contains("components-reconnect-retrying")) return "show";
    return "hide";
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
    if (polling) clearTimeout(polling.timer);
    polling = null;
}

// Polls the liveness endpoint; once the server answers, tries to rejoin the circuit, else reloads. Never in step
// with a struggling server: each failure (network, 5xx, 429) waits longer, as long as a Retry-After asks.
function reloadWhenServerAnswers(tryReconnect) {
    stopPolling();
    const chain = { timer: null }; // this watch; a later one (or recovery) replaces it and this one stops
    polling = chain;
    let failures = 0;
    const attempt = async () => {
        const live = await answer("/health/live");
        if (polling !== chain) return; // recovered or replaced meanwhile
        if (!live.ok) return retryLater(live.response);
        if (tryReconnect && window.Blazor && Blazor.reconnect) {
            try {
                if (await Blazor.reconnect()) { if (polling === chain) stopPolling(); return; }
            } catch { /* server up but circuit unknown: reload below */ }
            if (polling !== chain) return;
        }
        // Reload only into a page that answers: a reload landing on a 429 or 5xx page would leave the wall on an
        // error page, with no script left to bring it back.
        const page = await answer(location.href);
        if (polling !== chain) return;
        if (!page.ok) return retryLater(page.response);
        stopPolling();
        location.reload();
    };
    const retryLater = response => {
        failures++;
        chain.timer = setTimeout(attempt, retryDelay(failures, response));
    };
    attempt();
}

// --- Back-off and Retry-After (live-retry.js holds the rule; a fixed 2 s if it did not load) ---
async function answer(url) {
    try {
        const response = await fetch(url, { cache: "no-store" });
        return { ok: response.ok, response };
    } catch {
        return { ok: false, response: null };
    }
}

function retryDelay(failures, response) {
    const retry = window.LiveRetry;
    return retry ? retry.delayMs(failures, response ? response.headers.get("Retry-After") : null) : 2000;
}

// Heartbeat: the server re-renders "last updated" on every clock tick. If it stops changing for three ticks
// the screen is stale whatever the connection claims (a silently dead circuit, a frozen server).
export function watchHeartbeat(tickSeconds) {
    let seen = null;
    let last = null; // armed by the first beat, so a slow first connection never counts as stale
    const limit = Math.max(3 * tickSeconds, 6) * 1000;
    setInterval(() => {
        const beat = document.querySelector("[data-heartbeat]")?.dataset.heartbeat ?? null;
        if (beat !== seen) {
            if (seen !== null) last = Date.now();
            seen = beat;
            if ((document.body.dataset.live ?? "hide") === "hide") document.body.classList.remove("wall-stale");
        } else if (last !== null && Date.now() - last > limit) {
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
