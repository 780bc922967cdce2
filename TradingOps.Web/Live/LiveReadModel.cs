using TradingOps.Core.Live;

namespace TradingOps.Web.Live;

/// <summary>
/// A read model of this node (the floor, the registration board): its state is read from the database once and then
/// kept up to date in memory from the change events themselves, which carry what changed. Every screen of the node
/// reads it; a change costs no read.
/// </summary>
/// <remarks>
/// The state is immutable; a change builds the next one and swaps it in under the lock. The database is read again
/// only when the model cannot know better: at start (the first screen that asks), on <see cref="LiveResync"/> (this
/// node may have missed changes: its bus came back, a gap showed in another node's sequence), when the state is no
/// longer current (<see cref="IsCurrent"/>, e.g. a new day), and when a change cannot be applied. Changes that arrive
/// while a read runs are applied again on top of its result, so a read that started before a change committed does
/// not lose it. Whoever sees a change first applies it (the model's own subscription, or a screen reacting to it and
/// passing it to <see cref="CurrentAsync"/>); applying is idempotent. A failed read is not kept.
/// </remarks>
public abstract class LiveReadModel<TState, TChange> : IDisposable where TState : class where TChange : LiveEvent
{
    private const int SeenLimit = 4096;
    private readonly IServiceScopeFactory _scopes;
    private readonly IDisposable _changes;
    private readonly IDisposable _resyncs;
    private readonly Lock _gate = new();
    private readonly HashSet<TChange> _seen = [];
    private readonly Queue<TChange> _seenOrder = new();
    private Task<TState>? _model; // completed: the state; running: the read that builds it
    private List<TChange>? _during; // changes seen while the read runs
    private long _generation;       // a resync makes a running read's result obsolete
    private long _reads;

    protected LiveReadModel(IServiceScopeFactory scopes, ILiveEventSubscriptions live)
    {
        _scopes = scopes;
        // Also when no screen is open: a screen opened later must be shown the state with the change.
        _changes = live.Subscribe<TChange>(change =>
        {
            lock (_gate) Apply(change);
            return Task.CompletedTask;
        });
        _resyncs = live.Subscribe<LiveResync>(_ => ResyncAsync());
    }

    /// <summary>Reads served from the database since start (for diagnostics, the load harness and the tests).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Reads the state from the database.</summary>
    protected abstract Task<TState> ReadAsync(IServiceProvider services);

    /// <summary>The state with <paramref name="change"/> applied; null when it cannot be applied (the model reads again).</summary>
    protected abstract TState? Applied(TState state, TChange change);

    /// <summary>Whether a state read earlier still holds (false: read again, e.g. yesterday's floor).</summary>
    protected virtual bool IsCurrent(TState state) => true;

    /// <summary>The state including <paramref name="change"/> (the change a screen is reacting to); without it, the
    /// state as it stands. Reads the database only when the model holds no current state.</summary>
    protected Task<TState> CurrentAsync(TChange? change)
    {
        lock (_gate)
        {
            if (change is not null) Apply(change);
            if (_model is { } m && !m.IsFaulted && !m.IsCanceled && (!m.IsCompleted || IsCurrent(m.Result)))
                return m;
            return StartRead();
        }
    }

    /// <summary>Drops the state and reads it again once (this node may have missed changes).</summary>
    public Task<TState> ResyncAsync()
    {
        lock (_gate) return StartRead();
    }

    private void Apply(TChange change)
    {
        if (!_seen.Add(change)) return;
        _seenOrder.Enqueue(change);
        if (_seenOrder.Count > SeenLimit) _seen.Remove(_seenOrder.Dequeue());
        if (_model is not { IsCompleted: true } m)
        {
            _during?.Add(change); // applied on top of the running read's result
            return;
        }
        if (m.IsFaulted || m.IsCanceled) return; // the next screen asking reads
        if (Applied(m.Result, change) is { } next)
        {
            if (!ReferenceEquals(next, m.Result)) _model = Task.FromResult(next);
        }
        else StartRead();
    }

    /// <summary>Starts the read that builds the state (under the lock); screens asking meanwhile share it.</summary>
    private Task<TState> StartRead()
    {
        var generation = ++_generation;
        _during = [];
        var read = ReadFreshAsync(generation);
        _model = read;
        return read;
    }

    private async Task<TState> ReadFreshAsync(long generation)
    {
        await Task.Yield(); // not under the lock
        Interlocked.Increment(ref _reads);
        TState state;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            state = await ReadAsync(scope.ServiceProvider);
        }
        catch
        {
            lock (_gate)
                if (_generation == generation) _during = null;
            throw;
        }
        lock (_gate)
        {
            if (_generation != generation) return state; // a resync started a newer read: this one is only its caller's
            // Changes seen while reading: the read may have started before they committed.
            foreach (var change in _during ?? []) state = Applied(state, change) ?? state;
            _during = null;
            _model = Task.FromResult(state);
            return state;
        }
    }

    public void Dispose()
    {
        _changes.Dispose();
        _resyncs.Dispose();
        GC.SuppressFinalize(this);
    }
}
