using Microsoft.Extensions.Logging.Abstractions;
using TradingOps.Core.Live;
using TradingOps.Tests.Fixtures;
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
        await bus.DeliveredAsync();

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
        await bus.DeliveredAsync();
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
        await bus.DeliveredAsync();
        Assert.Equal(1, received);
    }

    [Fact]
    public async Task Publishing_does_not_wait_for_a_slow_screen_and_each_screen_gets_its_events_in_order()
    {
        var bus = new LiveEventBus([], NullLogger<LiveEventBus>.Instance);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new List<DateTimeOffset>();
        var fast = 0;
        using var slow = bus.Subscribe<ClockTick>(async e => { await release.Task; lock (seen) seen.Add(e.At); });
        using var quick = bus.Subscribe<ClockTick>(_ => { Interlocked.Increment(ref fast); return Task.CompletedTask; });

        for (var i = 0; i < 5; i++)
        {
            var publish = bus.PublishAsync(new ClockTick(DateTimeOffset.UnixEpoch.AddSeconds(i))).AsTask();
            Assert.True(publish.IsCompleted, "the publisher waited for a blocked screen");
        }
        await Eventually.FoundAsync(() => Task.FromResult(Volatile.Read(ref fast) == 5 ? "all" : null),
            TimeSpan.FromSeconds(5), "the quick screen got every event while the slow one was blocked");
        Assert.Empty(seen);

        release.SetResult();
        await bus.DeliveredAsync();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => DateTimeOffset.UnixEpoch.AddSeconds(i)), seen);
    }

    [Fact]
    public async Task A_screen_that_falls_far_behind_keeps_the_newest_events_and_does_not_grow_without_bound()
    {
        var bus = new LiveEventBus([], NullLogger<LiveEventBus>.Instance);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new List<int>();
        using var slow = bus.Subscribe<ClockTick>(async e => { await release.Task; seen.Add((int)e.At.ToUnixTimeSeconds()); });
        var total = LiveEventBus.QueueLimit * 3;
        for (var i = 0; i < total; i++) await bus.PublishAsync(new ClockTick(DateTimeOffset.UnixEpoch.AddSeconds(i)));

        release.SetResult();
        await bus.DeliveredAsync();
        Assert.InRange(seen.Count, 1, LiveEventBus.QueueLimit + 1); // the queue limit plus the one in the handler
        Assert.Equal(total - 1, seen[^1]);
        Assert.Equal(seen.Order(), seen);
    }
}
