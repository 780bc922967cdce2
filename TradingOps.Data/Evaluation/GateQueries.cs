using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;

namespace TradingOps.Data.Evaluation;

/// <summary>A session of the evaluation area as the gate lists it (staff only: the project code, never a name).</summary>
public sealed record GateSessionRow(Guid BookingId, Guid RoomId, string RoomCode, string RoomName, string ProjectCode, string? Agency,
    DateTimeOffset StartsAt, DateTimeOffset? StartedAt, DateTimeOffset EndsAt, int Seats, int RemoteSeats, int Inside)
{
    public bool Sealed(DateTimeOffset now) => Sealing.IsSealed(StartsAt, StartedAt, now);
}

/// <summary>Someone inside the evaluation area for a session: masked ID, kind, seat and locker. No name.</summary>
public sealed record InsideRow(Guid AdmissionId, PersonKind Person, string IdMasked, int? Seat, string? Locker, DateTimeOffset AdmittedAt, int ReEntries);

/// <summary>A line of the gate's log for a session, as the gate page shows it.</summary>
public sealed record GateEventRow(Guid Id, GateEventKind Kind, PersonKind? Person, string IdMasked, string? Reason, string By, DateTimeOffset At);

/// <summary>A room of the evaluation area (a room door reader is bound to one).</summary>
public sealed record EvaluationRoomRow(Guid Id, string Code, string Name, int Seats);

/// <summary>What the manual gate page reads: today's sessions, who is inside, the latest log lines.</summary>
public sealed class GateQueries(IDbContextFactory<TradingOpsDbContext> factory, TimeProvider clock)
{
    /// <summary>Evaluation sessions in rooms of the evaluation area on the center's day of <paramref name="day"/> (today when null).</summary>
    public async Task<IReadOnlyList<GateSessionRow>> SessionsAsync(DateOnly? day = null, CancellationToken ct = default)
    {
        var (start, end) = CenterTime.DayBounds(day ?? CenterTime.Today(clock));
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from b in db.RoomBookings
                          join r in db.Rooms on b.RoomId equals r.Id
                          where b.StartsAt < end && b.EndsAt > start
                                && (b.Purpose == BookingPurpose.Evaluation || b.Purpose == BookingPurpose.OvernightEvaluation)
                                && b.Status != BookingStatus.Cancelled && b.Status != BookingStatus.NoShow
                          select new
                          {
                              b.Id, b.RoomId, r.Code, r.Name, r.Type, b.ProjectCode, b.Agency, b.StartsAt, b.StartedAt, b.EndsAt, r.EvaluationSeats,
                              Remote = db.DrawRequests.Where(q => q.BookingId == b.Id).Select(q => (int?)q.RemoteSeats).FirstOrDefault() ?? 0,
                              Inside = db.GateAdmissions.Count(a => a.BookingId == b.Id && a.ExitedAt == null),
                          }).AsNoTracking().ToListAsync(ct);
        return rows.Where(x => x.Type.IsEvaluationArea()).OrderBy(x => x.StartsAt).ThenBy(x => x.Code)
            .Select(x => new GateSessionRow(x.Id, x.RoomId, x.Code, x.Name, x.ProjectCode, x.Agency, x.StartsAt, x.StartedAt, x.EndsAt,
                x.EvaluationSeats, x.Remote, x.Inside)).ToList();
    }

    /// <summary>The rooms of the evaluation area, by code.</summary>
    public async Task<IReadOnlyList<EvaluationRoomRow>> EvaluationRoomsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rooms = await db.Rooms.AsNoTracking().Select(r => new { r.Id, r.Code, r.Name, r.Type, r.EvaluationSeats }).ToListAsync(ct);
        return rooms.Where(r => r.Type.IsEvaluationArea()).OrderBy(r => r.Code).Select(r => new EvaluationRoomRow(r.Id, r.Code, r.Name, r.EvaluationSeats)).ToList();
    }

    public async Task<GateSessionRow?> SessionAsync(Guid bookingId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var x = await (from b in db.RoomBookings
                       join r in db.Rooms on b.RoomId equals r.Id
                       where b.Id == bookingId
                       select new
                       {
                           b.Id, b.RoomId, r.Code, r.Name, b.ProjectCode, b.Agency, b.StartsAt, b.StartedAt, b.EndsAt, r.EvaluationSeats,
                           Remote = db.DrawRequests.Where(q => q.BookingId == b.Id).Select(q => (int?)q.RemoteSeats).FirstOrDefault() ?? 0,
                           Inside = db.GateAdmissions.Count(a => a.BookingId == b.Id && a.ExitedAt == null),
                       }).AsNoTracking().SingleOrDefaultAsync(ct);
        return x is null ? null : new GateSessionRow(x.Id, x.RoomId, x.Code, x.Name, x.ProjectCode, x.Agency, x.StartsAt, x.StartedAt, x.EndsAt,
            x.EvaluationSeats, x.Remote, x.Inside);
    }

    /// <summary>Who is inside for the session, by seat (agency staff, without one, last).</summary>
    public async Task<IReadOnlyList<InsideRow>> InsideAsync(Guid bookingId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.GateAdmissions.AsNoTracking().Where(a => a.BookingId == bookingId && a.ExitedAt == null)
            .Select(a => new InsideRow(a.Id, a.Person, a.IdMasked, a.Seat, a.Locker, a.AdmittedAt, a.ReEntries)).ToListAsync(ct);
        return rows.OrderBy(r => r.Seat ?? int.MaxValue).ThenBy(r => r.AdmittedAt).ToList();
    }

    /// <summary>The session's latest gate and door events, newest first.</summary>
    public async Task<IReadOnlyList<GateEventRow>> EventsAsync(Guid bookingId, int take = 20, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.GateEvents.AsNoTracking().Where(e => e.BookingId == bookingId)
            .Select(e => new GateEventRow(e.Id, e.Kind, e.Person, e.IdMasked, e.Reason, e.By, e.At)).ToListAsync(ct);
        return rows.OrderByDescending(e => e.At).Take(take).ToList();
    }
}
