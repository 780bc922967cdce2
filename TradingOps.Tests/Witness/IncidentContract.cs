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
/// Incidents and suspension on a real database: a session suspended with its incident, witness entries and outbox messages
/// in one transaction (a failed commit leaves nothing), a project suspended over two running sessions in two rooms and its
/// upcoming booking, resumption, termination, the department report's deadline, and the Observer refused.
/// </summary>
public abstract class IncidentContract : IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    private static readonly Actor Witness = Actor.User("u-witness", "witness");
    private static readonly Actor Observer = Actor.User("u-observer", "observer");
    private const string Project = "GC2026-0419";
    private readonly FakeTimeProvider _clock = new(CenterTime.At(new DateOnly(2026, 12, 3), new TimeOnly(8, 0)));
    private readonly FailingCommit _commit = new();
    private ServiceProvider _services = null!;
    private Room _k201 = null!, _k202 = null!, _k203 = null!;

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(Provider, NewDatabase(), Witness, clock: _clock, configure: s => s.AddDbInterceptors(_commit));
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        var center = new Center("T", "测试中心", null);
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        _k201 = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 60, 0);
        _k202 = new Room(zone.Id, "K202", "第二开标室", RoomType.BidOpeningRoom, 60, 0);
        _k203 = new Room(zone.Id, "K203", "第三开标室", RoomType.BidOpeningRoom, 60, 0);
        var staff = new Staff("S001", "赵项目", "交易服务部", null, "13600001234");
        db.AddRange(center, zone, _k201, _k202, _k203, staff);
        db.Add(new TradingProject(Project, "示范市第一中学教学楼施工", TradingCategory.Engineering, TradingMethod.OpenTender, "示范市教育局",
            "某招标代理有限公司", 1_000_000m, staff.Id, _clock.GetUtcNow().AddDays(-20)));
        await UserAsync(db, Witness, Roles.Staff);
        await UserAsync(db, Observer, Roles.Observer);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private static async Task UserAsync(TradingOpsDbContext db, Actor who, string role)
    {
        db.Users.Add(new ApplicationUser { Id = who.UserId!, UserName = who.Name, NormalizedUserName = who.Name.ToUpperInvariant(), DisplayName = who.Name });
        var r = await db.Roles.SingleOrDefaultAsync(x => x.Name == role)
                ?? db.Roles.Local.SingleOrDefault(x => x.Name == role)
                ?? db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() }).Entity;
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = who.UserId!, RoleId = r.Id });
    }

    private async Task<T> As<T>(Actor who, Func<IncidentService, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestActor>().Actor = who;
        return await action(scope.ServiceProvider.GetRequiredService<IncidentService>());
    }

    private Task<Incident> Incidents(Func<IncidentService, Task<Incident>> action) => As(Witness, action);

    /// <summary>A confirmed booking of the project, started when <paramref name="start"/> (the clock is not moved).</summary>
    private async Task<RoomBooking> SessionAsync(Room room, bool start, int fromHours = 1)
    {
        var now = _clock.GetUtcNow();
        await using var scope = _services.CreateAsyncScope();
        var bookings = scope.ServiceProvider.GetRequiredService<BookingService>();
        var booking = await bookings.BookAsync(new BookingRequest(room.Id, null, Project, "示范市第一中学教学楼施工", "某招标代理有限公司",
            BookingPurpose.BidOpening, 20, now.AddHours(fromHours), now.AddHours(fromHours + 2), "王经理", "13912345678", "wang@example.com"));
        await bookings.SessionAsync(booking.Id, SessionCommand.Confirm);
        if (!start) return booking;
        await bookings.SessionAsync(booking.Id, SessionCommand.CheckIn);
        await bookings.SessionAsync(booking.Id, SessionCommand.Start);
        return booking;
    }

    private async Task<RoomBooking> BookingAsync(Guid id)
    {
        await using var db = await _services.NewContextAsync();
        return await db.RoomBookings.AsNoTracking().SingleAsync(b => b.Id == id);
    }

    private async Task<List<OutboxMessage>> MessagesAsync(Guid incidentId)
    {
        await using var db = await _services.NewContextAsync();
        var ids = await db.IncidentNotices.Where(n => n.IncidentId == incidentId).Select(n => n.MessageId).ToListAsync();
        return await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync();
    }

    private async Task<List<WitnessEntry>> ChainAsync()
    {
        await using var db = await _services.NewContextAsync();
        return await WitnessLog.ChainAsync(db, Project);
    }

    private static IncidentRequest Failure(Guid booking, bool suspend = true) =>
        new(IncidentCategory.SystemFailure, IncidentScope.Session, "开标系统无法解密投标文件", booking, null, suspend, "解密服务器宕机");

    [Fact]
    public async Task Suspending_a_session_writes_the_booking_the_incident_its_entries_and_every_partys_messages_together()
    {
        var booking = await SessionAsync(_k201, start: true, fromHours: 0);
        _clock.Advance(TimeSpan.FromMinutes(20));

        var incident = await Incidents(s => s.RaiseAsync(Failure(booking.Id)));

        var saved = await BookingAsync(booking.Id);
        Assert.Equal(SessionPhase.Suspended, saved.Phase);
        Assert.Contains("解密服务器宕机", saved.SuspendReason);
        Assert.Equal(IncidentState.Suspended, incident.State);
        var chain = await ChainAsync();
        Assert.True(WitnessChain.Verify(Project, chain).Intact);
        var mine = chain.Where(e => e.Data?.Contains(incident.Id.ToString()) == true).ToList();
        Assert.Equal([WitnessCodes.IncidentRaised, WitnessCodes.SessionSuspended, WitnessCodes.IncidentSuspended], mine.Select(e => e.Code));
        Assert.Equal([WitnessEntryKind.Incident, WitnessEntryKind.System, WitnessEntryKind.Incident], mine.Select(e => e.Kind));

        var messages = await MessagesAsync(incident.Id);
        Assert.Contains(messages, m => (m.Kind, m.Channel, m.Address) == (NotificationKind.SessionSuspended, NotificationChannel.Sms, "13912345678"));
        Assert.Contains(messages, m => (m.Kind, m.Channel, m.Address) == (NotificationKind.SessionSuspended, NotificationChannel.Email, "wang@example.com"));
        var options = new WitnessOptions();
        Assert.Contains(messages, m => (m.Kind, m.Channel, m.Address) == (NotificationKind.DepartmentReport, NotificationChannel.Sms, options.DepartmentPhone));
        Assert.Contains(messages, m => (m.Kind, m.Channel, m.Address) == (NotificationKind.DepartmentReport, NotificationChannel.Email, options.DepartmentEmail));
        Assert.Contains(messages, m => m.Address == "13600001234" && m.Recipient == "赵项目"); // the project's responsible staff
        Assert.All(messages, m => Assert.Equal(DeliveryState.Pending, m.State));
    }

    [Fact]
    public async Task A_failed_commit_leaves_no_incident_no_suspension_no_entry_and_no_message()
    {
        var booking = await SessionAsync(_k201, start: true, fromHours: 0);
        var entriesBefore = (await ChainAsync()).Count;
        int messagesBefore;
        await using (var db = await _services.NewContextAsync()) messagesBefore = await db.OutboxMessages.CountAsync();

        _commit.FailNext = true;
        await Assert.ThrowsAnyAsync<Exception>(() => Incidents(s => s.RaiseAsync(Failure(booking.Id))));

        Assert.Equal(SessionPhase.InSession, (await BookingAsync(booking.Id)).Phase);
        Assert.Equal(entriesBefore, (await ChainAsync()).Count);
        await using var check = await _services.NewContextAsync();
        Assert.Equal(0, await check.Incidents.CountAsync());
        Assert.Equal(messagesBefore, await check.OutboxMessages.CountAsync());
        Assert.Equal(0, await check.IncidentNotices.CountAsync());
    }

    [Fact]
    public async Task Suspending_a_project_suspends_its_running_sessions_in_two_rooms_and_marks_its_upcoming_booking()
    {
        var first = await SessionAsync(_k201, start: true, fromHours: 0);
        var second = await SessionAsync(_k202, start: true, fromHours: 0);
        var later = await SessionAsync(_k203, start: false, fromHours: 4);
        _clock.Advance(TimeSpan.FromMinutes(30));

        var incident = await Incidents(s => s.RaiseAsync(new IncidentRequest(IncidentCategory.ObjectionOrComplaint, IncidentScope.Project,
            "投标人对招标文件提出投诉，监督部门要求暂停", null, Project, SuspendNow: true, "收到投诉，依法暂停")));

        Assert.Equal(SessionPhase.Suspended, (await BookingAsync(first.Id)).Phase);
        Assert.Equal(SessionPhase.Suspended, (await BookingAsync(second.Id)).Phase);
        var upcoming = await BookingAsync(later.Id);
        Assert.Equal((SessionPhase.NotStarted, true), (upcoming.Phase, upcoming.ProjectSuspended));
        var chain = await ChainAsync();
        Assert.Equal(2, chain.Count(e => e.Code == WitnessCodes.SessionSuspended && e.Data?.Contains(incident.Id.ToString()) == true));
        Assert.Contains(chain, e => e.Code == WitnessCodes.IncidentSuspended && e.BookingId is null);
        // One agency contact for the three bookings: one SMS and one e-mail, not three of each.
        var messages = await MessagesAsync(incident.Id);
        Assert.Single(messages, m => m.Kind == NotificationKind.SessionSuspended && m.Channel == NotificationChannel.Sms && m.Address == "13912345678");

        // The upcoming session cannot start while the project is suspended.
        await using (var scope = _services.CreateAsyncScope())
        {
            var bookings = scope.ServiceProvider.GetRequiredService<BookingService>();
            await bookings.SessionAsync(later.Id, SessionCommand.CheckIn);
            var refused = await Assert.ThrowsAsync<DomainException>(() => bookings.SessionAsync(later.Id, SessionCommand.Start));
            Assert.Equal("Session.ProjectSuspended", refused.Code);
        }

        _clock.Advance(TimeSpan.FromMinutes(40));
        await Incidents(s => s.ResumeAsync(incident.Id, "投诉已答复，恢复交易"));
        Assert.Equal(SessionPhase.InSession, (await BookingAsync(first.Id)).Phase);
        Assert.Equal(SessionPhase.InSession, (await BookingAsync(second.Id)).Phase);
        Assert.False((await BookingAsync(later.Id)).ProjectSuspended);
        Assert.Contains(await MessagesAsync(incident.Id), m => m.Kind == NotificationKind.SessionResumed);
        Assert.True(WitnessChain.Verify(Project, await ChainAsync()).Intact);
    }

    [Fact]
    public async Task Closing_waits_for_the_department_report_and_the_feedback_is_recorded_after_it()
    {
        var booking = await SessionAsync(_k201, start: true, fromHours: 0);
        var incident = await Incidents(s => s.RaiseAsync(Failure(booking.Id)));
        var stillSuspended = await Assert.ThrowsAsync<DomainException>(() => Incidents(s => s.CloseAsync(incident.Id, null)));
        Assert.Equal("Incident.StillSuspended", stillSuspended.Code);
        _clock.Advance(TimeSpan.FromMinutes(20));
        await Incidents(s => s.ResumeAsync(incident.Id, null));
        var noReport = await Assert.ThrowsAsync<DomainException>(() => Incidents(s => s.CloseAsync(incident.Id, null)));
        Assert.Equal("Incident.ReportMissing", noReport.Code);

        await Incidents(s => s.RecordReportAsync(incident.Id, IncidentReportChannel.Phone, "监管局值班室接报"));
        await Incidents(s => s.RecordFeedbackAsync(incident.Id, "已知悉"));
        await Incidents(s => s.TickAsync(incident.Id, "call-tech"));
        var closed = await Incidents(s => s.CloseAsync(incident.Id, "处置完毕"));

        Assert.Equal(IncidentState.Closed, closed.State);
        var codes = (await ChainAsync()).Select(e => e.Code).ToList();
        Assert.Contains(WitnessCodes.IncidentReported, codes);
        Assert.Contains(WitnessCodes.IncidentFeedback, codes);
        Assert.Contains(WitnessCodes.IncidentTicked, codes);
        Assert.Equal(WitnessCodes.IncidentClosed, codes[^1]);
        await using var db = await _services.NewContextAsync();
        var tick = await db.IncidentTicks.SingleAsync();
        Assert.Equal(("call-tech", "witness"), (tick.ItemCode, tick.TickedBy));
    }

    [Fact]
    public async Task Terminating_ends_the_running_session_cancels_the_upcoming_one_and_tells_everyone()
    {
        var running = await SessionAsync(_k201, start: true, fromHours: 0);
        var later = await SessionAsync(_k203, start: false, fromHours: 4);
        var incident = await Incidents(s => s.RaiseAsync(new IncidentRequest(IncidentCategory.ForceMajeure, IncidentScope.Project,
            "暴雨致停电", null, Project, SuspendNow: true)));
        _clock.Advance(TimeSpan.FromHours(1));

        var terminated = await Incidents(s => s.TerminateAsync(incident.Id, "停电无法恢复，招标人决定终止"));

        Assert.Equal(IncidentState.Terminated, terminated.State);
        var ended = await BookingAsync(running.Id);
        Assert.Equal((SessionPhase.Ended, BookingStatus.Completed), (ended.Phase, ended.Status));
        Assert.Contains("终止", ended.StatusReason);
        Assert.Equal(BookingStatus.Cancelled, (await BookingAsync(later.Id)).Status);
        Assert.Contains(await MessagesAsync(incident.Id), m => m.Kind == NotificationKind.SessionTerminated && m.Address == "13912345678");
        var chain = await ChainAsync();
        Assert.Contains(chain, e => e.Code == WitnessCodes.SessionEnded && e.BookingId == running.Id);
        Assert.Contains(chain, e => e.Code == WitnessCodes.IncidentTerminated);
        Assert.True(WitnessChain.Verify(Project, chain).Intact);
    }

    [Fact]
    public async Task A_session_that_has_not_started_or_has_ended_is_not_suspended_and_nothing_is_saved()
    {
        var upcoming = await SessionAsync(_k201, start: false, fromHours: 1);
        var refused = await Assert.ThrowsAsync<DomainException>(() => Incidents(s => s.RaiseAsync(Failure(upcoming.Id))));
        Assert.Equal("Session.NotRunning", refused.Code);
        await using var db = await _services.NewContextAsync();
        Assert.Equal(0, await db.Incidents.CountAsync());
        Assert.DoesNotContain(await ChainAsync(), e => e.Kind == WitnessEntryKind.Incident);
    }

    [Fact]
    public async Task The_department_report_is_due_two_hours_after_the_incident_and_listed_unreported_until_recorded()
    {
        var booking = await SessionAsync(_k201, start: true, fromHours: 0);
        var opened = _clock.GetUtcNow();
        var incident = await Incidents(s => s.RaiseAsync(Failure(booking.Id, suspend: false)));
        Assert.Equal(opened.AddHours(2), incident.ReportDueAt);
        _clock.Advance(TimeSpan.FromHours(3));

        await using var scope = _services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<IncidentQueries>();
        var row = Assert.Single(await queries.UnreportedAsync());
        Assert.True(row.IsReportOverdue(_clock.GetUtcNow()));
        await Incidents(s => s.RecordReportAsync(incident.Id, IncidentReportChannel.Document, "示监〔2026〕12号"));
        Assert.Empty(await queries.UnreportedAsync());
        var detail = await queries.DetailAsync(incident.Id);
        Assert.Contains(detail!.Entries, e => e.Code == WitnessCodes.IncidentReported && e.Text.Contains("已超过报告时限"));
        Assert.Contains(detail.Messages, m => m.Kind == NotificationKind.DepartmentReport);
    }

    [Fact]
    public async Task The_observer_reads_but_cannot_raise_an_incident()
    {
        var booking = await SessionAsync(_k201, start: true, fromHours: 0);
        var refused = await Assert.ThrowsAsync<DomainException>(() => As(Observer, s => s.RaiseAsync(Failure(booking.Id))));
        Assert.Equal("Witness.ReadOnly", refused.Code);
        Assert.Equal(SessionPhase.InSession, (await BookingAsync(booking.Id)).Phase);
    }

    /// <summary>Fails the next commit (after the rows were sent).</summary>
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

public sealed class SqliteIncidentTests : IncidentContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlIncidentTests(PostgreSqlServer server) : IncidentContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_incident_{Guid.NewGuid():N}");
}
