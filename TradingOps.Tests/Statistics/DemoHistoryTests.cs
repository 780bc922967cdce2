using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Data;
using TradingOps.Data.Auditing;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Statistics;

public sealed class DemoHistoryTests
{
    [Fact]
    public async Task The_demo_with_history_fills_past_working_days_and_still_lays_out_todays_floor_and_queue()
    {
        var today = new DateOnly(2026, 11, 20);
        var clock = new FakeTimeProvider(CenterTime.At(today, new TimeOnly(11, 0)));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = DataServices.TempSqlite(),
            ["Database:SeedDemoData"] = "true",
            ["Database:DemoProjectsPerYear"] = "1000",
            ["Database:DemoHistoryDays"] = "21",
        }).Build();
        var collection = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock);
        collection.AddTradingOpsData(configuration, Path.GetTempPath());
        collection.AddScoped<ICurrentActor>(_ => new FixedActor(Actor.System("test")));
        await using var services = collection.BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        await using var db = await services.NewContextAsync();
        var calendar = await services.GetRequiredService<IWorkdayCalendarProvider>().GetAsync();
        var days = await db.QueueTickets.GroupBy(t => t.ServiceDate).Select(g => new { Day = g.Key, Count = g.Count() }).ToListAsync();
        var workingDays = Enumerable.Range(1, 21).Select(i => today.AddDays(-i)).Where(calendar.IsWorkingDay).ToList();
        Assert.Equal(workingDays.Append(today).Order(), days.Select(d => d.Day).Order());
        Assert.All(days.Where(d => d.Day < today), d => Assert.InRange(d.Count, 1000 * 10 / 250 * 8 / 10, 1000 * 10 / 250 * 12 / 10));
        Assert.True(await db.SatisfactionRatings.CountAsync() > workingDays.Count * 10);
        Assert.True(await db.QueueTickets.Where(t => t.ServiceDate < today && t.ServedByName != null).AnyAsync(), "past visitors have their clerk");
        var (start, end) = CenterTime.DayBounds(today);
        Assert.True(await db.RoomBookings.CountAsync(b => b.StartsAt >= start && b.StartsAt < end) >= 10, "today's floor is laid out");
        Assert.True(await db.RoomBookings.CountAsync(b => b.StartsAt < start && b.EndedAt != null) > 0, "past sessions were held");
    }
    [Fact]
    public async Task Seeded_after_start_up_the_past_is_the_same_demo_and_today_is_laid_out_before_it()
    {
        var today = new DateOnly(2026, 11, 20);
        var clock = new FakeTimeProvider(CenterTime.At(today, new TimeOnly(11, 0)));
        async Task<(ServiceProvider Services, DemoHistory History)> StartAsync(bool background)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:ConnectionString"] = DataServices.TempSqlite(),
                ["Database:SeedDemoData"] = "true",
                ["Database:DemoProjectsPerYear"] = "500",
                ["Database:DemoHistoryDays"] = "10",
                ["Database:DemoHistoryInBackground"] = background.ToString(),
            }).Build();
            var collection = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock);
            collection.AddTradingOpsData(configuration, Path.GetTempPath());
            collection.AddScoped<ICurrentActor>(_ => new FixedActor(Actor.System("test")));
            var services = collection.BuildServiceProvider();
            await using (var scope = services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            return (services, services.GetRequiredService<DemoHistory>());
        }
        var (start, end) = CenterTime.DayBounds(today);
        async Task<object[]> DemoAsync(IServiceProvider services)
        {
            await using var db = await services.NewContextAsync();
            return
            [
                string.Join(",", await db.TradingProjects.OrderBy(p => p.Code).Select(p => p.Code + p.Name + p.Amount + p.BidOpeningAt).ToListAsync()),
                string.Join(",", (await db.QueueTickets.Select(t => new { t.ServiceDate, t.Code, t.ArrivedAt, t.Status, t.ServedByName }).ToListAsync())
                    .OrderBy(t => t.ServiceDate).ThenBy(t => t.Code, StringComparer.Ordinal)
                    .Select(t => $"{t.ServiceDate}/{t.Code}/{t.ArrivedAt:O}/{t.Status}/{t.ServedByName}")),
                await db.SatisfactionRatings.CountAsync(),
                await db.RatingFollowUps.CountAsync(),
                await db.RoomBookings.CountAsync(b => b.StartsAt < start),
                await db.AuditEntries.CountAsync(a => a.Entity == "DemoData"),
            ];
        }

        var (atOnce, _) = await StartAsync(background: false);
        var (later, history) = await StartAsync(background: true);
        await using (atOnce)
        await using (later)
        {
            await using (var db = await later.NewContextAsync())
                Assert.True(await db.RoomBookings.CountAsync(b => b.StartsAt >= start && b.StartsAt < end) >= 10, "today's floor is laid out when start-up ends");
            await history.Completed.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.False(history.IsLoading);
            Assert.Equal(await DemoAsync(atOnce), await DemoAsync(later));
        }
    }
}
