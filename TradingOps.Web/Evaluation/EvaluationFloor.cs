using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Data;
using TradingOps.Data.Evaluation;
using TradingOps.Data.Floor;
using TradingOps.Web.Floor;
using TradingOps.Web.Live;

namespace TradingOps.Web.Evaluation;

/// <summary>
/// The evaluation area's read model on this node: each of today's sessions' counts and remote settings, and the
/// alerts, read from the database once and then kept up to date from <see cref="EvaluationChanged"/>, which carries
/// the session's counts after the change (an admission, a call, a draw costs no read). The sessions themselves (room,
/// times, state) are today's floor (<see cref="SharedFloorSnapshot"/>, itself live): <see cref="TodayAsync"/> joins
/// the two. Read again at start, on <see cref="Core.Live.LiveResync"/>, at the day's rollover, and for the few
/// changes the counts cannot carry: an alert raised or resolved (the list of alerts) and a request saved (its remote
/// settings); and when a booking moves into today's evaluation area with counts the model does not hold.
/// Time-driven states (an alert's condition cleared, a session started) are derived by the screens on the tick.
/// </summary>
public sealed class EvaluationFloor : LiveReadModel<EvaluationAreaState, EvaluationChanged>, IDisposable
{
    private readonly SharedFloorSnapshot _floor;
    private readonly TimeProvider _clock;
    private readonly IDisposable _moves;
    private EvaluationAreaState? _last;

    public EvaluationFloor(IServiceScopeFactory scopes, ILiveEventSubscriptions live, SharedFloorSnapshot floor, TimeProvider clock)
        : base(scopes, live)
    {
        _floor = floor;
        _clock = clock;
        // A booking moved or split into today's evaluation area may bring a draw made for another day: read its counts.
        _moves = live.Subscribe<BookingChanged>(change =>
        {
            if (change is BookingMoved or BookingSplit && _last is { } state && !state.Counts.ContainsKey(change.Booking.Id)
                && change.Booking.Purpose is BookingPurpose.Evaluation or BookingPurpose.OvernightEvaluation)
                _ = ResyncAsync();
            return Task.CompletedTask;
        });
    }

    /// <summary>Today's sessions of the evaluation area with their counts, and the alerts; <paramref name="change"/> applied when given.</summary>
    public async Task<EvaluationDay> TodayAsync(EvaluationChanged? change = null)
    {
        var state = await CurrentAsync(change);
        _last = state;
        var floor = await _floor.TodayAsync();
        var sessions = floor.Rooms.Where(r => r.Type.IsEvaluationArea())
            .SelectMany(r => r.Bookings.Select(b => new EvaluationSessionRow(b.Id, r.Id, r.Code, r.Name, r.Type, r.EvaluationSeats, b.Purpose,
                b.StartsAt, b.EndsAt, b.StartedAt, b.EndedAt, b.ProjectCode, b.ProjectName,
                state.Remote.GetValueOrDefault(b.Id) ?? RemoteSetting.None, state.Counts.GetValueOrDefault(b.Id) ?? SessionCounts.None)))
            .OrderBy(s => s.StartsAt).ThenBy(s => s.RoomCode, StringComparer.Ordinal).ToList();
        return new EvaluationDay(state.Day, sessions, state.Alerts,
            floor.Rooms.Where(r => r.Type.IsEvaluationArea()).Select(r => r.Id).ToList(), state.ReadAt);
    }

    protected override async Task<EvaluationAreaState> ReadAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<TradingOpsDbContext>>().CreateDbContextAsync();
        return await EvaluationFloorQueries.StateAsync(db, CenterTime.Today(_clock), _clock.GetUtcNow(), CancellationToken.None);
    }

    protected override bool IsCurrent(EvaluationAreaState state) => state.Day == CenterTime.Today(_clock);

    /// <summary>The counts the change carries, in place; null (read again) when the alerts or the remote settings changed.</summary>
    protected override EvaluationAreaState? Applied(EvaluationAreaState state, EvaluationChanged change)
    {
        if (change.Change is EvaluationChange.AlertRaised or EvaluationChange.AlertResolved or EvaluationChange.RequestSaved) return null;
        if (state.Counts.TryGetValue(change.BookingId, out var held) && held == change.Counts) return state;
        var counts = new Dictionary<Guid, SessionCounts>(state.Counts) { [change.BookingId] = change.Counts };
        return state with { Counts = counts };
    }

    public new void Dispose()
    {
        _moves.Dispose();
        base.Dispose();
    }
}
