using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Core.Statistics;
using TradingOps.Web.Statistics;

namespace TradingOps.Tests.Statistics;

public sealed class SatisfactionRulesTests
{
    [Fact]
    public void The_rate_counts_very_satisfied_satisfied_and_acceptable_over_all_ratings()
    {
        var counts = new LevelCounts(VerySatisfied: 50, Satisfied: 30, Acceptable: 10, Dissatisfied: 6, VeryDissatisfied: 4);
        Assert.Equal(100, counts.Total);
        Assert.Equal(90, counts.SatisfiedTotal);
        Assert.Equal(10, counts.Bad);
        Assert.Equal(0.9m, counts.Rate);
        Assert.Equal("90.0%", SatisfactionRules.RateText(counts.Rate));
        // 基本满意 counts as satisfied; 不满意 does not.
        Assert.Equal(1m, new LevelCounts(0, 0, 3, 0, 0).Rate);
        Assert.Equal(0m, new LevelCounts(0, 0, 0, 2, 1).Rate);
        Assert.Equal("0.0%", SatisfactionRules.RateText(new LevelCounts(0, 0, 0, 2, 1).Rate));
        Assert.Equal("66.7%", SatisfactionRules.RateText(new LevelCounts(1, 1, 0, 1, 0).Rate));
    }

    [Fact]
    public void Without_ratings_there_is_no_rate_shown_as_a_dash_not_zero_or_NaN()
    {
        var none = new LevelCounts(0, 0, 0, 0, 0);
        Assert.Null(none.Rate);
        Assert.Equal("—", SatisfactionRules.RateText(none.Rate));
        Assert.Equal("—", StatText.Rate(none.Rate));
        Assert.Equal("—", StatText.PointsChange(none.Rate, 0.9m));
        Assert.Equal("+5.0 pp", StatText.PointsChange(0.95m, 0.9m));
    }

    [Fact]
    public void The_formula_is_stated_in_the_words_of_the_five_levels()
    {
        Assert.Contains("非常满意", SatisfactionRules.Formula);
        Assert.Contains("基本满意", SatisfactionRules.Formula);
        Assert.Contains("评价总数", SatisfactionRules.Formula);
        Assert.DoesNotContain("不满意", SatisfactionRules.Formula);
    }

    [Fact]
    public void Level_counts_add_up_and_count_each_level()
    {
        var counts = LevelCounts.Of([RatingLevel.VerySatisfied, RatingLevel.VerySatisfied, RatingLevel.Acceptable, RatingLevel.VeryDissatisfied]);
        Assert.Equal(new LevelCounts(2, 0, 1, 0, 1), counts);
        Assert.Equal(new LevelCounts(4, 0, 2, 0, 2), counts + counts);
        Assert.Equal(1, counts[RatingLevel.VeryDissatisfied]);
    }

    [Theory]
    [InlineData("2026-11-18", PeriodKind.Week, "2026-11-16", "2026-11-22")]  // a Wednesday: Monday to Sunday
    [InlineData("2026-11-16", PeriodKind.Week, "2026-11-16", "2026-11-22")]  // the Monday itself
    [InlineData("2026-11-22", PeriodKind.Week, "2026-11-16", "2026-11-22")]  // the Sunday belongs to the week before Monday
    [InlineData("2026-02-14", PeriodKind.Month, "2026-02-01", "2026-02-28")]
    [InlineData("2028-02-29", PeriodKind.Month, "2028-02-01", "2028-02-29")]
    [InlineData("2026-11-18", PeriodKind.Day, "2026-11-18", "2026-11-18")]
    public void A_period_runs_from_Monday_to_Sunday_or_over_the_calendar_month(string day, PeriodKind kind, string start, string end)
    {
        var period = Period.Containing(kind, DateOnly.Parse(day));
        Assert.Equal((DateOnly.Parse(start), DateOnly.Parse(end)), (period.Start, period.End));
    }

    [Fact]
    public void The_previous_period_is_the_one_just_before_of_the_same_kind()
    {
        Assert.Equal(new Period(PeriodKind.Week, new(2026, 11, 9), new(2026, 11, 15)), Period.Containing(PeriodKind.Week, new(2026, 11, 18)).Previous);
        Assert.Equal(new Period(PeriodKind.Month, new(2026, 2, 1), new(2026, 2, 28)), Period.Containing(PeriodKind.Month, new(2026, 3, 31)).Previous);
        Assert.Equal(new Period(PeriodKind.Month, new(2025, 12, 1), new(2025, 12, 31)), Period.Containing(PeriodKind.Month, new(2026, 1, 5)).Previous);
    }

    [Fact]
    public void A_follow_up_is_open_until_a_deadline_passes_then_overdue_and_closed_once_closed()
    {
        var calendar = new WorkdayCalendar([], [2026]);
        var day = new DateOnly(2026, 11, 16);
        var at = CenterTime.At(day, new TimeOnly(10, 0));
        var ticket = new QueueTicket(Guid.NewGuid(), "A", day, 1, at, TicketChannel.Kiosk);
        ticket.CallTo(Guid.NewGuid(), at); ticket.StartServing(at); ticket.Finish(ServiceOutcome.Completed, null, at);
        var followUp = new SatisfactionRating(ticket, RatingLevel.Dissatisfied, ["等候时间长"], null, RatingChannel.Pad, at).OpenFollowUp(calendar, 1, 15)!;

        Assert.Equal(FollowUpState.Open, SatisfactionRules.StateOf(followUp, at.AddHours(1)));
        Assert.Equal(FollowUpState.Overdue, SatisfactionRules.StateOf(followUp, followUp.ContactDueAt.AddMinutes(1))); // nobody called back
        followUp.RecordContact("已回访", followUp.ContactDueAt.AddMinutes(2));
        Assert.Equal(FollowUpState.Open, SatisfactionRules.StateOf(followUp, followUp.ContactDueAt.AddMinutes(3)));
        Assert.Equal(FollowUpState.Overdue, SatisfactionRules.StateOf(followUp, followUp.ResolveDueAt.AddMinutes(1)));
        followUp.Close("已整改", "科长", followUp.ResolveDueAt.AddMinutes(2));
        Assert.Equal(FollowUpState.Closed, SatisfactionRules.StateOf(followUp, followUp.ResolveDueAt.AddDays(3)));
    }

    [Fact]
    public void The_90th_percentile_is_the_nearest_rank_value()
    {
        Assert.Equal(0m, DayFigures.Percentile([], 0.9m));
        Assert.Equal(7m, DayFigures.Percentile([7m], 0.9m));
        Assert.Equal(9m, DayFigures.Percentile([1m, 2m, 3m, 4m, 5m, 6m, 7m, 8m, 9m, 10m], 0.9m));
        Assert.Equal(10m, DayFigures.Percentile([1m, 2m, 3m, 4m, 5m, 6m, 7m, 8m, 9m, 10m, 11m], 0.9m)); // rank ceil(9.9) = 10
    }

    [Fact]
    public void The_service_clerk_is_recorded_and_kept_when_a_change_names_no_clerk()
    {
        var day = new DateOnly(2026, 11, 16);
        var at = CenterTime.At(day, new TimeOnly(10, 0));
        var ticket = new QueueTicket(Guid.NewGuid(), "A", day, 1, at, TicketChannel.Kiosk);
        var zhangMin = new WindowClerk(Guid.NewGuid(), WindowClerk.LabelOf("0123", "张敏"));
        ticket.CallTo(Guid.NewGuid(), at, zhangMin);
        ticket.StartServing(at.AddMinutes(1));
        Assert.Equal((zhangMin.StaffId, "0123 / 张敏"), (ticket.ServedByStaffId, ticket.ServedByName));
    }
}
