using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Queue;
using TradingOps.Core.Statistics;
using TradingOps.Data;
using TradingOps.Data.Seeding;
using TradingOps.Data.Statistics;
using TradingOps.Tests.Fixtures;
using TradingOps.Web;
using TradingOps.Web.Statistics;

namespace TradingOps.Tests.Statistics;

/// <summary>Statistics compare like with like: a period still running against the same days of the period before.</summary>
public sealed class PeriodComparisonTests
{
    private static Period Month(string anyDay, string today) =>
        Period.Containing(PeriodKind.Month, DateOnly.Parse(anyDay)).Through(DateOnly.Parse(today));

    [Theory]
    [InlineData("2026-12-04", "2026-11-01", "2026-11-04")]  // Dec 1–4 against Nov 1–4, not the whole of November
    [InlineData("2026-03-30", "2026-02-01", "2026-02-28")]  // Mar 1–30: February has only 28 days
    [InlineData("2028-03-30", "2028-02-01", "2028-02-29")]  // … or 29 in a leap year
    [InlineData("2026-01-04", "2025-12-01", "2025-12-04")]  // January against the previous December
    [InlineData("2026-05-31", "2026-04-01", "2026-04-30")]  // the last day: May is whole, compared with the whole of April
    [InlineData("2026-12-01", "2026-11-01", "2026-11-01")]  // the first day against the first day
    public void Month_to_date_is_compared_with_the_same_days_of_the_previous_month_clipped_to_its_length(string today, string start, string end)
    {
        var period = Month(today, today);
        Assert.Equal(new Period(PeriodKind.Month, DateOnly.Parse(start), DateOnly.Parse(end)), period.Previous);
    }

    [Fact]
    public void Mar_31_is_a_whole_month_and_is_compared_with_the_whole_of_February()
    {
        var march = Month("2026-03-31", "2026-03-31");
        Assert.True(march.IsWhole);
        Assert.Equal(new Period(PeriodKind.Month, new(2026, 2, 1), new(2026, 2, 28)), march.Previous);
        Assert.Equal(new Period(PeriodKind.Month, new(2028, 2, 1), new(2028, 2, 29)), Month("2028-03-31", "2028-03-31").Previous);
    }

    [Fact]
    public void A_past_or_future_period_stays_whole_and_is_compared_with_the_whole_period_before()
    {
        var october = Month("2026-10-15", "2026-12-04");
        Assert.Equal(new Period(PeriodKind.Month, new(2026, 10, 1), new(2026, 10, 31)), october);
        Assert.Equal(new Period(PeriodKind.Month, new(2026, 9, 1), new(2026, 9, 30)), october.Previous);
        var next = Month("2027-01-10", "2026-12-04");
        Assert.True(next.IsWhole);
    }

    [Fact]
    public void Week_to_date_is_compared_with_the_same_weekdays_of_the_previous_week()
    {
        // Friday 2026-12-04: Monday Nov 30 to Friday against Monday Nov 23 to Friday Nov 27.
        var week = Period.Containing(PeriodKind.Week, new(2026, 12, 4)).Through(new(2026, 12, 4));
        Assert.Equal(new Period(PeriodKind.Week, new(2026, 11, 30), new(2026, 12, 4)), week);
        Assert.Equal(new Period(PeriodKind.Week, new(2026, 11, 23), new(2026, 11, 27)), week.Previous);
        var day = Period.Containing(PeriodKind.Day, new(2026, 12, 4)).Through(new(2026, 12, 4));
        Assert.Equal(new Period(PeriodKind.Day, new(2026, 12, 3), new(2026, 12, 3)), day.Previous);
    }

    [Fact]
    public void The_page_says_what_it_compares_with_dates_included()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        using var localization = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources").BuildServiceProvider();
        var s = localization.GetRequiredService<IStringLocalizer<StatisticsResource>>();
        Assert.Equal("较上月同期 11-01～11-04", StatText.CompareWith(s, Month("2026-12-04", "2026-12-04")));
        Assert.Equal("较上月 10-01～10-31", StatText.CompareWith(s, Month("2026-11-15", "2026-12-04")));
        Assert.Equal("较上周同期 11-23～11-27", StatText.CompareWith(s, Period.Containing(PeriodKind.Week, new(2026, 12, 4)).Through(new(2026, 12, 4))));
    }

    [Fact]
    public async Task The_change_of_month_to_date_counts_the_same_days_of_the_previous_month_only()
    {
        await using var services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite());
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        // 10 tickets and 2 ratings every day of November and of December 1–4.
        await using (var db = await services.NewContextAsync())
        {
            for (var d = new DateOnly(2026, 11, 1); d <= new DateOnly(2026, 12, 4); d = d.AddDays(1))
            {
                db.DailyStatistics.Add(new DailyStatistic(d, Metrics.QueueTickets, DailyStatistic.Total, DailyStatistic.Total, 10, DateTimeOffset.UtcNow));
                db.DailyStatistics.Add(new DailyStatistic(d, SatisfactionRules.MetricOf(RatingLevel.Satisfied), DailyStatistic.Total, DailyStatistic.Total, 2, DateTimeOffset.UtcNow));
            }
            await db.SaveChangesAsync();
        }
        var monthToDate = Month("2026-12-04", "2026-12-04");
        await using var query = services.CreateAsyncScope();
        var sums = (await query.ServiceProvider.GetRequiredService<StatisticsQueries>().SumsAsync([Metrics.QueueTickets], DailyStatistic.Total, monthToDate)).Single();
        Assert.Equal((40m, 40m), (sums[Metrics.QueueTickets], sums.Before(Metrics.QueueTickets)));
        Assert.Equal("0.0%", StatText.Change(sums.Queue().Tickets, sums.Queue(previous: true).Tickets)); // not −86.7% against all of November
        var ratings = (await query.ServiceProvider.GetRequiredService<SatisfactionQueries>().ByDimensionAsync(monthToDate, DailyStatistic.Total)).Single();
        Assert.Equal((8, 8), (ratings.Counts.Total, ratings.Previous.Total));
    }
}
