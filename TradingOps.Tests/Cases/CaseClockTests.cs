using TradingOps.Core.Calendar;
using TradingOps.Core.Cases;
using TradingOps.Core.Common;

namespace TradingOps.Tests.Cases;

/// <summary>
/// The case clocks on the real 2026 calendar (National Day 2026-10-01..07, make-up workday Saturday 2026-10-10; office
/// 08:30–12:00, 13:30–17:30): each of the nine presets for a case forwarded the day before National Day, the center's
/// forwarding clock across the holiday and across a weekend, and the desk's masking and routing rules.
/// </summary>
public sealed class CaseClockTests
{
    private static readonly WorkdayCalendar Calendar = new(OfficialSchedule.Shipped().Single(s => s.Year == 2026).Days, [2026]);

    private static DateTimeOffset At(int m, int d, int h, int min = 0) => CenterTime.At(new DateOnly(2026, m, d), new TimeOnly(h, min));

    /// <summary>Forwarded Wednesday 2026-09-30 10:00, the last working day before the National Day holiday.</summary>
    private static readonly DateTimeOffset BeforeNationalDay = At(9, 30, 10);

    [Theory]
    // 3 calendar days: 30 Sep not counted, the last day 3 Oct is a holiday → the next working day, Thursday 8 Oct (民法典 §201/§203).
    [InlineData("objection-prequalification", "2026-10-08 17:30")]
    [InlineData("objection-tender-documents", "2026-10-08 17:30")]
    [InlineData("objection-candidate-publicity", "2026-10-08 17:30")]
    // On the spot: close of office that day.
    [InlineData("objection-bid-opening", "2026-09-30 17:30")]
    // 7 working days after 30 Sep: 8, 9, 10 (Saturday, make-up workday), 12, 13, 14, 15 Oct.
    [InlineData("procurement-query", "2026-10-15 17:30")]
    // 30 working days: 8 in October's second week and a half (8–16), 19–23, 26–30, 2–6 Nov, 9–13 Nov, 16, 17 Nov.
    [InlineData("tendering-complaint", "2026-11-17 17:30")]
    [InlineData("procurement-complaint", "2026-11-17 17:30")]
    // 5 working days: 8, 9, 10 (make-up), 12, 13 Oct.
    [InlineData("service-complaint", "2026-10-13 17:30")]
    // A report has no legal deadline.
    [InlineData("report", null)]
    public void Each_preset_counts_its_deadline_across_the_National_Day_holiday(string key, string? expected)
    {
        var preset = CaseClockPreset.Defaults().Single(p => p.Key == key);
        var due = preset.DueFrom(BeforeNationalDay, Calendar);
        Assert.Equal(expected, due is { } d ? CenterTime.ToLocal(d.At).ToString("yyyy-MM-dd HH:mm") : null);
        if (due is { } firm) Assert.False(firm.Provisional);
    }

    [Fact]
    public void The_nine_presets_each_cite_a_source_and_the_ones_that_suspend_are_the_tender_objections()
    {
        var presets = CaseClockPreset.Defaults();
        Assert.Equal(9, presets.Count);
        Assert.All(presets, p => Assert.False(string.IsNullOrWhiteSpace(p.Source)));
        Assert.Equal(["objection-prequalification", "objection-tender-documents", "objection-candidate-publicity"],
            presets.Where(p => p.Suspends).Select(p => p.Key));
    }

    [Fact]
    public void Calendar_days_ending_on_a_weekend_holiday_move_to_the_next_working_day()
    {
        // Thursday 24 Sep + 3 days = Sunday 27 Sep (Mid-Autumn holiday) → Monday 28 Sep.
        var due = CaseClocks.ResponseDue(ClockCounting.CalendarDays, 3, At(9, 24, 16), Calendar)!.Value;
        Assert.Equal(At(9, 28, 17, 30), due.At);
    }

    [Fact]
    public void The_centers_forwarding_clock_skips_the_National_Day_holiday()
    {
        // Received 30 Sep 15:00: 2.5 working hours that day, the remaining 1.5 on Thursday 8 Oct from 08:30.
        var due = CaseClocks.ForwardDue(At(9, 30, 15), new CaseOptions { ForwardWorkingHours = 4 }, Calendar);
        Assert.Equal(At(10, 8, 10), due.At);
    }

    [Fact]
    public void The_centers_forwarding_clock_skips_the_weekend_and_follows_the_configured_hours()
    {
        // Friday 4 Dec 16:00: 1.5 hours on Friday, 2.5 on Monday 7 Dec from 08:30.
        Assert.Equal(At(12, 7, 11), CaseClocks.ForwardDue(At(12, 4, 16), new CaseOptions { ForwardWorkingHours = 4 }, Calendar).At);
        Assert.Equal(At(12, 4, 17), CaseClocks.ForwardDue(At(12, 4, 16), new CaseOptions { ForwardWorkingHours = 1 }, Calendar).At);
    }

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("欧阳娜娜", "欧***")]
    public void A_name_shows_its_first_character_only(string name, string masked) => Assert.Equal(masked, CaseRules.MaskName(name));

    [Fact]
    public void Phone_email_and_organisation_are_masked_on_staff_screens()
    {
        Assert.Equal("138****0000", CaseRules.MaskPhone("13812340000"));
        Assert.Equal("a***@example.com", CaseRules.MaskEmail("alice@example.com"));
        Assert.Equal("示范******", CaseRules.MaskOrganisation("示范建设集团有限公司"));
        Assert.Null(CaseRules.MaskPhone(null));
    }

    [Fact]
    public void Each_route_has_its_default_party()
    {
        Assert.Equal("示范市教育局/某招标代理有限公司", CaseRules.DefaultParty(CaseRoute.InitiatorOrAgency, "示范市教育局", "某招标代理有限公司", "监管局"));
        Assert.Equal("示范市教育局", CaseRules.DefaultParty(CaseRoute.InitiatorOrAgency, "示范市教育局", null, "监管局"));
        Assert.Equal("监管局", CaseRules.DefaultParty(CaseRoute.Department, "示范市教育局", null, "监管局"));
        Assert.Equal(CaseRules.CenterParty, CaseRules.DefaultParty(CaseRoute.Center, "示范市教育局", null, "监管局"));
    }

    [Fact]
    public void A_case_is_due_soon_when_less_working_time_than_the_margin_is_left_and_overdue_past_its_time()
    {
        var due = At(12, 7, 8, 45); // Monday 08:45: 45 working minutes after Friday 17:00
        var row = new CaseRow(Guid.NewGuid(), "TS2026-000001", CaseKind.Complaint, CaseChannel.Window, "GC1", "s", CaseState.Received,
            At(12, 4, 10), "中心转交", due, false, null, false);
        Assert.Equal(CaseDueLevel.Soon, CaseRules.DueLevel(row, At(12, 4, 17), Calendar, 60));   // 45 working minutes left over the weekend
        Assert.Equal(CaseDueLevel.Ok, CaseRules.DueLevel(row, At(12, 4, 15), Calendar, 60));     // 3 working hours left
        Assert.Equal(CaseDueLevel.Overdue, CaseRules.DueLevel(row, At(12, 7, 8, 46), Calendar, 60));
        Assert.Equal(CaseDueLevel.None, CaseRules.DueLevel(row with { State = CaseState.Resolved }, At(12, 7, 10), Calendar, 60));
    }
}
