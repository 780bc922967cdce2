using Microsoft.Extensions.DependencyInjection;
using TradingOps.Data.Floor;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Floor;

[FullLane]
public sealed class FloorQueriesTests
{
    [Fact]
    public async Task One_room_is_read_with_its_own_bookings_only()
    {
        using var app = new TradingOpsApp();
        await using var scope = app.Services.CreateAsyncScope();
        var floor = scope.ServiceProvider.GetRequiredService<FloorQueries>();
        var all = await floor.TodayAsync();
        var k203 = all.Rooms.Single(r => r.Code == "K203");

        var one = await floor.TodayAsync(k203.Id);

        var room = Assert.Single(one.Rooms);
        Assert.Equal("K203", room.Code);
        Assert.Equal(k203.Bookings.Select(b => b.Id), room.Bookings.Select(b => b.Id));
        Assert.NotEmpty(room.Bookings);
    }
}
