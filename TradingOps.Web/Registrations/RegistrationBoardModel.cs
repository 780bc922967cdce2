using TradingOps.Core.Live;
using TradingOps.Core.Registrations;
using TradingOps.Data.Registrations;
using TradingOps.Web.Live;

namespace TradingOps.Web.Registrations;

/// <summary>
/// The registration board read model of this node: every open registration as the pending board and the wall's
/// registration panel show it, read from the database once and then kept up to date from the changes themselves
/// (<see cref="RegistrationChanged"/> carries the row). Read again only on <see cref="LiveResync"/>, or when the
/// last read failed. Countdowns and urgency are derived by the screens from the rows and the clock on the tick.
/// </summary>
/// <remarks>
/// The row list is immutable and swapped under the lock; changes that arrive while a read is running are applied
/// again on top of its result. Whoever sees a change first applies it (this model's own subscription or a screen
/// reacting to it); applying is idempotent.
/// </remarks>
public sealed class RegistrationBoardModel : IDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IDisposable _changes;
    private readonly IDisposable _resyncs;
    private readonly Lock _gate = new();
    private Task<IReadOnlyList<PendingRegistrationRow>>? _model;
    private List<RegistrationChanged>? _during;
    private long _generation;
    private readonly HashSet<RegistrationChanged> _seen = [];
    private readonly Queue<RegistrationChanged> _seenOrder = new();
    private const int SeenLimit = 4096;

    public RegistrationBoardModel(IServiceScopeFactory scopes, ILiveEventSubscriptions live)
    {
        _scopes = scopes;
        _changes = live.Subscribe<RegistrationChanged>(change =>
        {
            lock (_gate) Apply(change);
            return Task.CompletedTask;
        });
        _resyncs = live.Subscribe<LiveResync>(_ => ResyncAsync());
    }

    /// <summary>Reads served from the database since start.</summary>
    public long Reads => Interlocked.Read(ref _reads);
    private long _reads;

    /// <summary>Every open registration in the board's order, including <paramref name="change"/> when given.</summary>
    public Task<IReadOnlyList<PendingRegistrationRow>> OpenAsync(RegistrationChanged? change = null)
    {
        lock (_gate)
        {
            if (change is not null) Apply(change);
            if (_model is { } m && !m.IsFaulted && !m.IsCanceled) return m;
            return StartRead();
        }
    }

    /// <summary>Drops the rows and reads them again once (this node may have missed changes).</summary>
    public Task<IReadOnlyList<PendingRegistrationRow>> ResyncAsync()
    {
        lock (_gate) return StartRead();
    }

    private void Apply(RegistrationChanged change)
    {
        if (!_seen.Add(change)) return;
        _seenOrder.Enqueue(change);
        if (_seenOrder.Count > SeenLimit) _seen.Remove(_seenOrder.Dequeue());
        if (_model is not { IsCompleted: true } m)
        {
            _during?.Add(change);
            return;
        }
        if (m.IsFaulted || m.IsCanceled) return;
        _model = Task.FromResult(Applied(m.Result, change.Row));
    }

    /// <summary>The rows with <paramref name="row"/> in place (or gone, once it is no longer open).</summary>
    private static IReadOnlyList<PendingRegistrationRow> Applied(IReadOnlyList<PendingRegistrationRow> rows, PendingRegistrationRow row)
    {
        var others = rows.Where(r => r.Id != row.Id);
        return PendingRegistrationRow.BoardOrder(PendingRegistrationRow.IsOpen(row.Status) ? others.Append(row) : others);
    }

    private Task<IReadOnlyList<PendingRegistrationRow>> StartRead()
    {
        var generation = ++_generation;
        _during = [];
        var read = ReadAsync(generation);
        _model = read;
        return read;
    }

    private async Task<IReadOnlyList<PendingRegistrationRow>> ReadAsync(long generation)
    {
        await Task.Yield(); // not under the lock
        Interlocked.Increment(ref _reads);
        IReadOnlyList<PendingRegistrationRow> rows;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            rows = await scope.ServiceProvider.GetRequiredService<RegistrationQueries>().OpenAsync();
        }
        catch
        {
            lock (_gate)
                if (_generation == generation) _during = null;
            throw;
        }
        lock (_gate)
        {
            if (_generation != generation) return rows;
            foreach (var change in _during ?? []) rows = Applied(rows, change.Row);
            _during = null;
            _model = Task.FromResult(rows);
            return rows;
        }
    }

    public void Dispose()
    {
        _changes.Dispose();
        _resyncs.Dispose();
    }
}
