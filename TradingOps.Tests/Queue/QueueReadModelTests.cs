using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradingOps.Core.Live;
using TradingOps.Core.Queue;
using TradingOps.Data.Queue;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Live;
using TradingOps.Web.Queue;

namespace TradingOps.Tests.Queue;

/// <summary>The node's queue read model: applies changes from the events, catches up from the database when it may have missed some.</summary>
public sealed class QueueReadModelTests : SqliteLiveBunitContext
{
    private LiveEventBus Bus => Services.GetRequiredService<LiveEventBus>();

    /// <summary>The queue acting as a clerk whose changes this node never hears of (a bus gap: published elsewhere, lost).</summary>
    private QueueService Unheard(TradingOps.Core.Organisation.Staff clerk) =>
        ActivatorUtilities.CreateInstance<QueueService>(Services.CreateScope().ServiceProvider,
            new TradingOps.Data.Auditing.FixedActor(Clerks.ActorOf(clerk)), new NoLiveEvents());

    [Fact]
    public async Task After_a_bus_gap_the_model_shows_what_it_missed_once_told_to_resync_and_not_before()
    {
        var counter = await QueueRoundTripTests.CounterAsync(Services, windows: 2);
        var model = Services.GetRequiredService<QueueReadModel>();
        await Services.GetRequiredService<QueueService>().IssueAsync(counter.Type.Id, TicketChannel.Kiosk);
        Assert.Equal(1, (await model.WindowConsoleAsync(1))!.WaitingCount);

        var missed = (await Unheard(counter.Clerks[0]).CallNextAsync(counter.Windows[0].Id))!;
        await Bus.DeliveredAsync();
        Assert.Empty((await model.WindowConsoleAsync(1))!.AtWindow); // it did not hear of the call

        await Bus.PublishAsync(new LiveResync(DateTimeOffset.UtcNow, "test: bus gap"));
        await Bus.DeliveredAsync();

        var console = (await model.WindowConsoleAsync(1))!;
        Assert.Equal(missed.Id, Assert.Single(console.AtWindow).Id);
        Assert.Equal(0, console.WaitingCount);
        Assert.Equal(2, model.Builds);
    }

    [Fact]
    public async Task A_restarted_node_reads_the_queue_as_it_is_and_then_follows_the_events()
    {
        var counter = await QueueRoundTripTests.CounterAsync(Services, windows: 2);
        var queue = Services.QueueAs(counter.Clerks[0]);
        await queue.IssueAsync(counter.Type.Id, TicketChannel.Kiosk);
        await queue.IssueAsync(counter.Type.Id, TicketChannel.Kiosk);
        var called = (await queue.CallNextAsync(counter.Windows[0].Id))!;

        // A node starting now: a new model on the same database.
        using var restarted = new QueueReadModel(Services.GetRequiredService<IServiceScopeFactory>(), Bus, TimeProvider.System,
            Services.GetRequiredService<IOptions<QueueOptions>>(), NullLogger<QueueReadModel>.Instance);
        var hall = (await restarted.HallAsync(counter.Zone.Id))!;
        Assert.Equal(called.Code, hall.Calls[0].Code);
        Assert.Equal(1, hall.Waiting.Single().WaitingNow);

        await queue.StartServingAsync(called.Id);
        await queue.FinishAsync(called.Id, ServiceOutcome.Completed, null);
        await Bus.DeliveredAsync();
        Assert.Equal(1, (await restarted.KpisAsync()).Overall.Served);
        Assert.Equal(1, restarted.Builds);
    }

    [Fact]
    public async Task A_change_relayed_from_another_node_as_json_is_applied_without_reading()
    {
        var counter = await QueueRoundTripTests.CounterAsync(Services, windows: 2);
        var model = Services.GetRequiredService<QueueReadModel>();
        await model.GetAsync();
        // Another node's change: what its service published, through System.Text.Json as the Redis relay carries it.
        TicketChanged? published = null;
        await Unheard(counter.Clerks[0]).IssueAsync(counter.Type.Id, TicketChannel.Kiosk); // issued there, not heard here
        var other = ActivatorUtilities.CreateInstance<QueueService>(Services.CreateScope().ServiceProvider,
            new TradingOps.Data.Auditing.FixedActor(Clerks.ActorOf(counter.Clerks[1])), new Capture(e => published = e as TicketChanged ?? published));
        await other.CallNextAsync(counter.Windows[1].Id);
        var json = JsonSerializer.Serialize(published!, published!.GetType(), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var relayed = JsonSerializer.Deserialize<TicketChanged>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(published.Ticket, relayed.Ticket); // the ticket survives the trip field for field
        Assert.Equal(published.Window, relayed.Window);

        await Bus.DeliverLocallyAsync(relayed);
        await Bus.DeliveredAsync();

        var console = (await model.WindowConsoleAsync(2))!;
        Assert.Equal("A001", Assert.Single(console.AtWindow).Code);
        Assert.Equal(1, model.Builds);
        Assert.Equal("A001", (await model.HallAsync(counter.Zone.Id))!.Calls[0].Code);
    }

    private sealed class Capture(Action<LiveEvent> seen) : ILiveEventPublisher
    {
        public ValueTask PublishAsync(LiveEvent change, CancellationToken cancellationToken = default)
        {
            seen(change);
            return ValueTask.CompletedTask;
        }
    }
}
