using TradingOps.Core.Live;

namespace TradingOps.Core.Evaluation;

/// <summary>What happened in a session of the evaluation area.</summary>
public enum EvaluationChange
{
    RequestSaved, DrawStarted, Drawn, CallRecorded, Redrawn, Imported, RepresentativeAdded,
    Admitted, Refused, Exited, PassIssued, DoorPresented, AlertRaised, AlertResolved,
}

/// <summary>
/// A session of the evaluation area changed. It carries counts and the room, never a name, an ID or a phone: the
/// evaluation-area read model applies it as it is, and the wall may show it. <see cref="Counts"/> is the session's
/// state after the change.
/// </summary>
public sealed record EvaluationChanged(DateTimeOffset At, Guid BookingId, Guid RoomId, EvaluationChange Change, SessionCounts Counts)
    : LiveEvent(At);

/// <summary>
/// A session's numbers: experts wanted, on the list, confirmed by the call and inside; representatives; agency staff
/// inside; open alerts. Names never travel with them.
/// </summary>
public sealed record SessionCounts(int Wanted, int OnList, int Accepted, int ExpertsInside, int Representatives,
    int RepresentativesInside, int AgencyInside, int OpenAlerts, DrawRequestStatus? Status)
{
    public static SessionCounts None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, null);

    /// <summary>Experts still missing from the committee (wanted, not yet inside).</summary>
    public int ExpertsMissing => Math.Max(0, Wanted - ExpertsInside);
}
