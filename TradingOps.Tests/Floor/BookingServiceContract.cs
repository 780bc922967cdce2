using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Floor;
using TradingOps.Data.Seeding;
using TradingOps.Tests.Fixtures;
using static TradingOps.Tests.Floor.FloorTestData;

namespace TradingOps.Tests.Floor;

/// <summary>Booking through the database, the same on every provider.</summary>
public abstract class BookingServiceContract : IAsyncLifetime
{
    private ServiceProvider _services = default!;
    protected readonly FakeTimeProvider Clock = new(Nine.AddHours(-2));
    protected readonly RecordingPublisher Published = new();
    protected Room Room = default!;

    protected abstract DatabaseProvider Provider { get; }
    protected abstract string NewDatabase();

    public async Task InitializeAsync()
    {
        _services = DataServices.Build(Provider, NewDatabase(), Actor.User("u1", "staff"), clock: Clock);
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await _services.NewContextAsync();
        var center = new Center("TEST", "测试中心", "测试地址");
        var zone = new Zone(center.Id, "开标区", ZoneKind.BidOpening, "2F");
        Room = new Room(zone.Id, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
        db.AddRange(center, zone, Room);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    protected BookingService NewService()
    {
        var scope = _services.CreateScope().ServiceProvider;
        return new BookingService(scope.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>(), scope.GetRequiredService<ICurrentActor>(),
            Published, Clock, Options.Create(new FloorOptions()), Options.Create(new BookingChangeOptions()));
    }

    private BookingRequest Request(string code, DateTimeOffset from, DateTimeOffset to) =>
        new(Room.Id, null, code, "示范工程施工", "华信招标代理有限公司", BookingPurpose.BidOpening, 20, from, to);

    [FullLane]
    [Fact]
    public async Task Twenty_clerks_booking_the_same_slot_at_once_get_exactly_one_booking()
    {
        using var start = new Barrier(20);
        var attempts = Enumerable.Range(1, 20).Select(i => Task.Run(async () =>
        {
            var service = NewService();
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            try
            {
                await service.BookAsync(Request($"GC-2026-{i:0000}", Nine.AddMinutes(i % 3 * 10), Nine.AddHours(1)));
                return (string?)null;
            }
            catch (DomainException e)
            {
                return e.Code;
            }
        })).ToArray();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal("Booking.Conflict", o));
        await using var db = await _services.NewContextAsync();
        Assert.Equal(1, await db.RoomBookings.CountAsync());
        Assert.Single(Published.Events.OfType<FloorChanged>());
    }

    [Fact]
    public async Task A_second_booking_in_the_buffer_is_refused_naming_the_first_and_one_after_it_is_accepted()
    {
        var service = NewService();
        await service.BookAsync(Request("GC-2026-0001", Nine, Nine.AddHours(1)));
        var error = await Assert.ThrowsAsync<DomainException>(() => service.BookAsync(Request("GC-2026-0002", Nine.AddMinutes(80), Nine.AddHours(2))));
        Assert.Contains("GC-2026-0001", error.Message);
        var later = await service.BookAsync(Request("GC-2026-0003", Nine.AddMinutes(90), Nine.AddHours(2)));
        Assert.Equal(BookingStatus.Requested, later.Status);
    }

    [Fact]
    public async Task An_extension_into_the_next_booking_is_previewed_and_refused()
    {
        var service = NewService();
        var first = await service.BookAsync(Request("GC-2026-0001", Nine, Nine.AddHours(1)));
        await service.BookAsync(Request("GC-2026-0002", Nine.AddHours(2), Nine.AddHours(3)));
        await service.SessionAsync(first.Id, SessionCommand.Confirm);

        var hit = await service.PreviewChangeAsync(first.Id, first.StartsAt, Nine.AddMinutes(100));
        Assert.Equal("GC-2026-0002", Assert.Single(hit).ProjectCode);
        var error = await Assert.ThrowsAsync<DomainException>(() => service.ExtendAsync(first.Id, Nine.AddMinutes(100), "开标延长"));
        Assert.Equal("Booking.Conflict", error.Code);
        var extended = await service.ExtendAsync(first.Id, Nine.AddMinutes(85), "开标延长");
        Assert.Equal(BookingStatus.Extended, extended.Status);
    }

    [Fact]
    public async Task Session_commands_are_saved_audited_and_published_for_the_room()
    {
        var service = NewService();
        var booking = await service.BookAsync(Request("GC-2026-0001", Nine, Nine.AddHours(1)));
        await service.SessionAsync(booking.Id, SessionCommand.Confirm);
        await service.SessionAsync(booking.Id, SessionCommand.CheckIn);
        await service.SessionAsync(booking.Id, SessionCommand.Start);

        await using var db = await _services.NewContextAsync();
        var stored = await db.RoomBookings.SingleAsync();
        Assert.Equal(SessionPhase.InSession, stored.Phase);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Entity == nameof(RoomBooking) && e.ActorName == "staff"));
        Assert.All(Published.Events, e => Assert.Contains(LiveTopics.Room(Room.Id), e.Topics));
        Assert.Equal(4, Published.Events.Count);
    }

}

public sealed class SqliteBookingTests : BookingServiceContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string NewDatabase() => DataServices.TempSqlite();
}

[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class PostgreSqlBookingTests(PostgreSqlServer server) : BookingServiceContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string NewDatabase() => server.ConnectionString($"tradingops_{Guid.NewGuid():N}");
}
