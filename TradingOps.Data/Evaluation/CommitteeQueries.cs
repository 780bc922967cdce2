using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;

namespace TradingOps.Data.Evaluation;

/// <summary>An evaluation session as the sealed pages show it: the room, the times that open the seal, the request's settings.</summary>
public sealed record SealedSession(Guid BookingId, Guid RoomId, string RoomCode, string RoomName, int RoomSeats, string ProjectCode,
    string ProjectName, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset? StartedAt, SessionPhase Phase,
    Guid? RequestId, DrawRequestStatus? RequestStatus, RemoteRole Remote, string? RemotePartner, int RemoteSeats)
{
    /// <summary>When the list opens (<see cref="Sealing.OpensAt"/>).</summary>
    public DateTimeOffset OpensAt => Sealing.OpensAt(StartsAt, StartedAt);

    public bool IsSealedAt(DateTimeOffset now) => Sealing.IsSealed(StartsAt, StartedAt, now);
}

/// <summary>One person on a session's list, without the name (the page adds it from <see cref="EvaluationLedger.RevealAsync"/>).</summary>
public sealed record CommitteeRow(Guid MemberId, MemberKind Kind, int Order, string? ExpertCode, string? SpecialtyCode, string? SpecialtyName,
    string Employer, string IdMasked, CallOutcome Outcome, bool Replaced, int? Seat, string? Locker, DateTimeOffset? AdmittedAt, DateTimeOffset? ExitedAt);

/// <summary>A seat of the room taken at the gate: the seat and who sits there (a member id, never a name).</summary>
public sealed record TakenSeat(int Seat, Guid? MemberId, PersonKind Person, DateTimeOffset AdmittedAt, bool Inside);

/// <summary>One reveal of a session's names (from the audit trail): who, when, for what, why, and how many members.</summary>
public sealed record RevealRecord(DateTimeOffset At, string Who, RevealPurpose? Purpose, string Why, int Members);

/// <summary>
/// The reads of the sealed list's pages (committee list, print, the room's own view). None of them reads a name: names
/// come only from <see cref="EvaluationLedger.RevealAsync"/>, which checks the seal and audits.
/// </summary>
public sealed class CommitteeQueries(IDbContextFactory<TradingOpsDbContext> factory)
{
    public const int RevealLogLimit = 200;

    public async Task<SealedSession?> SessionAsync(Guid bookingId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await SessionAsync(db, bookingId, ct);
    }

    private static async Task<SealedSession?> SessionAsync(TradingOpsDbContext db, Guid bookingId, CancellationToken ct)
    {
        var row = await (from b in db.RoomBookings.AsNoTracking()
                         join r in db.Rooms.AsNoTracking() on b.RoomId equals r.Id
                         where b.Id == bookingId
                         select new { b, r.Code, r.Name, r.EvaluationSeats }).SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var request = await db.DrawRequests.AsNoTracking().Where(q => q.BookingId == bookingId)
            .Select(q => new { q.Id, q.Status, q.Remote, q.RemotePartner, q.RemoteSeats }).SingleOrDefaultAsync(ct);
        var booking = row.b;
        return new SealedSession(booking.Id, booking.RoomId, row.Code, row.Name, row.EvaluationSeats, booking.ProjectCode, booking.ProjectName,
            booking.StartsAt, booking.EndsAt, booking.StartedAt, booking.Phase, request?.Id, request?.Status, request?.Remote ?? RemoteRole.None, request?.RemotePartner, request?.RemoteSeats ?? 0);
    }

    /// <summary>The session the room's own view shows now (<see cref="RoomSessions.Current"/>), or null.</summary>
    public async Task<SealedSession?> RoomSessionAsync(Guid roomId, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var statuses = RoomBooking.FloorStatuses;
        var from = now.AddDays(-2);
        var until = now.AddDays(1);
        var slots = await db.RoomBookings.AsNoTracking()
            .Where(b => b.RoomId == roomId && statuses.Contains(b.Status)
                        && (b.Purpose == BookingPurpose.Evaluation || b.Purpose == BookingPurpose.OvernightEvaluation || b.Purpose == BookingPurpose.Negotiation)
                        && b.EndsAt > from && b.StartsAt < until)
            .Select(b => new RoomSessionSlot(b.Id, b.StartsAt, b.EndsAt, b.Phase)).ToListAsync(ct);
        return RoomSessions.Current(slots, now) is { } current ? await SessionAsync(db, current.BookingId, ct) : null;
    }

    /// <summary>The room's code and name (the room view's heading when nothing is on), or null for an unknown room.</summary>
    public async Task<(string Code, string Name, bool EvaluationArea)?> RoomAsync(Guid roomId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var room = await db.Rooms.AsNoTracking().Where(r => r.Id == roomId).Select(r => new { r.Code, r.Name, r.Type }).SingleOrDefaultAsync(ct);
        return room is null ? null : (room.Code, room.Name, room.Type.IsEvaluationArea());
    }

    /// <summary>Everyone on the session's list (every outcome), in call order, with their gate admission; no names.</summary>
    public async Task<IReadOnlyList<CommitteeRow>> MembersAsync(Guid bookingId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => m.BookingId == bookingId)
            .OrderBy(m => m.Kind).ThenBy(m => m.Order)
            .Select(m => new { m.Id, m.Kind, m.Order, m.ExpertCode, m.SpecialtyCode, m.Employer, m.IdMasked, m.Outcome, Replaced = m.ReplacedById != null })
            .ToListAsync(ct);
        var specialties = await db.ExpertSpecialties.AsNoTracking().ToDictionaryAsync(s => s.Code, s => s.Name, ct);
        var admissions = (await db.GateAdmissions.AsNoTracking().Where(a => a.BookingId == bookingId && a.MemberId != null)
                .Select(a => new { a.MemberId, a.Seat, a.Locker, a.AdmittedAt, a.ExitedAt }).ToListAsync(ct))
            .ToDictionary(a => a.MemberId!.Value);
        return members.Select(m =>
        {
            var a = admissions.GetValueOrDefault(m.Id);
            return new CommitteeRow(m.Id, m.Kind, m.Order, m.ExpertCode, m.SpecialtyCode,
                m.SpecialtyCode is { } c ? specialties.GetValueOrDefault(c) : null, m.Employer, m.IdMasked, m.Outcome, m.Replaced,
                a?.Seat, a?.Locker, a?.AdmittedAt, a?.ExitedAt);
        }).ToList();
    }

    /// <summary>The seats taken at the gate for the session (seat numbers and member ids only).</summary>
    public async Task<IReadOnlyList<TakenSeat>> SeatsAsync(Guid bookingId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.GateAdmissions.AsNoTracking().Where(a => a.BookingId == bookingId && a.Seat != null)
            .OrderBy(a => a.Seat)
            .Select(a => new TakenSeat(a.Seat!.Value, a.MemberId, a.Person, a.AdmittedAt, a.ExitedAt == null)).ToListAsync(ct);
    }

    /// <summary>
    /// Every reveal of the session's names, newest first: the audit entries (Read, entity CommitteeMember) whose record
    /// names this booking, one line per reveal with how many members it showed.
    /// </summary>
    public async Task<IReadOnlyList<RevealRecord>> RevealsAsync(Guid bookingId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var booking = bookingId.ToString();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(CommitteeMember) && a.Action == AuditAction.Read && a.Changes.Contains(booking))
            .OrderByDescending(a => a.Id).Take(RevealLogLimit * 10)
            .Select(a => new { a.At, a.ActorName, a.Changes }).ToListAsync(ct);
        return entries.Select(e => (e.At, e.ActorName, Reveal: RevealOf(e.Changes)))
            .Where(e => e.Reveal.Booking == bookingId)
            .GroupBy(e => (e.At, e.ActorName, e.Reveal.Purpose, e.Reveal.Why))
            .Select(g => new RevealRecord(g.Key.At, g.Key.ActorName, g.Key.Purpose, g.Key.Why, g.Count()))
            .OrderByDescending(r => r.At).Take(RevealLogLimit).ToList();
    }

    /// <summary>What a reveal's audit entry says (<see cref="EvaluationLedger.RevealAsync"/> writes it): purpose, why, booking.</summary>
    public static (RevealPurpose? Purpose, string Why, Guid? Booking) RevealOf(string changes)
    {
        try
        {
            using var doc = JsonDocument.Parse(changes);
            var root = doc.RootElement;
            RevealPurpose? purpose = root.TryGetProperty("purpose", out var p) && Enum.TryParse<RevealPurpose>(p.GetString(), out var parsed) ? parsed : null;
            var why = root.TryGetProperty("why", out var w) ? w.GetString() ?? "" : "";
            Guid? booking = root.TryGetProperty("booking", out var b) && b.TryGetGuid(out var id) ? id : null;
            return (purpose, why, booking);
        }
        catch (JsonException)
        {
            return (null, "", null);
        }
    }
}
