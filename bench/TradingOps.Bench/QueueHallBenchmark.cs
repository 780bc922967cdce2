using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TradingOps.Core.Auditing;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Data;
using TradingOps.Data.Queue;
using TradingOps.Web.Infrastructure;
using TradingOps.Web.Queue;

namespace TradingOps.Bench;

/// <summary>
/// A compressed day at the windows: 600 tickets over 16 windows while 200 hall displays listen on the hall hub.
/// Measures call-to-display latency: from the clerk pressing "call next" to each display receiving the call.
/// </summary>
public sealed class QueueHallBenchmark : IBenchmark
{
    public string Name => "queue-hall";
    public string Description => "600 tickets, 16 windows, 200 hall displays: p50/p95 call-to-display latency [--tickets N --windows N --displays N --provider PostgreSQL --connection CS]";

    public async Task<int> RunAsync(string[] args)
    {
        var tickets = Arg(args, "--tickets", 600);
        var windowCount = Arg(args, "--windows", 16);
        var displays = Arg(args, "--displays", 200);
        var dir = Path.Combine(Path.GetTempPath(), $"tradingops-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Bench", ContentRootPath = dir, ApplicationName = "TradingOps.Web" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = ArgText(args, "--provider") ?? "Sqlite",
            ["Database:ConnectionString"] = ArgText(args, "--connection") ?? $"Data Source={Path.Combine(dir, "bench.db")}",
            ["Database:SeedDemoData"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
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

        var (zoneId, typeIds, windowIds) = await SetUpCounterAsync(app.Services, windowCount);
        Console.WriteLine($"queue-hall: {builder.Configuration["Database:Provider"]}, server on {baseUrl}, {windowCount} windows signed on, connecting {displays} displays...");

        // When each call was made (by code), and every display's receipt of it.
        var calledAt = new ConcurrentDictionary<string, long>();
        var receipts = new ConcurrentBag<(string Code, long At)>();
        var received = 0;
        var connections = new List<HubConnection>();
        for (var i = 0; i < displays; i++)
        {
            var connection = new HubConnectionBuilder().WithUrl(baseUrl + QueueHallHub.Path).Build();
            connection.On<HallTicketMessage>("Ticket", m =>
            {
                if (!m.IsCall || m.Kind != nameof(TicketEventKind.Called)) return;
                receipts.Add((m.Code, Stopwatch.GetTimestamp()));
                Interlocked.Increment(ref received);
            });
            await connection.StartAsync();
            await connection.InvokeAsync("JoinHall", zoneId);
            connections.Add(connection);
        }

        var callTimes = new ConcurrentBag<double>();
        var issued = 0;
        var served = 0;
        var wall = Stopwatch.StartNew();
        var producer = Task.Run(async () =>
        {
            var random = new Random(1);
            await using var scope = app.Services.CreateAsyncScope();
            var queue = scope.ServiceProvider.GetRequiredService<QueueService>();
            for (var i = 0; i < tickets; i++)
            {
                await queue.IssueAsync(typeIds[random.Next(typeIds.Count)], TicketChannel.Kiosk, priority: i % 40 == 0, priorityReason: i % 40 == 0 ? "老年人" : null);
                Interlocked.Increment(ref issued);
                await Task.Delay(random.Next(5, 25));
            }
        });
        var windows = windowIds.Select((windowId, n) => Task.Run(async () =>
        {
            var random = new Random(100 + n);
            await using var scope = app.Services.CreateAsyncScope();
            var queue = scope.ServiceProvider.GetRequiredService<QueueService>();
            while (true)
            {
                var stamp = Stopwatch.GetTimestamp();
                // Stamped when the clerk presses the button; displays may receive the call before the call returns.
                var called = await queue.CallNextAsync(windowId);
                if (called is null)
                {
                    if (Volatile.Read(ref issued) >= tickets) break;
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
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref received) < served * displays && deadline.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
        wall.Stop();
        var latencies = receipts.Where(r => calledAt.ContainsKey(r.Code))
            .Select(r => Stopwatch.GetElapsedTime(calledAt[r.Code], r.At).TotalMilliseconds).ToList();
        // Fan-out alone: from the first display having a call to each of the others having it.
        var firstReceipt = receipts.GroupBy(r => r.Code).ToDictionary(g => g.Key, g => g.Min(r => r.At));
        var fanOut = receipts.Select(r => Stopwatch.GetElapsedTime(firstReceipt[r.Code], r.At).TotalMilliseconds).ToList();

        Console.WriteLine($"queue-hall: {issued} tickets issued, {served} served by {windowCount} windows in {wall.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"queue-hall: call next (database, race-free)      {Percentiles.Summary(callTimes)}");
        Console.WriteLine($"queue-hall: call-to-display, {displays} displays   {Percentiles.Summary(latencies)}");
        Console.WriteLine($"queue-hall: fan-out after the first display       {Percentiles.Summary(fanOut)}");
        Console.WriteLine($"queue-hall: machine load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
        Console.WriteLine($"queue-hall: deliveries {Volatile.Read(ref received)} of {served * displays} expected");
        foreach (var c in connections) await c.DisposeAsync();
        await app.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, true); } catch (IOException) { }
        return 0;
    }

    private static async Task<(Guid Zone, List<Guid> Types, List<Guid> Windows)> SetUpCounterAsync(IServiceProvider services, int windowCount)
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
        foreach (var w in windows) w.SignOn(null, $"窗口人员{w.Number}", DateTimeOffset.UtcNow);
        db.AddRange(windows);
        await db.SaveChangesAsync();
        await db.DisposeAsync();
        return (zone.Id, types.Select(t => t.Id).ToList(), windows.Select(w => w.Id).ToList());
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
