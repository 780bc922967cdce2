using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using TradingOps.Core.Live;
using TradingOps.Core.Queue;
using TradingOps.Data.Queue;
using TradingOps.Web.Live;

namespace TradingOps.Web.Queue;

/// <summary>
/// This node's queue read model applied a change (or re-read everything): queue screens take what they show from
/// <see cref="QueueReadModel"/> again, if it concerns them. Delivered on this node only, never relayed.
/// </summary>
/// <param name="Everything">Re-read from the database (start, resync, day rollover, set-up changed): every screen.</param>
/// <param name="WindowIds">Windows whose console changed (the ticket's window before and after, the window it was sent to).</param>
/// <param name="ServiceTypeIds">Service types whose waiting tickets changed (next-up lists of the windows serving them).</param>
public sealed record QueueModelChanged(DateTimeOffset At, bool Everything, IReadOnlyList<Guid> WindowIds, IReadOnlyList<Guid> ServiceTypeIds)
    : LiveEvent(At)
{
    /// <summary>Whether a window's console (its tickets, next up, its figures) changed.</summary>
    public bool Concerns(Guid windowId, IReadOnlyCollection<Guid> servedTypes) =>
        Everything || WindowIds.Contains(windowId) || ServiceTypeIds.Any(servedTypes.Contains);
}

/// <summary>The model's state at one moment: immutable, swapped whole, so a reader never sees half an event.</summary>
public sealed record QueueModelState(
    DateOnly Date,
    IReadOnlyList<QueueTypeSetup> Types,
    IReadOnlyList<QueueWindowSetup> Windows,
    ImmutableDictionary<Guid, WindowState> WindowStates,
    IReadOnlyDictionary<Guid, string> Zones,
    ImmutableDictionary<Guid, TicketState> Tickets,
    ImmutableList<RatingFact> Ratings,
    ImmutableDictionary<Guid, ImmutableList<ZoneCall>> Calls);

/// <summary>
/// The queue on this node, in memory (one per node, a singleton): today's tickets, the windows and who is at them,
/// today's ratings and each hall's latest calls. Built by one read of the database on first use, then kept up to date
/// from the changes themselves (<see cref="TicketChanged"/>, <see cref="WindowStateChanged"/>, <see cref="TicketRated"/>,
/// published here or relayed from other nodes), which carry what changed. It reads the database again only when told
/// this node may have missed changes (<see cref="LiveResync"/>), at the day's rollover and when the queue's set-up
/// changed. Screens (window consoles, KPI strips, the wall's queue panel, the queue home, hall displays and their feed)
/// read it filtered to what they show, so a change costs the database nothing more whatever is open.
/// <para>
/// Changes are applied one at a time, in order, by one subscription; each builds a new immutable
/// <see cref="QueueModelState"/> swapped in at once. After applying one it tells screens with <see cref="QueueModelChanged"/>.
/// </para>
/// </summary>
public sealed class QueueReadModel : IDisposable
{
    public const int HallCalls = 8;

    private readonly IServiceScopeFactory _scopes;
    private readonly LiveEventBus _bus;
    private readonly TimeProvider _clock;
    private readonly IOptions<QueueOptions> _options;
    private readonly ILogger<QueueReadModel> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IDisposable _subscription;
    private volatile QueueModelState? _state;
    private volatile bool _stale;
    private long _builds;

    public QueueReadModel(IServiceScopeFactory scopes, LiveEventBus bus, TimeProvider clock, IOptions<QueueOptions> options, ILogger<QueueReadModel> logger)
    {
        _scopes = scopes;
        _bus = bus;
        _clock = clock;
        _options = options;
        _logger = logger;
        // One subscription for every kind of change, so they are applied one at a time in the order published.
        _subscription = bus.Subscribe<LiveEvent>(ApplyAsync);
    }

    /// <summary>Times the model was read from the database (for tests and the bench).</summary>
    public long Builds => Interlocked.Read(ref _builds);

    public int TargetWaitMinutes => _options.Value.TargetWaitMinutes;

    /// <summary>The current state; read from the database the first time, after a resync, and on a new service day.</summary>
    public async ValueTask<QueueModelState> GetAsync(CancellationToken ct = default)
    {
        var state = _state;
        if (state is not null && !_stale && state.Date == QueueRules.ServiceDateOf(_clock.GetUtcNow())) return state;
        await _gate.WaitAsync(ct);
        try
        {
            state = _state;
            if (state is not null && !_stale && state.Date == QueueRules.ServiceDateOf(_clock.GetUtcNow())) return state;
            try
            {
                return await RebuildLockedAsync(ct);
            }
            catch (Exception ex) when (state is not null && ex is not OperationCanceledException)
            {
                // Database away: screens keep what they had (kept up to date by events meanwhile); the next reader tries again.
                _logger.LogWarning(ex, "The queue read model could not re-read the queue; showing what it holds");
                return state;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<QueueModelState> RebuildLockedAsync(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var data = await scope.ServiceProvider.GetRequiredService<QueueQueries>().LiveDataAsync(HallCalls, ct);
        var state = new QueueModelState(data.Date, data.Types, data.Windows,
            data.WindowStates.ToImmutableDictionary(w => w.Id),
            data.Zones,
            data.Tickets.ToImmutableDictionary(t => t.Id),
            [.. data.Ratings],
            data.Calls.GroupBy(c => c.ZoneId).ToImmutableDictionary(g => g.Key, g => g.ToImmutableList()));
        Interlocked.Increment(ref _builds);
        _state = state;
        _stale = false;
        return state;
    }

    private async Task ApplyAsync(LiveEvent change)
    {
        if (change is QueueModelChanged) return;
        if (change is ClockTick tick)
        {
            // A new service day: yesterday's tickets go, numbers restart (read once, then kept from events again).
            if (_state is { } s && s.Date != QueueRules.ServiceDateOf(tick.At)) await ResyncAsync(tick.At);
            return;
        }
        if (change is LiveResync or QueueSetupChanged)
        {
            await ResyncAsync(change.At);
            return;
        }
        if (change is not (TicketChanged or WindowStateChanged or TicketRated)) return;
        QueueModelChanged? applied = null;
        var resync = false;
        await _gate.WaitAsync();
        try
        {
            if (_state is not { } state) return; // not built yet: the first read will see this change
            (var next, applied, resync) = change switch
            {
                TicketChanged t => Apply(state, t),
                WindowStateChanged w => Apply(state, w),
                TicketRated r => Apply(state, r),
                _ => (state, null, false),
            };
            _state = next;
        }
        finally
        {
            _gate.Release();
        }
        if (resync) await ResyncAsync(change.At);
        else if (applied is not null) await _bus.DeliverLocallyAsync(applied);
    }

    /// <summary>Reads everything again (if the model was built) and tells every queue screen.</summary>
    private async Task ResyncAsync(DateTimeOffset at)
    {
        await _gate.WaitAsync();
        try
        {
            if (_state is null) return;
            _stale = true;
            await RebuildLockedAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Database away: stay stale, the next reader tries again.
            _logger.LogWarning(ex, "The queue read model could not re-read the queue; it tries again on next use");
        }
        finally
        {
            _gate.Release();
        }
        await _bus.DeliverLocallyAsync(new QueueModelChanged(at, true, [], []));
    }

    private static (QueueModelState, QueueModelChanged?, bool) Apply(QueueModelState state, TicketChanged e)
    {
        if (e.Ticket is not { } ticket) return (state, null, true); // a publisher that did not say what changed: read it
        if (ticket.ServiceDate != state.Date) return (state, null, ticket.ServiceDate > state.Date);
        var before = state.Tickets.GetValueOrDefault(ticket.Id);
        var next = state with { Tickets = state.Tickets.SetItem(ticket.Id, ticket) };
        if (e.Window is { } window) next = next with { WindowStates = next.WindowStates.SetItem(window.Id, window) };
        if (e.IsCall && ticket.WindowId is { } at && state.Windows.FirstOrDefault(w => w.Id == at) is { } called)
        {
            var calledAt = ticket.CalledAt ?? e.At;
            var calls = next.Calls.GetValueOrDefault(called.ZoneId) ?? [];
            if (!calls.Any(c => c.TicketId == ticket.Id && c.Call.At == calledAt))
            {
                var call = new ZoneCall(called.ZoneId, ticket.Id,
                    new HallCall(ticket.Code, called.Number, called.Name, calledAt, e.Kind == TicketEventKind.Recalled, e.Clerk));
                calls = calls.Insert(0, call).Sort((a, b) => b.Call.At.CompareTo(a.Call.At));
                if (calls.Count > HallCalls) calls = calls.RemoveRange(HallCalls, calls.Count - HallCalls);
                next = next with { Calls = next.Calls.SetItem(called.ZoneId, calls) };
            }
        }
        Guid?[] windows = [before?.WindowId, before?.TargetWindowId, ticket.WindowId, ticket.TargetWindowId, e.WindowId];
        var waitingChanged = before?.Status == TicketStatus.Waiting || ticket.Status == TicketStatus.Waiting;
        Guid[] types = waitingChanged ? [.. new[] { before?.ServiceTypeId, ticket.ServiceTypeId }.OfType<Guid>().Distinct()] : [];
        return (next, new QueueModelChanged(e.At, false, [.. windows.OfType<Guid>().Distinct()], types), false);
    }

    private static (QueueModelState, QueueModelChanged?, bool) Apply(QueueModelState state, WindowStateChanged e)
    {
        if (e.State is not { } window || state.Windows.All(w => w.Id != window.Id)) return (state, null, true); // set-up changed: read it
        return (state with { WindowStates = state.WindowStates.SetItem(window.Id, window) },
            new QueueModelChanged(e.At, false, [window.Id], []), false);
    }

    private static (QueueModelState, QueueModelChanged?, bool) Apply(QueueModelState state, TicketRated e)
    {
        if (e.ServiceTypeId is not { } type) return (state, null, true);
        if (QueueRules.ServiceDateOf(e.At) != state.Date) return (state, null, false);
        var next = state with { Ratings = state.Ratings.Add(new RatingFact(type, e.WindowId, e.Level)) };
        if (state.Tickets.GetValueOrDefault(e.TicketId) is { } ticket)
            next = next with { Tickets = next.Tickets.SetItem(ticket.Id, ticket with { RatedAt = e.At }) };
        return (next, new QueueModelChanged(e.At, false, e.WindowId is { } w ? [w] : [], []), false);
    }

    // ---- what screens read, filtered to what they show ----

    public static WindowRow Row(QueueModelState state, QueueWindowSetup w)
    {
        var s = state.WindowStates.GetValueOrDefault(w.Id);
        var signedOn = s?.ClerkStaffId is not null;
        return new WindowRow(w.Id, w.ZoneId, w.Number, w.Name, w.InService, signedOn ? s!.ClerkName : null, s?.PauseReason,
            w.ServiceTypeIds, w.ServiceTypeNames, signedOn ? s!.TakeOverReason : null);
    }

    public async Task<IReadOnlyList<WindowRow>> WindowsAsync(CancellationToken ct = default)
    {
        var state = await GetAsync(ct);
        return state.Windows.Select(w => Row(state, w)).ToList();
    }

    public async Task<IReadOnlyList<ServiceTypeRow>> ServiceTypesAsync(bool activeOnly = true, CancellationToken ct = default) =>
        ServiceTypes(await GetAsync(ct), activeOnly);

    public static IReadOnlyList<ServiceTypeRow> ServiceTypes(QueueModelState state, bool activeOnly)
    {
        var waiting = state.Tickets.Values.Where(t => t.Status == TicketStatus.Waiting).CountBy(t => t.ServiceTypeId).ToDictionary();
        return state.Types.Where(t => !activeOnly || t.IsActive)
            .Select(t => new ServiceTypeRow(t.Id, t.Prefix, t.Name, t.SortOrder, t.IsActive, waiting.GetValueOrDefault(t.Id))).ToList();
    }

    /// <summary>A window's console: its tickets, who is next for it and how many it could call (<see cref="QueueRules.IsCallableBy"/>).</summary>
    public async Task<WindowConsoleView?> WindowConsoleAsync(int number, CancellationToken ct = default)
    {
        var state = await GetAsync(ct);
        if (state.Windows.FirstOrDefault(w => w.Number == number) is not { } setup) return null;
        var types = state.Types.ToDictionary(t => t.Id, t => t.Name);
        var atWindow = state.Tickets.Values.Where(t => t.WindowId == setup.Id
                && t.Status is TicketStatus.Called or TicketStatus.Serving or TicketStatus.Held)
            .OrderBy(t => t.CalledAt).Select(t => ToRow(t, types)).ToList();
        var callable = state.Tickets.Values.Where(t => QueueRules.IsCallableBy(t, setup.Id, setup.ServiceTypeIds, state.Date)).ToList();
        var next = callable.InCallOrder().Take(8).Select(t => ToRow(t, types)).ToList();
        return new WindowConsoleView(Row(state, setup), atWindow, next, callable.Count);
    }

    /// <summary>The ticket each window is calling or serving now.</summary>
    public async Task<Dictionary<Guid, string>> CurrentCodesAsync(CancellationToken ct = default) =>
        (await GetAsync(ct)).Tickets.Values
            .Where(t => t.WindowId != null && t.Status is TicketStatus.Called or TicketStatus.Serving)
            .GroupBy(t => t.WindowId!.Value).ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.CalledAt).First().Code);

    /// <summary>Today's KPIs by the one rule (<see cref="LiveQueueKpis"/>) from the tickets held here.</summary>
    public async Task<QueueKpis> KpisAsync(CancellationToken ct = default)
    {
        var state = await GetAsync(ct);
        return LiveQueueKpis.Of(state.Tickets.Values.ToList(), state.Ratings,
            state.Types.Select(t => new KpiGroup(t.Id, t.Prefix, t.Name, t.IsActive)).ToList(),
            state.Windows.Select(w => new KpiGroup(w.Id, w.Number.ToString(), w.Name)).ToList(), _clock.GetUtcNow(), TargetWaitMinutes);
    }

    /// <summary>One window's KPI line (the console's strip): only that window's tickets are counted.</summary>
    public async Task<QueueKpiRow?> WindowKpisAsync(int number, CancellationToken ct = default)
    {
        var state = await GetAsync(ct);
        if (state.Windows.FirstOrDefault(w => w.Number == number) is not { } w) return null;
        var tickets = state.Tickets.Values.ToList();
        var now = _clock.GetUtcNow();
        return LiveQueueKpis.ForWindow(new KpiGroup(w.Id, w.Number.ToString(), w.Name), tickets, state.Ratings, now,
            LiveQueueKpis.Hours(tickets, now), TargetWaitMinutes);
    }

    /// <summary>A hall display: the latest calls in the zone (default: the zone with most windows) and how many wait.</summary>
    public async Task<HallView?> HallAsync(Guid? zoneId, CancellationToken ct = default)
    {
        var state = await GetAsync(ct);
        var zone = zoneId ?? state.Windows.GroupBy(w => w.ZoneId).OrderByDescending(g => g.Count()).Select(g => (Guid?)g.Key).FirstOrDefault();
        if (zone is null || !state.Zones.TryGetValue(zone.Value, out var name)) return null;
        var calls = state.Calls.GetValueOrDefault(zone.Value) ?? [];
        return new HallView(zone.Value, name, calls.Select(c => c.Call).ToList(), ServiceTypes(state, true), _clock.GetUtcNow());
    }

    /// <summary>Whether any window is idle by the rule (<see cref="WindowState.IsIdle"/>): the clock tick reads the database only then.</summary>
    public async Task<bool> AnyIdleAsync(DateTimeOffset now, TimeSpan idle, CancellationToken ct = default) =>
        (await GetAsync(ct)).WindowStates.Values.Any(w => w.IsIdle(now, idle));

    private static TicketRow ToRow(TicketState t, IReadOnlyDictionary<Guid, string> types) =>
        new(t.Id, t.Code, t.ServiceTypeId, types.GetValueOrDefault(t.ServiceTypeId, "?"), t.Status, t.IsPriority, t.PriorityReason,
            t.ArrivedAt, t.CalledAt, t.RecallCount, t.WindowId,
            RatingToken: "", // the rating secret stays in the database (slips and rating pages read it there); screens of the model never show it
            t.RatedAt, t.Outcome);

    public void Dispose()
    {
        _subscription.Dispose();
        _gate.Dispose();
    }
}
