using Microsoft.AspNetCore.SignalR;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Data.Floor;
using TradingOps.Web.Live;

namespace TradingOps.Web.Floor;

public static class FloorWebSetup
{
    public static IServiceCollection AddFloor(this IServiceCollection services)
    {
        services.AddSignalR().AddHubOptions<FloorHub>(o => o.AddFilter<FloorHubConnections>());
        services.AddSingleton<ILiveEventForwarder, FloorHubForwarder>();
        services.AddHostedService<FloorClockWatcher>();
        services.AddSingleton<SharedFloorSnapshot>();
        services.AddSingleton<FloorHubConnections>();
        services.AddSingleton<PublicFloorModel>();
        return services;
    }

    public static IEndpointRouteBuilder MapFloor(this IEndpointRouteBuilder app)
    {
        app.MapHub<FloorHub>(FloorHub.Path);
        app.MapPublicOccupancyApi();
        return app;
    }
}

/// <summary>
/// States that change with time alone (a session running past its end, an upcoming booking, the end of
/// clean-up) are pushed to hub clients too: on every clock tick each room's state is derived from this node's floor
/// read model at the tick and at the previous tick, and each room whose state moved with the clock is published as a
/// <see cref="RoomStateChanged"/>, with nobody touching anything. No database read on a tick (the model is in memory;
/// it reads only on its own occasions: start, resync, a new day). Every node derives the same states from its own
/// model, so the change is local to the node (<see cref="INodeLocal"/>): not relayed, pushed to this node's clients.
/// </summary>
public sealed class FloorClockWatcher(SharedFloorSnapshot model, ILiveEventSubscriptions live, ILiveEventPublisher publisher,
    ILogger<FloorClockWatcher> logger) : IHostedService
{
    private DateTimeOffset? _previous;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = live.Subscribe<ClockTick>(OnTickAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private async Task OnTickAsync(ClockTick tick)
    {
        if (!await _gate.WaitAsync(0)) return; // a slow read is still running: skip this beat
        try
        {
            var snapshot = await model.TodayAsync();
            var previous = _previous;
            _previous = tick.At;
            if (previous is not { } before || before >= tick.At) return;
            foreach (var room in snapshot.Rooms)
            {
                // Both against the same model: a change made between the ticks moves both alike and is not a
                // time-driven change (it was published by whoever made it).
                var then = room.StatusAt(before, model.UpcomingWindow).State;
                var now = room.StatusAt(tick.At, model.UpcomingWindow).State;
                if (then != now) await publisher.PublishAsync(new RoomStateChanged(tick.At, room.Id, then, now));
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Floor states could not be re-derived on the clock tick");
        }
        finally
        {
            _gate.Release();
        }
    }
}
