using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Notifications;
using TradingOps.Core.Organisation;
using TradingOps.Core.Witness;
using TradingOps.Data;
using TradingOps.Data.Floor;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Data.Witness;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Witness;

/// <summary>
/// Misconduct records on a real database: the record, its witness entry and (for the report) the department's messages
/// commit together or not at all; the supervising departments' Observer accounts are refused on every write.
/// </summary>
public abstract class MisconductContract : IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    private static readonly Actor Witness = Actor.User("u-mis-witness", "见证员 周敏");
    private static readonly Actor Observer = Actor.User("u-mis-observer", "市监管局（只读）");
    private readonly FakeTimeProvider _clock = new(CenterTime.At(new DateOnly(2026, 9, 30), new TimeOnly(10, 0)));
    private readonly FailingCommit _commit = new();
    private ServiceProvider _services = null!;
    private RoomBooking _booking = null!;

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(Provider, NewDatabase(), Witness, clock: _clock, configure: s => s.AddDbInterceptors(_commit));
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        var center = new Center("T", "测试中心", null);
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        var room = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 60, 0);
        db.AddRange(center, zone, room);
        AddUser(db, Witness, Roles.Staff);
        AddUser(db, Observer, Roles.Observer);
        await db.SaveChangesAsync();
        var now = _clock.GetUtcNow();
        _booking = await _services.CreateScope().ServiceProvider.GetRequiredService<BookingService>().BookAsync(new BookingRequest(room.Id, null,
            "GC-2026-0905", "办公楼施工", "某代理", BookingPurpose.BidOpening, 20, now.AddHours(1), now.AddHours(3)));
    }

    private static void AddUser(TradingOpsDbContext db, Actor who, string role)
    {
        var r = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
        db.Roles.Add(r);
        db.Users.Add(new ApplicationUser { Id = who.UserId!, UserName = who.UserId, NormalizedUserName = who.UserId!.ToUpperInvariant(), DisplayName = who.Name });
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = who.UserId!, RoleId = r.Id });
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private MisconductService ServiceAs(Actor who)
    {
        var scope = _services.CreateScope().ServiceProvider;
        scope.GetRequiredService<TestActor>().Actor = who;
        return scope.GetRequiredService<MisconductService>();
    }

    private MisconductDraft Draft(MisconductParty party = MisconductParty.Bidder, string? name = "鑫达建筑工程有限公司", string? code = null) =>
        new(_booking.Id, null, party, name, code, MisconductCategory.CommunicationDevice, OnTheSpotAction.Stopped,
            "开标时使用手机拍摄唱标屏幕，当场制止",
            [new EvidenceReference(EvidenceKind.Recording, "K201-2", _clock.GetUtcNow().AddMinutes(-10), _clock.GetUtcNow().AddMinutes(-5))],
            _clock.GetUtcNow().AddMinutes(-8));

    private async Task<(int Records, int Entries, int Messages)> RowsAsync()
    {
        await using var db = await _services.NewContextAsync();
        return (await db.MisconductRecords.CountAsync(), await db.WitnessEntries.CountAsync(e => e.Kind == WitnessEntryKind.Misconduct),
            await db.OutboxMessages.CountAsync(m => m.Kind == NotificationKind.DepartmentReport));
    }

    [Fact]
    public async Task Recording_misconduct_in_a_session_saves_the_record_and_its_witness_entry_in_the_sessions_project_chain()
    {
        var record = await ServiceAs(Witness).RecordAsync(Draft());

        Assert.Equal(("GC-2026-0905", (Guid?)_booking.Id, MisconductState.Recorded), (record.ProjectCode, record.BookingId, record.State));
        // Found on 30 September: one working day later, across National Day, is 8 October at the close of office.
        Assert.Equal("2026-10-08 17:30", CenterTime.ToLocal(record.DueAt).ToString("yyyy-MM-dd HH:mm"));
        await using var db = await _services.NewContextAsync();
        var chain = await WitnessLog.ChainAsync(db, "GC-2026-0905");
        var entry = Assert.Single(chain, e => e.Kind == WitnessEntryKind.Misconduct);
        Assert.Equal((WitnessCodes.MisconductRecorded, "见证员 周敏", (Guid?)_booking.Id), (entry.Code, entry.Actor, entry.BookingId));
        Assert.Contains("鑫达建筑工程有限公司", entry.Text);
        Assert.Contains(record.Id.ToString(), entry.Data);
        Assert.True(WitnessChain.Verify("GC-2026-0905", chain).Intact);
        Assert.Equal((1, 1, 0), await RowsAsync());
    }

    [Fact]
    public async Task Reporting_writes_the_witness_entry_and_the_departments_email_and_SMS_to_the_outbox_and_feedback_and_closing_follow()
    {
        var service = ServiceAs(Witness);
        var record = await service.RecordAsync(Draft(MisconductParty.Expert, null, "E00427"));
        _clock.Advance(TimeSpan.FromHours(2));
        var reported = await service.ReportAsync(record.Id, "见证报〔2026〕905号");
        Assert.Equal(MisconductState.Reported, reported.State);
        await using (var db = await _services.NewContextAsync())
        {
            var messages = await db.OutboxMessages.Where(m => m.Kind == NotificationKind.DepartmentReport).ToListAsync();
            Assert.Equal([NotificationChannel.Sms, NotificationChannel.Email], messages.Select(m => m.Channel).Order());
            Assert.All(messages, m => Assert.Contains("E00427", m.Body));
        }
        Assert.Equal("Misconduct.AlreadyReported", (await Assert.ThrowsAsync<DomainException>(() => service.ReportAsync(record.Id, "again"))).Code);

        _clock.Advance(TimeSpan.FromDays(2));
        await service.FeedbackAsync(record.Id, "已暂停该专家评标资格三个月");
        await service.CloseAsync(record.Id);

        await using var db2 = await _services.NewContextAsync();
        var chain = await WitnessLog.ChainAsync(db2, "GC-2026-0905");
        Assert.Equal([WitnessCodes.MisconductRecorded, WitnessCodes.MisconductReported, WitnessCodes.MisconductFeedback, WitnessCodes.MisconductClosed],
            chain.Where(e => e.Kind == WitnessEntryKind.Misconduct).Select(e => e.Code));
        Assert.True(WitnessChain.Verify("GC-2026-0905", chain).Intact);
        Assert.Equal(MisconductState.Closed, (await db2.MisconductRecords.SingleAsync()).State);
        Assert.Equal(4, (await _services.CreateScope().ServiceProvider.GetRequiredService<MisconductQueries>().EntriesAsync(reported)).Count);
    }

    [Fact]
    public async Task When_the_commit_fails_neither_the_record_nor_its_entry_nor_the_report_messages_remain()
    {
        var service = ServiceAs(Witness);
        _commit.FailNext = true;
        await Assert.ThrowsAnyAsync<Exception>(() => service.RecordAsync(Draft()));
        Assert.Equal((0, 0, 0), await RowsAsync());

        var record = await service.RecordAsync(Draft());
        _commit.FailNext = true;
        await Assert.ThrowsAnyAsync<Exception>(() => service.ReportAsync(record.Id, "见证报〔2026〕905号"));
        Assert.Equal((1, 1, 0), await RowsAsync());
        await using var db = await _services.NewContextAsync();
        Assert.Equal(MisconductState.Recorded, (await db.MisconductRecords.SingleAsync()).State);
        Assert.True(WitnessChain.Verify("GC-2026-0905", await WitnessLog.ChainAsync(db, "GC-2026-0905")).Intact);
    }

    [Fact]
    public async Task An_Observer_account_is_refused_on_every_write_and_nothing_is_saved()
    {
        var record = await ServiceAs(Witness).RecordAsync(Draft());
        var observer = ServiceAs(Observer);
        Assert.Equal("Witness.ReadOnly", (await Assert.ThrowsAsync<DomainException>(() => observer.RecordAsync(Draft()))).Code);
        Assert.Equal("Witness.ReadOnly", (await Assert.ThrowsAsync<DomainException>(() => observer.ReportAsync(record.Id, "x"))).Code);
        Assert.Equal("Witness.ReadOnly", (await Assert.ThrowsAsync<DomainException>(() => observer.FeedbackAsync(record.Id, "x"))).Code);
        Assert.Equal("Witness.ReadOnly", (await Assert.ThrowsAsync<DomainException>(() => observer.CloseAsync(record.Id))).Code);
        Assert.Equal((1, 1, 0), await RowsAsync());
    }

    [Fact]
    public async Task An_expert_name_in_place_of_the_code_is_refused_and_nothing_is_saved()
    {
        var e = await Assert.ThrowsAsync<DomainException>(() => ServiceAs(Witness).RecordAsync(Draft(MisconductParty.Expert, "张伟", "E00427")));
        Assert.Equal("Misconduct.ExpertName", e.Code);
        Assert.Equal((0, 0, 0), await RowsAsync());
    }

    [Fact]
    public async Task The_register_filters_by_party_category_state_overdue_project_and_day_and_a_view_is_audited()
    {
        var service = ServiceAs(Witness);
        var bidder = await service.RecordAsync(Draft());
        var expert = await service.RecordAsync(Draft(MisconductParty.Expert, null, "E00427") with { Category = MisconductCategory.ImproperContact });
        await service.ReportAsync(expert.Id, "见证报〔2026〕1号");
        var other = await service.RecordAsync(Draft() with { BookingId = null, ProjectCode = "zc-2026-0517" });
        var queries = _services.CreateScope().ServiceProvider.GetRequiredService<MisconductQueries>();

        async Task<Guid[]> Ids(MisconductFilter f) => (await queries.SearchAsync(f, 0, 50)).Items.Select(r => r.Id).Order().ToArray();
        Assert.Equal([expert.Id], await Ids(new(Party: MisconductParty.Expert)));
        Assert.Equal([expert.Id], await Ids(new(Category: MisconductCategory.ImproperContact)));
        Assert.Equal(new[] { bidder.Id, other.Id }.Order(), await Ids(new(State: MisconductStateFilter.Recorded)));
        Assert.Equal([other.Id], await Ids(new(Project: "0517")));
        Assert.Empty(await Ids(new(State: MisconductStateFilter.Overdue)));
        Assert.Empty(await Ids(new(From: new DateOnly(2026, 10, 1))));
        Assert.Equal(3, (await Ids(new(From: new DateOnly(2026, 9, 30), To: new DateOnly(2026, 9, 30)))).Length);

        _clock.SetUtcNow(CenterTime.At(new DateOnly(2026, 10, 8), new TimeOnly(17, 31)));
        Assert.Equal(new[] { bidder.Id, other.Id }.Order(), await Ids(new(State: MisconductStateFilter.Overdue)));
        Assert.Equal(new MisconductCounts(2, 2, 1, 3), await queries.CountsAsync());

        await queries.ViewAsync(expert.Id);
        await using var db = await _services.NewContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == nameof(MisconductRecord) && a.Key == expert.Id.ToString() && a.Action == AuditAction.Read));
    }

    /// <summary>Fails the next commit (after the writes were sent).</summary>
    private sealed class FailingCommit : DbTransactionInterceptor
    {
        public volatile bool FailNext;

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (!FailNext) return ValueTask.FromResult(result);
            FailNext = false;
            throw new InvalidOperationException("commit failed (test)");
        }
    }
}

public sealed class SqliteMisconductTests : MisconductContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlMisconductTests(PostgreSqlServer server) : MisconductContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_misconduct_{Guid.NewGuid():N}");
}
