using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Duty;
using TradingOps.Core.Notifications;

namespace TradingOps.Tests.Duty;

/// <summary>The roster's rules on the official 2026 calendar: shifts across a holiday and a make-up workday, gaps, duplicates, who is on duty now, the SMS.</summary>
public sealed class DutyRosterRulesTests
{
    private static readonly WorkdayCalendar Calendar = Official2026();
    private static readonly DutyOptions Options = new();
    private static readonly DateTimeOffset At0 = CenterTime.At(new DateOnly(2026, 9, 1), new TimeOnly(9, 0));

    private static WorkdayCalendar Official2026()
    {
        var schedule = OfficialSchedule.Shipped().Single(s => s.Year == 2026);
        return new WorkdayCalendar(schedule.Days, [schedule.Year]);
    }

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => CenterTime.At(new DateOnly(2026, month, day), new TimeOnly(hour, minute));

    private static DutyAssignment Row(DateOnly day, DutyShift shift, DutyRole role, int order, Guid staff, string name) =>
        new(day, shift, role, order, staff, name, "admin", At0);

    [Fact]
    public void A_make_up_Sunday_has_day_and_evening_shifts_and_a_holiday_one_holiday_shift()
    {
        Assert.Equal([DutyShift.Day, DutyShift.Evening], DutyRoster.ShiftsOf(Calendar, new DateOnly(2026, 9, 20)));   // 调休 Sunday
        Assert.Equal([DutyShift.Day, DutyShift.Evening], DutyRoster.ShiftsOf(Calendar, new DateOnly(2026, 10, 10)));  // 调休 Saturday
        Assert.Equal([DutyShift.Holiday], DutyRoster.ShiftsOf(Calendar, new DateOnly(2026, 9, 27)));                   // holiday
        Assert.Equal([DutyShift.Holiday], DutyRoster.ShiftsOf(Calendar, new DateOnly(2026, 10, 3)));                   // 国庆

        // Saturday 09-19 is off (one holiday shift); the make-up Sunday 09-20 and Monday are worked (two shifts each).
        var slots = DutyRosterRules.Slots(Calendar, new DateOnly(2026, 9, 19), new DateOnly(2026, 9, 21));
        Assert.Equal([new RosterSlot(new(2026, 9, 19), DutyShift.Holiday), new RosterSlot(new(2026, 9, 20), DutyShift.Day),
            new RosterSlot(new(2026, 9, 20), DutyShift.Evening), new RosterSlot(new(2026, 9, 21), DutyShift.Day), new RosterSlot(new(2026, 9, 21), DutyShift.Evening)], slots);
    }

    [Fact]
    public void The_shift_covering_an_instant_follows_the_calendar_and_runs_past_midnight()
    {
        // Before 08:30 on the make-up Sunday it is still Saturday's holiday shift; then the working day's day and evening shifts.
        Assert.Equal((new DateOnly(2026, 9, 19), DutyShift.Holiday), DutyRoster.ShiftAt(Calendar, Local(9, 20, 7, 0), Options));
        Assert.Equal((new DateOnly(2026, 9, 20), DutyShift.Day), DutyRoster.ShiftAt(Calendar, Local(9, 20, 9, 0), Options));
        Assert.Equal((new DateOnly(2026, 9, 20), DutyShift.Evening), DutyRoster.ShiftAt(Calendar, Local(9, 20, 23, 0), Options));
        Assert.Equal((new DateOnly(2026, 9, 20), DutyShift.Evening), DutyRoster.ShiftAt(Calendar, Local(9, 21, 8, 29), Options));
        Assert.Equal((new DateOnly(2026, 9, 27), DutyShift.Holiday), DutyRoster.ShiftAt(Calendar, Local(9, 27, 18, 0), Options));

        // A holiday shift runs from its 08:30 to the next day's; an evening shift from 17:30 to the next day's 08:30.
        Assert.Equal(Local(9, 27, 8, 30), DutyRosterRules.Starts(new DateOnly(2026, 9, 27), DutyShift.Holiday, Options));
        Assert.Equal(Local(9, 28, 8, 30), DutyRosterRules.Ends(new DateOnly(2026, 9, 27), DutyShift.Holiday, Options));
        Assert.Equal(Local(9, 20, 17, 30), DutyRosterRules.Ends(new DateOnly(2026, 9, 20), DutyShift.Day, Options));
        Assert.Equal(Local(9, 21, 8, 30), DutyRosterRules.Ends(new DateOnly(2026, 9, 20), DutyShift.Evening, Options));
    }

    [Fact]
    public void A_shift_on_the_calendar_without_someone_in_every_role_is_a_gap_and_a_day_shift_on_a_holiday_is_off_calendar()
    {
        var (li, wang, zhao) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var holiday = new DateOnly(2026, 9, 27);
        var rows = new[]
        {
            Row(holiday, DutyShift.Holiday, DutyRole.DutyManager, 1, li, "李强"),
            Row(holiday, DutyShift.Holiday, DutyRole.Technician, 1, wang, "王工"),
            Row(holiday, DutyShift.Day, DutyRole.Security, 1, zhao, "赵安"), // no day shift on a holiday
        };
        var problems = DutyRosterRules.Problems(Calendar, holiday, holiday, rows);

        Assert.Equal([(DutyShift.Holiday, DutyRole.Security, RosterProblemKind.Gap), (DutyShift.Day, DutyRole.Security, RosterProblemKind.OffCalendar)],
            problems.Select(p => (p.Shift, p.Role, p.Kind)).OrderBy(p => p.Kind));
        Assert.Contains("缺安保", problems.Single(p => p.Kind == RosterProblemKind.Gap).Message);

        // A make-up Saturday needs both shifts filled: an empty roster has six gaps (two shifts × three roles).
        Assert.Equal(6, DutyRosterRules.Problems(Calendar, new DateOnly(2026, 10, 10), new DateOnly(2026, 10, 10), []).Count(p => p.Kind == RosterProblemKind.Gap));
    }

    [Fact]
    public void One_person_in_two_roles_of_a_shift_is_a_duplicate_and_setting_it_is_refused_in_Chinese()
    {
        var (li, wang) = (Guid.NewGuid(), Guid.NewGuid());
        var day = new DateOnly(2026, 9, 28);
        var rows = new[]
        {
            Row(day, DutyShift.Day, DutyRole.DutyManager, 1, li, "李强"),
            Row(day, DutyShift.Day, DutyRole.Technician, 1, li, "李强"),
            Row(day, DutyShift.Day, DutyRole.Security, 1, wang, "王安"),
        };
        var duplicate = Assert.Single(DutyRosterRules.Problems(Calendar, day, day, rows), p => p.Kind == RosterProblemKind.Duplicate);
        Assert.Contains("李强 重复排班", duplicate.Message);

        Assert.Equal("李强 本班次已在值班主任岗位值班", DutyRosterRules.CheckSet(Calendar, day, DutyShift.Day, DutyRole.Technician, [li], rows.Take(1)));
        Assert.Equal("同一人不能在同一岗位出现两次", DutyRosterRules.CheckSet(Calendar, day, DutyShift.Day, DutyRole.Technician, [wang, wang], []));
        Assert.Contains("非工作日，只排节假日班", DutyRosterRules.CheckSet(Calendar, new DateOnly(2026, 9, 27), DutyShift.Day, DutyRole.Technician, [wang], []));
        Assert.Contains("工作日，只排白班和夜班", DutyRosterRules.CheckSet(Calendar, new DateOnly(2026, 9, 20), DutyShift.Holiday, DutyRole.Technician, [wang], []));
        Assert.Null(DutyRosterRules.CheckSet(Calendar, day, DutyShift.Evening, DutyRole.Technician, [li, wang], rows));
    }

    [Fact]
    public void Who_is_on_duty_now_is_per_role_in_calling_order_until_the_shift_ends_and_the_wall_sees_no_phone()
    {
        var (li, wang, zhou) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var day = new DateOnly(2026, 9, 20);
        var rows = new[]
        {
            Row(day, DutyShift.Evening, DutyRole.Technician, 2, zhou, "周工"),
            Row(day, DutyShift.Evening, DutyRole.Technician, 1, wang, "王工"),
            Row(day, DutyShift.Evening, DutyRole.DutyManager, 1, li, "李强"),
            Row(day, DutyShift.Day, DutyRole.DutyManager, 1, zhou, "周工"),
        };
        var phones = new Dictionary<Guid, string?> { [wang] = "13900000001", [li] = "13900000002" };
        var view = DutyNowView.At(Calendar, Local(9, 21, 2, 0), Options, rows, phones);

        Assert.Equal((day, DutyShift.Evening), (view.Day, view.Shift));
        Assert.Equal(["王工", "周工"], view.InRole(DutyRole.Technician).Select(p => p.Name));
        Assert.Equal("13900000001", view.First(DutyRole.Technician)!.Phone);
        Assert.Equal("李强", view.First(DutyRole.DutyManager)!.Name);
        Assert.Null(view.First(DutyRole.Security));
        Assert.Equal(Local(9, 21, 8, 30), view.Until);
        Assert.True(view.Covers(Local(9, 21, 8, 29)));
        Assert.False(view.Covers(Local(9, 21, 8, 30)));
        Assert.All(view.ForWall().People, p => Assert.Null(p.Phone));
        Assert.Equal(3, view.ForWall().People.Count);
    }

    [Fact]
    public void The_alert_SMS_names_the_alert_and_says_when_it_was_escalated_and_nobody_without_a_phone_is_texted()
    {
        var alert = new OpsAlert(OpsAlertKind.DeviceSilent, "device:1", "K201 门牌屏失联", "最后心跳 09:58", null, Local(12, 3, 10, 0));
        alert.Assign(Guid.NewGuid(), "王工", 0, Local(12, 3, 10, 0));
        var first = DutyNotices.For(alert, "王工", "13900000001", "示范中心", Local(12, 3, 10, 0))!;
        Assert.Equal((NotificationKind.DutyAlert, NotificationChannel.Sms, "13900000001"), (first.Kind, first.Channel, first.Address));
        Assert.Contains("【示范中心】王工：运维告警：设备失联 K201 门牌屏失联（12-03 10:00 起）。最后心跳 09:58。", first.Body);

        alert.Assign(Guid.NewGuid(), "周工", 1, Local(12, 3, 10, 10));
        var escalated = DutyNotices.For(alert, "周工", "13900000002", "示范中心", Local(12, 3, 10, 10))!;
        Assert.Contains("运维告警升级（第 2 级）", escalated.Body);
        Assert.Contains("前一位值班人员未确认", escalated.Body);
        Assert.Null(DutyNotices.For(alert, "周工", " ", "示范中心", Local(12, 3, 10, 10)));
    }

    [Fact]
    public void The_wall_shows_open_operations_alerts_oldest_first_with_phone_and_id_numbers_masked()
    {
        var at = new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);
        OpsAlertRow Row(string key, string title, string? detail, int minutes, bool cleared = false) => new(Guid.NewGuid(), OpsAlertKind.DeviceSilent, DutyRole.Technician,
            key, title, detail, null, at.AddMinutes(minutes), cleared ? at.AddMinutes(minutes + 1) : null, null, null, "潘俊驰", 0, at.AddMinutes(minutes));
        var shown = OpsAlertProjection.ForWall([
            Row("b", "K201 门牌屏失联", "联系 13912345678 或 0871-63123456", 5),
            Row("a", "一楼叫号屏失联", null, 1),
            Row("c", "已恢复", null, 0, cleared: true),
        ]);
        Assert.Equal(["a", "b"], shown.Select(a => a.Key));
        Assert.Equal("联系 *********** 或 *************", shown[1].Detail);
        Assert.DoesNotContain("13912345678", string.Join(" ", shown.Select(a => a.Title + a.Detail)));
    }
}
