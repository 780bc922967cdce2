using TradingOps.Core.Registrations;
using static TradingOps.Tests.Registrations.RegistrationTestData;

namespace TradingOps.Tests.Registrations;

/// <summary>Liaoning 6.2.4 (2 working days) and Yunnan 5.3.3/5.3.5 (3 working hours) on the 2026 calendar, office hours 08:30-12:00, 13:30-17:30.</summary>
public sealed class ServiceTimeDeadlineTests
{
    [Theory]
    [InlineData("2026-11-23 10:30", "2026-11-23 15:00")] // Monday morning: across lunch
    [InlineData("2026-11-23 12:30", "2026-11-23 16:30")] // handed in during lunch: counting starts at 13:30
    [InlineData("2026-11-23 16:30", "2026-11-24 10:30")] // late afternoon: across the evening
    [InlineData("2026-11-23 20:00", "2026-11-24 11:30")] // handed in at night: counting starts next morning
    [InlineData("2026-11-27 16:00", "2026-11-30 10:00")] // Friday: across the weekend
    [InlineData("2026-09-24 16:00", "2026-09-28 10:00")] // Thursday before 中秋 (25-27 Sep): across the holiday
    [InlineData("2026-10-09 16:00", "2026-10-10 10:00")] // Friday before the adjusted Saturday 10 Oct: that Saturday counts
    [InlineData("2026-02-13 16:00", "2026-02-14 10:00")] // Friday before the adjusted Saturday 14 Feb (春节调休)
    public void Yunnan_check_within_3_working_hours(string submitted, string due) =>
        Assert.Equal(due, Local(ServiceTimePolicy.Yunnan.DueAt(At(submitted), Calendar2026)));

    [Theory]
    [InlineData("2026-11-23 10:30", "2026-11-25 17:30")] // Monday → Wednesday close
    [InlineData("2026-11-26 16:00", "2026-11-30 17:30")] // Thursday → across the weekend to Monday
    [InlineData("2026-09-30 10:00", "2026-10-09 17:30")] // eve of 国庆: 1-7 Oct do not count
    [InlineData("2026-09-24 09:00", "2026-09-29 17:30")] // before 中秋
    [InlineData("2026-10-09 09:00", "2026-10-12 17:30")] // Friday → adjusted Saturday 10 Oct is day one
    public void Liaoning_registration_completed_within_2_working_days(string submitted, string due) =>
        Assert.Equal(due, Local(ServiceTimePolicy.Liaoning.DueAt(At(submitted), Calendar2026)));

    [Fact]
    public void The_strictest_preset_takes_the_earlier_of_the_two_limits() =>
        Assert.Equal("2026-11-23 15:00", Local(ServiceTimePolicy.Strictest.DueAt(At("2026-11-23 10:30"), Calendar2026)));

    [Fact]
    public void Yunnan_changes_are_due_within_3_working_hours_and_Liaoning_sets_no_change_limit()
    {
        Assert.Equal("2026-11-24 10:30", Local(ServiceTimePolicy.Yunnan.ChangeDueAt(At("2026-11-23 16:30"), Calendar2026)!.Value));
        Assert.Null(ServiceTimePolicy.Liaoning.ChangeDueAt(At("2026-11-23 16:30"), Calendar2026));
    }

    [Theory]
    [InlineData("2026-11-23 13:59", "Fresh")]
    [InlineData("2026-11-23 14:00", "DueSoon")]  // exactly one working hour left
    [InlineData("2026-11-23 14:59", "DueSoon")]
    [InlineData("2026-11-23 15:00", "Overdue")]  // the deadline itself
    [InlineData("2026-11-23 18:00", "Overdue")]
    public void An_item_turns_due_soon_one_working_hour_before_and_overdue_at_the_deadline(string now, string urgency) =>
        Assert.Equal(urgency, ServiceTimePolicy.UrgencyAt(At("2026-11-23 15:00"), At(now), Calendar2026).ToString());

    [Theory]
    [InlineData("2026-11-23 11:20", "Fresh")]    // 40 min before lunch + 30 min after = 70 min
    [InlineData("2026-11-23 11:30", "DueSoon")]  // 30 + 30 = one working hour
    [InlineData("2026-11-23 12:45", "DueSoon")]  // lunch does not count
    public void Lunch_does_not_count_towards_the_hour_left(string now, string urgency) =>
        Assert.Equal(urgency, ServiceTimePolicy.UrgencyAt(At("2026-11-23 14:00"), At(now), Calendar2026).ToString());

    [Theory]
    [InlineData("2026-11-27 16:00", "Fresh")]   // Friday: 90 min + 30 min on Monday
    [InlineData("2026-11-27 17:00", "DueSoon")] // 30 min Friday + 30 min Monday
    [InlineData("2026-11-28 12:00", "DueSoon")] // the weekend does not count
    public void Evenings_and_weekends_do_not_count_towards_the_hour_left(string now, string urgency) =>
        Assert.Equal(urgency, ServiceTimePolicy.UrgencyAt(At("2026-11-30 09:00"), At(now), Calendar2026).ToString());

    [Fact]
    public void Custom_rules_without_any_limit_are_refused_with_a_Chinese_message()
    {
        var ex = Assert.Throws<TradingOps.Core.Common.DomainException>(() => new ServiceTimePolicy("x", null, null, null).Validated());
        Assert.Contains("至少", ex.Message);
        Assert.Throws<TradingOps.Core.Common.DomainException>(() => new ServiceTimePolicy("x", -1, null, null).Validated());
    }
}
