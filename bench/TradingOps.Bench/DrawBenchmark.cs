using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Evaluation;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Bench;

/// <summary>
/// How long does the confirmed draw take over a municipal pool: the whole transaction of <see cref="DrawService.ConfirmDrawAsync"/>
/// (draw lock, reading the 5,000-expert pool and its exclusions, the pick, members, engagements and the round, commit),
/// 9 experts over 3 specialties, each run a new session on its own day.
/// </summary>
public sealed class DrawBenchmark : IBenchmark
{
    public string Name => "draw";
    public string Description => "confirmed draw of 9 experts over 3 specialties from a 5,000-expert pool [--provider sqlite|postgresql|both --runs N --experts N]";

    public async Task<int> RunAsync(string[] args)
    {
        var provider = Option(args, "--provider") ?? "both";
        var runs = int.Parse(Option(args, "--runs") ?? "30");
        var experts = int.Parse(Option(args, "--experts") ?? "5000");
        var providers = provider switch
        {
            "sqlite" => new[] { DatabaseProvider.Sqlite },
            "postgresql" or "postgres" => [DatabaseProvider.PostgreSQL],
            "both" => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSQL],
            var other => throw new ArgumentException($"--provider {other}: expected sqlite, postgresql or both"),
        };
        LocalPostgres? postgres = null;
        try
        {
            foreach (var p in providers)
            {
                string cs;
                if (p == DatabaseProvider.PostgreSQL)
                {
                    if (postgres is null) { postgres = new LocalPostgres(); await postgres.InitializeAsync(); }
                    cs = postgres.ConnectionString($"bench_draw_{Guid.NewGuid():N}");
                }
                else cs = $"Data Source={Path.Combine(Path.GetTempPath(), $"tradingops-bench-draw-{Guid.NewGuid():N}.db")}";
                var samples = await MeasureAsync(p, cs, experts, runs);
                Console.WriteLine($"draw [{p}] {experts} experts, 9 drawn over 3 specialties, {runs} runs: {Percentiles.Summary(samples)}");
            }
        }
        finally
        {
            if (postgres is not null) await postgres.StopAsync();
        }
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private sealed class MutableActor : ICurrentActor
    {
        public Actor Actor { get; set; } = Actor.System("benchmark");
        public ValueTask<Actor> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Actor);
    }

    private static async Task<List<double>> MeasureAsync(DatabaseProvider provider, string connectionString, int experts, int runs)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = connectionString,
            ["Database:SeedDemoData"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddTradingOpsData(configuration, Path.GetTempPath());
        services.AddScoped<MutableActor>();
        services.AddScoped<ICurrentActor>(sp => sp.GetRequiredService<MutableActor>());
        await using var sp = services.BuildServiceProvider();
        await using (var scope = sp.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        var factory = sp.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>();
        var clerk = Actor.User("bench-clerk", "clerk");
        var boss = Actor.User("bench-boss", "boss");
        Room room;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var center = new Center("B", "基准中心", null);
            var zone = new Zone(center.Id, "评标区", ZoneKind.Evaluation, "3F");
            room = new Room(zone.Id, "P301", "第一评标室", RoomType.EvaluationRoom, 14, 10);
            db.AddRange(center, zone, room);
            db.Users.Add(new ApplicationUser { Id = clerk.UserId!, UserName = "clerk", NormalizedUserName = "CLERK", DisplayName = "clerk" });
            db.Users.Add(new ApplicationUser { Id = boss.UserId!, UserName = "boss", NormalizedUserName = "BOSS", DisplayName = "boss" });
            var role = await db.Roles.SingleOrDefaultAsync(r => r.Name == Roles.Supervisor)
                       ?? db.Roles.Add(new IdentityRole(Roles.Supervisor) { NormalizedName = Roles.Supervisor.ToUpperInvariant() }).Entity;
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = boss.UserId!, RoleId = role.Id });
            await db.SaveChangesAsync();
            await ExpertPoolSeeder.SeedAsync(db, sp.GetRequiredService<TradingOps.Core.Evaluation.IIdentityProtector>(), experts, DateTimeOffset.UtcNow);
        }

        async Task<T> As<T>(Actor who, Func<DrawService, Task<T>> action)
        {
            await using var scope = sp.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<MutableActor>().Actor = who;
            return await action(scope.ServiceProvider.GetRequiredService<DrawService>());
        }

        var samples = new List<double>();
        var firstDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        for (var i = -3; i < runs; i++) // three warm-up runs
        {
            RoomBooking booking;
            await using (var db = await factory.CreateDbContextAsync())
            {
                var day = firstDay.AddDays(i + 3);
                booking = new RoomBooking(room, null, $"BENCH-{i + 3:D3}", "基准项目", "基准代理有限公司", BookingPurpose.Evaluation, 10,
                    CenterTime.At(day, new TimeOnly(9, 0)), CenterTime.At(day, new TimeOnly(12, 0)), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), "bench", DateTimeOffset.UtcNow);
                db.RoomBookings.Add(booking);
                await db.SaveChangesAsync();
            }
            await As(clerk, s => s.SaveRequestAsync(booking.Id, new DrawRequestForm("示范市建设局", "示范路桥集团", 90,
                [new QuotaLine("A01", 3), new QuotaLine("A17", 3), new QuotaLine("C02", 3)])));
            await As(clerk, async s => { await s.StartDrawAsync(booking.Id); return 0; });
            var watch = Stopwatch.StartNew();
            await As(boss, s => s.ConfirmDrawAsync(booking.Id));
            if (i >= 0) samples.Add(watch.Elapsed.TotalMilliseconds);
        }
        if (provider == DatabaseProvider.Sqlite) Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return samples;
    }
}
