// Static kiosk pages (door plates, public occupancy) follow the floor without a Blazor circuit: the FloorHub
// (anonymous, read-only) says when something changed, and the page fetches its own server-rendered markup
// again and swaps the live part. A slow poll covers time-driven changes and lost connections.
(function () {
    const live = document.querySelector("[data-floor-live]");
    if (!live) return;
    const room = live.dataset.room;
    const status = document.querySelector("[data-live-status]");
    let busy = false, again = false;

    // A change announced while a fetch is under way may not be in that fetch's answer: fetch once more after it.
    async function refresh() {
        if (busy) { again = true; return; }
        busy = true;
        again = false;
        try {
            const r = await fetch(location.href, { cache: "no-store", headers: { "X-Floor-Refresh": "1" } });
            if (!r.ok) throw new Error(r.status);
            const doc = new DOMParser().parseFromString(await r.text(), "text/html");
            const fresh = doc.querySelector("[data-floor-live]");
            if (fresh) document.querySelector("[data-floor-live]").replaceWith(fresh);
            setStale(false);
        } catch {
            setStale(true);
        } finally {
            busy = false;
        }
        if (again) refresh();
    }

    function setStale(stale) {
        document.body.classList.toggle("wall-stale", stale);
        if (status) status.dataset.state = stale ? "stale" : "live";
    }

    setInterval(refresh, 30000);
    if (!window.signalR) return;
    const connection = new signalR.HubConnectionBuilder().withUrl("/hubs/floor").build();
    connection.on("FloorChanged", () => refresh());
    async function start() {
        try {
            await connection.start();
            await (room ? connection.invoke("JoinRoom", room) : connection.invoke("JoinFloor"));
            setStale(false);
            refresh();
        } catch {
            setStale(true);
            setTimeout(start, 5000);
        }
    }
    connection.onclose(() => { setStale(true); setTimeout(start, 2000); });
    start();
})();
