using Microsoft.Extensions.Logging.Abstractions;
using TradingOps.Core.Live;
using TradingOps.Web.Live;

namespace TradingOps.Tests.Web;

public sealed class LiveEventBusTests
{
    private sealed record RoomChanged(DateTimeOffset At) : LiveEvent(At);

    private sealed class RecordingForwarder : ILiveEventForwarder
    {
        public List<LiveEvent> Forwarded { get; } = [];
        public Task ForwardAsync(LiveEvent change, CancellationToken cancellationToken)
        {
            Forwarded.Add(change);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Subscribers_receive_only_the_event_types_they_asked_for_and_forwarders_receive_all()
    {
        var forwarder = new RecordingForwarder();
        var bus = new LiveEventBus([forwarder], NullLogger<LiveEventBus>.Instance);
        var rooms = new List<RoomChanged>();
        var ticks = new List<ClockTick>();
        using var a = bus.Subscribe<RoomChanged>(e => { rooms.Add(e); return Task.CompletedTask; });
        using var b = bus.Subscribe<ClockTick>(e => { ticks.Add(e); return Task.CompletedTask; });

        await bus.PublishAsync(new RoomChanged(DateTimeOffset.UnixEpoch));
        await bus.PublishAsync(new ClockTick(DateTimeOffset.UnixEpoch));

        Assert.Single(rooms);
        Assert.Single(ticks);
        Assert.Equal(2, forwarder.Forwarded.Count);
    }

    [Fact]
    public async Task A_disposed_subscription_receives_nothing_more_and_is_not_counted()
    {
        var bus = new LiveEventBus([], NullLogger<LiveEventBus>.Instance);
        var received = 0;
        var subscription = bus.Subscribe<ClockTick>(_ => { received++; return Task.CompletedTask; });
        Assert.Equal(1, bus.Count);
        subscription.Dispose();
        await bus.PublishAsync(new ClockTick(DateTimeOffset.UnixEpoch));
        Assert.Equal(0, received);
        Assert.Equal(0, bus.Count);
    }

    [Fact]
    public async Task A_failing_subscriber_does_not_stop_the_others_or_the_publisher()
    {
        var bus = new LiveEventBus([], NullLogger<LiveEventBus>.Instance);
        var received = 0;
        using var bad = bus.Subscribe<ClockTick>(_ => throw new InvalidOperationException("circuit gone"));
        using var good = bus.Subscribe<ClockTick>(_ => { received++; return Task.CompletedTask; });
        await bus.PublishAsync(new ClockTick(DateTimeOffset.UnixEpoch));
        Assert.Equal(1, received);
    }
}
