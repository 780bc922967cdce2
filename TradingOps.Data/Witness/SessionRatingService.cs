using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Core.Queue;
using TradingOps.Core.Witness;
using TradingOps.Data.Floor;

namespace TradingOps.Data.Witness;

/// <summary>What the rating page shows the holder of a session's link (no names, no room of an evaluation).</summary>
public sealed record SessionRatingView(string ProjectCode, string Kind, DateOnly Day, IReadOnlyList<RatedService> Rated);

/// <summary>
/// 好差评 of a session's venue and witness service (national 10.5, Yunnan 9.3): the invitation when a session ends, and
/// the ratings through its link, one per service, in the same table, statistics and follow-up loop as window ratings.
/// </summary>
public sealed class SessionRatingService(IDbContextFactory<TradingOpsDbContext> factory, IWorkdayCalendarProvider calendars,
    IOptions<QueueOptions> queueOptions, ILiveEventPublisher live, TimeProvider clock)
{
    public static readonly IReadOnlyList<RatedService> SessionServices = [RatedService.Venue, RatedService.Witness];

    /// <summary>
    /// The session's rating link and the invitation to its agency contact (SMS and e-mail through the outbox), in the
    /// caller's transaction (the session's End step). Once per session.
    /// </summary>
    public static async Task<SessionRatingInvite> InviteAsync(TradingOpsDbContext db, RoomBooking booking, WitnessOptions options,
        DateTimeOffset now, CancellationToken ct)
    {
        var invite = await db.SessionRatingInvites.SingleOrDefaultAsync(i => i.BookingId == booking.Id, ct);
        if (invite is not null) return invite;
        invite = new SessionRatingInvite(booking, now);
        db.SessionRatingInvites.Add(invite);
        if (!string.IsNullOrEmpty(booking.ContactPhone) || !string.IsNullOrEmpty(booking.ContactEmail))
        {
            var room = await db.Rooms.Where(r => r.Id == booking.RoomId).Select(r => r.Name).SingleAsync(ct);
            db.OutboxMessages.AddRange(SessionRatingNotices.For(booking, room, await BookingOutbox.CenterNameAsync(db, ct),
                options.PublicUrl(SessionRatingInvite.PathOf(invite.Token)), now));
        }
        return invite;
    }

    public async Task<SessionRatingView?> FindAsync(string? token, CancellationToken ct = default)
    {
        if (!SessionRatingInvite.IsWellFormed(token)) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await (from i in db.SessionRatingInvites.AsNoTracking()
                           where i.Token == token
                           join b in db.RoomBookings on i.BookingId equals b.Id
                           select new { i.BookingId, b.ProjectCode, b.Purpose, b.StartsAt, b.StartedAt }).SingleOrDefaultAsync(ct);
        if (found is null) return null;
        var rated = await db.SatisfactionRatings.AsNoTracking().Where(r => r.BookingId == found.BookingId).Select(r => r.Service).ToListAsync(ct);
        return new SessionRatingView(found.ProjectCode, CertificateRules.KindName(found.Purpose),
            DateOnly.FromDateTime(CenterTime.ToLocal(found.StartedAt ?? found.StartsAt).DateTime), rated);
    }

    /// <summary>Rates one service of the session behind <paramref name="token"/>; once per service; a bad rating opens a follow-up.</summary>
    public async Task<SatisfactionRating> RateAsync(string? token, RatedService service, RatingLevel level, IEnumerable<string>? reasons,
        string? comment, CancellationToken ct = default)
    {
        if (!SessionServices.Contains(service)) throw new DomainException("Rating.Service", "场次只能评价场地服务或见证服务");
        if (!SessionRatingInvite.IsWellFormed(token)) throw new DomainException("Rating.UnknownLink", "评价链接无效，请核对短信或见证书上的链接");
        await using var db = await factory.CreateDbContextAsync(ct);
        var invite = await db.SessionRatingInvites.AsNoTracking().SingleOrDefaultAsync(i => i.Token == token, ct)
                     ?? throw new DomainException("Rating.UnknownLink", "评价链接无效，请核对短信或见证书上的链接");
        var now = clock.GetUtcNow();
        if (await db.SatisfactionRatings.AnyAsync(r => r.BookingId == invite.BookingId && r.Service == service, ct))
            throw AlreadyRated(service);
        var rating = new SatisfactionRating(invite.BookingId, service, level, reasons, comment, now);
        db.SatisfactionRatings.Add(rating);
        var o = queueOptions.Value;
        var followUp = rating.OpenFollowUp(await calendars.GetAsync(ct), o.FollowUpContactWorkingDays, o.FollowUpResolveWorkingDays);
        if (followUp is not null) db.RatingFollowUps.Add(followUp);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw AlreadyRated(service); // the unique (booking, service) index: a second submit racing the first
        }
        if (followUp is not null) await live.PublishAsync(new FollowUpChanged(now, followUp.Id), ct);
        return rating;
    }

    private static DomainException AlreadyRated(RatedService service) =>
        new("Ticket.AlreadyRated", $"本场次的{SatisfactionRating.ServiceText(service)}已经评价过了，每项服务只能评价一次");
}
