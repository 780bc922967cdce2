using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Data.Floor;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Floor;
using TradingOps.Web.Live;

namespace TradingOps.Tests.Floor;

[FullLane]
public sealed class SharedFloorSnapshotTests
{
    [Fact]
    public async Task Walls_share_one_read_per_change_and_each_change_is_in_the_snapshot_they_are_given()
    {
        // No clock ticks: only the change made here moves the floor.
        using var app = new TradingOpsApp { Settings = new Dictionary<string, string> { ["Live:TickSeconds"] = "60" } };
        var shared = app.Services.GetRequiredService<SharedFloorSnapshot>();
        var booking = await FloorTestSupport.BookingAsync(app.Services, "K205", SessionPhase.CheckedIn);
        var heard = new TaskCompletionSource<FloorChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = app.Services.GetRequiredService<ILiveEventSubscriptions>()
            .Subscribe<FloorChanged>(e => { if (e.BookingId == booking.Id) heard.TrySetResult(e); return Task.CompletedTask; });

        var before = await shared.TodayAsync();
        var reads = shared.Reads;
        // Fifty panels asking with nothing changed: no read at all.
        var same = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => shared.TodayAsync()));
        Assert.All(same, s => Assert.Same(before, s));
        Assert.Equal(reads, shared.Reads);

        await FloorTestSupport.CommandAsync(app.Services, booking.Id, SessionCommand.Start);
        var change = await heard.Task.WaitAsync(TimeSpan.FromSeconds(5));
        // Fifty panels reacting to the change: at most one read (none: the change carries the booking's row and the
        // model applies it), and it shows the session started.
        var after = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => shared.TodayAsync(change)));
        Assert.InRange(shared.Reads, reads, reads + 1);
        Assert.Equal(reads, shared.Reads);
        Assert.All(after, s => Assert.Same(after[0], s));
        var room = after[0].Rooms.Single(r => r.Code == "K205");
        Assert.Equal(SessionPhase.InSession, room.Bookings.Single(b => b.Id == booking.Id).Phase);
    }
}
