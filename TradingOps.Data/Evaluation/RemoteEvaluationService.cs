using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;

namespace TradingOps.Data.Evaluation;

/// <summary>A session's remote-evaluation settings as the form shows them.</summary>
public sealed record RemoteSettings(Guid RequestId, RemoteRole Role, string? Partner, int Seats, int RoomSeats, bool Editable);

/// <summary>
/// 远程异地评标 (Liaoning 6.5.5), the desk side: a session hosts remote experts or is a partner center's guest seat, with
/// seats of its room reserved for them. Saved on the draw request (audited by the interceptor), refused once the
/// evaluation started (<see cref="DrawRequest.ChangeRemote"/>).
/// </summary>
public sealed class RemoteEvaluationService(IDbContextFactory<TradingOpsDbContext> factory, EvaluationLedger ledger, TimeProvider clock)
{
    /// <summary>The settings of the session's request, or null when the session has no draw request yet.</summary>
    public async Task<RemoteSettings?> GetAsync(Guid bookingId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await (from q in db.DrawRequests.AsNoTracking()
                         join b in db.RoomBookings.AsNoTracking() on q.BookingId equals b.Id
                         join r in db.Rooms.AsNoTracking() on b.RoomId equals r.Id
                         where q.BookingId == bookingId
                         select new { q.Id, q.Remote, q.RemotePartner, q.RemoteSeats, q.Status, q.StartsAt, b.StartedAt, r.EvaluationSeats })
            .SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var editable = row.Status != DrawRequestStatus.Cancelled && Sealing.IsSealed(row.StartsAt, row.StartedAt, clock.GetUtcNow());
        return new RemoteSettings(row.Id, row.Remote, row.RemotePartner, row.RemoteSeats, row.EvaluationSeats, editable);
    }

    public async Task<RemoteSettings> SaveAsync(Guid bookingId, RemoteRole role, string? partner, int seats, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var request = await db.DrawRequests.SingleOrDefaultAsync(q => q.BookingId == bookingId, ct)
                      ?? throw new DomainException("Remote.NoRequest", "这场评标还没有抽取申请，请先登记抽取申请");
        var booking = await db.RoomBookings.AsNoTracking().Where(b => b.Id == bookingId)
            .Select(b => new { b.StartedAt, Seats = db.Rooms.Where(r => r.Id == b.RoomId).Select(r => r.EvaluationSeats).Single() })
            .SingleAsync(ct);
        request.ChangeRemote(role, partner, seats, booking.Seats, booking.StartedAt, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await ledger.PublishAsync(bookingId, request.RoomId, EvaluationChange.RequestSaved, ct);
        return new RemoteSettings(request.Id, request.Remote, request.RemotePartner, request.RemoteSeats, booking.Seats, true);
    }
}
