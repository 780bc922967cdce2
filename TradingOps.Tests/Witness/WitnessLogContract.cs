using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Core.Witness;
using TradingOps.Data;
using TradingOps.Data.Floor;
using TradingOps.Data.Seeding;
using TradingOps.Data.Witness;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Witness;

/// <summary>The witness log on a real database: appends chain per project, two nodes appending at once keep one chain, a session's steps write their entries.</summary>
public abstract class WitnessLogContract : IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    private static readonly Actor Witness = Actor.User("u-witness", "witness");
    private readonly FakeTimeProvider _clock = new(CenterTime.At(new DateOnly(2026, 12, 3), new TimeOnly(8, 0)));
    private ServiceProvider _services = null!;
    private Room _room = null!;

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(Provider, NewDatabase(), Witness, clock: _clock);
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        var center = new Center("T", "测试中心", null);
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        _room = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 60, 0);
        db.AddRange(center, zone, _room);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private WitnessDraft Note(string project, string text) =>
        new(project, null, null, WitnessEntryKind.Observation, null, text, null, _clock.GetUtcNow(), "witness");

    private async Task<List<WitnessEntry>> ChainAsync(string project)
    {
        await using var db = await _services.NewContextAsync();
        return await WitnessLog.ChainAsync(db, project);
    }

    [Fact]
    public async Task Entries_are_chained_per_project_each_hash_covering_the_previous_one()
    {
        var ledger = _services.CreateScope().ServiceProvider.GetRequiredService<WitnessLedger>();
        await ledger.RecordAsync(Note("gc2026-001", "开标前检查投标文件递交情况"));
        await ledger.RecordAsync(Note("GC2026-002", "另一项目的记录"));
        await ledger.RecordAsync(Note("GC2026-001 ", "唱标完毕"));

        var chain = await ChainAsync("GC2026-001");
        Assert.Equal([1L, 2L], chain.Select(e => e.Sequence));
        Assert.Equal(WitnessChain.Genesis, chain[0].PreviousHash);
        Assert.Equal(chain[0].Hash, chain[1].PreviousHash);
        Assert.True(WitnessChain.Verify("GC2026-001", chain).Intact);
        Assert.Single(await ChainAsync("GC2026-002"));
        await using var db = await _services.NewContextAsync();
        var head = await db.WitnessChainHeads.SingleAsync(h => h.ChainKey == "GC2026-001");
        Assert.Equal((2L, chain[1].Hash), (head.Sequence, head.Hash));
    }

    [Fact]
    public async Task Two_nodes_appending_to_one_project_at_once_leave_one_unbroken_chain()
    {
        async Task AppendMany(int node)
        {
            for (var i = 0; i < 10; i++)
            {
                await using var scope = _services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WitnessLedger>().RecordAsync(Note("GC2026-009", $"节点{node}第{i}条"));
            }
        }
        await Task.WhenAll(Task.Run(() => AppendMany(1)), Task.Run(() => AppendMany(2)));

        var chain = await ChainAsync("GC2026-009");
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), chain.Select(e => e.Sequence));
        Assert.True(WitnessChain.Verify("GC2026-009", chain).Intact);
    }

    [Fact]
    public async Task A_sessions_start_suspension_and_end_are_written_to_its_projects_log_as_system_entries()
    {
        var now = _clock.GetUtcNow();
        await using var scope = _services.CreateAsyncScope();
        var bookings = scope.ServiceProvider.GetRequiredService<BookingService>();
        var booking = await bookings.BookAsync(new BookingRequest(_room.Id, null, "GC2026-010", "办公楼施工", "某代理", BookingPurpose.BidOpening, 20,
            now.AddHours(1), now.AddHours(3)));
        await bookings.SessionAsync(booking.Id, SessionCommand.Confirm, null);
        _clock.Advance(TimeSpan.FromMinutes(50));
        await bookings.SessionAsync(booking.Id, SessionCommand.CheckIn, null);
        _clock.Advance(TimeSpan.FromMinutes(10));
        await bookings.SessionAsync(booking.Id, SessionCommand.Start, null);
        await bookings.SessionAsync(booking.Id, SessionCommand.Suspend, "系统故障");
        await bookings.SessionAsync(booking.Id, SessionCommand.Resume, null);
        await bookings.SessionAsync(booking.Id, SessionCommand.End, null);

        var chain = await ChainAsync("GC2026-010");
        Assert.Equal([WitnessCodes.SessionConfirmed, WitnessCodes.SessionCheckedIn, WitnessCodes.SessionStarted, WitnessCodes.SessionSuspended, WitnessCodes.SessionResumed, WitnessCodes.SessionEnded],
            chain.Select(e => e.Code));
        Assert.All(chain, e => Assert.Equal((WitnessEntryKind.System, (Guid?)booking.Id, "witness"), (e.Kind, e.BookingId, e.Actor)));
        Assert.Contains("系统故障", chain[3].Text);
        Assert.True(WitnessChain.Verify("GC2026-010", chain).Intact);
    }

    [Fact]
    public async Task An_entry_outside_a_transaction_is_refused()
    {
        await using var db = await _services.NewContextAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => WitnessLog.AppendAsync(db, Note("GC2026-011", "x"), _clock.GetUtcNow()));
    }
}

public sealed class SqliteWitnessLogTests : WitnessLogContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlWitnessLogTests(PostgreSqlServer server) : WitnessLogContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_witness_{Guid.NewGuid():N}");
}
