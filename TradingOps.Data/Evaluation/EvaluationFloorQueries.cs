using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;

namespace TradingOps.Data.Evaluation;

/// <summary>
/// Reads of the evaluation area for the watch and the screens: today's sessions (bookings on the floor in rooms of the
/// evaluation area) with their counts, and the alerts. Counts are computed here for one or many sessions in the same
/// fixed number of commands; <see cref="EvaluationLedger.CountsAsync(TradingOpsDbContext, Guid, CancellationToken)"/>
/// is the one-session case of it.
/// </summary>
public static class EvaluationFloorQueries
{
    /// <summary>The room types of the evaluation area (<see cref="RoomTypes.IsEvaluationArea"/>) as a list a query can use.</summary>
    public static readonly RoomType[] AreaTypes = Enum.GetValues<RoomType>().Where(t => t.IsEvaluationArea()).ToArray();

    /// <summary>The sessions' counts: 4 commands whatever their number. A session without anything gets <see cref="SessionCounts.None"/>'s zeros.</summary>
    public static async Task<IReadOnlyDictionary<Guid, SessionCounts>> CountsAsync(TradingOpsDbContext db, IReadOnlyCollection<Guid> bookingIds, CancellationToken ct)
    {
        var ids = bookingIds.Distinct().ToList();
        var requests = await db.DrawRequests.AsNoTracking().Where(r => ids.Contains(r.BookingId))
            .Select(r => new { r.BookingId, r.Status, Wanted = db.DrawQuotas.Where(q => q.RequestId == r.Id).Sum(q => (int?)q.Count) ?? 0 })
            .ToListAsync(ct);
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => ids.Contains(m.BookingId))
            .Select(m => new { m.BookingId, m.Kind, m.Outcome }).ToListAsync(ct);
        var inside = await db.GateAdmissions.AsNoTracking().Where(a => ids.Contains(a.BookingId) && a.ExitedAt == null)
            .Select(a => new { a.BookingId, a.Person }).ToListAsync(ct);
        var alerts = await db.EvaluationAlerts.AsNoTracking().Where(a => ids.Contains(a.BookingId) && a.ResolvedAt == null)
            .GroupBy(a => a.BookingId).Select(g => new { BookingId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var result = new Dictionary<Guid, SessionCounts>();
        foreach (var id in ids)
        {
            var request = requests.FirstOrDefault(r => r.BookingId == id);
            var experts = members.Where(m => m.BookingId == id && m.Kind == MemberKind.Expert).ToList();
            var people = inside.Where(a => a.BookingId == id).Select(a => a.Person).ToList();
            result[id] = new SessionCounts(
                request?.Wanted ?? 0,
                experts.Count(m => CommitteeMember.OnListOutcomes.Contains(m.Outcome)),
                experts.Count(m => m.Outcome == CallOutcome.Accepted),
                people.Count(p => p == PersonKind.Expert),
                members.Count(m => m.BookingId == id && m.Kind == MemberKind.InitiatorRepresentative),
                people.Count(p => p == PersonKind.InitiatorRepresentative),
                people.Count(p => p == PersonKind.AgencyStaff),
                alerts.FirstOrDefault(a => a.BookingId == id)?.Count ?? 0,
                request?.Status);
        }
        return result;
    }

    /// <summary>A room of the evaluation area and its bookings on the floor of the day.</summary>
    public sealed record AreaSession(RoomBooking Booking, Room Room);

    /// <summary>The evaluation-area rooms, and today's bookings in them (the floor's rule: <see cref="RoomBooking.OnFloor"/>).</summary>
    public static async Task<(IReadOnlyList<Room> Rooms, IReadOnlyList<AreaSession> Sessions)> SessionsAsync(TradingOpsDbContext db, DateOnly day, CancellationToken ct)
    {
        var (start, end) = CenterTime.DayBounds(day);
        var types = AreaTypes;
        var rooms = await db.Rooms.AsNoTracking().Where(r => types.Contains(r.Type)).ToListAsync(ct);
        var roomIds = rooms.Select(r => r.Id).ToList();
        var bookings = await db.RoomBookings.AsNoTracking().Where(RoomBooking.OnFloor(start, end)).Where(b => roomIds.Contains(b.RoomId))
            .ToListAsync(ct);
        var byId = rooms.ToDictionary(r => r.Id);
        return (rooms, bookings.OrderBy(b => b.StartsAt).Select(b => new AreaSession(b, byId[b.RoomId])).ToList());
    }

    /// <summary>
    /// What the evaluation area adds to today's floor, for the desk and the wall: each session's counts and remote
    /// settings, and the alerts open or raised/resolved today. 8 commands (rooms, bookings, 4 counts, requests, alerts).
    /// </summary>
    public static async Task<EvaluationAreaState> StateAsync(TradingOpsDbContext db, DateOnly day, DateTimeOffset now, CancellationToken ct)
    {
        var (_, sessions) = await SessionsAsync(db, day, ct);
        var ids = sessions.Select(s => s.Booking.Id).ToList();
        var counts = await CountsAsync(db, ids, ct);
        var remote = await db.DrawRequests.AsNoTracking().Where(r => ids.Contains(r.BookingId) && r.Remote != RemoteRole.None)
            .Select(r => new { r.BookingId, r.Remote, r.RemotePartner, r.RemoteSeats }).ToListAsync(ct);
        var (start, _) = CenterTime.DayBounds(day);
        var alerts = await db.EvaluationAlerts.AsNoTracking().Where(a => a.ResolvedAt == null || a.RaisedAt >= start || a.ResolvedAt >= start)
            .OrderBy(a => a.RaisedAt).ToListAsync(ct);
        return new EvaluationAreaState(day, counts,
            remote.ToDictionary(r => r.BookingId, r => new RemoteSetting(r.Remote, r.RemotePartner, r.RemoteSeats)),
            alerts.Select(a => a.ToRow()).ToList(), now);
    }
}

/// <summary>
/// The evaluation area's part of today's floor: counts and remote settings per session (booking id), and the alerts.
/// The sessions themselves (rooms, times) are the floor's.
/// </summary>
public sealed record EvaluationAreaState(DateOnly Day, IReadOnlyDictionary<Guid, SessionCounts> Counts, IReadOnlyDictionary<Guid, RemoteSetting> Remote,
    IReadOnlyList<EvaluationAlertRow> Alerts, DateTimeOffset ReadAt);
