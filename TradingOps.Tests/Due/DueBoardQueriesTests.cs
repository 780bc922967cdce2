using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Cases;
using TradingOps.Core.Common;
using TradingOps.Core.Due;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Core.Registrations;
using TradingOps.Core.Venue;
using TradingOps.Core.Witness;
using TradingOps.Data;
using TradingOps.Data.Cases;
using TradingOps.Data.Due;
using TradingOps.Data.Floor;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using TradingOps.Tests.Registrations;

namespace TradingOps.Tests.Due;

/// <summary>
/// The board's query on SQLite: each kind's open items with the deadline its own feature stored and the owner it
/// records (a clerk recorded by staff name shows as their user name), the owner and kind filters, the board's order
/// over a mix, and a fixed number of round trips whatever the number of items.
/// </summary>
public sealed class DueBoardQueriesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = CenterTime.At(new DateOnly(2026, 9, 29), new TimeOnly(10, 0)); // Tuesday
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly DbCommandCounter _commands = new();
    private ServiceProvider _services = null!;
    private Staff _wang = null!, _li = null!;
    private Actor _clerk1 = null!;
    private RoomBooking _booking = null!;
    private WorkdayCalendar _calendar = null!;
    private int _serial, _ratings;

    private const string Clerk1 = "clerk-e001", Clerk2 = "clerk-e002";

    public async Task InitializeAsync()
    {
        _wang = Clerks.NewStaff("E001", "王芳");
        _li = Clerks.NewStaff("E002", "李强");
        _clerk1 = Actor.User(_wang.UserId!, Clerk1);
        _services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), _clerk1, clock: _clock,
            configure: s => s.AddDbInterceptors(_commands));
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        var center = new Center("T", "测试中心", null);
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        var room = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 60, 0);
        db.AddRange(center, zone, room);
        db.AddClerks(_wang, _li);
        var role = new IdentityRole(Roles.Staff) { NormalizedName = Roles.Staff.ToUpperInvariant() };
        db.Roles.Add(role);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = _wang.UserId!, RoleId = role.Id });
        await db.SaveChangesAsync();
        _calendar = await _services.GetRequiredService<IWorkdayCalendarProvider>().GetAsync();
        _booking = await _services.CreateScope().ServiceProvider.GetRequiredService<BookingService>().BookAsync(new BookingRequest(room.Id, null,
            "GC-2026-0929", "市第三中学运动场改造工程", "恒远招标代理有限公司", BookingPurpose.BidOpening, 20, Start.AddHours(1), Start.AddHours(3)));
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private DueBoardQueries Queries => _services.CreateScope().ServiceProvider.GetRequiredService<DueBoardQueries>();

    private Task<IReadOnlyList<DueItem>> ReadAsync(DueFilter? filter = null) => Queries.ReadAsync(filter, _clock.GetUtcNow());

    private Task<IReadOnlyList<DueItem>> OfKindAsync(DueKind kind) => ReadAsync(new DueFilter(Kinds: new HashSet<DueKind> { kind }));

    private async Task AddAsync(params object[] entities)
    {
        await using var db = await _services.NewContextAsync();
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }

    // Each kind, created as its feature creates it (the case through the one intake path; the others as their services construct them).

    private async Task<Case> CaseAsync(string? handler = Clerk1, string project = "GC-2026-0929") =>
        await _services.CreateScope().ServiceProvider.GetRequiredService<CaseIntakeService>().ReceiveAsync(
            new CaseIntake(CaseKind.Complaint, CaseChannel.Phone, CaseStage.Evaluation, project, "评标委员会组成不合法", "投诉评标专家与投标人存在利害关系",
                "赵投诉", "13800138000", "某建设公司", null, null), "王芳", handler);

    private async Task<RatingFollowUp> FollowUpAsync()
    {
        // One rating per session and service: each follow-up rates a session of its own.
        var booking = _ratings++ == 0 ? _booking : await _services.CreateScope().ServiceProvider.GetRequiredService<BookingService>().BookAsync(
            new BookingRequest(_booking.RoomId, null, "GC-2026-0929", "市第三中学运动场改造工程", "恒远招标代理有限公司", BookingPurpose.BidOpening, 20,
                Start.AddHours(3 + _ratings), Start.AddHours(3 + _ratings).AddMinutes(30)));
        var rating = new SatisfactionRating(booking.Id, RatedService.Venue, RatingLevel.VeryDissatisfied, [], "开标室太热", _clock.GetUtcNow());
        var followUp = rating.OpenFollowUp(_calendar, 1, 15)!;
        await AddAsync(rating, followUp);
        return followUp;
    }

    private async Task<MisconductRecord> MisconductAsync(string by = Clerk1)
    {
        var now = _clock.GetUtcNow();
        var record = new MisconductRecord("GC-2026-0929", null, _booking.Id, MisconductParty.Bidder, "鑫达建筑工程有限公司", null,
            MisconductCategory.CommunicationDevice, OnTheSpotAction.Stopped, "开标时使用手机拍摄唱标屏幕", [], now.AddMinutes(-5), by, now,
            MisconductRules.ReportDue(now, 1, _calendar));
        await AddAsync(record);
        return record;
    }

    private async Task<Incident> IncidentAsync(string by = Clerk2)
    {
        var incident = Incident.Raise("GC-2026-0929", null, _booking.Id, IncidentCategory.SystemFailure, IncidentScope.Session,
            "电子开标系统解密服务无响应", by, _clock.GetUtcNow(), TimeSpan.FromHours(2));
        await AddAsync(incident);
        return incident;
    }

    private async Task<VenueRequest> RequestAsync(string by = Clerk2)
    {
        var now = _clock.GetUtcNow();
        var options = _services.GetRequiredService<IOptions<VenueRequestOptions>>().Value;
        var request = new VenueRequest(VenueRequestKind.Change, VenueRequestSource.Desk, "GC-2026-0929", "市第三中学运动场改造工程", "恒远招标代理有限公司",
            "刘经办", "13900139000", BookingPurpose.BidOpening, 20, null, now.AddDays(2), now.AddDays(2).AddHours(2), _booking.Id, "改期",
            by, now, options.DueAt(VenueRequestKind.Change, now, _calendar));
        await AddAsync(request);
        return request;
    }

    private Registration NewRegistration()
    {
        var now = _clock.GetUtcNow();
        return new Registration($"DJ20260929-{++_serial:D6}", RegistrationTestData.Draft(now), RegistrationChannel.Window, "窗口录入", now,
            ServiceTimePolicy.Strictest.DueAt(now, _calendar));
    }

    private async Task<Registration> RegistrationAsync(RegistrationStatus status, string clerk = "王芳")
    {
        var r = NewRegistration();
        var now = _clock.GetUtcNow();
        if (status != RegistrationStatus.Submitted) r.StartReview(clerk, now);
        if (status == RegistrationStatus.Returned) r.Return([new DeficiencyItem("资产评估报告", DeficiencyKind.Missing, null)], clerk, now);
        if (status == RegistrationStatus.Accepted)
            r.Accept(_wang.Id, null, new ConditionalAcceptance("资产评估报告原件", now.AddDays(5)), now);
        await AddAsync(r);
        return r;
    }

    [Fact]
    public async Task A_case_is_listed_with_its_handler_and_the_clock_now_running_the_centers_forwarding()
    {
        var c = await CaseAsync();

        var item = Assert.Single(await OfKindAsync(DueKind.Case));

        Assert.Equal((c.Id, c.Number, Clerk1, "中心转交", c.ForwardDueAt), (item.Id, item.Reference, item.Owner, item.Awaiting, item.DueAt!.Value));
        Assert.Equal($"/cases/{c.Id}", item.Href);
        Assert.DoesNotContain("赵投诉", item.Title);   // who raised it: personal data
        Assert.DoesNotContain("评标委员会", item.Title); // the subject stays on the case's own page
    }

    [Fact]
    public async Task A_forwarded_case_waits_for_the_responsible_party_on_its_legal_clock_and_an_answered_one_has_no_due_time()
    {
        var c = await CaseAsync();
        var preset = CaseClockPreset.Defaults().Single(p => p.Key == "tendering-complaint");
        await using (var db = await _services.NewContextAsync())
        {
            var tracked = await db.Cases.SingleAsync(x => x.Id == c.Id);
            tracked.Forward(preset, "市住建局", "公文交换", "住建函〔2026〕12号", Clerk1, _clock.GetUtcNow(), _calendar);
            await db.SaveChangesAsync();
            var item = Assert.Single(await OfKindAsync(DueKind.Case));
            Assert.Equal(("行政监督部门", tracked.ResponseDueAt), (item.Awaiting, item.DueAt));
            tracked.RecordAnswer("已受理，正在调查", Clerk1, _clock.GetUtcNow().AddHours(1));
            await db.SaveChangesAsync();
        }
        var answered = Assert.Single(await OfKindAsync(DueKind.Case));
        Assert.Null(answered.DueAt);
        Assert.Equal("Case.AnsweredToResolve", answered.Note);
    }

    [Fact]
    public async Task A_bad_rating_follow_up_is_due_for_contact_then_for_resolution_and_has_no_owner()
    {
        var f = await FollowUpAsync();

        var item = Assert.Single(await OfKindAsync(DueKind.RatingFollowUp));
        Assert.Equal((f.ContactDueAt, (string?)null, "GC-2026-0929", "FollowUp.Contact"), (item.DueAt!.Value, item.Owner, item.Reference, item.State));

        await using (var db = await _services.NewContextAsync())
        {
            (await db.RatingFollowUps.SingleAsync()).RecordContact("已电话回访，空调已报修", _clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        item = Assert.Single(await OfKindAsync(DueKind.RatingFollowUp));
        Assert.Equal((f.ResolveDueAt, "FollowUp.Resolve"), (item.DueAt!.Value, item.State));
    }

    [Fact]
    public async Task A_misconduct_record_is_due_for_its_report_by_its_recorder_until_reported()
    {
        var r = await MisconductAsync();

        var item = Assert.Single(await OfKindAsync(DueKind.MisconductReport));
        Assert.Equal((r.DueAt, Clerk1, $"/witness/misconduct/{r.Id}"), (item.DueAt!.Value, item.Owner, item.Href));
        Assert.DoesNotContain("鑫达", item.Title);

        await using (var db = await _services.NewContextAsync())
        {
            (await db.MisconductRecords.SingleAsync()).Report("监督函〔2026〕3号", Clerk1, _clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        Assert.Empty(await OfKindAsync(DueKind.MisconductReport));
    }

    [Fact]
    public async Task An_incident_is_due_for_its_department_report_by_whoever_raised_it_until_reported()
    {
        var i = await IncidentAsync();

        var item = Assert.Single(await OfKindAsync(DueKind.IncidentReport));
        Assert.Equal((i.Number, i.ReportDueAt, Clerk2, $"/witness/incidents/{i.Id}"), (item.Reference, item.DueAt!.Value, item.Owner, item.Href));

        await using (var db = await _services.NewContextAsync())
        {
            (await db.Incidents.SingleAsync()).RecordReport(IncidentReportChannel.Phone, "电话报告市公管办", Clerk2, _clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        Assert.Empty(await OfKindAsync(DueKind.IncidentReport));
    }

    [Fact]
    public async Task A_venue_request_is_due_on_its_working_hour_clock_by_its_receiver_with_its_own_due_soon_window()
    {
        var r = await RequestAsync();

        var item = Assert.Single(await OfKindAsync(DueKind.VenueRequest));
        Assert.Equal((r.DueAt, Clerk2, "/venue/requests"), (item.DueAt!.Value, item.Owner, item.Href));
        Assert.Equal(TimeSpan.FromMinutes(_services.GetRequiredService<IOptions<VenueRequestOptions>>().Value.DueSoonMinutes), item.DueSoon);
        Assert.DoesNotContain("刘经办", item.Title);
    }

    [Fact]
    public async Task Registrations_waiting_on_the_center_returned_for_correction_or_with_materials_to_follow_are_listed_with_their_clerk_as_a_user()
    {
        var submitted = await RegistrationAsync(RegistrationStatus.Submitted);
        var inReview = await RegistrationAsync(RegistrationStatus.InReview);
        var returned = await RegistrationAsync(RegistrationStatus.Returned, clerk: "李强");
        var conditional = await RegistrationAsync(RegistrationStatus.Accepted);
        await RegistrationAsync(RegistrationStatus.Accepted); // materials received below: nothing left to wait for
        await using (var db = await _services.NewContextAsync())
        {
            var last = await db.Registrations.SingleAsync(x => x.Code == $"DJ20260929-{_serial:D6}");
            last.ReceiveMissingMaterials(_clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var items = (await OfKindAsync(DueKind.Registration)).ToDictionary(i => i.Id);

        Assert.Equal(4, items.Count);
        Assert.Equal((submitted.DueAt, (string?)null, "中心", true), (items[submitted.Id].DueAt, items[submitted.Id].Owner, items[submitted.Id].Awaiting, items[submitted.Id].WaitingOnCenter));
        Assert.Equal((inReview.DueAt, Clerk1), (items[inReview.Id].DueAt, items[inReview.Id].Owner)); // reviewer 王芳 is clerk-e001
        // The deficiency notice sets no resubmission deadline: no due time, sorted last, the row says so, dated by the notice.
        var back = items[returned.Id];
        Assert.Equal(((DateTimeOffset?)null, Clerk2, "代理机构（补正）", "Registration.NoResubmissionDeadline", returned.LatestNotice!.IssuedAt),
            (back.DueAt, back.Owner, back.Awaiting, back.Note, back.Since));
        Assert.Equal((conditional.MissingMaterialsDueAt, Clerk1, "代理机构（容缺材料）"),
            (items[conditional.Id].DueAt, items[conditional.Id].Owner, items[conditional.Id].Awaiting));
        Assert.Equal($"/registrations/{returned.Id}", back.Href);
    }

    [Fact]
    public async Task Every_kind_mixed_comes_in_the_boards_order_overdue_first_then_by_time_left_then_without_due_time_oldest_first()
    {
        var incident = await IncidentAsync();         // report due 12:00 (2 clock hours)
        var returnedEarly = await RegistrationAsync(RegistrationStatus.Returned);
        _clock.Advance(TimeSpan.FromMinutes(20));
        var c = await CaseAsync();                     // forwarding due 4 working hours on
        var request = await RequestAsync();            // 3 working hours
        var misconduct = await MisconductAsync();      // close of office the next working day
        var followUp = await FollowUpAsync();          // contact within 1 working day
        var inReview = await RegistrationAsync(RegistrationStatus.InReview);
        _clock.Advance(TimeSpan.FromMinutes(10));
        var returnedLate = await RegistrationAsync(RegistrationStatus.Returned);
        _clock.SetUtcNow(CenterTime.At(new DateOnly(2026, 9, 29), new TimeOnly(12, 30))); // the incident's report is 30 minutes late

        var board = await ReadAsync();

        Assert.Equal(8, board.Count);
        Assert.Equal(incident.Id, board[0].Id);
        Assert.Equal(DueUrgency.Overdue, DueBoard.Urgency(board[0], _clock.GetUtcNow(), _calendar, DueBoard.DefaultDueSoon));
        // Then by time left: the request and the registration both fall due at 14:50 (3 working hours from 10:20; the tie goes by
        // kind), the case's forwarding at 15:50 (4 working hours), the follow-up's contact and the misconduct report at the
        // close of office the next working day (tie by kind again).
        Assert.Equal([request.Id, inReview.Id, c.Id, followUp.Id, misconduct.Id], board.Skip(1).Take(5).Select(i => i.Id));
        Assert.Equal(board.Skip(1).Take(5).Select(i => i.DueAt).Order(), board.Skip(1).Take(5).Select(i => i.DueAt));
        // Returned registrations have no due time: last, the one returned first on top.
        Assert.Equal([returnedEarly.Id, returnedLate.Id], board.Skip(6).Select(i => i.Id));
    }

    [Fact]
    public async Task The_owner_filter_finds_mine_by_user_or_staff_name_the_unassigned_and_one_users_and_the_kind_filter_narrows_it()
    {
        var myCase = await CaseAsync(Clerk1);
        var unassignedCase = await CaseAsync(handler: null);
        var followUp = await FollowUpAsync();
        var misconduct = await MisconductAsync(Clerk1);
        var incident = await IncidentAsync(Clerk2);
        var request = await RequestAsync(Clerk2);
        var reviewing = await RegistrationAsync(RegistrationStatus.InReview); // by 王芳 = clerk-e001
        var submitted = await RegistrationAsync(RegistrationStatus.Submitted);

        var me = await Queries.NamesOfAsync(Clerk1);
        Assert.Equal([Clerk1, "王芳"], me);
        Assert.Equal(new[] { myCase.Id, misconduct.Id, reviewing.Id }.Order(), (await ReadAsync(new DueFilter(DueOwnerScope.Me, Me: me))).Select(i => i.Id).Order());
        Assert.Equal(new[] { unassignedCase.Id, followUp.Id, submitted.Id }.Order(), (await ReadAsync(new DueFilter(DueOwnerScope.Unassigned))).Select(i => i.Id).Order());
        Assert.Equal(new[] { incident.Id, request.Id }.Order(), (await ReadAsync(new DueFilter(DueOwnerScope.User, User: Clerk2))).Select(i => i.Id).Order());
        Assert.Equal([myCase.Id], (await ReadAsync(new DueFilter(DueOwnerScope.Me, new HashSet<DueKind> { DueKind.Case }, me))).Select(i => i.Id));
        Assert.Equal(8, (await ReadAsync()).Count);
    }

    [Fact]
    public async Task The_board_costs_the_same_round_trips_for_one_item_of_each_kind_as_for_three()
    {
        async Task OneOfEachAsync()
        {
            await CaseAsync();
            await FollowUpAsync();
            await MisconductAsync();
            await IncidentAsync();
            await RequestAsync();
            await RegistrationAsync(RegistrationStatus.InReview);
            await RegistrationAsync(RegistrationStatus.Returned);
        }
        await OneOfEachAsync();
        _commands.Reset();
        Assert.Equal(7, (await ReadAsync()).Count);
        var once = _commands.Count;

        await OneOfEachAsync();
        await OneOfEachAsync();
        _commands.Reset();
        Assert.Equal(21, (await ReadAsync()).Count);

        Assert.Equal(once, _commands.Count);
        Assert.True(once <= 9, $"{once} commands:\n{_commands.Since(0)}"); // staff names, follow-ups, cases, misconduct, incidents, requests, registrations (+ calendar)
    }
}
