using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Common;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Core.Statistics;
using TradingOps.Data;
using TradingOps.Data.Queue;
using TradingOps.Data.Seeding;
using TradingOps.Data.Statistics;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Statistics;

/// <summary>Satisfaction per clerk: the queue records who served, and the day's figures count ratings by that clerk.</summary>
public sealed class ClerkSatisfactionTests
{
    [Fact]
    public async Task The_clerk_signed_on_when_a_visitor_is_served_is_the_one_their_rating_counts_for()
    {
        var day = new DateOnly(2026, 11, 23);
        var clock = new FakeTimeProvider(CenterTime.At(day, new TimeOnly(10, 0)));
        await using var services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), clock: clock);
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var center = new Center("Q", "测试中心", null);
        var zone = new Zone(center.Id, "公共服务区", ZoneKind.PublicService, "1F");
        var type = new ServiceType("A", "项目登记受理", 1);
        var window = new ServiceWindow(zone.Id, 1, "1号窗口", [type]);
        var liJing = Clerks.NewStaff("E001", "李静");
        var wangLei = Clerks.NewStaff("E002", "王磊");
        await using (var db = await services.NewContextAsync())
        {
            db.AddRange(center, zone, type, window);
            db.AddClerks(liJing, wangLei);
            await db.SaveChangesAsync();
        }

        async Task<string> ServeAsync(Staff clerk, RatingLevel level)
        {
            var queue = services.QueueAs(clerk);
            await queue.SignOnAsync(window.Id);
            var issued = await queue.IssueAsync(type.Id, TicketChannel.Kiosk);
            clock.Advance(TimeSpan.FromMinutes(3));
            var called = await queue.CallNextAsync(window.Id);
            Assert.Equal(issued.Id, called!.Id);
            await queue.StartServingAsync(called.Id);
            clock.Advance(TimeSpan.FromMinutes(5));
            await queue.FinishAsync(called.Id, ServiceOutcome.Completed, null);
            await queue.RateAsync(issued.RatingToken, level, SatisfactionRating.IsBad(level) ? ["业务不熟练"] : null, null, RatingChannel.Pad);
            return issued.Code;
        }
        var first = await ServeAsync(liJing, RatingLevel.VerySatisfied);
        await ServeAsync(liJing, RatingLevel.Dissatisfied);
        await services.QueueAs(liJing).SignOffAsync(window.Id);
        await ServeAsync(wangLei, RatingLevel.Acceptable); // the afternoon clerk at the same window

        await using (var db = await services.NewContextAsync())
        {
            var ticket = await db.QueueTickets.SingleAsync(t => t.Code == first);
            Assert.Equal((liJing.Id, "E001 / 李静"), (ticket.ServedByStaffId, ticket.ServedByName));
            Assert.Equal(liJing.Id, (await db.SatisfactionRatings.SingleAsync(r => r.TicketId == ticket.Id)).StaffId);
        }
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DailyStatisticsService>().RecomputeAsync(day);
        IReadOnlyList<SatisfactionRow> byClerk, byWindow;
        await using (var scope = services.CreateAsyncScope())
        {
            var results = scope.ServiceProvider.GetRequiredService<SatisfactionQueries>();
            byClerk = await results.ByDimensionAsync(new Period(PeriodKind.Day, day, day), Metrics.ByClerk);
            byWindow = await results.ByDimensionAsync(new Period(PeriodKind.Day, day, day), Metrics.ByWindow);
        }
        Assert.Equal(new LevelCounts(1, 0, 0, 1, 0), byClerk.Single(r => r.Key == "E001 / 李静").Counts);
        Assert.Equal(0.5m, byClerk.Single(r => r.Key == "E001 / 李静").Counts.Rate);
        Assert.Equal(new LevelCounts(0, 0, 1, 0, 0), byClerk.Single(r => r.Key == "E002 / 王磊").Counts);
        Assert.Equal(3, Assert.Single(byWindow).Counts.Total);
    }
}
