using TradingOps.Core.Calendar;
using TradingOps.Core.Common;

namespace TradingOps.Tests.Core;

public sealed class WorkdayCalendarTests
{
    private static readonly WorkdayCalendar Calendar = Official2026();

    private static WorkdayCalendar Official2026()
    {
        var schedule = OfficialSchedule.Shipped().Single(s => s.Year == 2026);
        return new WorkdayCalendar(schedule.Days, [schedule.Year]);
    }

    private static DateTimeOffset At(string local) =>
        CenterTime.At(DateOnly.Parse(local[..10]), TimeOnly.Parse(local[11..]));

    private static string Local(DateTimeOffset instant) => CenterTime.ToLocal(instant).ToString("yyyy-MM-dd HH:mm");

    [Fact]
    public void The_shipped_2026_schedule_has_every_holiday_and_adjusted_workday_of_the_State_Council_notice()
    {
        var schedule = OfficialSchedule.Shipped().Single(s => s.Year == 2026);
        // 元旦 3 + 春节 9 + 清明 3 + 劳动节 5 + 端午 3 + 中秋 3 + 国庆 7
        Assert.Equal(33, schedule.Days.Count(d => d.Kind == CalendarDayKind.Holiday));
        Assert.Equal(6, schedule.Days.Count(d => d.Kind == CalendarDayKind.AdjustedWorkday));
        Assert.Contains("国务院办公厅", schedule.Source);
    }

    [Theory]
    [InlineData("2026-02-14", true)]  // Saturday, 春节调休上班
    [InlineData("2026-02-16", false)] // Monday, 春节
    [InlineData("2026-10-08", true)]  // Thursday after 国庆
    [InlineData("2026-10-10", true)]  // Saturday, 国庆调休上班
    [InlineData("2026-10-11", false)] // Sunday
    [InlineData("2026-11-23", true)]  // ordinary Monday
    [InlineData("2026-11-28", false)] // ordinary Saturday
    public void A_day_is_a_working_day_on_weekdays_and_adjusted_weekends_but_not_on_holidays(string date, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(date)));

    [Fact]
    public void One_working_day_after_Friday_13_February_2026_is_the_adjusted_Saturday_the_14th() =>
        Assert.Equal(new DateOnly(2026, 2, 14), Calendar.AddWorkingDays(new DateOnly(2026, 2, 13), 1));

    [Fact]
    public void One_working_day_after_30_September_2026_is_8_October_past_the_National_Day_holiday() =>
        Assert.Equal(new DateOnly(2026, 10, 8), Calendar.AddWorkingDays(new DateOnly(2026, 9, 30), 1));

    [Fact]
    public void Two_working_days_after_the_adjusted_Saturday_14_February_skip_the_whole_Spring_Festival() =>
        // 2/14 (Sat, worked) -> 2/24 (Tue, first day after the holiday) -> 2/25
        Assert.Equal(new DateOnly(2026, 2, 25), Calendar.AddWorkingDays(new DateOnly(2026, 2, 14), 2));

    [Fact]
    public void Counting_working_days_backwards_skips_holidays_too() =>
        Assert.Equal(new DateOnly(2026, 9, 30), Calendar.AddWorkingDays(new DateOnly(2026, 10, 8), -1));

    [Theory]
    // within one morning
    [InlineData("2026-11-23 09:00", 2, "2026-11-23 11:00")]
    // across lunch: 11:00 + 2h = 12:00 (1h) + 13:30..14:30
    [InlineData("2026-11-23 11:00", 2, "2026-11-23 14:30")]
    // started during lunch: counting begins at 13:30
    [InlineData("2026-11-23 12:15", 1, "2026-11-23 14:30")]
    // across the evening: 16:30 + 3h = 17:30 (1h) + next morning 08:30..10:30
    [InlineData("2026-11-23 16:30", 3, "2026-11-24 10:30")]
    // received after hours: starts next working morning
    [InlineData("2026-11-23 19:00", 3, "2026-11-24 11:30")]
    // across the weekend: Friday 16:00 + 3h = 17:30 (1.5h) + Monday 08:30..10:00
    [InlineData("2026-11-27 16:00", 3, "2026-11-30 10:00")]
    // received on a Sunday
    [InlineData("2026-11-29 10:00", 3, "2026-11-30 11:30")]
    // across National Day: Wednesday 30 Sep 16:00 + 3h -> Thursday 8 Oct 10:00
    [InlineData("2026-09-30 16:00", 3, "2026-10-08 10:00")]
    // an adjusted workday counts: Friday 13 Feb 17:00 + 1h -> Saturday 14 Feb 09:00
    [InlineData("2026-02-13 17:00", 1, "2026-02-14 09:00")]
    // exactly using up the morning ends at 12:00, not at 13:30
    [InlineData("2026-11-23 08:30", 3.5, "2026-11-23 12:00")]
    // a whole office day is 7.5 hours
    [InlineData("2026-11-23 08:30", 7.5, "2026-11-23 17:30")]
    public void Working_hours_count_only_office_time_on_working_days(string start, double hours, string expected) =>
        Assert.Equal(expected, Local(Calendar.AddWorkingHours(At(start), hours)));

    [Fact]
    public void Working_time_between_two_instants_leaves_out_lunch_nights_weekends_and_holidays()
    {
        Assert.Equal(TimeSpan.FromHours(2), Calendar.WorkingTimeBetween(At("2026-11-23 11:00"), At("2026-11-23 14:30")));
        Assert.Equal(TimeSpan.FromHours(3), Calendar.WorkingTimeBetween(At("2026-09-30 16:00"), At("2026-10-08 10:00")));
        Assert.Equal(TimeSpan.FromHours(-3), Calendar.WorkingTimeBetween(At("2026-10-08 10:00"), At("2026-09-30 16:00")));
    }

    [Fact]
    public void Adding_working_time_then_measuring_it_gives_the_same_duration()
    {
        var start = At("2026-04-03 15:10"); // Friday before 清明
        var deadline = Calendar.AddWorkingHours(start, 9.25);
        Assert.Equal(TimeSpan.FromHours(9.25), Calendar.WorkingTimeBetween(start, deadline));
    }

    [Fact]
    public void A_two_working_day_deadline_ends_at_close_of_office_on_the_second_working_day()
    {
        // Received Wednesday 30 Sep: 8 Oct is the 1st working day, 9 Oct the 2nd.
        Assert.Equal("2026-10-09 17:30", Local(Calendar.WorkingDaysDeadline(At("2026-09-30 10:00"), 2)));
    }

    [Fact]
    public void Office_hours_are_configurable()
    {
        var calendar = new WorkdayCalendar([], [], OfficeHours.Parse("09:00-12:00,14:00-18:00"));
        Assert.Equal("2026-11-23 15:00", Local(calendar.AddWorkingHours(At("2026-11-23 11:00"), 2)));
        Assert.Equal(TimeSpan.FromHours(7), calendar.OfficeHours.PerDay);
    }

    [Theory]
    [InlineData("")]
    [InlineData("8:30-12:00")]
    [InlineData("12:00-08:30")]
    [InlineData("08:30-12:00,11:00-17:00")]
    public void Malformed_office_hours_are_refused_with_a_message(string text)
    {
        var error = Assert.Throws<DomainException>(() => OfficeHours.Parse(text));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void A_year_without_an_entered_schedule_is_reported_as_unknown()
    {
        Assert.True(Calendar.IsYearKnown(2026));
        Assert.False(Calendar.IsYearKnown(2027));
    }

    [Fact]
    public void A_schedule_listing_a_day_as_both_holiday_and_workday_is_refused()
    {
        const string json = """
            { "year": 2027, "source": "test", "holidays": [ { "name": "元旦", "from": "2027-01-01", "to": "2027-01-03" } ],
              "adjustedWorkdays": [ { "date": "2027-01-02", "for": "元旦" } ] }
            """;
        Assert.Throws<DomainException>(() => OfficialSchedule.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))));
    }
}
