using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Statistics;
using TradingOps.Data;
using TradingOps.Data.Queue;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Queue;

/// <summary>The bad-rating follow-up list, paged and filtered in the database, on generated weeks of demo history.</summary>
public sealed class FollowUpListTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 20);
    private readonly DbCommandCounter _commands = new();
    private readonly FakeTimeProvider _clock = new(CenterTime.At(Today, new TimeOnly(15, 0)));
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(DatabaseProvider.Sqlite, DataServices.TempSqlite(), seedDemo: true, demoProjects: 200, clock: _clock,
            configure: s => s.AddDbInterceptors(_commands));
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        var calendar = await _services.GetRequiredService<IWorkdayCalendarProvider>().GetAsync();
        await OperationsHistorySeeder.SeedAsync(db, calendar, Today.AddDays(-60), Today.AddDays(-1), ticketsPerDay: 60, seed: 7, _clock.GetUtcNow());
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<FollowUpPage> PageAsync(FollowUpFilter filter, int page = 1)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<QueueQueries>().FollowUpsPageAsync(filter, page, 20);
    }

    [Fact]
    public async Task The_list_shows_20_rows_a_page_and_the_pages_together_hold_every_follow_up_once()
    {
        int all;
        await using (var db = await _services.NewContextAsync()) all = await db.RatingFollowUps.CountAsync();
        Assert.True(all > 40, $"the history has follow-ups on several pages ({all})");

        var first = await PageAsync(new FollowUpFilter(All: true));
        Assert.Equal(20, first.Rows.Count);
        Assert.Equal(all, first.Total);
        var seen = new List<Guid>();
        for (var page = 1; page <= (all + 19) / 20; page++) seen.AddRange((await PageAsync(new FollowUpFilter(All: true), page)).Rows.Select(r => r.Id));
        Assert.Equal(all, seen.Distinct().Count());
        // Open ones first, by their resolve deadline.
        Assert.Equal(first.Rows.OrderBy(r => r.ClosedAt is not null).ThenBy(r => r.ResolveDueAt).Select(r => r.Id), first.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task A_filter_narrows_the_count_by_the_same_state_rule_window_dates_and_text()
    {
        var now = _clock.GetUtcNow();
        List<TradingOps.Core.Queue.RatingFollowUp> followUps;
        await using (var db = await _services.NewContextAsync()) followUps = await db.RatingFollowUps.AsNoTracking().ToListAsync();
        var all = (await PageAsync(new FollowUpFilter(All: true))).Total;
        foreach (var state in Enum.GetValues<FollowUpState>())
        {
            var expected = followUps.Count(f => SatisfactionRules.StateOf(f, now) == state);
            Assert.Equal(expected, (await PageAsync(new FollowUpFilter(state))).Total);
        }
        Assert.True(followUps.Count(f => SatisfactionRules.StateOf(f, now) == FollowUpState.Closed) is > 0 and var closed && closed < all);
        Assert.Equal(followUps.Count(f => !f.IsClosed), (await PageAsync(new FollowUpFilter())).Total);

        var lastWeek = new FollowUpFilter(All: true, From: Today.AddDays(-7), To: Today);
        var (weekStart, _) = CenterTime.DayBounds(Today.AddDays(-7));
        Assert.Equal(followUps.Count(f => f.OpenedAt >= weekStart), (await PageAsync(lastWeek)).Total);

        var sample = (await PageAsync(new FollowUpFilter(All: true))).Rows.First(r => r.WindowNumber is not null);
        var byWindow = await PageAsync(new FollowUpFilter(All: true, Window: sample.WindowNumber));
        Assert.InRange(byWindow.Total, 1, all - 1);
        Assert.All(byWindow.Rows, r => Assert.Equal(sample.WindowNumber, r.WindowNumber));

        var byCode = await PageAsync(new FollowUpFilter(All: true, Text: sample.TicketCode));
        Assert.Contains(byCode.Rows, r => r.Id == sample.Id);
        Assert.True(byCode.Total < all);
    }

    [Fact]
    public async Task A_page_costs_the_same_few_queries_whichever_page_and_however_many_follow_ups()
    {
        _commands.Reset();
        await PageAsync(new FollowUpFilter(All: true));
        var first = _commands.Count;
        _commands.Reset();
        await PageAsync(new FollowUpFilter(All: true, Text: "窗口"), page: 3);
        Assert.True(first <= 4 && _commands.Count <= 4, $"page 1: {first} commands, page 3: {_commands.Count}\n{_commands.Since(0)}");
    }
}
