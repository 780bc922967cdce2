// Static kiosk pages (door plates, public occupancy) follow the floor without a Blazor circuit: the FloorHub
// (anonymous, read-only) says when something changed, and the page fetches its own server-rendered markup
// again and swaps the live part. A slow poll covers time-driven changes and lost connections.
(function () {
    const live = document.querySelector("[data-floor-live]");
    if (!live) return;
    const room = live.dataset.room;

    // The page's own markup, read again; the live part is swapped in when it answers.
    function readPage() {
        return fetch(location.href, { cache: "no-store", headers: { "X-Floor-Refresh": "1" } });
    }

    async function showPage(r) {
        const doc = new DOMParser().parseFromString(await r.text(), "text/html");
        const fresh = doc.querySelector("[data-floor-live]");
        if (fresh) document.querySelector("[data-floor-live]").replaceWith(fresh);
    }

    // --- Never stop silently: back-off, Retry-After, visible stale state (live-retry.js) ---
    // A change announced while a fetch is under way may not be in that fetch's answer: the poller fetches once more
    // after it. A failed fetch (network, 5xx, 429) is retried after the back-off; the badge in the live part
    // ("数据可能不是最新 · 最后更新 hh:mm:ss", rendered with the page's time) shows until a fetch succeeds.
    const state = LiveRetry.staleState(() => null);
    function setStatus() {
        const status = document.querySelector("[data-live-status]");
        if (status) status.dataset.state = state.isStale ? "stale" : "live";
    }
    const poller = LiveRetry.poller(readPage,
        async r => { await showPage(r); state.fresh("feed"); setStatus(); },
        () => { state.stale("feed"); setStatus(); });
    const refresh = () => poller.run();
    let hubFailures = 0;
    function hubRetryLater() {
        state.stale("hub");
        setStatus();
        setTimeout(start, LiveRetry.delayMs(++hubFailures, null));
    }

    setInterval(refresh, 30000);
    if (!window.signalR) return;
    const connection = new signalR.HubConnectionBuilder().withUrl("/hubs/floor").build();
    connection.on("FloorChanged", () => refresh());
    async function start() {
        try {
            await connection.start();
            await (room ? connection.invoke("JoinRoom", room) : connection.invoke("JoinFloor"));
            hubFailures = 0;
            state.fresh("hub");
            setStatus();
            refresh();
        } catch {
            if (connection.state !== signalR.HubConnectionState.Disconnected) connection.stop();
            else hubRetryLater();
        }
    }
    connection.onclose(() => hubRetryLater());
    start();
})();
