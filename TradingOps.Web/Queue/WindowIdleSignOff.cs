using TradingOps.Core.Auditing;
using TradingOps.Core.Live;
using TradingOps.Data.Queue;
using TradingOps.Web.Infrastructure;
using TradingOps.Web.Live;

namespace TradingOps.Web.Queue;

/// <summary>
/// On the live clock's tick, signs off every window whose clerk did nothing there for
/// Queue:WindowIdleSignOffMinutes (<see cref="QueueService.SignOffIdleAsync"/>; the rule is
/// <see cref="Core.Organisation.ServiceWindow.IsIdle"/>): a clerk who walked away is not credited with what
/// happens at the window later. Audited as the system's own action. Ticks are handled one at a time, in order.
/// The tick decides from this node's queue model (<see cref="QueueReadModel.AnyIdleAsync"/>, the same rule on the
/// windows it holds) and reads the database only when a window is idle there.
/// </summary>
public sealed class WindowIdleSignOff(ILiveEventSubscriptions live, IServiceScopeFactory scopes, QueueReadModel model, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<TradingOps.Core.Queue.QueueOptions> options, ILogger<WindowIdleSignOff> logger) : IHostedService
{
    public const string ActorName = "window-idle-sign-off";
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = live.Subscribe<ClockTick>(_ => RunAsync());
        return Task.CompletedTask;
    }

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        try
        {
            if (!await model.AnyIdleAsync(clock.GetUtcNow(), TimeSpan.FromMinutes(options.Value.WindowIdleSignOffMinutes), ct)) return 0;
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<WebCurrentActor>().ActAs(Actor.System(ActorName));
            var signedOff = await scope.ServiceProvider.GetRequiredService<QueueService>().SignOffIdleAsync(ct);
            if (signedOff > 0) logger.LogInformation("{Count} idle window(s) signed off", signedOff);
            return signedOff;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Database away or busy: the next tick tries again.
            logger.LogWarning(ex, "Idle windows could not be signed off on this tick");
            return 0;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
