using TradingOps.Core.Auditing;
using TradingOps.Core.Evaluation;
using TradingOps.Data.Evaluation;
using TradingOps.Web.Infrastructure;
using TradingOps.Web.Live;

namespace TradingOps.Web.Evaluation;

/// <summary>
/// Raises the gate's alerts as the gate reports them, without waiting for the minute's run of
/// <see cref="Jobs.EvaluationWatchJob"/>: on an <see cref="EvaluationChanged"/> of a refusal at the gate or a
/// presentation at a room door, runs the watch once. Every node hears the change and may run it; the alert's unique
/// (kind, booking, subject) keeps one. The job remains the safety net (a node that was down, a missed event).
/// </summary>
public sealed class EvaluationWatchTrigger(ILiveEventSubscriptions live, IServiceScopeFactory scopes, ILogger<EvaluationWatchTrigger> logger) : IHostedService
{
    private IDisposable? _subscription;

    public static bool Triggers(EvaluationChange change) => change is EvaluationChange.Refused or EvaluationChange.DoorPresented;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = live.Subscribe<EvaluationChanged>(change => Triggers(change.Change) ? RunAsync() : Task.CompletedTask);
        return Task.CompletedTask;
    }

    private async Task RunAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetService<WebCurrentActor>()?.ActAs(Actor.Job(Jobs.EvaluationWatchJob.Key.Name));
            await scope.ServiceProvider.GetRequiredService<EvaluationWatch>().RunAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The minute's job raises what this run missed.
            logger.LogWarning(ex, "Evaluation watch after a gate refusal failed; the scheduled run will raise the alerts");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
