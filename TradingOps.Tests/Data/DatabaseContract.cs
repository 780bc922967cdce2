using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Data;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Data;

/// <summary>What every provider must do: migrate an empty database and seed the demo center, once.</summary>
public abstract class DatabaseContract
{
    protected const int DemoProjects = 800;

    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    [Fact]
    public async Task Migrations_and_demo_seed_build_a_municipal_center_on_an_empty_database()
    {
        await using var services = DataServices.Build(Provider, NewDatabase(), seedDemo: true, demoProjects: DemoProjects);
        await InitializeAsync(services);

        await using var db = await services.NewContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(1, await db.Centers.CountAsync());
        Assert.Equal(6, await db.Zones.CountAsync());
        Assert.Equal(10, await db.Rooms.CountAsync(r => r.Code.StartsWith("K")));  // bid-opening and multi-function rooms
        Assert.Equal(15, await db.Rooms.CountAsync(r => r.Code.StartsWith("P")));  // evaluation rooms
        Assert.Equal(12, await db.ServiceWindows.CountAsync());
        Assert.Equal(7, await db.ServiceTypes.CountAsync());
        Assert.Equal(60, await db.Staff.CountAsync());
        Assert.True(await db.CalendarYears.AnyAsync(y => y.Year == 2026));
        Assert.Equal(39, await db.CalendarDays.CountAsync(d => d.Date >= new DateOnly(2026, 1, 1) && d.Date <= new DateOnly(2026, 12, 31)));

        var clock = services.GetRequiredService<TimeProvider>();
        var (start, end) = CenterTime.DayBounds(CenterTime.Today(clock));
        var now = clock.GetUtcNow();
        var year = await db.TradingProjects.CountAsync(p => p.RegisteredAt > now.AddDays(-367));
        Assert.True(year >= DemoProjects, $"a year of projects ({year})");
        Assert.True(await db.TradingProjects.CountAsync(p => p.BidOpeningAt >= start && p.BidOpeningAt < end) >= 16,
            "today's schedule has a bid opening every half hour of the office day");
        Assert.Equal(await db.TradingProjects.CountAsync(), await db.TradingProjects.Select(p => p.Code).Distinct().CountAsync());

        // Every demo seeder keeps the floor's rule: no two bookings holding one room clash (buffers included).
        var holding = RoomBooking.HoldingStatuses;
        var bookings = await db.RoomBookings.AsNoTracking().Where(b => holding.Contains(b.Status)).ToListAsync();
        var clashes = bookings.SelectMany(b => BookingRules.Clashes(b, bookings).Select(c => $"{b.Label} ~ {c.Label}")).ToList();
        Assert.True(clashes.Count == 0, "demo bookings that clash: " + string.Join("; ", clashes));
    }

    [Fact]
    public async Task Starting_again_adds_nothing_to_an_already_seeded_database()
    {
        var database = NewDatabase();
        await using var services = DataServices.Build(Provider, database, seedDemo: true, demoProjects: DemoProjects);
        await InitializeAsync(services);
        var before = await CountsAsync(services);
        await InitializeAsync(services);
        Assert.Equal(before, await CountsAsync(services));
    }

    [Fact]
    public async Task Without_demo_mode_only_the_reference_calendar_is_loaded()
    {
        await using var services = DataServices.Build(Provider, NewDatabase(), seedDemo: false);
        await InitializeAsync(services);
        await using var db = await services.NewContextAsync();
        Assert.Equal(0, await db.Centers.CountAsync());
        Assert.Equal(0, await db.TradingProjects.CountAsync());
        Assert.True(await db.CalendarDays.AnyAsync());
    }

    private static async Task InitializeAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }

    private static async Task<(int, int, int, int)> CountsAsync(IServiceProvider services)
    {
        await using var db = await services.NewContextAsync();
        return (await db.Rooms.CountAsync(), await db.Staff.CountAsync(), await db.TradingProjects.CountAsync(), await db.CalendarDays.CountAsync());
    }
}

public sealed class SqliteDatabaseTests : DatabaseContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlDatabaseTests(PostgreSqlServer server) : DatabaseContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_{Guid.NewGuid():N}");
}
