using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TradingOps.Data.Seeding;

/// <summary>
/// The demo's year of trading projects and its operations history when they are seeded after the app has started
/// serving (<see cref="DatabaseOptions.DemoHistoryInBackground"/>, the README run command): today's floor, queues
/// and registrations are in place before the first page, the past follows within seconds. Whatever computes
/// figures over past days waits for <see cref="Completed"/> (the statistics jobs), and pages say the history is
/// still loading while <see cref="IsLoading"/>.
/// </summary>
public sealed class DemoHistory(IServiceScopeFactory scopes, ILogger<DemoHistory> logger)
{
    private Task _completed = Task.CompletedTask;
    private CancellationToken _startAfter;

    /// <summary>
    /// Holds the seeding back until this token fires (the web app: ApplicationStarted), so it does not compete with
    /// the app's own start for the processor. Without it the seeding starts at once.
    /// </summary>
    public void StartAfter(CancellationToken started) => _startAfter = started;

    /// <summary>Completes when the history is in the database (at once when none is being seeded).</summary>
    public Task Completed => _completed;

    public bool IsLoading => !_completed.IsCompleted;

    /// <summary>
    /// Runs the seeding off the start-up path, in a scope of its own (the start-up scope is gone by then); a failure
    /// is logged and fails <see cref="Completed"/>.
    /// </summary>
    public void Start(Func<IServiceProvider, CancellationToken, Task> seed)
    {
        if (IsLoading) throw new InvalidOperationException("The demo history is already being seeded.");
        _completed = Task.Run(async () =>
        {
            try
            {
                if (_startAfter.CanBeCanceled)
                {
                    var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    await using (_startAfter.Register(() => started.TrySetResult()))
                        await started.Task;
                }
                await using var scope = scopes.CreateAsyncScope();
                await seed(scope.ServiceProvider, CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Seeding the demo history failed: delete the database file to seed the demo afresh");
                throw;
            }
        });
    }
}
