using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Core.Notifications;
using TradingOps.Core.Organisation;
using TradingOps.Core.Projects;
using TradingOps.Core.Registrations;
using TradingOps.Core.Venue;
using TradingOps.Data;
using TradingOps.Data.Floor;
using TradingOps.Data.Identity;
using TradingOps.Data.Registrations;
using TradingOps.Data.Seeding;
using TradingOps.Data.Venue;
using TradingOps.Tests.Fixtures;
using static TradingOps.Tests.Registrations.RegistrationTestData;

namespace TradingOps.Tests.Venue;

/// <summary>Requests with clocks and the discipline ledger on a real database: what is saved, refused, published, sent.</summary>
public abstract class VenueDeskDataContract : IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    private const string Agency = "华信招标代理有限公司";
    private readonly FakeTimeProvider _clock = new(At("2026-11-23 10:30"));
    private readonly RecordingPublisher _events = new();
    private readonly TestActor _actor = new(Actor.User("u-clerk", "clerk"));
    private ServiceProvider _services = null!;
    private Room _room = null!;
    private Guid _staff;

    private static readonly Actor Clerk = Actor.User("u-clerk", "clerk");
    private static readonly Actor Boss = Actor.User("u-boss", "boss");

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["Database:ConnectionString"] = NewDatabase(),
            ["Database:SeedDemoData"] = "false",
            ["Venue:Requests:BookingWorkingHours"] = "8", // a booking request: one working day at this center
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<ILiveEventPublisher>(_events);
        services.AddTradingOpsData(configuration, Path.GetTempPath());
        services.AddSingleton<ICurrentActor>(_actor);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        await using var db = await _services.NewContextAsync();
        var center = new Center("T", "测试中心", null);
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        _room = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
        var staff = new Staff("E001", "李娜", "交易服务科", null, null);
        db.Users.Add(new ApplicationUser { Id = "u-clerk", UserName = "clerk", NormalizedUserName = "CLERK", DisplayName = "李娜" });
        db.Users.Add(new ApplicationUser { Id = "u-boss", UserName = "boss", NormalizedUserName = "BOSS", DisplayName = "张主管" });
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Name == Roles.Supervisor)
                   ?? db.Roles.Add(new IdentityRole(Roles.Supervisor) { NormalizedName = Roles.Supervisor.ToUpperInvariant() }).Entity;
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = "u-boss", RoleId = role.Id });
        staff.LinkAccount("u-clerk");
        db.AddRange(center, zone, _room, staff);
        await db.SaveChangesAsync();
        _staff = staff.Id;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<T> With<TService, T>(Func<TService, Task<T>> action, Actor? actor = null) where TService : notnull
    {
        _actor.Actor = actor ?? Clerk;
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>A booking of the agency, saved as it stands (closed ones as the ledger finds them).</summary>
    private async Task<RoomBooking> BookingAsync(string starts, Action<RoomBooking>? then = null, string agency = Agency)
    {
        await using var db = await _services.NewContextAsync();
        var booking = new RoomBooking(_room, null, $"GC-{Guid.NewGuid():N}"[..12], "示范工程施工", agency, BookingPurpose.BidOpening, 20,
            At(starts), At(starts).AddHours(2), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), "李娜", At(starts).AddDays(-7));
        booking.SetContact("王敏", "13800001111", "wangmin@example.com");
        then?.Invoke(booking);
        db.RoomBookings.Add(booking);
        await db.SaveChangesAsync();
        return booking;
    }

    private async Task ThreeNoShowsAsync()
    {
        foreach (var day in new[] { "2026-09-10", "2026-10-15", "2026-11-20" })
            await BookingAsync($"{day} 09:00", b => b.MarkNoShow("无人到场", At($"{day} 09:40")));
    }

    [Fact]
    public async Task A_desk_change_request_is_saved_with_its_three_working_hour_clock_published_and_read_first_in_the_queue_once_overdue()
    {
        var booking = await BookingAsync("2026-11-26 09:00");
        var request = await With<VenueRequestService, VenueRequest>(s => s.CreateAsync(new VenueRequestDraft(VenueRequestKind.Change,
            null, null, null, "王敏", "13800001111", null, null, null, null, new TimeOnly(14, 0), new TimeOnly(16, 0), booking.Id, "推迟到下午")));

        Assert.Equal("2026-11-23 15:00", Local(request.DueAt)); // 10:30-12:00 and 13:30-15:00
        Assert.Equal(booking.ProjectCode, request.ProjectCode);
        Assert.Equal(Agency, request.Agency);
        Assert.Equal("2026-11-26 14:00", Local(request.WantedStart!.Value));
        Assert.Contains(_events.Of<VenueRequestChanged>(), e => e.Row.Id == request.Id && e.Row.IsOpen);

        var later = await With<VenueRequestService, VenueRequest>(s => s.CreateAsync(new VenueRequestDraft(VenueRequestKind.Booking,
            "GC-2026-0099", "另一项目", Agency, null, null, BookingPurpose.BidOpening, 10, _room.Id, new DateOnly(2026, 11, 30), new TimeOnly(9, 0), new TimeOnly(11, 0), null, null)));
        Assert.Equal("2026-11-24 11:00", Local(later.DueAt)); // configured: 8 working hours for a booking request

        _clock.SetUtcNow(At("2026-11-23 15:30"));
        var queue = await With<VenueRequestQueries, IReadOnlyList<VenueRequestRow>>(q => q.QueueAsync());
        Assert.Equal([request.Id, later.Id], queue.Select(r => r.Id));
    }

    [Fact]
    public async Task Answering_a_change_request_closes_it_and_tells_the_agency_in_the_same_save()
    {
        var booking = await BookingAsync("2026-11-26 09:00");
        var request = await With<VenueRequestService, VenueRequest>(s => s.CreateAsync(new VenueRequestDraft(VenueRequestKind.Change,
            null, null, null, null, null, null, null, null, null, new TimeOnly(14, 0), new TimeOnly(16, 0), booking.Id, null)));
        _clock.Advance(TimeSpan.FromHours(1));
        await With<VenueRequestService, VenueRequest>(s => s.AnswerAsync(request.Id, null, "已改至下午 14:00"), Boss);

        await using var db = await _services.NewContextAsync();
        var saved = await db.VenueRequests.SingleAsync(r => r.Id == request.Id);
        Assert.Equal(VenueRequestStatus.Answered, saved.Status);
        Assert.Equal("boss", saved.AnsweredBy);
        var messages = await db.OutboxMessages.Where(m => m.BookingId == booking.Id).ToListAsync();
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Equal(NotificationKind.RequestAnswered, m.Kind));
        Assert.Contains(messages, m => m.Channel == NotificationChannel.Sms && m.Address == "13800001111" && m.Body.Contains("已改至下午 14:00"));
        Assert.Contains(_events.Of<VenueRequestChanged>(), e => e.Row.Id == request.Id && e.Row.Status == VenueRequestStatus.Answered);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == nameof(VenueRequest) && a.Key == request.Id.ToString()));
    }

    [Fact]
    public async Task A_refusal_needs_a_reason_and_without_one_nothing_is_saved_or_sent()
    {
        var booking = await BookingAsync("2026-11-26 09:00");
        var request = await With<VenueRequestService, VenueRequest>(s => s.CreateAsync(new VenueRequestDraft(VenueRequestKind.Cancellation,
            null, null, null, null, null, null, null, null, null, null, null, booking.Id, "项目暂停")));
        var ex = await Assert.ThrowsAsync<DomainException>(() => With<VenueRequestService, VenueRequest>(s => s.RefuseAsync(request.Id, "  ")));
        Assert.Contains("不予办理的原因", ex.Message);
        await using var db = await _services.NewContextAsync();
        Assert.Equal(VenueRequestStatus.Open, (await db.VenueRequests.SingleAsync(r => r.Id == request.Id)).Status);
        Assert.False(await db.OutboxMessages.AnyAsync());
    }

    [Fact]
    public async Task A_change_request_for_a_booking_already_closed_is_refused_with_the_reason()
    {
        var cancelled = await BookingAsync("2026-11-26 09:00", b => b.Cancel("项目终止", At("2026-11-20 09:00")));
        var ex = await Assert.ThrowsAsync<DomainException>(() => With<VenueRequestService, VenueRequest>(s => s.CreateAsync(new VenueRequestDraft(
            VenueRequestKind.Change, null, null, null, null, null, null, null, null, null, new TimeOnly(14, 0), new TimeOnly(16, 0), cancelled.Id, null))));
        Assert.Contains("已结束、取消或爽约", ex.Message);
        await using var db = await _services.NewContextAsync();
        Assert.False(await db.VenueRequests.AnyAsync());
    }

    private RegistrationDraft DraftWithSlot(string start, string end) => Draft(_clock.GetUtcNow(), TradingCategory.StateAssets, "公共资源进场交易申请表") with
    {
        Agency = Agency,
        Slots = [new SlotDraft(_room.Id, At(start), At(end), "开标")],
    };

    private async Task<Guid> InReviewAsync(RegistrationDraft draft)
    {
        var outcome = await With<RegistrationService, RegistrationOutcome>(s => s.SubmitAsync(draft, RegistrationChannel.Window));
        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.True((await With<RegistrationService, RegistrationOutcome>(s => s.StartReviewAsync(outcome.Id!.Value))).Succeeded);
        return outcome.Id!.Value;
    }

    [Fact]
    public async Task A_registration_asking_for_rooms_opens_a_booking_request_on_submission_answered_when_the_acceptance_confirms_its_rooms()
    {
        var id = await InReviewAsync(DraftWithSlot("2026-12-01 09:00", "2026-12-01 11:00"));
        await using (var db = await _services.NewContextAsync())
        {
            var request = await db.VenueRequests.SingleAsync(r => r.RegistrationId == id);
            Assert.Equal(VenueRequestKind.Booking, request.Kind);
            Assert.Equal(VenueRequestSource.Registration, request.Source);
            Assert.Equal("2026-11-24 11:00", Local(request.DueAt)); // 8 working hours, configured
            Assert.Equal(_room.Id, request.RoomId);
            Assert.Equal("2026-12-01 09:00", Local(request.WantedStart!.Value));
        }
        var accepted = await With<RegistrationService, RegistrationOutcome>(s => s.AcceptAsync(id, new AcceptRequest(_staff, null, null)));
        Assert.True(accepted.Succeeded, accepted.Message);
        Assert.Empty(accepted.Notes);

        await using var check = await _services.NewContextAsync();
        var answered = await check.VenueRequests.SingleAsync(r => r.RegistrationId == id);
        var booking = await check.RoomBookings.SingleAsync();
        Assert.Equal(VenueRequestStatus.Answered, answered.Status);
        Assert.Equal(booking.Id, answered.BookingId);
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Contains(_events.Of<VenueRequestChanged>(), e => e.Row.Id == answered.Id && e.Row.Status == VenueRequestStatus.Answered);
    }

    [Fact]
    public async Task A_returned_registration_closes_its_request_and_the_resubmission_opens_a_new_one_and_a_rejection_closes_that()
    {
        var id = await InReviewAsync(DraftWithSlot("2026-12-01 09:00", "2026-12-01 11:00"));
        Assert.True((await With<RegistrationService, RegistrationOutcome>(s => s.ReturnAsync(id, [new DeficiencyItem("资产评估报告", DeficiencyKind.Missing, null)]))).Succeeded);
        await using (var db = await _services.NewContextAsync())
            Assert.Equal(VenueRequestStatus.Closed, (await db.VenueRequests.SingleAsync(r => r.RegistrationId == id)).Status);

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await With<RegistrationService, RegistrationOutcome>(s => s.ResubmitAsync(id, ["资产评估报告"]))).Succeeded);
        Assert.True((await With<RegistrationService, RegistrationOutcome>(s => s.StartReviewAsync(id))).Succeeded);
        Assert.True((await With<RegistrationService, RegistrationOutcome>(s => s.RejectAsync(id, "不属于进场交易目录"))).Succeeded);

        await using var check = await _services.NewContextAsync();
        var requests = await check.VenueRequests.Where(r => r.RegistrationId == id).OrderBy(r => r.ReceivedAt).ToListAsync();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(VenueRequestStatus.Closed, r.Status));
        Assert.Contains("不属于进场交易目录", requests[1].Answer);
        Assert.Contains(_events.Of<VenueRequestChanged>(), e => e.Row.Id == requests[1].Id && e.Row.Status == VenueRequestStatus.Closed);
    }

    [Fact]
    public async Task A_clerk_cannot_confirm_a_booking_of_an_agency_with_three_no_shows_in_three_months_and_a_supervisor_can()
    {
        await ThreeNoShowsAsync();
        var booking = await BookingAsync("2026-11-27 09:00", agency: "华信招标代理 有限公司");

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            With<BookingService, RoomBooking>(s => s.SessionAsync(booking.Id, SessionCommand.Confirm)));
        Assert.Equal("Booking.ApprovalRequired", refused.Code);
        Assert.Contains("3 个月内爽约 3 次", refused.Message);
        Assert.Contains("主管", refused.Message);

        var confirmed = await With<BookingService, RoomBooking>(s => s.SessionAsync(booking.Id, SessionCommand.Confirm), Boss);
        Assert.Equal(BookingStatus.Confirmed, confirmed.Status);

        var other = await BookingAsync("2026-11-27 14:00", agency: "别的代理有限公司");
        Assert.Equal(BookingStatus.Confirmed, (await With<BookingService, RoomBooking>(s => s.SessionAsync(other.Id, SessionCommand.Confirm))).Status);
    }

    [Fact]
    public async Task The_acceptance_of_an_agency_under_approval_leaves_its_rooms_requested_says_so_and_tells_the_agency()
    {
        await ThreeNoShowsAsync();
        var id = await InReviewAsync(DraftWithSlot("2026-12-01 14:00", "2026-12-01 16:00") with { ContactPhone = "13900002222" });
        var accepted = await With<RegistrationService, RegistrationOutcome>(s => s.AcceptAsync(id, new AcceptRequest(_staff, null, null)));
        Assert.True(accepted.Succeeded, accepted.Message);
        var note = Assert.Single(accepted.Notes);
        Assert.Contains("待主管确认", note);

        await using var db = await _services.NewContextAsync();
        var booking = await db.RoomBookings.SingleAsync(b => b.Status == BookingStatus.Requested);
        Assert.Contains("待主管审批", (await db.VenueRequests.SingleAsync(r => r.RegistrationId == id)).Answer);
        var message = await db.OutboxMessages.SingleAsync(m => m.BookingId == booking.Id && m.Kind == NotificationKind.ApprovalRequired);
        Assert.Equal("13900002222", message.Address);
        Assert.Contains("爽约 3 次", message.Body);
    }

    [Fact]
    public async Task The_ledger_counts_each_kind_per_agency_in_the_period_and_gives_the_standing_now()
    {
        await ThreeNoShowsAsync();
        await BookingAsync("2026-11-21 09:00", b => b.Cancel("项目暂停", At("2026-11-20 15:00")));          // late (18 h before)
        await BookingAsync("2026-11-22 09:00", b => b.Cancel("项目暂停", At("2026-11-18 15:00")));          // in time
        await BookingAsync("2026-11-19 09:00", b => { b.Confirm(); b.CheckIn(At("2026-11-19 08:50")); b.Start(At("2026-11-19 09:00")); b.End(At("2026-11-19 11:40")); },
            agency: "别的代理有限公司");                                                                        // overran 40 min

        var ledger = await With<DisciplineQueries, DisciplineLedger>(q => q.LedgerAsync(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 23)));
        var hx = ledger.Rows.Single(r => r.Agency == Agency);
        Assert.Equal((2, 1, 0), (hx.NoShows, hx.LateCancellations, hx.Overruns)); // the September no-show lies before the period
        Assert.Equal(StandingLevel.ApprovalRequired, hx.Standing.Level);
        var other = ledger.Rows.Single(r => r.Agency == "别的代理有限公司");
        Assert.Equal((0, 0, 1), (other.NoShows, other.LateCancellations, other.Overruns));
        Assert.Equal(StandingLevel.Good, other.Standing.Level);
        Assert.Equal(Agency, ledger.Rows[0].Agency); // under approval first

        var standing = await With<DisciplineQueries, AgencyStandingResult>(q => q.StandingAsync(" 华信招标代理有限公司 "));
        Assert.True(standing.RequiresApproval);
    }

}

public sealed class SqliteVenueDeskDataTests : VenueDeskDataContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlVenueDeskDataTests(PostgreSqlServer server) : VenueDeskDataContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_venue_{Guid.NewGuid():N}");
}
