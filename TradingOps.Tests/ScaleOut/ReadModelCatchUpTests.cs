using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Data.Calendar;
using TradingOps.Data.Floor;
using TradingOps.Tests.Floor;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Floor;
using TradingOps.Web.Identity;
using TradingOps.Web.Infrastructure;
using TradingOps.Web.Live;
using TradingOps.Web.Registrations;
using TradingOps.Web.ScaleOut;

namespace TradingOps.Tests.ScaleOut;

/// <summary>
/// A node's read models catch up by themselves: after missing a relayed change (the gap shows in the sender's
/// sequence) and after a restart. Two nodes on one PostgreSQL database and one Redis server.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
[FullLane]
public sealed class ReadModelCatchUpTests(PostgreSqlServer postgres) : IAsyncLifetime
{
    private readonly TwoNodes _nodes = new(postgres);

    public Task InitializeAsync() => _nodes.InitializeAsync();
    public Task DisposeAsync() => _nodes.DisposeAsync();

    [Fact]
    public async Task A_node_that_misses_a_relayed_change_sees_the_gap_in_the_sequence_and_its_read_models_re_read_once_to_equal_the_database()
    {
        var b = _nodes.B.Services;
        var floorB = b.GetRequiredService<SharedFloorSnapshot>();
        var registrationsB = b.GetRequiredService<RegistrationBoardModel>();
        await floorB.TodayAsync();
        await registrationsB.OpenAsync();
        var resyncs = new List<LiveResync>();
        using var _ = b.GetRequiredService<ILiveEventSubscriptions>()
            .Subscribe<LiveResync>(e => { lock (resyncs) resyncs.Add(e); return Task.CompletedTask; });
        var booking = await FloorTestSupport.BookingAsync(_nodes.A.Services, "K205", SessionPhase.CheckedIn);

        // Relayed: node B applies it from the event.
        await FloorTestSupport.CommandAsync(_nodes.A.Services, booking.Id, SessionCommand.Start);
        await PhaseOnBAsync(booking.Id, SessionPhase.InSession);
        var (floorReads, registrationReads) = (floorB.Reads, registrationsB.Reads);

        // Dropped: node B is off the channel while node A suspends the session.
        var relayB = b.GetRequiredService<RedisLiveEventRelay>();
        await relayB.StopAsync(CancellationToken.None);
        await FloorTestSupport.CommandAsync(_nodes.A.Services, booking.Id, SessionCommand.Suspend);
        await relayB.StartAsync(CancellationToken.None);
        Assert.Equal(SessionPhase.InSession, PhaseIn(await floorB.TodayAsync(), booking.Id)); // missed

        // Node A's next event, about something else entirely, shows node B the gap in A's sequence.
        await using (var scope = _nodes.A.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(TradingOps.Core.Auditing.Actor.System("test"));
            await scope.ServiceProvider.GetRequiredService<CalendarAdminService>().SaveYearAsync(2032, "2032 年节假日安排");
        }
        await PhaseOnBAsync(booking.Id, SessionPhase.Suspended);
        await b.GetRequiredService<LiveEventBus>().DeliveredAsync();

        lock (resyncs) Assert.Single(resyncs);
        Assert.Equal(floorReads + 1, floorB.Reads);
        Assert.Equal(registrationReads + 1, registrationsB.Reads);
        await using (var scope = b.CreateAsyncScope())
            FloorModelAssert.Equal(await scope.ServiceProvider.GetRequiredService<FloorQueries>().TodayAsync(), await floorB.TodayAsync());
    }

    [Fact]
    public async Task A_restarted_node_builds_its_read_models_from_the_database_and_then_follows_the_other_node_without_re_reading()
    {
        var booking = await FloorTestSupport.BookingAsync(_nodes.A.Services, "K205", SessionPhase.CheckedIn);
        _nodes.B.Dispose(); // node B goes down...
        await FloorTestSupport.CommandAsync(_nodes.A.Services, booking.Id, SessionCommand.Start); // ...and misses this

        using var restarted = new TradingOpsApp { Settings = _nodes.A.Settings };
        Assert.NotNull(restarted.Server); // starts it
        await TwoNodes.ConnectedAsync(restarted);
        var model = restarted.Services.GetRequiredService<SharedFloorSnapshot>();
        var resyncs = 0;
        using var subscription = restarted.Services.GetRequiredService<ILiveEventSubscriptions>()
            .Subscribe<LiveResync>(_ => { Interlocked.Increment(ref resyncs); return Task.CompletedTask; });

        Assert.Equal(SessionPhase.InSession, PhaseIn(await model.TodayAsync(), booking.Id));
        await using (var scope = restarted.Services.CreateAsyncScope())
            FloorModelAssert.Equal(await scope.ServiceProvider.GetRequiredService<FloorQueries>().TodayAsync(), await model.TodayAsync());
        var reads = model.Reads;

        // Node A's next change reaches the restarted node and is applied from the event: no gap, no read.
        await FloorTestSupport.CommandAsync(_nodes.A.Services, booking.Id, SessionCommand.Suspend);
        await Eventually.FoundAsync(async () => PhaseIn(await model.TodayAsync(), booking.Id) == SessionPhase.Suspended ? "suspended" : null,
            TimeSpan.FromSeconds(10), "the restarted node applies node A's change");
        Assert.Equal(reads, model.Reads);
        Assert.Equal(0, resyncs);
    }

    [Fact]
    public async Task A_node_whose_redis_subscription_comes_back_re_reads_its_read_models_once_and_shows_what_it_missed_meanwhile()
    {
        var b = _nodes.B.Services;
        var floorB = b.GetRequiredService<SharedFloorSnapshot>();
        var registrationsB = b.GetRequiredService<RegistrationBoardModel>();
        var booking = await FloorTestSupport.BookingAsync(_nodes.A.Services, "K205", SessionPhase.CheckedIn);
        await FloorTestSupport.CommandAsync(_nodes.A.Services, booking.Id, SessionCommand.Start);
        await PhaseOnBAsync(booking.Id, SessionPhase.InSession);
        await registrationsB.OpenAsync();
        var resyncs = new List<LiveResync>();
        using var _ = b.GetRequiredService<ILiveEventSubscriptions>()
            .Subscribe<LiveResync>(e => { lock (resyncs) resyncs.Add(e); return Task.CompletedTask; });

        await _nodes.Redis.StopAsync();
        await Eventually.FoundAsync(() => Task.FromResult(b.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().IsConnected ? null : "down"),
            TimeSpan.FromSeconds(30), "node B notices Redis is gone");
        await FloorTestSupport.CommandAsync(_nodes.A.Services, booking.Id, SessionCommand.Suspend); // lost for node B: node A cannot send it
        Assert.Equal(SessionPhase.InSession, PhaseIn(await floorB.TodayAsync(), booking.Id));
        var (floorReads, registrationReads) = (floorB.Reads, registrationsB.Reads);

        await _nodes.Redis.StartAsync();
        await Eventually.FoundAsync(() => { lock (resyncs) return Task.FromResult(resyncs.FirstOrDefault()); },
            TimeSpan.FromSeconds(30), "node B's relay publishes LiveResync when its subscription is restored");
        await PhaseOnBAsync(booking.Id, SessionPhase.Suspended);
        await b.GetRequiredService<LiveEventBus>().DeliveredAsync();

        lock (resyncs) Assert.Equal("bus reconnected", Assert.Single(resyncs).Reason);
        Assert.Equal(floorReads + 1, floorB.Reads);
        Assert.Equal(registrationReads + 1, registrationsB.Reads);
        await using (var scope = b.CreateAsyncScope())
            FloorModelAssert.Equal(await scope.ServiceProvider.GetRequiredService<FloorQueries>().TodayAsync(), await floorB.TodayAsync());
    }

    private Task PhaseOnBAsync(Guid bookingId, SessionPhase phase) => Eventually.FoundAsync(async () =>
            PhaseIn(await _nodes.B.Services.GetRequiredService<SharedFloorSnapshot>().TodayAsync(), bookingId) == phase ? "applied" : null,
        TimeSpan.FromSeconds(10), $"node B's floor model shows the session {phase}");

    private static SessionPhase? PhaseIn(FloorSnapshot floor, Guid bookingId) =>
        floor.Rooms.SelectMany(r => r.Bookings).FirstOrDefault(b => b.Id == bookingId)?.Phase;
}

public sealed class RelaySequenceTests
{
    [Fact]
    public void A_gap_in_a_nodes_sequence_counts_the_missed_events_and_a_node_seen_for_the_first_time_starts_its_own()
    {
        var sequences = new RelaySequences();
        Assert.Equal(0, sequences.Observe("a", 7)); // first seen: this node read its models when it started
        Assert.Equal(0, sequences.Observe("a", 8));
        Assert.Equal(0, sequences.Observe("b", 1));
        Assert.Equal(2, sequences.Observe("a", 11)); // 9 and 10 never arrived
        Assert.Equal(0, sequences.Observe("a", 12));
        Assert.Equal(0, sequences.Observe("b", 2));
        sequences.Clear(); // the bus came back: everything re-read, every sender starts afresh
        Assert.Equal(0, sequences.Observe("a", 20));
    }
}
