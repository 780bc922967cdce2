using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;

namespace TradingOps.Core.Evaluation;

/// <summary>
/// A session of the evaluation area today as the desk sees it: room, times, the project (staff only), the draw's
/// state and remote settings, and the counts the last <see cref="EvaluationChanged"/> carried. Never a name.
/// </summary>
public sealed record EvaluationSessionRow(
    Guid BookingId,
    Guid RoomId,
    string RoomCode,
    string RoomName,
    RoomType RoomType,
    int Seats,
    BookingPurpose Purpose,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string ProjectCode,
    string ProjectName,
    RemoteSetting Remote,
    SessionCounts Counts)
{
    public SessionFacts Facts => SessionFacts.FromCounts(BookingId, RoomId, RoomCode, StartsAt, EndsAt, StartedAt, Counts);

    /// <summary>Over: ended by the desk, or past its end.</summary>
    public bool OverAt(DateTimeOffset now) => EndedAt is not null || now >= EndsAt;
}

/// <summary>远程异地评标 (Liaoning 6.5.5) as the floor shows it: host or guest of a partner center, seats reserved for remote experts.</summary>
public sealed record RemoteSetting(RemoteRole Role, string? Partner, int Seats)
{
    public static RemoteSetting None { get; } = new(RemoteRole.None, null, 0);

    /// <summary>The reserved seats a screen shows (none when the session is not remote).</summary>
    public int SeatsShown => Role == RemoteRole.None ? 0 : Seats;
}

/// <summary>An alert as screens show it: kind, room code, count, the name-free detail, and its resolution.</summary>
public sealed record EvaluationAlertRow(
    Guid Id,
    EvaluationAlertKind Kind,
    Guid BookingId,
    Guid RoomId,
    string RoomCode,
    int Count,
    string Detail,
    DateTimeOffset RaisedAt,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    string? Resolution)
{
    public bool Open => ResolvedAt is null;
}

/// <summary>Today's evaluation area: its sessions, the rooms of the area, and the alerts open or raised today.</summary>
public sealed record EvaluationDay(DateOnly Day, IReadOnlyList<EvaluationSessionRow> Sessions, IReadOnlyList<EvaluationAlertRow> Alerts,
    IReadOnlyList<Guid> Rooms, DateTimeOffset ReadAt)
{
    public EvaluationSessionRow? Session(Guid bookingId) => Sessions.FirstOrDefault(s => s.BookingId == bookingId);

    /// <summary>Whether an alert's condition still holds now (null: an alert of a moment, or one the counts cannot tell).</summary>
    public bool? StillHolds(EvaluationAlertRow alert, DateTimeOffset now, int checkMinutes) =>
        Session(alert.BookingId) is { } s ? CrossChecks.StillHolds(alert.Kind, s.Facts, now, checkMinutes) : null;
}

/// <summary>A session on the wall: room code, times and counts. No project, agency or name (the evaluation area is closed).</summary>
public sealed record WallSession(string RoomCode, BookingPurpose Purpose, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Started,
    int Wanted, int ExpertsInside, int AgencyInside, int RemoteSeats, int OpenAlerts);

/// <summary>An open alert on the wall: its kind, room code and count; whether its condition has cleared meanwhile.</summary>
public sealed record WallAlert(EvaluationAlertKind Kind, string RoomCode, int Count, DateTimeOffset RaisedAt, bool? Holds);

/// <summary>The evaluation area as any wall (staff or Display) may show it.</summary>
public sealed record EvaluationWall(IReadOnlyList<WallSession> Sessions, IReadOnlyList<WallAlert> Alerts);

/// <summary>
/// The one projection of the evaluation area for walls (the Display-role wall is public: ARCHITECTURE
/// "Confidentiality"): room codes, times and counts only. The rooms are all of the evaluation area, which
/// <see cref="PublicProjection.Withholds"/> closes to the public, so no project, agency or initiator passes; no expert
/// identity exists in the input. Remote evaluation shows its reserved seat count only, never the partner center.
/// </summary>
public static class EvaluationProjection
{
    public static EvaluationWall ForWall(EvaluationDay day, DateTimeOffset now, int checkMinutes)
    {
        var sessions = day.Sessions.Where(s => !s.OverAt(now)).OrderBy(s => s.StartsAt).ThenBy(s => s.RoomCode, StringComparer.Ordinal)
            .Select(s => new WallSession(s.RoomCode, s.Purpose, s.StartsAt, s.EndsAt, s.StartedAt is not null || now >= s.StartsAt,
                s.Counts.Wanted, s.Counts.ExpertsInside, s.Counts.AgencyInside, s.Remote.SeatsShown,
                day.Alerts.Count(a => a.Open && a.BookingId == s.BookingId)))
            .ToList();
        var alerts = day.Alerts.Where(a => a.Open).OrderBy(a => a.RaisedAt)
            .Select(a => new WallAlert(a.Kind, a.RoomCode, a.Count, a.RaisedAt, day.StillHolds(a, now, checkMinutes)))
            .ToList();
        return new EvaluationWall(sessions, alerts);
    }

}
