using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Auditing;
using TradingOps.Core.Floor;
using TradingOps.Data;
using TradingOps.Data.Floor;
using TradingOps.Web.Floor;
using TradingOps.Web.Infrastructure;

namespace TradingOps.Bench;

/// <summary>
/// Push latency of the live floor: the real app on Kestrel (SQLite, demo floor), N SignalR clients in the floor
/// group over WebSockets, and session commands (suspend/resume of a running session) given through the booking
/// service. Each sample is the time from issuing the command (database write, audit, commit, publish) to one
/// client receiving the push. Clients run in the same process as the server, so the figures include their cost.
/// </summary>
public sealed class FloorPushBenchmark : IBenchmark
{
    public string Name => "floor-push";
    public string Description => "command-to-client push latency for N = 100, 500, 1000 FloorHub clients (args: N... [--rounds R])";

    public async Task<int> RunAsync(string[] args)
    {
        var rounds = 20;
        var sizes = new List<int>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--rounds" && i + 1 < args.Length) rounds = int.Parse(args[++i]);
            else sizes.Add(int.Parse(args[i]));
        }
        if (sizes.Count == 0) sizes = [100, 500, 1000];

        var directory = Path.Combine(Path.GetTempPath(), $"tradingops-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        // Stopped before its database file is deleted: a host whose file vanished under it retries for half an hour
        // on shutdown (Jobs:DatabaseRetryMinutes), which kept this process alive after it printed its figures.
        var app = new BenchApp(Path.Combine(directory, "bench.db"));
        try
        {
            return await MeasureAsync(app, sizes, rounds);
        }
        finally
        {
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, true); } catch (IOException) { }
        }
    }

    private static async Task<int> MeasureAsync(BenchApp app, List<int> sizes, int rounds)
    {
        app.UseKestrel(0);
        app.StartServer();
        var address = new Uri(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());
        var bookingId = await RunningBookingAsync(app.Services);
        Console.WriteLine($"floor-push: server {address}, {rounds} commands per size, {Environment.ProcessorCount} cores");

        var suspended = false;
        foreach (var n in sizes)
        {
            var clients = new List<HubConnection>(n);
            Action<FloorPush>? onPush = null;
            var connectWatch = Stopwatch.StartNew();
            foreach (var batch in Enumerable.Range(0, n).Chunk(50))
            {
                var started = await Task.WhenAll(batch.Select(async _ =>
                {
                    var c = new HubConnectionBuilder().WithUrl(new Uri(address, FloorHub.Path), o =>
                        o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets).Build();
                    c.On<FloorPush>(nameof(IFloorClient.FloorChanged), p => onPush?.Invoke(p));
                    await c.StartAsync();
                    await c.InvokeAsync(nameof(FloorHub.JoinFloor));
                    return c;
                }));
                clients.AddRange(started);
            }
            Console.WriteLine($"  N={n}: {n} clients connected in {connectWatch.ElapsedMilliseconds} ms");

            var samples = new ConcurrentBag<double>();
            for (var round = -2; round < rounds; round++) // two warm-up rounds
            {
                var received = 0;
                var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var issuedAt = Stopwatch.GetTimestamp();
                var warmUp = round < 0;
                onPush = _ =>
                {
                    var ms = Stopwatch.GetElapsedTime(issuedAt).TotalMilliseconds;
                    if (!warmUp) samples.Add(ms);
                    if (Interlocked.Increment(ref received) == n) all.TrySetResult();
                };
                await CommandAsync(app.Services, bookingId, suspended ? SessionCommand.Resume : SessionCommand.Suspend);
                suspended = !suspended;
                await all.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
            onPush = null;
            Console.WriteLine($"  N={n}: {Percentiles.Summary(samples)}");
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
        return 0;
    }

    private static async Task<Guid> RunningBookingAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        return await db.RoomBookings.Where(b => b.Phase == SessionPhase.InSession).Select(b => b.Id).FirstAsync();
    }

    private static async Task CommandAsync(IServiceProvider services, Guid bookingId, SessionCommand command)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("bench"));
        await scope.ServiceProvider.GetRequiredService<BookingService>().SessionAsync(bookingId, command, "基准测试暂停");
    }

    private sealed class BenchApp(string databasePath) : WebApplicationFactory<TradingOps.Web.FloorResource>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:ConnectionString", $"Data Source={databasePath}");
            builder.UseSetting("Database:SeedDemoData", "true");
            builder.UseSetting("Database:DemoProjectsPerYear", "300");
            builder.UseSetting("Jobs:Enabled", "false"); // no statistics catch-up competing with the pushes being timed
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}
