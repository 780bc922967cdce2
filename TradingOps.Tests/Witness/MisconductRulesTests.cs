using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Notifications;
using TradingOps.Core.Witness;

namespace TradingOps.Tests.Witness;

/// <summary>Misconduct records' rules in Core: the report's deadline on the working-day calendar, the states, the refusals.</summary>
public sealed class MisconductRulesTests
{
    private static readonly WorkdayCalendar Calendar = Official2026();

    private static WorkdayCalendar Official2026()
    {
        var schedule = OfficialSchedule.Shipped().Single(s => s.Year == 2026);
        return new WorkdayCalendar(schedule.Days, [schedule.Year]);
    }

    private static DateTimeOffset At(string local) => CenterTime.At(DateOnly.Parse(local[..10]), TimeOnly.Parse(local[11..]));
    private static string Local(DateTimeOffset instant) => CenterTime.ToLocal(instant).ToString("yyyy-MM-dd HH:mm");

    private static MisconductRecord New(MisconductParty party = MisconductParty.Bidder, string? name = "鑫达建筑工程有限公司", string? code = null,
        string found = "2026-11-30 09:40", IReadOnlyList<EvidenceReference>? evidence = null) =>
        new("gc-2026-0905", null, null, party, name, code, MisconductCategory.CommunicationDevice, OnTheSpotAction.Stopped,
            "开标时使用手机拍摄唱标屏幕", evidence ?? [], At(found), "见证员 周敏", At(found).AddMinutes(5),
            MisconductRules.ReportDue(At(found), 1, Calendar));

    [Fact]
    public void A_record_found_the_day_before_National_Day_is_due_at_the_close_of_the_first_working_day_after_the_holiday()
    {
        // 2026-10-01..07 are holidays: one working day after Wednesday 30 September is Thursday 8 October.
        Assert.Equal("2026-10-08 17:30", Local(MisconductRules.ReportDue(At("2026-09-30 16:00"), 1, Calendar).At));
        Assert.Equal("2026-10-09 17:30", Local(MisconductRules.ReportDue(At("2026-09-30 16:00"), 2, Calendar).At));
        Assert.False(MisconductRules.ReportDue(At("2026-09-30 16:00"), 1, Calendar).Provisional);
    }

    [Fact]
    public void A_record_found_on_a_Friday_is_due_on_Monday_and_a_year_without_a_schedule_gives_a_provisional_deadline()
    {
        Assert.Equal("2026-11-30 17:30", Local(New(found: "2026-11-27 15:00").DueAt));
        var provisional = MisconductRules.ReportDue(At("2027-01-29 10:00"), 1, Calendar);
        Assert.True(provisional.Provisional);
    }

    [Fact]
    public void A_record_is_overdue_only_while_it_is_not_reported_after_its_due_time()
    {
        var r = New(found: "2026-11-30 09:40");
        Assert.False(r.IsOverdueAt(At("2026-12-01 17:29")));
        Assert.True(r.IsOverdueAt(At("2026-12-01 17:31")));
        Assert.True(MisconductRules.OverdueAt(At("2026-12-01 17:31")).Compile()(r));
        r.Report("见证报〔2026〕905号", "科室负责人", At("2026-12-02 09:00"));
        Assert.False(r.IsOverdueAt(At("2026-12-05 09:00")));
        Assert.False(MisconductRules.OverdueAt(At("2026-12-05 09:00")).Compile()(r));
    }

    [Fact]
    public void A_record_goes_recorded_reported_feedback_received_closed_in_that_order()
    {
        var r = New();
        Assert.Equal(MisconductState.Recorded, r.State);
        Assert.Equal("Misconduct.NotReported", Assert.Throws<DomainException>(() => r.ReceiveFeedback("已处理", "科室负责人", At("2026-12-01 09:00"))).Code);
        Assert.Equal("Misconduct.CloseWithoutFeedback", Assert.Throws<DomainException>(() => r.Close("科室负责人", At("2026-12-01 09:00"))).Code);

        r.Report("见证报〔2026〕905号", "科室负责人", At("2026-11-30 15:00"));
        Assert.Equal((MisconductState.Reported, "见证报〔2026〕905号"), (r.State, r.ReportReference));
        Assert.Equal("Misconduct.AlreadyReported", Assert.Throws<DomainException>(() => r.Report("again", "x", At("2026-11-30 16:00"))).Code);
        Assert.Equal("Misconduct.FeedbackBeforeReport", Assert.Throws<DomainException>(() => r.ReceiveFeedback("已处理", "x", At("2026-11-30 14:00"))).Code);
        Assert.Equal("Misconduct.CloseWithoutFeedback", Assert.Throws<DomainException>(() => r.Close("x", At("2026-11-30 16:00"))).Code);

        r.ReceiveFeedback("已约谈该投标人，记不良行为一次", "科室负责人", At("2026-12-03 10:00"));
        Assert.Equal(MisconductState.FeedbackReceived, r.State);
        Assert.Equal("Misconduct.FeedbackDone", Assert.Throws<DomainException>(() => r.ReceiveFeedback("再次", "x", At("2026-12-03 11:00"))).Code);

        r.Close("科室负责人", At("2026-12-03 11:00"));
        Assert.Equal(MisconductState.Closed, r.State);
        Assert.Throws<DomainException>(() => r.Close("x", At("2026-12-03 12:00")));
    }

    [Fact]
    public void An_expert_is_recorded_by_code_only_and_a_name_in_place_of_the_code_is_refused()
    {
        Assert.Equal("Misconduct.ExpertName", Assert.Throws<DomainException>(() => New(MisconductParty.Expert, name: "张伟", code: "E00427")).Code);
        Assert.Equal("Misconduct.ExpertCode", Assert.Throws<DomainException>(() => New(MisconductParty.Expert, name: null, code: "张伟")).Code);
        Assert.Equal("Misconduct.CodeNotExpert", Assert.Throws<DomainException>(() => New(MisconductParty.Agency, name: "正衡", code: "E00427")).Code);
        var expert = New(MisconductParty.Expert, name: null, code: "e00427");
        Assert.Equal(("E00427", (string?)null, "专家 E00427"), (expert.ExpertCode, expert.PartyName, expert.PartyLabel));
        Assert.DoesNotContain("张伟", expert.EntryText(MisconductState.Recorded));
    }

    [Fact]
    public void A_party_other_than_an_expert_needs_a_name_and_a_description_is_required()
    {
        Assert.Contains("当事人名称", Assert.Throws<DomainException>(() => New(MisconductParty.Bidder, name: "  ")).Message);
        Assert.Throws<DomainException>(() => new MisconductRecord("GC-1", null, null, MisconductParty.Agency, "正衡", null,
            MisconductCategory.Other, OnTheSpotAction.None, " ", [], At("2026-11-30 09:00"), "x", At("2026-11-30 09:05"),
            MisconductRules.ReportDue(At("2026-11-30 09:00"), 1, Calendar)));
    }

    [Fact]
    public void A_time_found_after_the_record_or_more_than_30_days_before_it_is_refused()
    {
        var due = MisconductRules.ReportDue(At("2026-11-30 09:00"), 1, Calendar);
        Assert.Equal("Misconduct.FoundInFuture", Assert.Throws<DomainException>(() => new MisconductRecord("GC-1", null, null, MisconductParty.Agency, "正衡", null,
            MisconductCategory.Other, OnTheSpotAction.None, "x", [], At("2026-11-30 12:00"), "x", At("2026-11-30 09:00"), due)).Code);
        Assert.Equal("Misconduct.FoundTooLongAgo", Assert.Throws<DomainException>(() => new MisconductRecord("GC-1", null, null, MisconductParty.Agency, "正衡", null,
            MisconductCategory.Other, OnTheSpotAction.None, "x", [], At("2026-10-01 12:00"), "x", At("2026-11-30 09:00"), due)).Code);
    }

    [Fact]
    public void A_recording_reference_needs_its_channel_and_an_ordered_time_range_and_round_trips()
    {
        Assert.Equal("Misconduct.RecordingRange", Assert.Throws<DomainException>(() =>
            New(evidence: [new EvidenceReference(EvidenceKind.Recording, "K201-2")])).Code);
        Assert.Equal("Misconduct.RecordingOrder", Assert.Throws<DomainException>(() =>
            New(evidence: [new EvidenceReference(EvidenceKind.Recording, "K201-2", At("2026-11-30 09:45"), At("2026-11-30 09:40"))])).Code);
        Assert.Throws<DomainException>(() => New(evidence: Enumerable.Range(0, 11).Select(i => new EvidenceReference(EvidenceKind.Photo, $"P{i}")).ToList()));

        var r = New(evidence: [new EvidenceReference(EvidenceKind.Recording, " K201-2 ", At("2026-11-30 09:40"), At("2026-11-30 09:45")),
            new EvidenceReference(EvidenceKind.Photo, "ZP-0117")]);
        Assert.Equal([(EvidenceKind.Recording, "K201-2"), (EvidenceKind.Photo, "ZP-0117")], r.EvidenceItems.Select(e => (e.Kind, e.Reference)));
        Assert.Equal(At("2026-11-30 09:45"), r.EvidenceItems[0].Until);
    }

    [Fact]
    public void The_report_to_the_department_is_an_email_with_the_record_and_an_SMS_to_its_configured_addresses()
    {
        var r = New(evidence: [new EvidenceReference(EvidenceKind.Recording, "K201-2", At("2026-11-30 09:40"), At("2026-11-30 09:45"))]);
        r.Report("见证报〔2026〕905号", "科室负责人", At("2026-11-30 15:00"));
        var department = new WitnessOptions { DepartmentName = "市监管局", DepartmentEmail = "jg@example.gov.cn", DepartmentPhone = "13800000000" };
        var messages = MisconductNotice.For(r, department, "示范市公共资源交易中心", At("2026-11-30 15:00"));
        Assert.Equal([NotificationChannel.Email, NotificationChannel.Sms], messages.Select(m => m.Channel));
        Assert.All(messages, m => Assert.Equal(NotificationKind.DepartmentReport, m.Kind));
        Assert.Contains("K201-2", messages[0].Body);
        Assert.Contains("鑫达建筑工程有限公司", messages[0].Body);
        Assert.Single(MisconductNotice.For(r, new WitnessOptions { DepartmentEmail = null }, "中心", At("2026-11-30 15:00")));
    }

    [Fact]
    public void The_report_deadline_setting_is_valid_from_one_to_five_working_days()
    {
        Assert.True(new WitnessOptions().IsValid);
        Assert.Equal(1, new WitnessOptions().MisconductReportWorkingDays);
        Assert.False(new WitnessOptions { MisconductReportWorkingDays = 0 }.IsValid);
        Assert.False(new WitnessOptions { MisconductReportWorkingDays = 6 }.IsValid);
    }
}
