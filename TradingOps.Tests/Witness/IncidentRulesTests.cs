using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Notifications;
using TradingOps.Core.Witness;

namespace TradingOps.Tests.Witness;

/// <summary>Incident transitions, checklists, the department report and its deadline, and the notices' texts (Core rules).</summary>
public sealed class IncidentRulesTests
{
    private static readonly DateTimeOffset Ten = CenterTime.At(new DateOnly(2026, 12, 3), new TimeOnly(10, 0));

    private static Incident New(IncidentCategory category = IncidentCategory.SystemFailure) =>
        Incident.Raise("GC2026-100", null, Guid.NewGuid(), category, IncidentScope.Session, "开标系统无法解密投标文件", "witness", Ten, TimeSpan.FromHours(2));

    private static string Code(Action act) => Assert.Throws<DomainException>(act).Code;

    [Fact]
    public void Every_category_has_a_checklist_that_ends_in_the_report_to_the_supervising_department()
    {
        foreach (var category in Enum.GetValues<IncidentCategory>())
        {
            var list = IncidentChecklists.For(category);
            Assert.NotEmpty(list);
            Assert.Contains(list, i => i.Code == "report-department" && i.Tells);
            Assert.Equal(list.Count, list.Select(i => i.Code).Distinct().Count());
        }
        Assert.Contains(IncidentChecklists.For(IncidentCategory.SystemFailure), i => i.Text == "通知技术保障人员");
        Assert.Contains(IncidentChecklists.For(IncidentCategory.ExpertAbsent), i => i.Text.Contains("专家编号"));
    }

    [Fact]
    public void Suspend_now_is_the_default_for_system_failure_force_majeure_and_objections_only()
    {
        Assert.Equal([IncidentCategory.SystemFailure, IncidentCategory.ForceMajeure, IncidentCategory.ObjectionOrComplaint],
            Enum.GetValues<IncidentCategory>().Where(IncidentChecklists.SuspendsByDefault));
    }

    [Fact]
    public void The_department_report_is_due_the_configured_hours_after_the_incident_and_overdue_only_while_not_recorded()
    {
        var incident = New();
        Assert.Equal(Ten.AddHours(2), incident.ReportDueAt);
        Assert.False(incident.IsReportOverdue(Ten.AddHours(2)));
        Assert.True(incident.IsReportOverdue(Ten.AddHours(2).AddMinutes(1)));
        incident.RecordReport(IncidentReportChannel.Phone, "监管局值班室李科长接报", "witness", Ten.AddHours(3));
        Assert.False(incident.IsReportOverdue(Ten.AddHours(4)));
        Assert.True(incident.ToRow().ReportedAt is not null);
    }

    [Fact]
    public void Suspend_resume_and_close_move_the_incident_through_its_states_with_who_and_why()
    {
        var incident = New();
        incident.Suspend("解密服务器宕机", "witness", Ten.AddMinutes(1));
        Assert.Equal((IncidentState.Suspended, "解密服务器宕机", "witness"), (incident.State, incident.SuspendReason, incident.SuspendedBy));
        Assert.True(incident.IsOpen);
        incident.Resume("服务器已重启", "witness", Ten.AddMinutes(21));
        Assert.Equal(IncidentState.Resumed, incident.State);
        Assert.False(incident.IsOpen);
        incident.RecordReport(IncidentReportChannel.Email, "事件报告 2026-12-03 第1号", "witness", Ten.AddMinutes(30));
        incident.RecordFeedback("已知悉，请加强设备巡检", "witness", Ten.AddHours(5));
        incident.Close("处置完毕", "witness", Ten.AddHours(5), sessionsStillSuspended: 0);
        Assert.Equal(IncidentState.Closed, incident.State);
    }

    [Fact]
    public void Resuming_what_is_not_suspended_is_refused()
    {
        var incident = New();
        Assert.Equal("Incident.NotSuspended", Code(() => incident.Resume(null, "witness", Ten)));
        incident.Suspend("故障", "witness", Ten);
        incident.Resume(null, "witness", Ten.AddMinutes(5));
        Assert.Equal("Incident.NotSuspended", Code(() => incident.Resume(null, "witness", Ten.AddMinutes(6))));
    }

    [Fact]
    public void Suspending_twice_or_after_termination_is_refused()
    {
        var incident = New();
        incident.Suspend("故障", "witness", Ten);
        Assert.Equal("Incident.AlreadySuspended", Code(() => incident.Suspend("again", "witness", Ten)));
        incident.Terminate("无法修复，交易终止", "witness", Ten.AddHours(1));
        Assert.Equal("Incident.Terminated", Code(() => incident.Suspend("again", "witness", Ten.AddHours(2))));
        Assert.Equal("Incident.Terminated", Code(() => incident.Terminate("again", "witness", Ten.AddHours(2))));
    }

    [Fact]
    public void Closing_is_refused_while_the_incident_or_one_of_its_sessions_is_suspended_and_before_the_report_when_it_suspended()
    {
        var incident = New();
        incident.Suspend("故障", "witness", Ten);
        Assert.Equal("Incident.StillSuspended", Code(() => incident.Close(null, "witness", Ten, 0)));
        incident.Resume(null, "witness", Ten.AddMinutes(5));
        Assert.Equal("Incident.StillSuspended", Code(() => incident.Close(null, "witness", Ten.AddMinutes(6), sessionsStillSuspended: 1)));
        Assert.Equal("Incident.ReportMissing", Code(() => incident.Close(null, "witness", Ten.AddMinutes(6), 0)));
        Assert.Equal(IncidentState.Resumed, incident.State);
    }

    [Fact]
    public void A_closed_incident_refuses_every_change()
    {
        var incident = New(IncidentCategory.Other);
        incident.Close("误报", "witness", Ten.AddMinutes(1), 0); // never suspended: no report needed to close
        Assert.Equal("Incident.Closed", Code(() => incident.Suspend("x", "witness", Ten.AddMinutes(2))));
        Assert.Equal("Incident.Closed", Code(() => incident.Tick("record-event", "witness", Ten.AddMinutes(2))));
        Assert.Equal("Incident.Closed", Code(() => incident.RecordReport(IncidentReportChannel.Phone, "x", "witness", Ten.AddMinutes(2))));
        Assert.Equal("Incident.Closed", Code(() => incident.Close(null, "witness", Ten.AddMinutes(2), 0)));
    }

    [Fact]
    public void A_checklist_item_is_ticked_once_with_who_and_when_and_an_unknown_item_is_refused()
    {
        var incident = New();
        var tick = incident.Tick("call-tech", "witness", Ten.AddMinutes(2));
        Assert.Equal(("call-tech", "witness", Ten.AddMinutes(2)), (tick.ItemCode, tick.TickedBy, tick.TickedAt));
        Assert.Equal("Incident.AlreadyTicked", Code(() => incident.Tick("call-tech", "other", Ten.AddMinutes(3))));
        Assert.Equal("Incident.UnknownItem", Code(() => incident.Tick("request-redraw", "witness", Ten.AddMinutes(3)))); // an expert-absent item
        Assert.Single(incident.Ticks);
    }

    [Fact]
    public void Feedback_needs_the_report_first_and_the_report_is_recorded_once()
    {
        var incident = New();
        Assert.Equal("Incident.NotReported", Code(() => incident.RecordFeedback("收到", "witness", Ten)));
        incident.RecordReport(IncidentReportChannel.Document, "示监〔2026〕12号", "witness", Ten.AddMinutes(30));
        Assert.Equal("Incident.AlreadyReported", Code(() => incident.RecordReport(IncidentReportChannel.Phone, "again", "witness", Ten.AddMinutes(40))));
        Assert.Equal("Incident.BeforeOpening", Code(() => incident.RecordFeedback("收到", "witness", Ten.AddMinutes(-1))));
    }

    [Fact]
    public void A_session_incident_needs_its_session()
    {
        Assert.Equal("Incident.SessionRequired", Code(() => Incident.Raise("GC1", null, null, IncidentCategory.Other, IncidentScope.Session, "x", "w", Ten, TimeSpan.FromHours(1))));
    }

    [Fact]
    public void Only_the_department_reads_the_reason_as_written_the_agency_gets_numbers_masked()
    {
        var room = new TradingOps.Core.Organisation.Room(Guid.NewGuid(), "K201", "第一开标室", TradingOps.Core.Organisation.RoomType.BidOpeningRoom, 60, 0);
        var booking = new RoomBooking(room, null, "GC2026-100", "办公楼", "某代理", BookingPurpose.BidOpening, 20, Ten, Ten.AddHours(2),
            TimeSpan.Zero, TimeSpan.Zero, "desk", Ten.AddDays(-3));
        booking.SetContact("王经理", "13912345678", "wang@example.com");
        var incident = New(IncidentCategory.ObjectionOrComplaint);
        var reason = "投标人张某（电话 13700001111）对唱标提出异议";

        var agency = IncidentNotices.ForAgency(IncidentAction.Suspended, incident, booking, room.Name, "示范中心", reason, Ten);
        var department = IncidentNotices.ForDepartment(IncidentAction.Suspended, incident, new WitnessOptions(), ["第一开标室"], "示范中心", reason, Ten);

        Assert.Equal([NotificationChannel.Sms, NotificationChannel.Email], agency.Select(m => m.Channel));
        Assert.All(agency, m => Assert.Equal(NotificationKind.SessionSuspended, m.Kind));
        Assert.All(agency, m => Assert.DoesNotContain("13700001111", m.Body));
        Assert.All(agency, m => Assert.Contains("已暂停", m.Body));
        Assert.All(department, m => Assert.Equal(NotificationKind.DepartmentReport, m.Kind));
        Assert.Contains(department, m => m.Body.Contains("13700001111") && m.Channel == NotificationChannel.Email);
        Assert.Contains(department, m => m.Body.Contains(incident.Number));
    }
}
