using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Core.Projects;
using TradingOps.Core.Witness;
using TradingOps.Data;
using TradingOps.Data.Floor;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Data.Witness;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Witness;

/// <summary>
/// A session's witness log on a real database (SQLite and PostgreSQL): assigning the witness, ticking in and out of
/// order, the same step twice, late entries, observations, recordings, corrections, closing, and who may write.
/// </summary>
public abstract class WitnessSessionContract : IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    private static readonly Actor Staff = Actor.User("u-staff", "staff");
    private static readonly Actor Other = Actor.User("u-other", "other");
    private static readonly Actor Duty = Actor.User("u-duty", "duty");
    private static readonly Actor Observer = Actor.User("u-observer", "observer");

    private readonly FakeTimeProvider _clock = new(CenterTime.At(new DateOnly(2026, 12, 3), new TimeOnly(8, 0)));
    private readonly RecordingPublisher _events = new();
    private ServiceProvider _services = null!;
    private Room _room = null!;

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(Provider, NewDatabase(), Staff, clock: _clock, configure: s => s.AddSingleton<ILiveEventPublisher>(_events));
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        var center = new Center("T", "测试中心", null);
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        _room = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 60, 0);
        db.AddRange(center, zone, _room);
        await UserAsync(db, Staff, Roles.Staff, "张见证");
        await UserAsync(db, Other, Roles.Staff, "李同事");
        await UserAsync(db, Duty, Roles.DutyManager, "王值班");
        await UserAsync(db, Observer, Roles.Observer, "监督处");
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private static async Task UserAsync(TradingOpsDbContext db, Actor who, string role, string display)
    {
        db.Users.Add(new ApplicationUser { Id = who.UserId!, UserName = who.Name, NormalizedUserName = who.Name.ToUpperInvariant(), DisplayName = display });
        var r = await db.Roles.SingleOrDefaultAsync(x => x.Name == role)
                ?? db.Roles.Local.SingleOrDefault(x => x.Name == role)
                ?? db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() }).Entity;
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = who.UserId!, RoleId = r.Id });
    }

    private async Task<T> As<T>(Actor who, Func<WitnessSessionService, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestActor>().Actor = who;
        return await action(scope.ServiceProvider.GetRequiredService<WitnessSessionService>());
    }

    private async Task Session(Guid bookingId, SessionCommand command)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestActor>().Actor = Duty;
        await scope.ServiceProvider.GetRequiredService<BookingService>().SessionAsync(bookingId, command, command == SessionCommand.Suspend ? "系统故障" : null);
    }

    /// <summary>A confirmed bid opening 09:00–11:00 today, its witness "staff" assigned by the duty manager.</summary>
    private async Task<RoomBooking> BidOpeningAsync(string code = "GC2026-101", TradingMethod? method = null)
    {
        Guid? projectId = null;
        if (method is { } m)
        {
            await using var db = await _services.NewContextAsync();
            var staff = new Staff("W001", "项目负责人", "交易服务部", null, null);
            var project = new TradingProject(code, "国有建设用地使用权出让", TradingCategory.LandAndMiningRights, m, "示范市自然资源局", "示范拍卖行",
                1_000_000m, staff.Id, _clock.GetUtcNow());
            db.AddRange(staff, project);
            await db.SaveChangesAsync();
            projectId = project.Id;
        }
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestActor>().Actor = Duty;
        var bookings = scope.ServiceProvider.GetRequiredService<BookingService>();
        var start = CenterTime.At(new DateOnly(2026, 12, 3), new TimeOnly(9, 0));
        var booking = await bookings.BookAsync(new BookingRequest(_room.Id, projectId, code, "办公楼施工", "示范招标代理", BookingPurpose.BidOpening, 30, start, start.AddHours(2)));
        await bookings.SessionAsync(booking.Id, SessionCommand.Confirm, null);
        await As(Duty, s => s.AssignAsync(booking.Id, "staff", null));
        return booking;
    }

    private async Task<WitnessSessionView> ViewAsync(Guid bookingId, Actor? who = null) => (await As(who ?? Staff, s => s.SessionAsync(bookingId)))!;

    private async Task<List<WitnessEntry>> ChainAsync(string code)
    {
        await using var db = await _services.NewContextAsync();
        return await WitnessLog.ChainAsync(db, code);
    }

    [Fact]
    public async Task The_assigned_witness_ticks_a_step_with_its_time_into_the_projects_chain_and_the_change_is_published()
    {
        var booking = await BidOpeningAsync();
        _clock.Advance(TimeSpan.FromMinutes(50));

        var entry = await As(Staff, s => s.TickAsync(booking.Id, "bid.prepare"));

        Assert.Equal((WitnessEntryKind.Step, "bid.prepare", "开标准备", "staff", (string?)null), (entry.Kind, entry.Code, entry.Text, entry.Actor, entry.FlagReason));
        Assert.Equal(_clock.GetUtcNow(), entry.OccurredAt);
        var view = await ViewAsync(booking.Id);
        Assert.Equal((1, 7, WitnessSessionKind.BidOpening), (view.Log.Done, view.Log.Steps.Count, view.Log.Kind));
        Assert.Equal("bid.sign-in", view.Log.Next!.Code);
        var chain = await ChainAsync("GC2026-101");
        Assert.Equal([WitnessCodes.SessionConfirmed, WitnessCodes.WitnessAssigned, "bid.prepare"], chain.Select(e => e.Code));
        Assert.True(WitnessChain.Verify("GC2026-101", chain).Intact);
        var published = _events.Of<WitnessLogChanged>().Last();
        Assert.Equal((booking.Id, 1, false), (published.BookingId, published.StepsDone, published.Closed));
    }

    [Fact]
    public async Task A_step_out_of_order_is_refused_without_a_reason_and_flagged_with_one_nothing_saved_by_the_refusal()
    {
        var booking = await BidOpeningAsync();
        var before = (await ChainAsync("GC2026-101")).Count;

        var refusal = await Assert.ThrowsAsync<DomainException>(() => As(Staff, s => s.TickAsync(booking.Id, "bid.open")));
        Assert.Equal("Witness.OutOfOrder", refusal.Code);
        Assert.Contains("开标准备", refusal.Message);
        Assert.Equal(before, (await ChainAsync("GC2026-101")).Count);

        var entry = await As(Staff, s => s.TickAsync(booking.Id, "bid.open", reason: "投标截止由公证处另行记录"));
        Assert.True(entry.Flagged);
        Assert.Contains("顺序异常", entry.FlagReason);
        Assert.Contains("投标截止由公证处另行记录", entry.FlagReason);
    }

    [Fact]
    public async Task The_same_step_twice_is_refused_and_a_correction_points_at_the_original_which_stays_as_it_was()
    {
        var booking = await BidOpeningAsync();
        var first = await As(Staff, s => s.TickAsync(booking.Id, "bid.prepare"));

        Assert.Equal("Witness.StepTwice", (await Assert.ThrowsAsync<DomainException>(() => As(Staff, s => s.TickAsync(booking.Id, "bid.prepare")))).Code);
        var correction = await As(Staff, s => s.CorrectAsync(booking.Id, first.Id, "实际开标准备于 08:40 完成"));

        Assert.Equal((WitnessEntryKind.Correction, (Guid?)first.Id), (correction.Kind, correction.CorrectsId));
        var view = await ViewAsync(booking.Id);
        var original = Assert.Single(view.Log.Entries, e => e.Id == first.Id);
        Assert.Equal(first.Hash, original.Hash);
        Assert.Equal(correction.Id, Assert.Single(view.Log.Corrections[first.Id]).Id);
        Assert.True(WitnessChain.Verify("GC2026-101", await ChainAsync("GC2026-101")).Intact);
    }

    [Fact]
    public async Task A_step_entered_later_than_it_happened_keeps_when_it_happened_and_is_flagged_as_a_late_entry()
    {
        var booking = await BidOpeningAsync();
        _clock.Advance(TimeSpan.FromMinutes(90));
        var happened = _clock.GetUtcNow().AddMinutes(-45);

        var entry = await As(Staff, s => s.TickAsync(booking.Id, "bid.prepare", happened));

        Assert.Equal(WitnessChain.Instant(happened), entry.OccurredAt);
        Assert.Contains("补记", entry.FlagReason);
        Assert.Equal("Witness.Future", (await Assert.ThrowsAsync<DomainException>(() =>
            As(Staff, s => s.TickAsync(booking.Id, "bid.sign-in", _clock.GetUtcNow().AddHours(1))))).Code);
    }

    [Fact]
    public async Task Only_the_assigned_witness_writes_an_overseer_takes_over_on_record_and_an_observer_is_refused()
    {
        var booking = await BidOpeningAsync();

        Assert.Equal("Witness.NotWitness", (await Assert.ThrowsAsync<DomainException>(() => As(Other, s => s.TickAsync(booking.Id, "bid.prepare")))).Code);
        Assert.Equal("Witness.ReadOnly", (await Assert.ThrowsAsync<DomainException>(() => As(Observer, s => s.ObserveAsync(booking.Id, "监督意见")))).Code);
        Assert.Equal("Witness.ReadOnly", (await Assert.ThrowsAsync<DomainException>(() => As(Observer, s => s.TickAsync(booking.Id, "bid.prepare")))).Code);
        Assert.Equal("Witness.NotOverseer", (await Assert.ThrowsAsync<DomainException>(() => As(Staff, s => s.AssignAsync(booking.Id, "other", "换人")))).Code);
        Assert.False((await ViewAsync(booking.Id, Observer)).MayWrite);

        await As(Duty, s => s.TickAsync(booking.Id, "bid.prepare"));

        var view = await ViewAsync(booking.Id, Duty);
        Assert.Equal(("duty", "值班接管"), (view.Assignment!.UserName, view.Assignment.Reason));
        var chain = await ChainAsync("GC2026-101");
        Assert.Equal([WitnessCodes.WitnessTakenOver, "bid.prepare"], chain.TakeLast(2).Select(e => e.Code));
        Assert.Contains("原见证人 张见证", chain[^2].Text);
        Assert.Equal("Witness.NotWitness", (await Assert.ThrowsAsync<DomainException>(() => As(Staff, s => s.TickAsync(booking.Id, "bid.sign-in")))).Code);
    }

    [Fact]
    public async Task A_reassignment_needs_a_reason_and_a_read_only_account_cannot_be_the_witness()
    {
        var booking = await BidOpeningAsync();

        Assert.Equal("改派原因.Required", (await Assert.ThrowsAsync<DomainException>(() => As(Duty, s => s.AssignAsync(booking.Id, "other", " ")))).Code);
        Assert.Equal("Witness.NotRecorder", (await Assert.ThrowsAsync<DomainException>(() => As(Duty, s => s.AssignAsync(booking.Id, "observer", "换人")))).Code);
        await As(Duty, s => s.AssignAsync(booking.Id, "other", "张见证临时外出"));

        var row = Assert.Single(await As(Duty, s => s.DayAsync(new DateOnly(2026, 12, 3))));
        Assert.Equal(("other", "李同事", 0, 7, WitnessSessionState.NotStarted), (row.WitnessUser, row.WitnessName, row.Done, row.Total, row.State));
        Assert.Contains("改派见证人：张见证 → 李同事；原因：张见证临时外出", (await ChainAsync("GC2026-101"))[^1].Text);
    }

    [Fact]
    public async Task A_recording_reference_keeps_channel_and_range_and_a_range_backwards_or_outside_the_session_is_refused()
    {
        var booking = await BidOpeningAsync();
        var nine = booking.StartsAt;

        var entry = await As(Staff, s => s.RecordingAsync(booking.Id, "K201-全景", nine, nine.AddMinutes(40), "唱标全过程"));

        Assert.Equal(new RecordingReference("K201-全景", nine, nine.AddMinutes(40)), RecordingReference.Parse(entry.Data));
        Assert.Contains("唱标全过程", entry.Text);
        Assert.Equal("Witness.RecordingRange", (await Assert.ThrowsAsync<DomainException>(() =>
            As(Staff, s => s.RecordingAsync(booking.Id, "K201-全景", nine.AddMinutes(40), nine)))).Code);
        Assert.Equal("Witness.RecordingOutside", (await Assert.ThrowsAsync<DomainException>(() =>
            As(Staff, s => s.RecordingAsync(booking.Id, "K201-全景", nine.AddDays(-1), nine.AddDays(-1).AddHours(1))))).Code);
    }

    [Fact]
    public async Task A_closed_log_refuses_every_witness_write_but_system_entries_still_land()
    {
        var booking = await BidOpeningAsync();
        var tick = await As(Staff, s => s.TickAsync(booking.Id, "bid.prepare"));
        Assert.Equal("Witness.NotEnded", (await Assert.ThrowsAsync<DomainException>(() => As(Staff, s => s.CloseAsync(booking.Id, "提前")))).Code);
        _clock.Advance(TimeSpan.FromMinutes(55));
        await Session(booking.Id, SessionCommand.CheckIn);
        await Session(booking.Id, SessionCommand.Start);
        await Session(booking.Id, SessionCommand.End);
        Assert.Equal("Witness.CloseIncomplete", (await Assert.ThrowsAsync<DomainException>(() => As(Staff, s => s.CloseAsync(booking.Id)))).Code);

        var closed = await As(Staff, s => s.CloseAsync(booking.Id, "项目终止，后续步骤未进行"));

        Assert.Contains("未完成步骤", closed.FlagReason);
        foreach (var write in new Func<WitnessSessionService, Task>[]
                 {
                     s => s.TickAsync(booking.Id, "bid.sign-in"),
                     s => s.ObserveAsync(booking.Id, "补充"),
                     s => s.RecordingAsync(booking.Id, "K201", booking.StartsAt, booking.StartsAt.AddMinutes(5)),
                     s => s.CorrectAsync(booking.Id, tick.Id, "更正"),
                     s => s.CloseAsync(booking.Id, "再关一次"),
                 })
        {
            var refusal = await Assert.ThrowsAsync<DomainException>(() => As(Staff, async s => { await write(s); return 0; }));
            Assert.Equal(("Witness.Closed", WitnessSessionLog.ClosedMessage), (refusal.Code, refusal.Message));
        }
        // A system entry (here: the session reopened by the floor is refused elsewhere; an observation by the system lands through the ledger).
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<WitnessLedger>().RecordAsync(new WitnessDraft("GC2026-101", null, booking.Id,
                WitnessEntryKind.System, "incident.closed", "异常事件已关闭", null, _clock.GetUtcNow(), "system:test"));
        var view = await ViewAsync(booking.Id);
        Assert.Equal((WitnessSessionState.Closed, false), (view.State, view.MayWrite));
        Assert.Equal("incident.closed", view.Log.Entries[^1].Code);
        Assert.True(WitnessChain.Verify("GC2026-101", await ChainAsync("GC2026-101")).Intact);
    }

    [Fact]
    public async Task An_auction_projects_bid_opening_room_session_follows_the_auction_checklist()
    {
        var booking = await BidOpeningAsync("TD2026-007", TradingMethod.Auction);

        var view = await ViewAsync(booking.Id);

        Assert.Equal(WitnessSessionKind.Auction, view.Log.Kind);
        Assert.Equal("竞买人签到", view.Log.Steps[0].Name);
        Assert.Equal(WitnessSessionKind.Auction, Assert.Single(await As(Staff, s => s.DayAsync(new DateOnly(2026, 12, 3)))).Kind);
    }
}

public sealed class SqliteWitnessSessionTests : WitnessSessionContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlWitnessSessionTests(PostgreSqlServer server) : WitnessSessionContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_wsession_{Guid.NewGuid():N}");
}
