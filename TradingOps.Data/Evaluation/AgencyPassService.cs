using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Auditing;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Organisation;

namespace TradingOps.Data.Evaluation;

/// <summary>A pass to issue: the holder's identity (stored protected), the agency, the reason and, after the start, the supervisor present.</summary>
public sealed record PassDraft(string? Name, string? IdNumber, string? Agency, PassReason Reason, string? Supervisor);

/// <summary>A pass as the passes page lists it: masked ID, never the name.</summary>
public sealed record PassRow(Guid Id, PassReason Reason, string IdMasked, string Agency, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil,
    string? Supervisor, string IssuedBy, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt, bool AdmitsNow, bool Inside);

/// <summary>
/// 代理机构人员通行证 (Liaoning 6.8.4–6.8.7): a preparation pass before the evaluation opens, valid until it opens; later
/// passes only for the cases of 6.8.5–6.8.7 with the supervisor present, valid until the session's end. Issue and
/// revocation are audited by the interceptor (the name shows as ***) and published as the session's PassIssued change.
/// </summary>
public sealed class AgencyPassService(IDbContextFactory<TradingOpsDbContext> factory, IIdentityProtector protector, ICurrentActor actor,
    EvaluationLedger ledger, TimeProvider clock)
{
    public async Task<PassRow> IssueAsync(Guid bookingId, PassDraft draft, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var session = await (from b in db.RoomBookings
                             join r in db.Rooms on b.RoomId equals r.Id
                             where b.Id == bookingId
                             select new { b.RoomId, r.Type, b.StartsAt, b.StartedAt, b.EndsAt, b.Status }).AsNoTracking().SingleOrDefaultAsync(ct)
                      ?? throw new DomainException("Pass.NoSession", "没有这场评标");
        if (!session.Type.IsEvaluationArea()) throw new DomainException("Pass.NotEvaluationArea", "只有评标区的评标场次签发代理机构通行证");
        if (session.Status is Core.Floor.BookingStatus.Cancelled or Core.Floor.BookingStatus.NoShow)
            throw new DomainException("Pass.SessionCancelled", "该场评标已取消");
        var now = clock.GetUtcNow();
        var (from, until) = AgencyPass.Validity(draft.Reason, now, Sealing.OpensAt(session.StartsAt, session.StartedAt), session.EndsAt);
        var identity = ProtectedIdentity.Of(protector, draft.Name, draft.IdNumber, null, CenterTime.Today(clock));
        var who = await actor.GetAsync(ct);
        var pass = new AgencyPass(bookingId, draft.Reason, identity, draft.Agency ?? "", from, until, draft.Supervisor, who.Name, now);
        db.AgencyPasses.Add(pass);
        await db.SaveChangesAsync(ct);
        await ledger.PublishAsync(bookingId, session.RoomId, EvaluationChange.PassIssued, ct);
        return Row(pass, now, false, session.StartsAt, session.StartedAt);
    }

    public async Task RevokeAsync(Guid passId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var pass = await db.AgencyPasses.SingleOrDefaultAsync(p => p.Id == passId, ct) ?? throw new DomainException("Pass.Unknown", "没有这张通行证");
        pass.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        var room = await db.RoomBookings.Where(b => b.Id == pass.BookingId).Select(b => b.RoomId).SingleAsync(ct);
        await ledger.PublishAsync(pass.BookingId, room, EvaluationChange.PassIssued, ct);
    }

    public async Task<IReadOnlyList<PassRow>> ListAsync(Guid bookingId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var booking = await db.RoomBookings.AsNoTracking().Where(b => b.Id == bookingId).Select(b => new { b.StartsAt, b.StartedAt }).SingleOrDefaultAsync(ct);
        if (booking is null) return [];
        var passes = await db.AgencyPasses.AsNoTracking().Where(p => p.BookingId == bookingId).ToListAsync(ct);
        var inside = await db.GateAdmissions.AsNoTracking().Where(a => a.BookingId == bookingId && a.ExitedAt == null && a.Person == PersonKind.AgencyStaff)
            .Select(a => a.IdFingerprint).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return passes.OrderByDescending(p => p.IssuedAt)
            .Select(p => Row(p, now, inside.Contains(p.IdFingerprint), booking.StartsAt, booking.StartedAt)).ToList();
    }

    private static PassRow Row(AgencyPass p, DateTimeOffset now, bool inside, DateTimeOffset startsAt, DateTimeOffset? startedAt) =>
        new(p.Id, p.Reason, p.IdMasked, p.Agency, p.ValidFrom, p.ValidUntil, p.Supervisor, p.IssuedBy, p.IssuedAt, p.RevokedAt,
            p.AdmitsAt(now, Sealing.OpensAt(startsAt, startedAt)), inside);
}
