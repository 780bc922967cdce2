using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Data.Floor;
using TradingOps.Web.Live;

namespace TradingOps.Web.Floor;

/// <summary>
/// Today's floor, read once per change for all the walls of this node instead of once per wall panel: fifty
/// walls with three floor panels each would otherwise read the floor 150 times for every change. A change
/// (from this node or relayed from another) makes the snapshot older than the change stale; the next panel that
/// asks starts one read and every other panel asking meanwhile shares it. A failed read is not kept.
/// Staleness goes by the change itself, not by clocks: the first sight of a change on this node (a panel
/// reacting to it, or this service's own subscription, whichever runs first) drops the snapshot, so the next
/// read starts after the change was published, hence after it was committed.
/// </summary>
public sealed class SharedFloorSnapshot : IDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly IDisposable _subscription;
    private readonly Lock _gate = new();
    private Entry? _current;
    private readonly HashSet<FloorChanged> _seen = [];
    private readonly Queue<FloorChanged> _seenOrder = new();
    private const int SeenLimit = 4096;

    private sealed record Entry(Task<FloorSnapshot> Read, DateTimeOffset StartedAt, DateOnly Day);

    public SharedFloorSnapshot(IServiceScopeFactory scopes, TimeProvider clock, ILiveEventSubscriptions live)
    {
        _scopes = scopes;
        _clock = clock;
        // Also when no wall is open: a wall opened later must not be shown a floor from before the change.
        _subscription = live.Subscribe<FloorChanged>(change =>
        {
            lock (_gate) Saw(change);
            return Task.CompletedTask;
        });
    }

    /// <summary>Reads served from the database since start (for diagnostics and the load harness).</summary>
    public long Reads => Interlocked.Read(ref _reads);
    private long _reads;

    /// <summary>A change seen for the first time drops the snapshot (called under the lock).</summary>
    private void Saw(FloorChanged change)
    {
        if (!_seen.Add(change)) return;
        _seenOrder.Enqueue(change);
        if (_seenOrder.Count > SeenLimit) _seen.Remove(_seenOrder.Dequeue());
        _current = null;
    }

    /// <summary>
    /// Today's floor including <paramref name="change"/> (the change a panel is reacting to); without it, the
    /// newest snapshot of today.
    /// </summary>
    public Task<FloorSnapshot> TodayAsync(FloorChanged? change = null)
    {
        var day = CenterTime.Today(_clock);
        lock (_gate)
        {
            if (change is not null) Saw(change);
            if (_current is { } c && c.Day == day && !c.Read.IsFaulted && !c.Read.IsCanceled)
                return c.Read;
            var entry = new Entry(ReadAsync(), _clock.GetUtcNow(), day);
            _current = entry;
            return entry.Read;
        }
    }

    private async Task<FloorSnapshot> ReadAsync()
    {
        await Task.Yield(); // not under the lock
        Interlocked.Increment(ref _reads);
        await using var scope = _scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FloorQueries>().TodayAsync();
    }

    public void Dispose() => _subscription.Dispose();
}
