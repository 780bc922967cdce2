using System.Data.Common;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using TradingOps.Core.Common;
using TradingOps.Core.Auditing;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Floor;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Wall;
using TradingOps.Web.Floor;
using TradingOps.Web;
using TradingOps.Web.Infrastructure;
using TradingOps.Web.Live;
using TradingOps.Web.Registrations;

namespace TradingOps.Tests.Floor;

/// <summary>The app on a clock the test moves (no tick unless the test gives one), counting its database commands.</summary>
public sealed class CountedFloorApp : TradingOpsApp
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 2, 30, 0, TimeSpan.Zero)); // 10:30 in Shanghai

    public DbCommandCounter Commands { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.ConfigureDbContext<SqliteTradingOpsDbContext>((_, o) => o.AddInterceptors(Commands));
    }
}

/// <summary>
/// The floor read model: a change is applied from the event (it carries the booking's row), so the database is read
/// for the command only, whatever floor screens are open, and the clock tick reads nothing.
/// </summary>
[FullLane]
public sealed class FloorReadModelTests : TradingOpsBunitContext, IClassFixture<CountedFloorApp>, IAsyncLifetime
{
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync(); // MudBlazor's services dispose asynchronously

    private readonly CountedFloorApp _app;

    public FloorReadModelTests(CountedFloorApp app)
    {
        _app = app;
        _ = app.Services; // start the host: migrate, seed the demo center
        Services.AddSingleton<TimeProvider>(app.Clock); // the app's clock (MudBlazor would add the system's)
        Services.AddFallbackServiceProvider(app.Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private SharedFloorSnapshot Model => _app.Services.GetRequiredService<SharedFloorSnapshot>();
    private LiveEventBus Bus => _app.Services.GetRequiredService<LiveEventBus>();

    [Fact]
    public async Task Every_kind_of_booking_change_is_applied_to_the_floor_model_from_its_event_with_no_read_and_the_model_equals_the_database()
    {
        var (room, startsAt) = await FreeRoomAsync(hoursAhead: 2);
        await Model.TodayAsync();
        await Bus.DeliveredAsync();
        var reads = Model.Reads;

        var booking = await AsClerkAsync(s => s.BookAsync(new BookingRequest(room.Id, null, "MODEL-1", "读模型项目", "某代理", BookingPurpose.BidOpening,
            10, startsAt, startsAt.AddHours(1))));
        await AssertModelEqualsDatabaseAsync();
        await AsClerkAsync(s => s.RescheduleAsync(booking.Id, startsAt.AddMinutes(30), startsAt.AddMinutes(90), "代理机构申请推迟"));
        await AssertModelEqualsDatabaseAsync();
        await AsClerkAsync(s => s.ExtendAsync(booking.Id, startsAt.AddMinutes(120), "评标延长"));
        await AssertModelEqualsDatabaseAsync();
        foreach (var step in new[] { SessionCommand.CheckIn, SessionCommand.Start, SessionCommand.Suspend, SessionCommand.Resume, SessionCommand.End })
        {
            await AsClerkAsync(s => s.SessionAsync(booking.Id, step, "现场暂停"));
            await AssertModelEqualsDatabaseAsync();
        }
        var cancelled = await AsClerkAsync(s => s.BookAsync(new BookingRequest(room.Id, null, "MODEL-2", "取消的项目", null, BookingPurpose.BidOpening,
            10, startsAt.AddHours(4), startsAt.AddHours(5))));
        await AsClerkAsync(s => s.CancelAsync(cancelled.Id, "项目暂停"));
        await AssertModelEqualsDatabaseAsync();
        Assert.DoesNotContain((await Model.TodayAsync()).Rooms.SelectMany(r => r.Bookings), b => b.Id == cancelled.Id);

        // The desk's changes from the booking page: a move to another room (the booking leaves one room's list and
        // joins the other's), a shortening, and a split in the same room (the second part arrives as a new booking).
        var (from, until) = (startsAt.AddHours(2), startsAt.AddHours(3));
        var moving = await AsClerkAsync(s => s.BookAsync(new BookingRequest(room.Id, null, "MODEL-3", "换场的项目", null, BookingPurpose.BidOpening,
            10, from, until)));
        var target = (await Model.TodayAsync()).Rooms.First(r => r.Id != room.Id && r.Type == RoomType.BidOpeningRoom && r.InService
            && r.Bookings.Where(b => b.HoldsRoom).All(b => b.OccupiedUntil <= from.AddMinutes(-30) || b.OccupiedFrom >= until.AddMinutes(30)));
        await AsClerkAsync(s => s.MoveAsync(moving.Id, target.Id, from, until, "代理机构申请换场"));
        await AssertModelEqualsDatabaseAsync();
        var floor = await Model.TodayAsync();
        Assert.DoesNotContain(floor.Rooms.Single(r => r.Id == room.Id).Bookings, b => b.Id == moving.Id);
        Assert.Contains(floor.Rooms.Single(r => r.Id == target.Id).Bookings, b => b.Id == moving.Id);
        await AsClerkAsync(s => s.ShortenAsync(moving.Id, from, until.AddMinutes(-30), "少一个标段"));
        await AssertModelEqualsDatabaseAsync();
        var (_, second) = await AsClerkSplitAsync(s => s.SplitAsync(moving.Id, from.AddMinutes(15), null, "分两场"));
        await AssertModelEqualsDatabaseAsync();
        Assert.Contains((await Model.TodayAsync()).Rooms.Single(r => r.Id == target.Id).Bookings, b => b.Id == second.Id);

        Assert.Equal(reads, Model.Reads); // every change applied from its event
    }

    [Fact]
    public async Task A_booking_with_the_floor_board_the_wall_four_door_plates_and_the_public_page_open_costs_its_own_commands_and_at_most_one_more()
    {
        var (room, startsAt) = await FreeRoomAsync(hoursAhead: 3);
        var plates = (await Model.TodayAsync()).Rooms.Where(r => !r.Type.IsEvaluationArea() && r.Id != room.Id).Take(3)
            .Select(r => r.Code).Prepend(room.Code).ToList();
        var client = _app.NewClient();
        var screens = OpenFloorScreens();
        await FetchPublicScreensAsync(client, plates); // every screen has loaded once
        await Bus.DeliveredAsync();

        var before = _app.Commands.Count;
        await AsClerkAsync(s => s.BookAsync(new BookingRequest(room.Id, null, "COUNT-1", "计数项目", "某代理", BookingPurpose.BidOpening,
            10, startsAt, startsAt.AddHours(1))));
        var own = _app.Commands.Count - before;

        // Every open screen shows the booking: the board and the wall's timeline, the room's door plate, the public page.
        screens.Board.WaitForAssertion(() => Assert.Contains("COUNT-1", screens.Board.Markup), TimeSpan.FromSeconds(10));
        screens.Timeline.WaitForAssertion(() => Assert.Contains("COUNT-1", screens.Timeline.Markup), TimeSpan.FromSeconds(10));
        var (plate, page) = await FetchPublicScreensAsync(client, plates);
        Assert.Contains(room.Code, plate);
        Assert.Contains($"{Fmt.Time(startsAt)}-{Fmt.Time(startsAt.AddHours(1))}", page); // the room's day on the public page
        await Bus.DeliveredAsync();

        var extra = _app.Commands.Count - before - own;
        Assert.True(extra <= 1, $"the booking cost {own} commands of its own and {extra} more for the open screens (at most 1 per node):\n{_app.Commands.Since(before + own)}");
    }

    [Fact]
    public async Task The_clock_tick_with_every_floor_and_registration_screen_open_issues_no_database_command_when_nothing_time_driven_changed()
    {
        var client = _app.NewClient();
        var plates = (await Model.TodayAsync()).Rooms.Take(4).Select(r => r.Code).ToList();
        _ = OpenFloorScreens();
        var registrations = Render<RegistrationWallPanel>();
        await FetchPublicScreensAsync(client, plates);
        await Bus.DeliveredAsync();
        await Bus.DeliveredAsync();
        registrations.WaitForAssertion(() => Assert.NotNull(registrations.Find("[data-testid=registration-wall]")));

        // The queue's own work on the tick (signing off idle windows: one query) is no floor or registration screen.
        await _app.Services.GetRequiredService<TradingOps.Web.Queue.WindowIdleSignOff>().StopAsync(CancellationToken.None);
        var before = _app.Commands.Count;
        for (var i = 0; i < 3; i++)
        {
            await Bus.PublishAsync(new ClockTick(_app.Clock.GetUtcNow()));
            await Bus.DeliveredAsync(); // every screen and the clock watcher handled it
            await Bus.DeliveredAsync(); // ... and what the watcher published
        }

        Assert.True(_app.Commands.Count == before, $"the tick sent {_app.Commands.Count - before} commands:\n{_app.Commands.Since(before)}");
    }

    private (IRenderedComponent<FloorBoard> Board, IRenderedComponent<TimelineWallPanel> Timeline) OpenFloorScreens()
    {
        Render<MudBlazor.MudPopoverProvider>(); // the board's selects open their lists in it
        var board = Render<FloorBoard>();
        Render<FloorOverviewPanel>();
        var timeline = Render<TimelineWallPanel>();
        Render<AlertsWallPanel>();
        return (board, timeline);
    }

    /// <summary>What the kiosk pages fetch when the floor hub says something changed: the door plates and the public page.</summary>
    private static async Task<(string FirstPlate, string Page)> FetchPublicScreensAsync(HttpClient client, IReadOnlyList<string> plates)
    {
        var first = "";
        foreach (var code in plates)
        {
            var html = await client.GetStringAsync($"/doorplate/{code}");
            if (first == "") first = html;
        }
        return (first, await client.GetStringAsync("/public/occupancy"));
    }

    /// <summary>
    /// A bid-opening room of the demo floor and an hour-aligned start at least <paramref name="hoursAhead"/> hours on,
    /// after every booking the room holds (with room to spare for its buffers and a move or extension), still today.
    /// </summary>
    private async Task<(FloorRoom Room, DateTimeOffset StartsAt)> FreeRoomAsync(int hoursAhead)
    {
        var now = _app.Clock.GetUtcNow();
        await using var scope = _app.Services.CreateAsyncScope();
        var floor = await scope.ServiceProvider.GetRequiredService<FloorQueries>().TodayAsync();
        DateTimeOffset Hour(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
        return floor.Rooms
            .Where(r => r.Type == RoomType.BidOpeningRoom && r.InService)
            .Select(r => (Room: r, StartsAt: Hour(r.Bookings.Where(b => b.HoldsRoom).Select(b => b.OccupiedUntil).Append(now.AddHours(hoursAhead)).Max()).AddHours(2)))
            .Where(x => x.StartsAt.AddHours(6) < floor.DayEnd)
            .OrderBy(x => x.StartsAt).First();
    }

    private async Task<RoomBooking> AsClerkAsync(Func<BookingService, Task<RoomBooking>> command)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test-clerk"));
        return await command(scope.ServiceProvider.GetRequiredService<BookingService>());
    }

    private async Task<(RoomBooking First, RoomBooking Second)> AsClerkSplitAsync(Func<BookingService, Task<(RoomBooking, RoomBooking)>> command)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System("test-clerk"));
        return await command(scope.ServiceProvider.GetRequiredService<BookingService>());
    }

    private async Task AssertModelEqualsDatabaseAsync()
    {
        await Bus.DeliveredAsync();
        var model = await Model.TodayAsync();
        await using var scope = _app.Services.CreateAsyncScope();
        FloorModelAssert.Equal(await scope.ServiceProvider.GetRequiredService<FloorQueries>().TodayAsync(), model);
    }
}

internal static class FloorModelAssert
{
    /// <summary>The model holds the same rooms with the same bookings, field for field, as a read from the database.</summary>
    public static void Equal(FloorSnapshot database, FloorSnapshot model)
    {
        Assert.Equal(database.Day, model.Day);
        Assert.Equal(database.Rooms.Select(r => r.Id), model.Rooms.Select(r => r.Id));
        foreach (var (db, held) in database.Rooms.Zip(model.Rooms))
            Assert.Equal(db.Bookings.Select(b => b.ToRow()), held.Bookings.Select(b => b.ToRow()));
    }
}
