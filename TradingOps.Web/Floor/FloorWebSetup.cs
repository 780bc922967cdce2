using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Data.Floor;
using TradingOps.Web.Live;

namespace TradingOps.Web.Floor;

public static class FloorWebSetup
{
    public static IServiceCollection AddFloor(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<ILiveEventForwarder, FloorHubForwarder>();
        services.AddHostedService<FloorClockWatcher>();
        services.AddSingleton<SharedFloorSnapshot>();
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
/// clean-up) are pushed to hub clients too: on every clock tick the floor is derived again and each room
/// whose state moved is published, with nobody touching anything.
/// </summary>
public sealed class FloorClockWatcher(IServiceScopeFactory scopes, ILiveEventSubscriptions live, ILiveEventPublisher publisher,
    ILogger<FloorClockWatcher> logger) : IHostedService
{
    private readonly Dictionary<Guid, RoomState> _last = [];
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
            await using var scope = scopes.CreateAsyncScope();
            var floor = scope.ServiceProvider.GetRequiredService<FloorQueries>();
            var snapshot = await floor.TodayAsync();
            var moved = new List<Guid>();
            foreach (var room in snapshot.Rooms)
            {
                var state = room.StatusAt(tick.At, floor.UpcomingWindow).State;
                if (_last.TryGetValue(room.Id, out var before) && before != state) moved.Add(room.Id);
                _last[room.Id] = state;
            }
            foreach (var id in moved)
                await publisher.PublishAsync(new FloorChanged(tick.At, id, null, "state"));
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
