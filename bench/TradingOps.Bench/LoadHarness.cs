using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Auditing;
using TradingOps.Core.Floor;
using TradingOps.Data;
using TradingOps.Data.Floor;
using TradingOps.Web.Floor;
using TradingOps.Web.Infrastructure;
using TradingOps.Web.Live;
using TradingOps.Web.ScaleOut;

namespace TradingOps.Bench;

/// <summary>
/// The real app on Kestrel (SQLite, demo floor) in this process, with the pieces the load and soak runs share:
/// session commands (suspend/resume of running sessions) given through the booking service as a clerk would,
/// hub clients and real wall pages in headless Chromium that time each command until they show it.
/// </summary>
public sealed class LoadNode : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"tradingops-load-{Guid.NewGuid():N}");
    private readonly NodeFactory _app;

    public Uri Address { get; }
    public IServiceProvider Services => _app.Services;

    private LoadNode(NodeFactory app, Uri address, string directory)
    {
        _app = app;
        Address = address;
        _directory = directory;
    }

    public static LoadNode Start(int port = 0, IReadOnlyDictionary<string, string>? settings = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"tradingops-load-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var app = new NodeFactory(Path.Combine(directory, "load.db"), settings ?? new Dictionary<string, string>());
        app.UseKestrel(port);
        app.StartServer();
        var address = new Uri(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());
        return new LoadNode(app, address, directory);
    }

    public int LiveSubscriptions => Services.GetRequiredService<ILiveEventSubscriptions>().Count;
    public int Circuits => Services.GetRequiredService<CircuitCounter>().Open;
    public long FloorReads => Services.GetRequiredService<SharedFloorSnapshot>().Reads;

    /// <summary>Managed heap after a full collection: what the process really holds.</summary>
    public static long HeapAfterCollect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(true);
    }

    public static long WorkingSet()
    {
        using var p = Process.GetCurrentProcess();
        return p.WorkingSet64;
    }

    /// <summary>Running sessions to toggle (sessions checked in are started first, so there are several).</summary>
    public async Task<IReadOnlyList<(Guid Booking, string Room)>> SessionsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        var checkedIn = await db.RoomBookings.Where(b => b.Phase == SessionPhase.CheckedIn).Select(b => b.Id).ToListAsync();
        foreach (var id in checkedIn)
            try { await CommandAsync(id, SessionCommand.Start); } catch (Exception) { /* a room already in use: skip it */ }
        var suspended = await db.RoomBookings.Where(b => b.Phase == SessionPhase.Suspended).Select(b => b.Id).ToListAsync();
        foreach (var id in suspended) await CommandAsync(id, SessionCommand.Resume);
        return await db.RoomBookings.Where(b => b.Phase == SessionPhase.InSession)
            .Join(db.Rooms, b => b.RoomId, r => r.Id, (b, r) => new { b.Id, r.Code })
            .Select(x => new ValueTuple<Guid, string>(x.Id, x.Code)).ToListAsync();
    }

    public async Task CommandAsync(Guid bookingId, SessionCommand command)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("load"));
        await scope.ServiceProvider.GetRequiredService<BookingService>().SessionAsync(bookingId, command, "负载测试暂停");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, true); } catch (IOException) { }
    }

    private sealed class NodeFactory(string databasePath, IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<TradingOps.Web.FloorResource>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseStaticWebAssets(); // run from the build output, not a published folder
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:ConnectionString", $"Data Source={databasePath}");
            builder.UseSetting("Database:SeedDemoData", "true");
            builder.UseSetting("Database:DemoProjectsPerYear", "300");
            builder.UseSetting("Security:RequireHttps", "false");
            builder.UseSetting("Logging:Console:FormatterName", "simple");
            builder.UseSetting("Security:SignInPerMinute", "1000");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Jobs:StartupDelaySeconds", "3600");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }
}

/// <summary>
/// Commands given and what each observer has seen of them. An observer (one hub client, one wall page) sees a
/// room turn suspended or back; the latency is from the latest matching command issued before it saw the
/// change. Commands an observer never sees count as timed out for it; commands it skipped because a newer one
/// on the same room was already shown count as superseded (walls render the newest state).
/// </summary>
public sealed class CommandLedger
{
    private readonly ConcurrentDictionary<(string Room, string Kind), List<long>> _issued = new();
    private readonly ConcurrentQueue<double> _latencies = new(); // in the order seen, so a run can be cut into intervals
    private long _superseded;
    private int _failed;

    /// <summary>Records a command about to be given; the handle marks it failed if it does not go through.</summary>
    public Action Issued(string room, string kind, long timestamp)
    {
        var list = _issued.GetOrAdd((room, kind), _ => []);
        int index;
        lock (list)
        {
            index = list.Count;
            list.Add(timestamp);
        }
        return () =>
        {
            Interlocked.Increment(ref _failed);
            lock (list) list[index] = Failed;
        };
    }

    private const long Failed = -1;

    public int FailedCommands => _failed;

    public Observer NewObserver() => new(this);

    public IReadOnlyList<double> Latencies => _latencies.ToList();
    public long Superseded => Interlocked.Read(ref _superseded);

    public int IssuedCount => _issued.Values.Sum(l => { lock (l) return l.Count; });

    public sealed class Observer(CommandLedger ledger)
    {
        private readonly Dictionary<(string, string), int> _next = new();
        public int Seen { get; private set; }

        /// <summary>
        /// A receiver that gets every change in order (a hub client): its k-th push for a room and kind is the
        /// k-th command of that kind on that room that went through.
        /// </summary>
        public void SawInOrder(string room, string kind, long at)
        {
            if (!ledger._issued.TryGetValue((room, kind), out var list)) return;
            lock (this)
            {
                var next = _next.GetValueOrDefault((room, kind));
                long? matched = null;
                lock (list)
                {
                    while (next < list.Count && list[next] == Failed) next++;
                    if (next < list.Count) matched = list[next++];
                }
                _next[(room, kind)] = next;
                if (matched is null) return;
                ledger._latencies.Enqueue(Stopwatch.GetElapsedTime(matched.Value, at).TotalMilliseconds);
                Seen++;
            }
        }

        public void Saw(string room, string kind, long at)
        {
            if (!ledger._issued.TryGetValue((room, kind), out var list)) return;
            lock (this)
            {
                var next = _next.GetValueOrDefault((room, kind));
                long? matched = null;
                lock (list)
                    while (next < list.Count && list[next] <= at)
                    {
                        if (list[next] == Failed) { next++; continue; }
                        if (matched is not null) Interlocked.Increment(ref ledger._superseded);
                        matched = list[next++];
                    }
                _next[(room, kind)] = next;
                if (matched is null) return; // a change not caused by a command of this run
                ledger._latencies.Enqueue(Stopwatch.GetElapsedTime(matched.Value, at).TotalMilliseconds);
                Seen++;
            }
        }

        /// <summary>Commands issued that this observer has not reached.</summary>
        public int Outstanding()
        {
            var total = 0;
            foreach (var ((room, kind), list) in ledger._issued)
                lock (list) total += list.Skip(_next.GetValueOrDefault((room, kind))).Count(t => t != Failed);
            return total;
        }
    }
}

/// <summary>Headless Chromium showing the wall, signed in as the display account, reporting each tile that changes state.</summary>
public sealed class WallBrowser : IAsyncDisposable
{
    private const string Observer = """
        (() => {
          const report = (tile) => {
            const code = tile.getAttribute('data-testid').substring(5);
            window.__tileState(code, tile.getAttribute('data-state'));
          };
          new MutationObserver(changes => {
            for (const c of changes) {
              if (c.type === 'attributes' && c.target.matches && c.target.matches('[data-testid^="tile-"]')) report(c.target);
              for (const n of c.addedNodes || []) {
                if (n.nodeType !== 1) continue;
                if (n.matches('[data-testid^="tile-"]')) report(n);
                n.querySelectorAll && n.querySelectorAll('[data-testid^="tile-"]').forEach(report);
              }
            }
          }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
        })();
        """;

    private readonly IPlaywright _playwright;
    public IBrowser Browser { get; }

    private WallBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    /// <param name="nice">
    /// Above 0, the walls' Chromium runs at that lower CPU priority: real walls render on their own screen PCs, and
    /// on a 2-core load box 50 renderers otherwise take the CPU from the server being measured.
    /// </param>
    /// <param name="extraArgs">More Chromium switches (space-separated), for trying rendering settings.</param>
    public static async Task<WallBrowser> LaunchAsync(int nice = 0, string? extraArgs = null)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = nice > 0 ? NicedChromium(nice) : "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                    "--disable-backgrounding-occluded-windows", .. (extraArgs ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)],
        });
        return new WallBrowser(playwright, browser);
    }

    /// <summary>One wall page (its own context and sign-in); <paramref name="onState"/> gets (room code, state, timestamp).</summary>
    public async Task<IPage> OpenWallAsync(Uri address, CommandLedger.Observer observer, Action<IPage>? beforeWall = null) =>
        await OpenWallAsync(address, WallStates(observer), beforeWall);

    /// <summary>Tile states to commands: turning suspended is a suspend, leaving suspended a resume.</summary>
    public static Action<string, string, long> WallStates(CommandLedger.Observer observer)
    {
        var last = new ConcurrentDictionary<string, string>();
        return (code, state, at) =>
        {
            var before = last.GetValueOrDefault(code);
            last[code] = state;
            if (before is null || before == state) return;
            if (state == nameof(RoomState.Suspended)) observer.Saw(code, "suspend", at);
            else if (before == nameof(RoomState.Suspended)) observer.Saw(code, "resume", at);
        };
    }

    public async Task<IPage> OpenWallAsync(Uri address, Action<string, string, long> onState, Action<IPage>? beforeWall = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai", BypassCSP = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(address, "/account/login").ToString());
        await page.FillAsync("#username", "display");
        await page.FillAsync("#password", TradingOps.Web.Identity.IdentitySeeder.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(u => !u.Contains("/account/login"), new() { Timeout = 60_000 });
        await page.ExposeFunctionAsync<string, string, bool>("__tileState", (code, state) => { onState(code, state, Stopwatch.GetTimestamp()); return true; });
        await page.AddInitScriptAsync(Observer);
        beforeWall?.Invoke(page);
        // The floor overview pinned on screen: the panels rotated out of view catch up only when shown, so the tiles
        // measured are the ones a duty manager is looking at.
        await page.GotoAsync(new Uri(address, "/wall?panel=floor").ToString(), new() { Timeout = 60_000 });
        await page.Locator("#interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        return page;
    }

    private static string NicedChromium(int nice)
    {
        var script = Path.Combine(Path.GetTempPath(), $"tradingops-chromium-nice{nice}.sh");
        // Chromium starts in a session of its own, and Linux schedules each session as a group (autogroup): a
        // process's nice value only ranks it within its group, so the group's own nice is set as well.
        File.WriteAllText(script, $"#!/bin/sh\necho {nice} > /proc/self/autogroup 2>/dev/null\nexec nice -n {nice} /usr/bin/chromium \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>Issues suspend/resume commands at a steady rate over the running sessions, one at a time per session.</summary>
public sealed class CommandStream(LoadNode node, IReadOnlyList<(Guid Booking, string Room)> sessions, params CommandLedger[] ledgers)
{
    private readonly bool[] _suspended = new bool[sessions.Count];
    private readonly int[] _busy = new int[sessions.Count];
    private readonly ConcurrentQueue<double> _committed = new();
    public int Skipped { get; private set; }

    /// <summary>How long each command took to go through (the clerk's wait: validation, write, commit).</summary>
    public IReadOnlyList<double> CommitTimes => _committed.ToList();

    /// <summary>
    /// Command n is due at start + n/K; each runs on the thread pool (SQLite work is synchronous underneath, so
    /// issuing inline would hold the schedule back), one at a time per session.
    /// </summary>
    public async Task RunAsync(double perSecond, TimeSpan duration, CancellationToken ct = default)
    {
        var start = Stopwatch.GetTimestamp();
        var count = (long)(perSecond * duration.TotalSeconds);
        var inFlight = new List<Task>();
        var next = 0;
        for (long n = 0; n < count; n++)
        {
            var due = TimeSpan.FromSeconds(n / perSecond) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero) await Task.Delay(due, ct);
            var i = -1;
            for (var k = 0; k < sessions.Count; k++)
            {
                var candidate = (next + k) % sessions.Count;
                if (Interlocked.CompareExchange(ref _busy[candidate], 1, 0) == 0) { i = candidate; break; }
            }
            if (i < 0) { Skipped++; continue; }
            next = (i + 1) % sessions.Count;
            inFlight.Add(Task.Run(() => IssueAsync(i), ct));
            inFlight.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(inFlight);
    }

    private async Task IssueAsync(int i)
    {
        var (booking, room) = sessions[i];
        var command = _suspended[i] ? SessionCommand.Resume : SessionCommand.Suspend;
        var at = Stopwatch.GetTimestamp();
        var failed = ledgers.Select(l => l.Issued(room, command == SessionCommand.Suspend ? "suspend" : "resume", at)).ToList();
        try
        {
            await node.CommandAsync(booking, command);
            _committed.Enqueue(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
            _suspended[i] = !_suspended[i];
        }
        catch (Exception)
        {
            foreach (var fail in failed) fail();
        }
        finally
        {
            Volatile.Write(ref _busy[i], 0);
        }
    }

    /// <summary>Leaves every session running again.</summary>
    public async Task ResetAsync()
    {
        for (var i = 0; i < sessions.Count; i++)
            if (_suspended[i])
            {
                await node.CommandAsync(sessions[i].Booking, SessionCommand.Resume);
                _suspended[i] = false;
            }
    }
}

public static class Args
{
    public static double Get(string[] args, string name, double fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }

    public static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static string Mb(long bytes) => $"{bytes / 1048576.0:0.0} MB";
    public static string Kb(double bytes) => $"{bytes / 1024.0:0.0} KB";
}
