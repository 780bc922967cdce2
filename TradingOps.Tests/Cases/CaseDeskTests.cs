using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Cases;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Notifications;
using TradingOps.Core.Organisation;
using TradingOps.Core.Projects;
using TradingOps.Core.Witness;
using TradingOps.Data;
using TradingOps.Data.Cases;
using TradingOps.Data.Floor;
using TradingOps.Data.Identity;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Cases;

/// <summary>
/// The desk on a real database (SQLite): routing per kind with its messages, the refusals, the suspension linkage through
/// the witnessing incident end to end (and a retry after a half-done forwarding), the Observer refused every write, the
/// audited full read of who raised a case, and preset edits applying to later cases only.
/// </summary>
public sealed class CaseDeskTests : IAsyncLifetime
{
    private static readonly Actor Desk = Actor.User("u-desk", "desk");
    private static readonly Actor Duty = Actor.User("u-duty", "duty");
    private static readonly Actor Admin = Actor.User("u-admin", "admin");
    private static readonly Actor Observer = Actor.User("u-observer", "observer");
    private const string Project = "GC2026-0419";
    private const string ClosedProject = "GC2026-0001";
    private readonly FakeTimeProvider _clock = new(CenterTime.At(new DateOnly(2026, 12, 3), new TimeOnly(9, 0)));
    private readonly FailCaseLink _failLink = new();
    private ServiceProvider _services = null!;
    private Room _k201 = null!;

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), Desk, clock: _clock, configure: s => s.AddDbInterceptors(_failLink));
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        var center = new Center("T", "测试中心", null);
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        _k201 = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 60, 0);
        var staff = new Staff("S001", "赵项目", "交易服务部", null, "13600001234");
        db.AddRange(center, zone, _k201, staff);
        db.Add(new TradingProject(Project, "示范市第一中学教学楼施工", TradingCategory.Engineering, TradingMethod.OpenTender, "示范市教育局",
            "某招标代理有限公司", 1_000_000m, staff.Id, _clock.GetUtcNow().AddDays(-20)));
        var closed = new TradingProject(ClosedProject, "已结项的道路工程", TradingCategory.Engineering, TradingMethod.OpenTender, "示范市交通局",
            null, 500_000m, staff.Id, _clock.GetUtcNow().AddDays(-200));
        closed.Close("admin", _clock.GetUtcNow().AddDays(-10));
        db.Add(closed);
        await UserAsync(db, Desk, Roles.Staff);
        await UserAsync(db, Duty, Roles.DutyManager);
        await UserAsync(db, Admin, Roles.Admin);
        await UserAsync(db, Observer, Roles.Observer);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private static async Task UserAsync(TradingOpsDbContext db, Actor who, string role)
    {
        db.Users.Add(new ApplicationUser { Id = who.UserId!, UserName = who.Name, NormalizedUserName = who.Name.ToUpperInvariant(), DisplayName = who.Name + "姓名" });
        var r = await db.Roles.SingleOrDefaultAsync(x => x.Name == role)
                ?? db.Roles.Local.SingleOrDefault(x => x.Name == role)
                ?? db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() }).Entity;
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = who.UserId!, RoleId = r.Id });
    }

    private async Task<T> As<T>(Actor who, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestActor>().Actor = who;
        return await action(scope.ServiceProvider);
    }

    private Task<Case> Desk_(Func<CaseService, Task<Case>> action) => As(Desk, sp => action(sp.GetRequiredService<CaseService>()));

    private static CaseIntake Intake(CaseKind kind, CaseStage stage = CaseStage.TenderDocuments, string? project = Project, string? phone = "13812340000") =>
        new(kind, CaseChannel.Window, stage, project, "招标文件资格条件限制竞争", "招标文件第三章要求本地业绩，排斥外地投标人。",
            "张三", phone, "示范建设集团有限公司", "zhangsan@example.com", "材料编号 YY-001\n纸质件存放窗口 3 号柜");

    private Task<Case> RegisterAsync(CaseIntake intake) => Desk_(s => s.RegisterAsync(intake));

    /// <summary>A confirmed, not yet started booking of the project tomorrow, with the agency's contact.</summary>
    private async Task<RoomBooking> UpcomingBookingAsync()
    {
        var now = _clock.GetUtcNow();
        await using var scope = _services.CreateAsyncScope();
        var bookings = scope.ServiceProvider.GetRequiredService<BookingService>();
        var booking = await bookings.BookAsync(new BookingRequest(_k201.Id, null, Project, "示范市第一中学教学楼施工", "某招标代理有限公司",
            BookingPurpose.BidOpening, 20, now.AddDays(1), now.AddDays(1).AddHours(2), "王经理", "13912345678", "wang@example.com"));
        await bookings.SessionAsync(booking.Id, SessionCommand.Confirm);
        return booking;
    }

    private async Task<RoomBooking> BookingAsync(Guid id)
    {
        await using var db = await _services.NewContextAsync();
        return await db.RoomBookings.AsNoTracking().SingleAsync(b => b.Id == id);
    }

    private async Task<List<OutboxMessage>> MessagesAsync(NotificationKind kind)
    {
        await using var db = await _services.NewContextAsync();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == kind).ToListAsync();
    }

    private async Task<List<string>> TimelineAsync(Guid caseId)
    {
        await using var db = await _services.NewContextAsync();
        return CaseTimeline.Order(await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == caseId).ToListAsync()).Select(e => e.Code).ToList();
    }

    private static async Task<string> Refused(Func<Task> act) => (await Assert.ThrowsAsync<DomainException>(act)).Code;

    // ---- routing ----

    [Fact]
    public async Task An_objection_goes_to_the_projects_initiator_and_agency_whose_contact_and_the_raiser_are_told()
    {
        await UpcomingBookingAsync();
        var c = await RegisterAsync(Intake(CaseKind.Objection, CaseStage.BidOpening));
        Assert.Equal(("desk姓名", "desk"), (c.ReceivedBy, c.Handler));

        var forwarded = await Desk_(s => s.ForwardAsync(c.Id, "objection-bid-opening", null, "当面", "开标记录第 2 页"));

        Assert.Equal((CaseState.Forwarded, CaseRoute.InitiatorOrAgency), (forwarded.State, forwarded.Route));
        Assert.Equal("示范市教育局/某招标代理有限公司", forwarded.ForwardedTo);
        Assert.Equal(CenterTime.At(new DateOnly(2026, 12, 3), new TimeOnly(17, 30)), forwarded.ResponseDueAt); // on the spot
        Assert.Contains("第四十四条", forwarded.PresetSource);
        var messages = await MessagesAsync(NotificationKind.CaseForwarded);
        Assert.Contains(messages, m => (m.Channel, m.Address) == (NotificationChannel.Sms, "13912345678"));
        Assert.Contains(messages, m => (m.Channel, m.Address) == (NotificationChannel.Email, "wang@example.com") && m.Body.Contains("排斥外地投标人"));
        var raiser = Assert.Single(messages, m => m.Address == "13812340000");
        Assert.Contains(c.TrackingCode, raiser.Body);
        Assert.DoesNotContain("排斥", raiser.Body); // the case's content stays off the raiser's SMS
        Assert.DoesNotContain(messages, m => m.Address == new WitnessOptions().DepartmentPhone);
        Assert.Equal([CaseEvent.Received, CaseEvent.Forwarded], await TimelineAsync(c.Id));
    }

    [Theory]
    [InlineData(CaseKind.Complaint, "tendering-complaint")]
    [InlineData(CaseKind.Report, "report")]
    public async Task Complaints_and_reports_go_to_the_supervising_department_by_sms_and_email(CaseKind kind, string preset)
    {
        var c = await RegisterAsync(Intake(kind, CaseStage.Evaluation, phone: null));

        var forwarded = await Desk_(s => s.ForwardAsync(c.Id, preset, null, "函件", "示交转〔2026〕3号"));

        var department = new WitnessOptions();
        Assert.Equal((CaseRoute.Department, department.DepartmentName), (forwarded.Route, forwarded.ForwardedTo));
        Assert.Equal(kind == CaseKind.Report, forwarded.ResponseDueAt is null); // a report has no legal deadline
        var messages = await MessagesAsync(NotificationKind.CaseForwarded);
        Assert.Contains(messages, m => (m.Channel, m.Address) == (NotificationChannel.Sms, department.DepartmentPhone));
        Assert.Contains(messages, m => (m.Channel, m.Address) == (NotificationChannel.Email, department.DepartmentEmail) && m.Body.Contains("示交转〔2026〕3号"));
        Assert.Equal(2, messages.Count); // no phone given: no SMS to the raiser
    }

    [Fact]
    public async Task A_service_complaint_is_handled_by_the_center_itself_and_only_the_raiser_is_told()
    {
        var c = await RegisterAsync(Intake(CaseKind.ServiceComplaint, CaseStage.CenterService, project: null));

        var forwarded = await Desk_(s => s.ForwardAsync(c.Id, "service-complaint", null, "系统", null));

        Assert.Equal((CaseRoute.Center, CaseRules.CenterParty), (forwarded.Route, forwarded.ForwardedTo));
        Assert.Equal("13812340000", Assert.Single(await MessagesAsync(NotificationKind.CaseForwarded)).Address);
    }

    [Fact]
    public async Task A_party_typed_by_the_handler_replaces_the_default_one()
    {
        var c = await RegisterAsync(Intake(CaseKind.Objection, CaseStage.BidOpening));
        var forwarded = await Desk_(s => s.ForwardAsync(c.Id, "procurement-query", "某招标代理有限公司（王经理）", "电话", null));
        Assert.Equal("某招标代理有限公司（王经理）", forwarded.ForwardedTo);
    }

    // ---- refusals ----

    [Fact]
    public async Task Forwarding_is_refused_for_a_preset_of_another_kind_an_inactive_preset_and_a_second_time()
    {
        var c = await RegisterAsync(Intake(CaseKind.Complaint));
        Assert.Equal("Case.PresetKind", await Refused(() => Desk_(s => s.ForwardAsync(c.Id, "objection-bid-opening", null, "当面", null))));

        await As(Admin, sp => sp.GetRequiredService<CasePresetService>().EditAsync("procurement-complaint", "财政部门", ClockCounting.WorkingDays, 30, false,
            "《政府采购法》第五十六条", active: false));
        Assert.Equal("Case.PresetInactive", await Refused(() => Desk_(s => s.ForwardAsync(c.Id, "procurement-complaint", null, "函件", null))));

        await Desk_(s => s.ForwardAsync(c.Id, "tendering-complaint", null, "函件", null));
        Assert.Equal("Case.NotReceived", await Refused(() => Desk_(s => s.ForwardAsync(c.Id, "tendering-complaint", null, "函件", null))));
        Assert.Equal([CaseEvent.Received, CaseEvent.Forwarded], await TimelineAsync(c.Id));
    }

    [Fact]
    public async Task The_desk_refuses_the_public_form_channel_and_script_in_the_text_and_saves_nothing()
    {
        Assert.Equal("Case.PublicFormAtDesk", await Refused(() => RegisterAsync(Intake(CaseKind.Complaint) with { Channel = CaseChannel.PublicForm })));
        Assert.Equal("Case.Markup", await Refused(() => RegisterAsync(Intake(CaseKind.Complaint) with { Details = "<script>alert(1)</script>" })));
        await using var db = await _services.NewContextAsync();
        Assert.Equal(0, await db.Cases.CountAsync());
    }

    [Fact]
    public async Task Resolving_is_refused_before_the_answer_and_while_the_case_still_suspends()
    {
        await UpcomingBookingAsync();
        var c = await RegisterAsync(Intake(CaseKind.Objection));
        await Desk_(s => s.ForwardAsync(c.Id, "objection-tender-documents", null, "函件", null));
        Assert.Equal("Case.NotAnswered", await Refused(() => Desk_(s => s.ResolveAsync(c.Id, "办结"))));
        Assert.Equal("Case.StillSuspending", await Refused(() => Desk_(s => s.WithdrawAsync(c.Id, "撤回"))));
        await Desk_(s => s.RecordAnswerAsync(c.Id, "招标人已修改招标文件第三章"));
        Assert.Equal("Case.StillSuspending", await Refused(() => Desk_(s => s.ResolveAsync(c.Id, "办结"))));
    }

    [Fact]
    public async Task A_suspension_on_a_closed_project_or_a_project_not_on_the_register_is_refused_before_anything_is_written()
    {
        var onClosed = await RegisterAsync(Intake(CaseKind.Objection, project: ClosedProject));
        Assert.Equal("Project.Closed", await Refused(() => Desk_(s => s.ForwardAsync(onClosed.Id, "objection-tender-documents", null, "函件", null))));
        var unknown = await RegisterAsync(Intake(CaseKind.Objection, project: "GC2099-404"));
        Assert.Equal("Case.ProjectUnknown", await Refused(() => Desk_(s => s.ForwardAsync(unknown.Id, "objection-tender-documents", null, "函件", null))));
        Assert.Equal("Case.ProjectUnknown", await Refused(() => Desk_(s => s.SuspendAsync(unknown.Id, "监督部门责令暂停"))));

        await using var db = await _services.NewContextAsync();
        Assert.Equal(0, await db.Incidents.CountAsync());
        Assert.All(await db.Cases.ToListAsync(), c => Assert.Equal(CaseState.Received, c.State));
        Assert.Equal(0, await db.OutboxMessages.CountAsync(m => m.Kind == NotificationKind.CaseForwarded));
    }

    [Fact]
    public async Task A_case_already_suspending_is_not_suspended_twice()
    {
        await UpcomingBookingAsync();
        var c = await RegisterAsync(Intake(CaseKind.Objection));
        await Desk_(s => s.ForwardAsync(c.Id, "objection-tender-documents", null, "函件", null));
        Assert.Equal("Case.AlreadySuspending", await Refused(() => Desk_(s => s.SuspendAsync(c.Id, "监督部门责令暂停"))));
        await using var db = await _services.NewContextAsync();
        Assert.Equal(1, await db.Incidents.CountAsync());
    }

    // ---- suspension linkage ----

    [Fact]
    public async Task A_tender_documents_objection_suspends_the_project_until_answered_and_resumed_then_resolves()
    {
        var booking = await UpcomingBookingAsync();
        var c = await RegisterAsync(Intake(CaseKind.Objection));
        _clock.Advance(TimeSpan.FromHours(1));

        var forwarded = await Desk_(s => s.ForwardAsync(c.Id, "objection-tender-documents", null, "函件", "示招异〔2026〕1号"));

        Assert.True(forwarded.IsSuspending);
        Assert.True(forwarded.RequiresSuspension);
        Assert.True((await BookingAsync(booking.Id)).ProjectSuspended); // 项目暂停
        Incident incident;
        await using (var db = await _services.NewContextAsync())
            incident = await db.Incidents.AsNoTracking().SingleAsync();
        Assert.Equal((forwarded.IncidentId, IncidentCategory.ObjectionOrComplaint, IncidentScope.Project, IncidentState.Suspended, Project),
            (incident.Id, incident.Category, incident.Scope, incident.State, incident.ProjectCode));
        Assert.StartsWith(c.SuspensionMarker, incident.Description);
        Assert.DoesNotContain("张三", incident.Description); // who raised it stays on the case
        // 3 calendar days from Thursday 3 Dec: Sunday 6 Dec → Monday 7 Dec, close of office.
        Assert.Equal(CenterTime.At(new DateOnly(2026, 12, 7), new TimeOnly(17, 30)), forwarded.ResponseDueAt);
        Assert.Contains(await MessagesAsync(NotificationKind.CaseForwarded), m => m.Address == "13912345678" && m.Body.Contains("暂停"));

        _clock.Advance(TimeSpan.FromDays(1));
        await Desk_(s => s.RecordAnswerAsync(c.Id, "招标人已修改招标文件第三章，删除本地业绩要求"));
        Assert.Single(await MessagesAsync(NotificationKind.CaseAnswered), m => m.Address == "13812340000");
        var resumed = await Desk_(s => s.ResumeAsync(c.Id, "异议已答复"));

        Assert.False(resumed.IsSuspending);
        Assert.False((await BookingAsync(booking.Id)).ProjectSuspended);
        await using (var db = await _services.NewContextAsync())
            Assert.Equal(IncidentState.Resumed, (await db.Incidents.AsNoTracking().SingleAsync()).State);
        var resolved = await Desk_(s => s.ResolveAsync(c.Id, "答复已送达提出人，交易恢复"));
        Assert.Equal(CaseState.Resolved, resolved.State);
        Assert.Equal([CaseEvent.Received, CaseEvent.Forwarded, CaseEvent.Suspended, CaseEvent.Answered, CaseEvent.Resumed, CaseEvent.Resolved],
            await TimelineAsync(c.Id));
    }

    [Fact]
    public async Task When_linking_fails_after_the_incident_is_raised_the_retry_links_that_incident_instead_of_raising_another()
    {
        var booking = await UpcomingBookingAsync();
        var c = await RegisterAsync(Intake(CaseKind.Objection));

        _failLink.Armed = true;
        await Assert.ThrowsAnyAsync<Exception>(() => Desk_(s => s.ForwardAsync(c.Id, "objection-tender-documents", null, "函件", null)));
        await using (var db = await _services.NewContextAsync())
        {
            Assert.Equal(CaseState.Received, (await db.Cases.SingleAsync()).State); // the case step left nothing
            Assert.Equal(IncidentState.Suspended, (await db.Incidents.SingleAsync()).State); // the incident (its own transaction) stands
        }

        var forwarded = await Desk_(s => s.ForwardAsync(c.Id, "objection-tender-documents", null, "函件", null));

        await using var check = await _services.NewContextAsync();
        var incident = await check.Incidents.SingleAsync();
        Assert.Equal(incident.Id, forwarded.IncidentId);
        Assert.True((await BookingAsync(booking.Id)).ProjectSuspended);
    }

    [Fact]
    public async Task A_handler_suspends_a_complaint_on_the_departments_order_and_terminating_ends_the_projects_sessions()
    {
        var booking = await UpcomingBookingAsync();
        var c = await RegisterAsync(Intake(CaseKind.Complaint));
        await Desk_(s => s.ForwardAsync(c.Id, "tendering-complaint", null, "函件", null));
        Assert.Equal("Case.SuspendReason", await Refused(() => Desk_(s => s.SuspendAsync(c.Id, " "))));

        var suspended = await Desk_(s => s.SuspendAsync(c.Id, "监督部门责令暂停（示监〔2026〕7号）"));
        Assert.True(suspended.IsSuspending);
        Assert.False(suspended.RequiresSuspension); // the preset did not; the department ordered it
        Assert.True((await BookingAsync(booking.Id)).ProjectSuspended);

        var terminated = await Desk_(s => s.TerminateAsync(c.Id, "监督部门决定终止招标"));
        Assert.False(terminated.IsSuspending);
        Assert.Equal(BookingStatus.Cancelled, (await BookingAsync(booking.Id)).Status);
        await using var db = await _services.NewContextAsync();
        Assert.Equal(IncidentState.Terminated, (await db.Incidents.SingleAsync()).State);
        Assert.Equal("Case.NotSuspending", await Refused(() => Desk_(s => s.ResumeAsync(c.Id, null))));
    }

    // ---- who may write, who may read in full ----

    [Fact]
    public async Task The_observer_is_refused_every_write_on_the_server()
    {
        await UpcomingBookingAsync();
        var c = await RegisterAsync(Intake(CaseKind.Objection));
        Task<Case> Obs(Func<CaseService, Task<Case>> a) => As(Observer, sp => a(sp.GetRequiredService<CaseService>()));

        Assert.Equal("Case.ReadOnly", await Refused(() => Obs(s => s.RegisterAsync(Intake(CaseKind.Complaint)))));
        Assert.Equal("Case.ReadOnly", await Refused(() => Obs(s => s.TakeOverAsync(c.Id))));
        Assert.Equal("Case.ReadOnly", await Refused(() => Obs(s => s.ForwardAsync(c.Id, "objection-tender-documents", null, "函件", null))));
        Assert.Equal("Case.ReadOnly", await Refused(() => Obs(s => s.SuspendAsync(c.Id, "x"))));
        Assert.Equal("Case.ReadOnly", await Refused(() => Obs(s => s.NoteAsync(c.Id, "x"))));
        Assert.Equal("Case.ReadOnly", await Refused(() => Obs(s => s.WithdrawAsync(c.Id, "x"))));
        await Desk_(s => s.ForwardAsync(c.Id, "objection-tender-documents", null, "函件", null));
        Assert.Equal("Case.ReadOnly", await Refused(() => Obs(s => s.RecordAnswerAsync(c.Id, "x"))));
        await Desk_(s => s.RecordAnswerAsync(c.Id, "已答复"));
        Assert.Equal("Case.ReadOnly", await Refused(() => Obs(s => s.ResumeAsync(c.Id, null))));
        Assert.Equal("Case.ReadOnly", await Refused(() => Obs(s => s.TerminateAsync(c.Id, "x"))));
        await Desk_(s => s.ResumeAsync(c.Id, null));
        Assert.Equal("Case.ReadOnly", await Refused(() => Obs(s => s.ResolveAsync(c.Id, "x"))));
        Assert.Equal("CasePreset.AdminOnly", await Refused(() => As(Observer, sp => sp.GetRequiredService<CasePresetService>()
            .EditAsync("report", "行政监督部门", ClockCounting.None, 0, false, "x", true))));
        Assert.Equal("CasePreset.AdminOnly", await Refused(() => As(Desk, sp => sp.GetRequiredService<CasePresetService>()
            .EditAsync("report", "行政监督部门", ClockCounting.None, 0, false, "x", true))));

        await using var db = await _services.NewContextAsync();
        Assert.Equal(1, await db.Cases.CountAsync());
        Assert.DoesNotContain(await db.CaseEvents.ToListAsync(), e => e.By == "observer");
    }

    [Fact]
    public async Task The_page_gets_the_raiser_masked_and_the_full_read_is_for_duty_managers_and_audited()
    {
        var c = await RegisterAsync(Intake(CaseKind.Complaint));
        var detail = await As(Desk, sp => sp.GetRequiredService<CaseQueries>().DetailAsync(c.Id));
        Assert.Equal(new CaseRaiser("张*", "138****0000", "示范******", "z***@example.com", true), detail!.Raiser);

        Assert.Equal("PersonalData.Forbidden", await Refused(() => As(Desk, sp => sp.GetRequiredService<CaseQueries>().RaiserAsync(c.Id))));
        var full = await As(Duty, sp => sp.GetRequiredService<CaseQueries>().RaiserAsync(c.Id));

        Assert.Equal(("张三", "13812340000", false), (full.Name, full.Phone, full.Masked));
        await using var db = await _services.NewContextAsync();
        var read = Assert.Single(await db.AuditEntries.Where(a => a.Action == AuditAction.Read && a.Entity == "Case").ToListAsync());
        Assert.Equal((c.Id.ToString(), "duty"), (read.Key, read.ActorName));
        Assert.Contains(c.Number, read.Changes);
    }

    // ---- presets ----

    [Fact]
    public async Task An_admins_preset_edit_applies_to_cases_forwarded_afterwards_and_earlier_cases_keep_their_deadline()
    {
        var earlier = await RegisterAsync(Intake(CaseKind.Objection, CaseStage.TenderDocuments));
        var before = await Desk_(s => s.ForwardAsync(earlier.Id, "procurement-query", null, "函件", null));

        await As(Admin, sp => sp.GetRequiredService<CasePresetService>().EditAsync("procurement-query", "采购人/采购代理机构", ClockCounting.WorkingDays, 10, false,
            "《政府采购法》第五十三条（本中心按 10 个工作日跟踪）", active: true));
        var later = await RegisterAsync(Intake(CaseKind.Objection, CaseStage.TenderDocuments));
        var after = await Desk_(s => s.ForwardAsync(later.Id, "procurement-query", null, "函件", null));

        // Thursday 3 Dec: 7 working days → Monday 14 Dec; 10 → Thursday 17 Dec.
        Assert.Equal(CenterTime.At(new DateOnly(2026, 12, 14), new TimeOnly(17, 30)), before.ResponseDueAt);
        Assert.Equal(CenterTime.At(new DateOnly(2026, 12, 17), new TimeOnly(17, 30)), after.ResponseDueAt);
        Assert.Contains("10 个工作日", after.PresetSource);
        await using var db = await _services.NewContextAsync();
        Assert.Equal(before.ResponseDueAt, (await db.Cases.SingleAsync(c => c.Id == earlier.Id)).ResponseDueAt);
        Assert.Contains(await db.AuditEntries.Where(a => a.Entity == nameof(CaseClockPreset)).ToListAsync(), a => a.ActorName == "admin");
    }

    // ---- the other desk steps ----

    [Fact]
    public async Task Taking_over_noting_and_withdrawing_each_leave_their_step_on_the_timeline_and_the_register_filters_find_the_case()
    {
        var c = await RegisterAsync(Intake(CaseKind.Report, CaseStage.Evaluation));
        _clock.Advance(TimeSpan.FromMinutes(5));
        await As(Duty, sp => sp.GetRequiredService<CaseService>().TakeOverAsync(c.Id));
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Desk_(s => s.NoteAsync(c.Id, "已电话联系提出人核实"));
        _clock.Advance(TimeSpan.FromMinutes(5));
        var withdrawn = await Desk_(s => s.WithdrawAsync(c.Id, "提出人书面撤回"));

        Assert.Equal((CaseState.Withdrawn, "duty"), (withdrawn.State, withdrawn.Handler));
        Assert.Equal([CaseEvent.Received, CaseEvent.TakenOver, CaseEvent.Note, CaseEvent.Withdrawn], await TimelineAsync(c.Id));
        Assert.Equal("Case.Closed", await Refused(() => Desk_(s => s.NoteAsync(c.Id, "again"))));

        await using var scope = _services.CreateAsyncScope();
        var q = scope.ServiceProvider.GetRequiredService<CaseQueries>();
        Assert.Equal(1, (await q.SearchAsync(new CaseFilter(Kind: CaseKind.Report, Handler: "duty", Project: "0419"), 0, 25)).Total);
        Assert.Equal(0, (await q.SearchAsync(new CaseFilter(State: CaseState.Received), 0, 25)).Total);
        Assert.Equal(1, (await q.SearchAsync(new CaseFilter(Text: "资格条件"), 0, 25)).Total);
    }

    [Fact]
    public async Task The_overdue_filter_finds_a_case_the_center_has_not_forwarded_in_time()
    {
        var late = await RegisterAsync(Intake(CaseKind.Complaint));
        _clock.Advance(TimeSpan.FromHours(5)); // 14:00: 4 working hours from 09:00 end at 14:30 (lunch 12:00–13:30)
        var onTime = await RegisterAsync(Intake(CaseKind.Complaint));
        _clock.Advance(TimeSpan.FromHours(1)); // 15:00: the first is late, the second is due tomorrow 09:00
        await using var scope = _services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<CaseQueries>().SearchAsync(new CaseFilter(OverdueOnly: true), 0, 25);
        Assert.Equal(late.Number, Assert.Single(page.Items).Row.Number);
        Assert.NotEqual(onTime.Number, late.Number);
    }

    /// <summary>Fails the next save that links a case to its incident (after the incident was raised in its own transaction).</summary>
    private sealed class FailCaseLink : SaveChangesInterceptor
    {
        public volatile bool Armed;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (Armed && eventData.Context!.ChangeTracker.Entries<Case>().Any(e => e.State == EntityState.Modified && e.Entity.IncidentId != null))
            {
                Armed = false;
                throw new InvalidOperationException("saving the case's link failed (test)");
            }
            return ValueTask.FromResult(result);
        }
    }
}
