using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingOps.Core.Auditing;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Core.Queue;
using TradingOps.Core.Registrations;
using TradingOps.Data;
using TradingOps.Data.Floor;
using TradingOps.Data.Queue;
using TradingOps.Data.Registrations;
using TradingOps.Web.Infrastructure;
using TradingOps.Web.Live;

namespace TradingOps.Bench;

/// <summary>
/// Database commands per action on one node, with nothing open and then with 12 window consoles, the duty wall,
/// 4 door plates and 2 hall displays open as real pages in headless Chromium (their own JavaScript and circuits,
/// whatever they do on a change). Commands are counted in this process from EF Core's diagnostic events, from the
/// action until the node has been quiet for a second. The live clock beats once a minute here, so its tick does
/// not fall into a measurement (the "clock tick" row publishes one by hand); a measurement a tick did fall into is
/// marked. Runs on any branch: it touches no type a branch may not have.
/// </summary>
public sealed class RoundTripsBenchmark : IBenchmark
{
    public string Name => "round-trips";

    public string Description =>
        "DB commands per action (call next, finish, transfer, book, extend, registration accepted, clock tick) with nothing open vs 12 consoles, the wall, 4 door plates, 2 hall displays open [--idle-seconds 30]";

    private sealed record Row(string Action, string Alone, string Open);

    public async Task<int> RunAsync(string[] args)
    {
        var idleSeconds = Args.Get(args, "--idle-seconds", 30);
        using var commands = CommandCount.Start();
        // Bookings at the real clock, whatever the hour of the run: rooms open all day.
        await using var node = LoadNode.Start(settings: new Dictionary<string, string> { ["Live:TickSeconds"] = "60", ["Floor:OpensAt"] = "00:00", ["Floor:ClosesAt"] = "23:59" });
        Console.WriteLine($"round-trips: server {node.Address}, load average {LoadBenchmark.LoadAverage()}");
        var services = node.Services;
        var ticks = 0;
        using var _ = services.GetRequiredService<ILiveEventSubscriptions>().Subscribe<ClockTick>(_ => { Interlocked.Increment(ref ticks); return Task.CompletedTask; });

        // Windows with a clerk each (straight in the database, before anything reads it), and a queue to call from.
        await using var setup = await NewContextAsync(services);
        var windows = await setup.ServiceWindows.Where(w => w.InService).OrderBy(w => w.Number).Select(w => new { w.Id, w.Number, w.ZoneId }).ToListAsync();
        if (windows.Count < 12) throw new InvalidOperationException($"the demo center has {windows.Count} windows, 12 expected");
        var clerks = new List<QueueService>();
        foreach (var w in windows) clerks.Add(await StaffAsync(services, w.Id, w.Number));
        var type = await setup.ServiceTypes.Where(t => t.IsActive).OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        var kiosk = QueueAs(services, Actor.System("kiosk"));
        for (var i = 0; i < 12; i++) await kiosk.IssueAsync(type, TicketChannel.Kiosk);
        foreach (var w in windows.Skip(4)) await clerks[windows.IndexOf(w)].CallNextAsync(w.Id); // keep windows 5-12 busy: calls land on 1-4
        await services.GetRequiredService<ILiveEventPublisher>().PublishAsync(new LiveResync(DateTimeOffset.UtcNow, "bench: clerks set in the database"));
        await QuietAsync(commands);

        // One set of actions; run once with nothing open and once with everything open.
        var manualTicks = 0;
        async Task<IReadOnlyList<(string Action, string Count)>> ActionsAsync(int callAt, int transferTo, int bookInHours)
        {
            var results = new List<(string, string)>();
            // run gets "restart": called before the attempt that counts (a booking tries rooms until one is free).
            async Task Measure(string action, Func<Action, Task<bool>> run)
            {
                await QuietAsync(commands);
                var before = commands.Count;
                void Restart() => before = commands.Count;
                var ticksBefore = Volatile.Read(ref ticks) - manualTicks;
                string shown;
                try
                {
                    var done = await run(Restart);
                    await QuietAsync(commands);
                    shown = done ? (commands.Count - before).ToString() : "n/a";
                    if (Volatile.Read(ref ticks) - manualTicks != ticksBefore) shown += " (tick)";
                }
                catch (Exception ex)
                {
                    shown = $"failed: {ex.Message}";
                }
                results.Add((action, shown));
            }

            var clerk = clerks[callAt - 1];
            var window = windows[callAt - 1].Id;
            CalledTicket? called = null;
            await Measure("call next", async _ => (called = await clerk.CallNextAsync(window)) is not null);
            if (called is not null) await clerk.StartServingAsync(called.Id);
            await Measure("finish", async _ => { if (called is null) return false; await clerk.FinishAsync(called.Id, ServiceOutcome.Completed, null); return true; });
            var again = await clerk.CallNextAsync(window);
            await Measure("transfer", async _ => { if (again is null) return false; await clerk.TransferAsync(again.Id, type, windows[transferTo - 1].Id); return true; });
            RoomBooking? booking = null;
            await Measure("book", async restart => (booking = await BookAsync(services, bookInHours, restart)) is not null);
            await Measure("extend", async _ => { if (booking is null) return false; await BookingsAsync(services, b => b.ExtendAsync(booking.Id, booking.EndsAt.AddMinutes(30), "bench")); return true; });
            await Measure("registration accepted", _ => AcceptAsync(services));
            await Measure("clock tick", async _ => { manualTicks++; await services.GetRequiredService<ILiveEventPublisher>().PublishAsync(new ClockTick(DateTimeOffset.UtcNow)); return true; });
            return results;
        }

        // A running node has its read models: one tick (not counted) lets the node build what it builds on first use.
        await services.GetRequiredService<ILiveEventPublisher>().PublishAsync(new ClockTick(DateTimeOffset.UtcNow));
        manualTicks++;
        await QuietAsync(commands, quietFor: TimeSpan.FromSeconds(2));
        var alone = await ActionsAsync(callAt: 1, transferTo: 3, bookInHours: 2);

        Console.WriteLine("  opening 12 window consoles, the wall, 4 door plates, 2 hall displays in headless Chromium…");
        await using var browser = await WallBrowser.LaunchAsync();
        var zone = windows[0].ZoneId;
        var rooms = await setup.Rooms.Where(r => r.ZoneId != zone).OrderBy(r => r.Code).Select(r => r.Code).Take(4).ToListAsync();
        await OpenEverythingAsync(browser, node.Address, windows.Select(w => w.Number).ToList(), rooms, zone);
        await QuietAsync(commands, quietFor: TimeSpan.FromSeconds(3));
        var idleBefore = commands.Count;
        await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
        var idle = commands.Count - idleBefore;
        var open = await ActionsAsync(callAt: 2, transferTo: 4, bookInHours: 4);

        Console.WriteLine();
        Console.WriteLine($"  {"action",-24}{"nothing open",14}{"all open",12}");
        for (var i = 0; i < alone.Count; i++) Console.WriteLine($"  {alone[i].Action,-24}{alone[i].Count,14}{open[i].Count,12}");
        Console.WriteLine($"  {"idle, " + idleSeconds + " s",-24}{"",14}{idle,12}   (nothing done, everything open; the clock beats once a minute here)");
        Console.WriteLine($"round-trips: done, load average {LoadBenchmark.LoadAverage()}");
        return 0;
    }

    private static QueueService QueueAs(IServiceProvider services, Actor actor)
    {
        var scope = services.CreateScope().ServiceProvider;
        scope.GetRequiredService<WebCurrentActor>().ActAs(actor);
        return scope.GetRequiredService<QueueService>();
    }

    /// <summary>A bench clerk (staff record and account) signed on at the window, straight in the database; the queue acting as them.</summary>
    private static async Task<QueueService> StaffAsync(IServiceProvider services, Guid windowId, int number)
    {
        var userId = $"bench-clerk-{number}-{Guid.NewGuid():N}";
        var staff = new TradingOps.Core.Organisation.Staff($"RT{number:000}", $"往返测试{number}", "窗口服务部", null, null);
        staff.LinkAccount(userId);
        await using var db = await NewContextAsync(services);
        db.Users.Add(new TradingOps.Data.Identity.ApplicationUser { Id = userId, UserName = userId, NormalizedUserName = userId.ToUpperInvariant(), DisplayName = staff.Name });
        db.Staff.Add(staff);
        var window = await db.ServiceWindows.SingleAsync(w => w.Id == windowId);
        window.SignOff();
        window.Resume();
        window.SignOn(TradingOps.Core.Organisation.WindowClerk.Of(staff), DateTimeOffset.UtcNow);
        // The demo has visitors at the windows: they leave, so the window calls the next one.
        foreach (var ticket in await db.QueueTickets.Where(QueueRulesOccupying(windowId)).ToListAsync())
        {
            if (ticket.Status == TicketStatus.Called) ticket.MarkNoShow(DateTimeOffset.UtcNow);
            else ticket.Finish(ServiceOutcome.Completed, null, DateTimeOffset.UtcNow);
            db.TicketEvents.AddRange(ticket.TakeEvents());
        }
        await db.SaveChangesAsync();
        return QueueAs(services, Actor.User(userId, staff.Name));
    }

    /// <summary>Tickets called to or served at a window (spelled out: the bench also runs on branches without the rule in Core).</summary>
    private static System.Linq.Expressions.Expression<Func<QueueTicket, bool>> QueueRulesOccupying(Guid windowId) =>
        t => t.WindowId == windowId && (t.Status == TicketStatus.Called || t.Status == TicketStatus.Serving);

    private static async Task<TradingOpsDbContext> NewContextAsync(IServiceProvider services) =>
        await services.CreateScope().ServiceProvider.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();

    private static async Task<T> BookingsAsync<T>(IServiceProvider services, Func<BookingService, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("bench"));
        return await action(scope.ServiceProvider.GetRequiredService<BookingService>());
    }

    /// <summary>
    /// A booking of a free room for an hour, <paramref name="inHours"/> hours from now (the first room that takes it);
    /// <paramref name="attempt"/> is called before each try, so only the try that books is counted.
    /// </summary>
    private static async Task<RoomBooking?> BookAsync(IServiceProvider services, int inHours, Action attempt)
    {
        await using var db = await NewContextAsync(services);
        var rooms = await db.Rooms.OrderBy(r => r.Code).Select(r => r.Id).ToListAsync();
        var from = DateTimeOffset.UtcNow.AddHours(inHours);
        from = from.AddMinutes(-from.Minute).AddSeconds(-from.Second);
        foreach (var room in rooms)
        {
            attempt();
            try
            {
                return await BookingsAsync(services, b => b.BookAsync(new BookingRequest(room, null, $"BENCH-{Guid.NewGuid():N}"[..16], "往返测试项目", null,
                    BookingPurpose.BidOpening, 5, from, from.AddHours(1))));
            }
            catch (TradingOps.Core.Common.DomainException)
            {
                // taken or closed then: the next room
            }
        }
        return null;
    }

    /// <summary>Accepts the first registration under review that can be accepted as it is.</summary>
    private static async Task<bool> AcceptAsync(IServiceProvider services)
    {
        await using var db = await NewContextAsync(services);
        var staff = await db.Staff.Where(s => s.IsActive).Select(s => s.Id).FirstAsync();
        var inReview = await db.Registrations.Where(r => r.Status == RegistrationStatus.InReview).Select(r => r.Id).ToListAsync();
        foreach (var id in inReview)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("bench"));
            if ((await scope.ServiceProvider.GetRequiredService<RegistrationService>().AcceptAsync(id, new AcceptRequest(staff, null, null))).Succeeded)
                return true;
        }
        return false;
    }

    /// <summary>Waits until no database command ran for <paramref name="quietFor"/> (at most 30 s).</summary>
    private static async Task QuietAsync(CommandCount commands, TimeSpan? quietFor = null)
    {
        var quiet = quietFor ?? TimeSpan.FromSeconds(1);
        var limit = Stopwatch.StartNew();
        var last = commands.Count;
        var since = Stopwatch.StartNew();
        while (since.Elapsed < quiet && limit.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
            var now = commands.Count;
            if (now != last) { last = now; since.Restart(); }
        }
    }

    private static async Task OpenEverythingAsync(WallBrowser browser, Uri address, IReadOnlyList<int> windows, IReadOnlyList<string> rooms, Guid zone)
    {
        // The duty wall, signed in as the Display account (its own context).
        await browser.OpenWallAsync(address, (_, _, _) => { });
        // The consoles, signed in as the duty manager (one context, a tab each).
        var staff = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        var login = await staff.NewPageAsync();
        await login.GotoAsync(new Uri(address, "/account/login").ToString());
        await login.FillAsync("#username", "duty");
        await login.FillAsync("#password", TradingOps.Web.Identity.IdentitySeeder.DemoPassword);
        await login.ClickAsync("button[type=submit]");
        await login.WaitForURLAsync(u => !u.Contains("/account/login"), new() { Timeout = 60_000 });
        await login.CloseAsync();
        foreach (var number in windows)
        {
            var console = await staff.NewPageAsync();
            await console.GotoAsync(new Uri(address, $"/queue/window/{number}").ToString(), new() { Timeout = 60_000 });
            await console.Locator("#interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        }
        // Door plates and hall displays: anonymous screens.
        var screens = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        foreach (var room in rooms)
            await (await screens.NewPageAsync()).GotoAsync(new Uri(address, $"/doorplate/{room}").ToString(), new() { Timeout = 60_000 });
        for (var i = 0; i < 2; i++)
        {
            var hall = await screens.NewPageAsync();
            await hall.GotoAsync(new Uri(address, $"/queue/hall/{zone}").ToString(), new() { Timeout = 60_000 });
            await hall.Locator("#hall[data-live=on]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        }
    }

    /// <summary>
    /// Database commands EF Core runs in this process, counted from its diagnostic events (no change to the app's
    /// services, so the bench runs on any branch).
    /// </summary>
    private sealed class CommandCount : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private const string Executing = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuting";
        private readonly List<IDisposable> _subscriptions = [];
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public static CommandCount Start()
        {
            var count = new CommandCount();
            count._subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(count));
            return count;
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
                lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this, name => name == Executing));
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == Executing) Interlocked.Increment(ref _count);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }

        public void Dispose()
        {
            lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose();
        }
    }
}
