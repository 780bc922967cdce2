using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Evaluation;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Bench;

/// <summary>
/// Gate decision latency under a burst of concurrent gate calls, measured on the service itself (GateService.AdmitAsync
/// in this process, one DI scope per call, as the endpoint runs it; no HTTP). Ten evaluation rooms of 25 seats, a
/// session in each starting in 30 minutes, 200 confirmed experts; round 1: all 200 present at once (each admitted with a
/// seat and a locker: the seat and locker collisions are retried in the service); round 2: the same 200 again at once
/// (each refused "已入场"). Checks that every seat and locker given is distinct. SQLite, then PostgreSQL 15.
/// Usage: gate [--calls 200] [--sqlite-only]
/// </summary>
public sealed class GateBenchmark : IBenchmark
{
    public string Name => "gate";
    public string Description => "gate decision latency p50/p95 under 200 concurrent gate calls (service in-process), SQLite and PostgreSQL [--calls 200] [--sqlite-only]";

    public async Task<int> RunAsync(string[] args)
    {
        var calls = (int)Args.Get(args, "--calls", 200);
        var sqlitePath = Path.Combine(Path.GetTempPath(), $"bench-gate-{Guid.NewGuid():N}.db");
        try
        {
            await RunOnAsync("SQLite", DatabaseProvider.Sqlite, $"Data Source={sqlitePath}", calls);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(sqlitePath);
        }
        if (args.Contains("--sqlite-only")) return 0;
        var postgres = new LocalPostgres();
        await postgres.InitializeAsync();
        try
        {
            await RunOnAsync("PostgreSQL 15", DatabaseProvider.PostgreSQL, postgres.ConnectionString("bench_gate"), calls);
        }
        finally
        {
            await postgres.DisposeAsync();
        }
        return 0;
    }

    private static async Task RunOnAsync(string label, DatabaseProvider provider, string connectionString, int calls)
    {
        await using var services = BenchData.Services(new()
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = connectionString,
            ["Database:SeedDemoData"] = "false",
            ["Evaluation:LockerCount"] = Math.Max(240, calls).ToString(),
        });
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var ids = await SeedAsync(services, calls);

        var first = await BurstAsync(services, ids);
        var admitted = first.Count(r => r.Answer.Admitted);
        var seats = first.Where(r => r.Answer.Seat is not null).Select(r => (r.Answer.BookingId, r.Answer.Seat)).Distinct().Count();
        var lockers = first.Select(r => r.Answer.Locker).Where(l => l is not null).Distinct().Count();
        Console.WriteLine($"{label}: {calls} concurrent first entries: {Percentiles.Summary(first.Select(r => r.Ms))}; admitted {admitted}, " +
            $"distinct seats {seats}, distinct lockers {lockers} (load {Load()})");
        var second = await BurstAsync(services, ids);
        Console.WriteLine($"{label}: {calls} concurrent second entries: {Percentiles.Summary(second.Select(r => r.Ms))}; " +
            $"refused already-entered {second.Count(r => r.Answer.Code == GateRefusal.AlreadyEntered)} (load {Load()})");
        if (admitted != calls || seats != calls || lockers != calls) throw new InvalidOperationException($"{label}: the gate gave out a seat or a locker twice, or refused someone on the list");
    }

    private sealed record Call(GateAnswer Answer, double Ms);

    private static async Task<List<Call>> BurstAsync(ServiceProvider services, IReadOnlyList<string> ids)
    {
        using var start = new ManualResetEventSlim();
        var tasks = ids.Select(id => Task.Run(async () =>
        {
            start.Wait();
            var watch = Stopwatch.StartNew();
            await using var scope = services.CreateAsyncScope();
            var answer = await scope.ServiceProvider.GetRequiredService<GateService>().AdmitAsync(new GatePresentation(id));
            return new Call(answer, watch.Elapsed.TotalMilliseconds);
        })).ToList();
        start.Set();
        return [.. await Task.WhenAll(tasks)];
    }

    /// <summary>Ten rooms with a session starting in 30 minutes each, and <paramref name="people"/> confirmed experts spread over them.</summary>
    private static async Task<IReadOnlyList<string>> SeedAsync(ServiceProvider services, int people)
    {
        var protector = services.GetRequiredService<IIdentityProtector>();
        await using var db = await services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        var center = new Center("B", "基准中心", null);
        var zone = new Zone(center.Id, "评标区", ZoneKind.Evaluation, "3F");
        db.AddRange(center, zone);
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(30);
        var requests = new List<DrawRequest>();
        var roomCount = Math.Max(10, (people + 24) / 25);
        for (var r = 0; r < roomCount; r++)
        {
            var room = new Room(zone.Id, $"P{301 + r}", $"评标室{r + 1}", RoomType.EvaluationRoom, 30, 25);
            var booking = new RoomBooking(room, null, $"GC-B{r:D3}", "基准评标", "基准代理", BookingPurpose.Evaluation, 5, startsAt, startsAt.AddHours(4),
                TimeSpan.Zero, TimeSpan.Zero, "bench", startsAt.AddDays(-3));
            booking.Confirm();
            var request = new DrawRequest(booking.Id, room.Id, booking.ProjectCode, booking.ProjectName, "基准招标人", "基准代理", booking.StartsAt,
                booking.EndsAt, DrawSource.Local, 90, "bench", startsAt.AddDays(-2));
            db.AddRange(room, booking, request);
            requests.Add(request);
        }
        var ids = new List<string>();
        var today = CenterTime.Today(TimeProvider.System);
        for (var i = 0; i < people; i++)
        {
            var first17 = $"11010119{70 + i / 1000 % 30:D2}0101{i % 1000:D3}";
            var id = first17 + IdNumber.CheckCharacter(first17);
            ids.Add(id);
            var member = new CommitteeMember(requests[i % requests.Count], MemberKind.Expert, null, $"E{i:D5}", "A01", null, i / requests.Count + 1,
                ProtectedIdentity.Of(protector, $"基准专家{i}", id, null, today), "基准单位", "bench", startsAt.AddDays(-1));
            db.CommitteeMembers.Add(member);
            db.Entry(member).Property(m => m.Outcome).CurrentValue = CallOutcome.Accepted;
        }
        await db.SaveChangesAsync();
        return ids;
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
