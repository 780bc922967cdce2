using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Data;
using TradingOps.Data.Queue;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Infrastructure;
using TradingOps.Web.Queue;

namespace TradingOps.Bench;

/// <summary>
/// A compressed day at the windows: 600 tickets over 16 windows while 200 hall displays listen on the hall hub.
/// Measures call-to-display latency: from the clerk pressing "call next" to each display receiving the call.
/// The displays run in this process (they then compete with the server for the same cores and thread pool)
/// or in a child process (closer to real displays, which are other machines); Stopwatch timestamps are the
/// system's monotonic clock, so a child's receipt times compare with this process's call times.
/// </summary>
public sealed class QueueHallBenchmark : IBenchmark
{
    public string Name => "queue-hall";

    public string Description =>
        "600 tickets, 16 windows, 200 hall displays: p50/p95/p99 call-to-display latency (target p95 < 250 ms) " +
        "[--provider sqlite|postgresql|both --displays-process same|separate|both --repeat N --tickets N --windows N --displays N --connection CS]";

    private const string ChildFlag = "--displays-child";

    public async Task<int> RunAsync(string[] args)
    {
        if (args.Contains(ChildFlag)) return await DisplaysChildAsync(args);

        var providers = (ArgText(args, "--provider") ?? "sqlite").ToLowerInvariant() switch
        {
            "sqlite" => new[] { DatabaseProvider.Sqlite },
            "postgresql" or "postgres" => [DatabaseProvider.PostgreSQL],
            "both" => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSQL],
            var other => throw new ArgumentException($"--provider {other}: expected sqlite, postgresql or both"),
        };
        var modes = (ArgText(args, "--displays-process") ?? "same").ToLowerInvariant() switch
        {
            "same" => new[] { false },
            "separate" => [true],
            "both" => [false, true],
            var other => throw new ArgumentException($"--displays-process {other}: expected same, separate or both"),
        };
        var repeat = Math.Max(1, Arg(args, "--repeat", 1));
        var shape = new Shape(Arg(args, "--tickets", 600), Arg(args, "--windows", 16), Arg(args, "--displays", 200));
        var connection = ArgText(args, "--connection");

        LocalPostgres? postgres = null;
        if (providers.Contains(DatabaseProvider.PostgreSQL) && connection is null)
        {
            // The tests' throwaway cluster (note: it runs with fsync=off, unlike a production server).
            postgres = new LocalPostgres();
            await postgres.InitializeAsync();
        }
        var results = new List<RunResult>();
        try
        {
            foreach (var provider in providers)
            foreach (var separate in modes)
            for (var run = 1; run <= repeat; run++)
            {
                var label = $"{provider}, displays in {(separate ? "a separate process" : "the same process")}, run {run}/{repeat}";
                var result = await RunOnceAsync(shape, provider, separate, connection, postgres, label);
                results.Add(result);
                result.Print();
            }
        }
        finally
        {
            if (postgres is not null) await postgres.DisposeAsync();
        }

        Console.WriteLine();
        Console.WriteLine($"queue-hall summary: call-to-display, {shape.Tickets} tickets, {shape.Windows} windows, {shape.Displays} displays (target p95 < 250 ms)");
        foreach (var r in results) Console.WriteLine($"  {r.Label,-62} {r.DisplaySummary}  load {r.LoadBefore} -> {r.LoadAfter}");
        return 0;
    }

    private sealed record Shape(int Tickets, int Windows, int Displays);

    private sealed record RunResult(string Label, string Provider, List<double> Calls, List<double> Latencies, List<double> FanOut,
        double WallSeconds, int Issued, int Served, long Deliveries, long Expected, string LoadBefore, string LoadAfter)
    {
        public string DisplaySummary => Percentiles.Summary(Latencies);

        public void Print()
        {
            Console.WriteLine($"queue-hall [{Label}]");
            Console.WriteLine($"  {Issued} tickets issued, {Served} served in {WallSeconds:0.0} s");
            Console.WriteLine($"  call next (database, race-free)   {Percentiles.Summary(Calls)}");
            Console.WriteLine($"  call-to-display                   {Percentiles.Summary(Latencies)}");
            Console.WriteLine($"  fan-out after the first display   {Percentiles.Summary(FanOut)}");
            Console.WriteLine($"  deliveries {Deliveries} of {Expected} expected; load average (1/5/15 min) {LoadBefore} before, {LoadAfter} after, {Environment.ProcessorCount} cores");
        }
    }

    private static async Task<RunResult> RunOnceAsync(Shape shape, DatabaseProvider provider, bool separate, string? connection,
        LocalPostgres? postgres, string label)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"tradingops-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var database = $"bench_{Guid.NewGuid():N}";
        var connectionString = provider == DatabaseProvider.Sqlite
            ? connection ?? $"Data Source={Path.Combine(dir, "bench.db")}"
            : postgres?.ConnectionString(database) ?? new NpgsqlConnectionStringBuilder(connection) { Database = database }.ConnectionString;

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Bench", ContentRootPath = dir, ApplicationName = "TradingOps.Web" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = connectionString,
            ["Database:SeedDemoData"] = "false",
            ["Logging:LogLevel:Default"] = "Error",
            ["Logging:Console:FormatterName"] = "simple",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddTradingOpsData(builder.Configuration, dir);
        builder.AddTradingOpsWeb();
        await using var app = builder.Build();
        await app.InitializeDatabaseAsync();
        app.UseTradingOpsWeb();
        await app.StartAsync();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var (zoneId, typeIds, windowIds, clerks) = await SetUpCounterAsync(app.Services, shape.Windows);

        // Receipts: each display's (code, timestamp) for every call it was shown.
        var receipts = new ConcurrentBag<(string Code, long At)>();
        var displays = separate
            ? await ChildDisplays.StartAsync(baseUrl, zoneId, shape.Displays)
            : await InProcessDisplays.StartAsync(baseUrl, zoneId, shape.Displays, receipts);

        var loadBefore = LoadAverage();
        var calledAt = new ConcurrentDictionary<string, long>();
        var callTimes = new ConcurrentBag<double>();
        var issued = 0;
        var served = 0;
        var wall = Stopwatch.StartNew();
        var producer = Task.Run(async () =>
        {
            var random = new Random(1);
            await using var scope = app.Services.CreateAsyncScope();
            var queue = scope.ServiceProvider.GetRequiredService<QueueService>();
            for (var i = 0; i < shape.Tickets; i++)
            {
                await queue.IssueAsync(typeIds[random.Next(typeIds.Count)], TicketChannel.Kiosk, priority: i % 40 == 0, priorityReason: i % 40 == 0 ? "老年人" : null);
                Interlocked.Increment(ref issued);
                await Task.Delay(random.Next(5, 25));
            }
        });
        var windows = windowIds.Select((windowId, n) => Task.Run(async () =>
        {
            var random = new Random(100 + n);
            // The clerk signed on at this window acts there (only they may).
            var queue = ActivatorUtilities.CreateInstance<QueueService>(app.Services.CreateScope().ServiceProvider,
                new TradingOps.Data.Auditing.FixedActor(TradingOps.Core.Auditing.Actor.User(clerks[n].UserId!, clerks[n].Name)));
            while (true)
            {
                var stamp = Stopwatch.GetTimestamp();
                // Stamped when the clerk presses the button; displays may receive the call before the call returns.
                var called = await queue.CallNextAsync(windowId);
                if (called is null)
                {
                    if (Volatile.Read(ref issued) >= shape.Tickets) break;
                    await Task.Delay(20);
                    continue;
                }
                callTimes.Add(Stopwatch.GetElapsedTime(stamp).TotalMilliseconds);
                calledAt.TryAdd(called.Code, stamp);
                await queue.StartServingAsync(called.Id);
                await Task.Delay(random.Next(20, 80));
                await queue.FinishAsync(called.Id, ServiceOutcome.Completed, null);
                Interlocked.Increment(ref served);
            }
        })).ToList();
        await producer;
        await Task.WhenAll(windows);
        var expected = (long)served * shape.Displays;
        var deliveries = await displays.CollectAsync(expected, receipts, TimeSpan.FromSeconds(15));
        wall.Stop();
        var loadAfter = LoadAverage();

        var latencies = receipts.Where(r => calledAt.ContainsKey(r.Code))
            .Select(r => Stopwatch.GetElapsedTime(calledAt[r.Code], r.At).TotalMilliseconds).ToList();
        // Fan-out alone: from the first display having a call to each of the others having it.
        var firstReceipt = receipts.GroupBy(r => r.Code).ToDictionary(g => g.Key, g => g.Min(r => r.At));
        var fanOut = receipts.Select(r => Stopwatch.GetElapsedTime(firstReceipt[r.Code], r.At).TotalMilliseconds).ToList();

        await displays.DisposeAsync();
        await app.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        try { Directory.Delete(dir, true); } catch (IOException) { }
        return new RunResult(label, provider.ToString(), callTimes.ToList(), latencies, fanOut, wall.Elapsed.TotalSeconds,
            issued, served, deliveries, expected, loadBefore, loadAfter);
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private interface IDisplays : IAsyncDisposable
    {
        /// <summary>Waits for the expected deliveries (or the timeout), adds the receipts, returns how many arrived.</summary>
        Task<long> CollectAsync(long expected, ConcurrentBag<(string Code, long At)> receipts, TimeSpan timeout);
    }

    /// <summary>Hall displays as SignalR clients in this process.</summary>
    private sealed class InProcessDisplays : IDisplays
    {
        private readonly List<HubConnection> _connections = [];
        private long _received;

        public static async Task<IDisplays> StartAsync(string baseUrl, Guid zoneId, int count, ConcurrentBag<(string Code, long At)> receipts)
        {
            var displays = new InProcessDisplays();
            for (var i = 0; i < count; i++)
            {
                var connection = await ConnectAsync(baseUrl, zoneId, code =>
                {
                    receipts.Add((code, Stopwatch.GetTimestamp()));
                    Interlocked.Increment(ref displays._received);
                });
                displays._connections.Add(connection);
            }
            return displays;
        }

        public async Task<long> CollectAsync(long expected, ConcurrentBag<(string Code, long At)> receipts, TimeSpan timeout)
        {
            var deadline = Stopwatch.StartNew();
            while (Interlocked.Read(ref _received) < expected && deadline.Elapsed < timeout) await Task.Delay(50);
            return Interlocked.Read(ref _received);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var c in _connections) await c.DisposeAsync();
            _connections.Clear();
        }
    }

    /// <summary>
    /// Hall displays in a child process (this benchmark with <c>--displays-child</c>). It prints "ready" once all
    /// are connected; on "collect N" it waits for N receipts (at most 15 s), prints them as "code timestamp"
    /// lines and "end", and exits.
    /// </summary>
    private sealed class ChildDisplays(BenchChild child) : IDisplays
    {
        public static async Task<IDisplays> StartAsync(string baseUrl, Guid zoneId, int count) =>
            new ChildDisplays(await BenchChild.StartAsync(
                ["queue-hall", ChildFlag, "--url", baseUrl, "--zone", zoneId.ToString(), "--displays", count.ToString()], TimeSpan.FromMinutes(2)));

        public async Task<long> CollectAsync(long expected, ConcurrentBag<(string Code, long At)> receipts, TimeSpan timeout)
        {
            await child.SendAsync($"collect {expected}");
            long count = 0;
            while (await child.Output.ReadLineAsync() is { } line && line != "end")
            {
                var space = line.IndexOf(' ');
                receipts.Add((line[..space], long.Parse(line[(space + 1)..])));
                count++;
            }
            return count;
        }

        public ValueTask DisposeAsync() => child.DisposeAsync();
    }

    private static async Task<int> DisplaysChildAsync(string[] args)
    {
        var url = ArgText(args, "--url")!;
        var zoneId = Guid.Parse(ArgText(args, "--zone")!);
        var count = Arg(args, "--displays", 200);
        var receipts = new ConcurrentQueue<(string Code, long At)>();
        var connections = new List<HubConnection>();
        for (var i = 0; i < count; i++)
            connections.Add(await ConnectAsync(url, zoneId, code => receipts.Enqueue((code, Stopwatch.GetTimestamp()))));
        Console.WriteLine("ready");
        var command = await Console.In.ReadLineAsync();
        if (command?.StartsWith("collect ") == true)
        {
            var expected = long.Parse(command["collect ".Length..]);
            var deadline = Stopwatch.StartNew();
            while (receipts.Count < expected && deadline.Elapsed < TimeSpan.FromSeconds(15)) await Task.Delay(50);
            var output = new System.Text.StringBuilder();
            foreach (var (code, at) in receipts) output.Append(code).Append(' ').Append(at).Append('\n');
            output.Append("end\n");
            await Console.Out.WriteAsync(output.ToString());
            await Console.Out.FlushAsync();
        }
        foreach (var c in connections) await c.DisposeAsync();
        return 0;
    }

    /// <summary>One hall display: joins the zone's hall and reports each call it is shown.</summary>
    private static async Task<HubConnection> ConnectAsync(string baseUrl, Guid zoneId, Action<string> shown)
    {
        var connection = new HubConnectionBuilder().WithUrl(baseUrl + QueueHallHub.Path).Build();
        connection.On<HallTicketMessage>(nameof(IQueueHallClient.Ticket), m =>
        {
            if (m.IsCall && m.Kind == nameof(TicketEventKind.Called)) shown(m.Code);
        });
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(QueueHallHub.JoinHall), zoneId);
        return connection;
    }

    private static async Task<(Guid Zone, List<Guid> Types, List<Guid> Windows, List<Staff> Clerks)> SetUpCounterAsync(IServiceProvider services, int windowCount)
    {
        await using var scope = services.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        var center = new Center("BENCH", "基准测试中心", null);
        var zone = new Zone(center.Id, "公共服务区", ZoneKind.PublicService, "1F");
        ServiceType[] types = [new("A", "项目登记受理", 1), new("B", "场地预约", 2), new("D", "数字证书(CA)", 3), new("E", "保证金/银行结算", 4)];
        db.AddRange(center, zone);
        db.AddRange(types);
        var windows = Enumerable.Range(1, windowCount)
            .Select(i => new ServiceWindow(zone.Id, i, $"{i}号窗口", i % 4 == 0 ? types : [types[i % 4], types[(i + 1) % 4]])).ToList();
        var clerks = new List<Staff>();
        foreach (var w in windows)
        {
            var clerk = new Staff($"B{w.Number:000}", $"窗口人员{w.Number}", "窗口服务部", null, null);
            var account = new TradingOps.Data.Identity.ApplicationUser { UserName = $"bench-clerk-{w.Number}", NormalizedUserName = $"BENCH-CLERK-{w.Number}", DisplayName = clerk.Name };
            clerk.LinkAccount(account.Id);
            db.Users.Add(account);
            db.Staff.Add(clerk);
            clerks.Add(clerk);
            w.SignOn(WindowClerk.Of(clerk), DateTimeOffset.UtcNow);
        }
        db.AddRange(windows);
        await db.SaveChangesAsync();
        await db.DisposeAsync();
        return (zone.Id, types.Select(t => t.Id).ToList(), windows.Select(w => w.Id).ToList(), clerks);
    }

    private static string? ArgText(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
