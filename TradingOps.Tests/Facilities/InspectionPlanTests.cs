using TradingOps.Core.Calendar;
using TradingOps.Core.Facilities;

namespace TradingOps.Tests.Facilities;

/// <summary>Which inspections fall on a day, on the 2026 holiday calendar (National Day, its make-up workdays, New Year).</summary>
public sealed class InspectionPlanTests
{
    private static readonly WorkdayCalendar Calendar = new(OfficialSchedule.Shipped().Single(s => s.Year == 2026).Days, [2026]);

    private static InspectionFrequency[] DueOn(string day) =>
        Enum.GetValues<InspectionFrequency>().Where(f => InspectionPlan.IsDue(f, Calendar, DateOnly.Parse(day))).ToArray();

    [Theory]
    [InlineData("2026-10-01")]
    [InlineData("2026-10-02")]
    [InlineData("2026-10-03")]
    [InlineData("2026-10-04")]
    [InlineData("2026-10-05")] // a Monday, but a holiday
    [InlineData("2026-10-06")]
    [InlineData("2026-10-07")]
    public void Nothing_is_inspected_on_a_National_Day_holiday(string day) => Assert.Empty(DueOn(day));

    [Fact]
    public void The_first_working_day_after_the_holiday_has_the_daily_weekly_and_monthly_rounds()
    {
        // 2026-10-08 (Thu) is the first working day of the week of 5 October and of October (which starts on a holiday).
        Assert.Equal([InspectionFrequency.Daily, InspectionFrequency.Weekly, InspectionFrequency.Monthly], DueOn("2026-10-08"));
        Assert.Equal([InspectionFrequency.Daily], DueOn("2026-10-09"));
    }

    [Fact]
    public void A_make_up_Saturday_has_the_daily_round_only()
    {
        Assert.Equal([InspectionFrequency.Daily], DueOn("2026-10-10"));
        Assert.Empty(DueOn("2026-10-11")); // an ordinary Sunday
    }

    [Fact]
    public void A_make_up_Sunday_that_opens_the_month_has_the_monthly_round_but_not_the_weekly()
    {
        // 2026-01-04 (Sun) is a make-up workday and January's first working day; its week began on Monday 29 December.
        Assert.Equal([InspectionFrequency.Daily, InspectionFrequency.Monthly], DueOn("2026-01-04"));
        Assert.Equal([InspectionFrequency.Daily, InspectionFrequency.Weekly], DueOn("2026-01-05"));
        Assert.Empty(DueOn("2026-01-01"));
    }

    [Fact]
    public void An_ordinary_week_has_its_weekly_round_on_Monday_and_an_ordinary_month_on_its_first()
    {
        Assert.Equal([InspectionFrequency.Daily, InspectionFrequency.Weekly], DueOn("2026-11-09")); // Monday
        Assert.Equal([InspectionFrequency.Daily], DueOn("2026-11-10"));
        Assert.Equal([InspectionFrequency.Daily, InspectionFrequency.Weekly, InspectionFrequency.Monthly], DueOn("2026-11-02")); // Monday, November's first working day
        Assert.Equal([InspectionFrequency.Daily, InspectionFrequency.Monthly], DueOn("2026-12-01")); // Tuesday 1 December
        Assert.Equal([InspectionFrequency.Daily, InspectionFrequency.Weekly, InspectionFrequency.Monthly], DueOn("2026-06-01")); // Monday 1 June
    }

    [Fact]
    public void A_task_is_overdue_only_once_due_time_and_grace_have_passed_and_while_it_is_open()
    {
        var day = new DateOnly(2026, 10, 8);
        var equipment = new Equipment("SB-K201-01", "第一开标室录音录像系统", EquipmentCategory.Recorder, Guid.NewGuid(), Guid.NewGuid(), true,
            null, null, null, new DateOnly(2024, 1, 1), null, "test", DateTimeOffset.UtcNow);
        var schedule = new InspectionSchedule(EquipmentCategory.Recorder, InspectionFrequency.Daily, new TimeOnly(8, 45), ["画面正常", "存储充足"], "test", DateTimeOffset.UtcNow);
        var task = new InspectionTask(equipment, schedule, day, InspectionPlan.DueAt(day, schedule.DueBy), DateTimeOffset.UtcNow);
        var due = TradingOps.Core.Common.CenterTime.At(day, new TimeOnly(8, 45));
        Assert.Equal(due, task.DueAt);
        Assert.False(InspectionPlan.IsOverdue(task, due.AddMinutes(30), 30));
        Assert.True(InspectionPlan.IsOverdue(task, due.AddMinutes(31), 30));
        Assert.True(InspectionPlan.Overdue(due.AddMinutes(31), 30).Compile()(task)); // the query's form says the same
        Assert.False(InspectionPlan.Overdue(due.AddMinutes(30), 30).Compile()(task));
        task.Complete([true, true], null, "巡检员", due.AddMinutes(40));
        Assert.False(InspectionPlan.IsOverdue(task, due.AddHours(5), 30));
    }

    [Fact]
    public void Every_category_has_a_default_schedule_with_a_Chinese_checklist()
    {
        foreach (var category in Enum.GetValues<EquipmentCategory>())
        {
            var items = InspectionPlan.DefaultChecklist(category);
            Assert.NotEmpty(items);
            Assert.All(items, i => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", i));
            Assert.True(Enum.IsDefined(InspectionPlan.DefaultFrequency(category)));
        }
        Assert.Equal(InspectionFrequency.Daily, InspectionPlan.DefaultFrequency(EquipmentCategory.Decryptor));
    }
}
