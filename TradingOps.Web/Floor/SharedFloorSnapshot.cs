using Microsoft.Extensions.Options;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Data.Floor;
using TradingOps.Web.Live;

namespace TradingOps.Web.Floor;

/// <summary>
/// The floor read model of this node: today's floor, read from the database once and then kept up to date in memory
/// from the changes themselves (each <see cref="BookingChanged"/> carries the booking's new row). Every floor screen
/// of the node reads it: the floor board, the wall's floor panels, door plates (one room), the public page and feed
/// (through the public projection), and the clock watcher that derives time-driven states. A change costs no read.
/// </summary>
/// <remarks>
/// The snapshot is immutable; a change builds the next one (rooms it does not touch are shared) and swaps it in
/// under the lock. The database is read again only when the model cannot know better: at start (the first screen
/// that asks), on <see cref="LiveResync"/> (this node may have missed changes: its bus came back, a gap showed in
/// another node's sequence), at the day's rollover, and when a change cannot be applied (a room the model does not
/// hold). Changes that arrive while a read is running are applied again on top of its result, so a read that started
/// before a change committed does not lose it. Whoever sees a change first applies it (this model's own
/// subscription, or a panel reacting to it with <see cref="TodayAsync"/>); applying is idempotent.
/// </remarks>
public sealed class SharedFloorSnapshot : IDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly IDisposable _changes;
    private readonly IDisposable _resyncs;
    private readonly Lock _gate = new();
    private Task<FloorSnapshot>? _model;   // completed: the model; running: the read that builds it
    private List<BookingChanged>? _during; // changes seen while the read runs
    private long _generation;              // a resync makes a running read's result obsolete
    private readonly HashSet<FloorChanged> _seen = [];
    private readonly Queue<FloorChanged> _seenOrder = new();
    private const int SeenLimit = 4096;

    public SharedFloorSnapshot(IServiceScopeFactory scopes, TimeProvider clock, ILiveEventSubscriptions live)
    {
        _scopes = scopes;
        _clock = clock;
        using (var scope = scopes.CreateScope())
            UpcomingWindow = TimeSpan.FromMinutes(scope.ServiceProvider.GetRequiredService<IOptions<FloorOptions>>().Value.UpcomingMinutes);
        // Also when no screen is open: a screen opened later must be shown the floor with the change.
        _changes = live.Subscribe<FloorChanged>(change =>
        {
            lock (_gate) Apply(change);
            return Task.CompletedTask;
        });
        _resyncs = live.Subscribe<LiveResync>(_ => ResyncAsync());
    }

    /// <summary>How long before its start a booking makes its room "upcoming" (Floor:UpcomingMinutes).</summary>
    public TimeSpan UpcomingWindow { get; }

    /// <summary>Reads served from the database since start (for diagnostics, the load harness and the tests).</summary>
    public long Reads => Interlocked.Read(ref _reads);
    private long _reads;

    /// <summary>
    /// Today's floor including <paramref name="change"/> (the change a screen is reacting to); without it, the
    /// model as it stands. Reads the database only when the model is not built (start, resync, new day).
    /// </summary>
    public Task<FloorSnapshot> TodayAsync(FloorChanged? change = null)
    {
        var day = CenterTime.Today(_clock);
        lock (_gate)
        {
            if (change is not null) Apply(change);
            if (_model is { } m && !m.IsFaulted && !m.IsCanceled && (!m.IsCompleted || m.Result.Day == day))
                return m;
            return StartRead();
        }
    }

    /// <summary>Drops the model and reads it again once (this node may have missed changes).</summary>
    public Task<FloorSnapshot> ResyncAsync()
    {
        lock (_gate) return StartRead();
    }

    /// <summary>Applies a change to the model (under the lock); a change it cannot apply makes it read again.</summary>
    private void Apply(FloorChanged change)
    {
        if (!_seen.Add(change)) return;
        _seenOrder.Enqueue(change);
        if (_seenOrder.Count > SeenLimit) _seen.Remove(_seenOrder.Dequeue());
        if (change is not BookingChanged booking) return; // a state moved with the clock: derived, nothing to apply
        if (_model is not { IsCompleted: true } m)
        {
            _during?.Add(booking); // applied on top of the running read's result
            return;
        }
        if (m.IsFaulted || m.IsCanceled) return; // the next screen asking reads
        if (Applied(m.Result, booking) is { } next) _model = Task.FromResult(next);
        else StartRead();
    }

    /// <summary>The floor with the booking's new row in place, or null when the model does not hold its room.</summary>
    private static FloorSnapshot? Applied(FloorSnapshot floor, BookingChanged change)
    {
        var row = change.Booking;
        if (!floor.Rooms.Any(r => r.Id == row.RoomId)) return null;
        var booking = RoomBooking.FromRow(row);
        var shown = booking.IsOnFloor(floor.DayStart, floor.DayEnd);
        var rooms = floor.Rooms.Select(room =>
        {
            var had = room.Bookings.Any(b => b.Id == row.Id);
            var gets = shown && room.Id == row.RoomId;
            if (!had && !gets) return room; // untouched rooms are shared with the previous snapshot
            var bookings = room.Bookings.Where(b => b.Id != row.Id);
            if (gets) bookings = bookings.Append(booking);
            return room with { Bookings = bookings.OrderBy(b => b.StartsAt).ToList() };
        }).ToList();
        return floor with { Rooms = rooms };
    }

    /// <summary>Starts the read that builds the model (under the lock); screens asking meanwhile share it.</summary>
    private Task<FloorSnapshot> StartRead()
    {
        var generation = ++_generation;
        _during = [];
        var read = ReadAsync(generation);
        _model = read;
        return read;
    }

    private async Task<FloorSnapshot> ReadAsync(long generation)
    {
        await Task.Yield(); // not under the lock
        Interlocked.Increment(ref _reads);
        FloorSnapshot read;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            read = await scope.ServiceProvider.GetRequiredService<FloorQueries>().TodayAsync();
        }
        catch
        {
            lock (_gate)
                if (_generation == generation) _during = null; // a failed read is not kept: the next screen asking reads
            throw;
        }
        lock (_gate)
        {
            if (_generation != generation) return read; // a resync started a newer read; this one is only its caller's
            // Changes seen while reading: the read may have started before they committed.
            foreach (var change in _during ?? [])
                read = Applied(read, change) ?? read;
            _during = null;
            _model = Task.FromResult(read);
            return read;
        }
    }

    public void Dispose()
    {
        _changes.Dispose();
        _resyncs.Dispose();
    }
}

/// <summary>
/// The floor read model as anonymous screens may read it: the public page and feed, door plates. Only the public
/// projection comes out (rooms and <see cref="ShownRoom"/>s, never bookings), so none of them can show what it drops.
/// </summary>
public sealed class PublicFloorModel(SharedFloorSnapshot model, TimeProvider clock)
{
    /// <summary>Today's floor through the public projection.</summary>
    public async Task<PublicFloor> TodayAsync() => (await model.TodayAsync()).Public(clock.GetUtcNow(), model.UpcomingWindow);

    /// <summary>One room through the public projection (a door plate projects its room alone); null for an unknown code.</summary>
    public async Task<PublicRoom?> RoomAsync(string code)
    {
        var floor = await model.TodayAsync();
        var room = floor.Rooms.FirstOrDefault(r => string.Equals(r.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));
        return room?.Public(clock.GetUtcNow(), model.UpcomingWindow);
    }
}
