using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;

namespace TradingOps.Data.Evaluation;

/// <summary>
/// Demo of the live cross-checks: today's demo evaluation sessions in P301, P302 and P306 get a committee drawn from
/// the demo pool, call outcomes and gate admissions such that the watch has something to say (P301 running one expert
/// short with agency staff still inside, P302 complete with a door refusal and remote host seats, P306 starting within
/// the quarter hour with its committee incomplete). Deterministic; a session that already has a draw request (from the
/// draw's own demo or a person) is left as it is. The alerts come from the watch itself
/// (<see cref="EvaluationWatch.RunAsync"/>), as in production.
/// </summary>
public static class WatchDemoSeeder
{
    private sealed record Plan(string Room, int Wanted, int Accepted, int Admitted, bool AgencyInside, RemoteRole Remote, string? Partner, bool DoorRefusal);

    private static readonly Plan[] Plans =
    [
        new("P301", 5, 5, 4, AgencyInside: true, RemoteRole.None, null, DoorRefusal: false),
        new("P302", 5, 5, 5, AgencyInside: false, RemoteRole.Host, "曲靖市公共资源交易中心", DoorRefusal: true),
        new("P306", 7, 6, 3, AgencyInside: true, RemoteRole.Guest, "昆明市公共资源交易中心", DoorRefusal: false),
    ];

    /// <summary>Returns how many sessions were given a committee.</summary>
    public static async Task<int> SeedAsync(TradingOpsDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        var day = DateOnly.FromDateTime(CenterTime.ToLocal(now).DateTime);
        var (start, end) = CenterTime.DayBounds(day);
        var codes = Plans.Select(p => p.Room).ToList();
        var sessions = await db.RoomBookings.Where(RoomBooking.OnFloor(start, end))
            .Join(db.Rooms.Where(r => codes.Contains(r.Code)), b => b.RoomId, r => r.Id, (b, r) => new { Booking = b, Room = r })
            .Where(x => x.Booking.Purpose == BookingPurpose.Evaluation || x.Booking.Purpose == BookingPurpose.OvernightEvaluation)
            .Where(x => !db.DrawRequests.Any(q => q.BookingId == x.Booking.Id))
            .ToListAsync(ct);
        var taken = await db.CommitteeMembers.Select(m => m.IdFingerprint).ToListAsync(ct);
        var pool = await db.Experts.Where(e => e.Status == ExpertStatus.Active).OrderBy(e => e.Code).Take(200).ToListAsync(ct);
        pool = pool.Where(e => !taken.Contains(e.IdFingerprint)).ToList();
        var next = 0;
        var seeded = 0;
        foreach (var plan in Plans)
        {
            // The room's session running now, else its next one.
            if (sessions.Where(s => s.Room.Code == plan.Room && s.Booking.EndsAt > now && s.Booking.EndedAt == null)
                    .OrderBy(s => s.Booking.StartsAt).FirstOrDefault() is not { } s) continue;
            if (pool.Count - next < plan.Wanted) break;
            var b = s.Booking;
            var request = new DrawRequest(b.Id, s.Room.Id, b.ProjectCode, b.ProjectName, "示范建设集团有限公司", b.Agency, b.StartsAt, b.EndsAt,
                DrawSource.Local, 90, "system:demo", b.StartsAt.AddDays(-2));
            if (plan.Remote != RemoteRole.None) request.SetRemote(plan.Remote, plan.Partner, 2, s.Room.EvaluationSeats);
            db.DrawRequests.Add(request);
            db.Entry(request).Property(r => r.Status).CurrentValue = DrawRequestStatus.Drawn;
            db.DrawQuotas.Add(new DrawQuota(request.Id, "A01", plan.Wanted));
            for (var i = 0; i < plan.Wanted; i++)
            {
                var expert = pool[next++];
                var identity = new ProtectedIdentity(expert.ProtectedName, expert.ProtectedIdNumber, expert.IdFingerprint, expert.IdMasked,
                    expert.ProtectedPhone, expert.PhoneMasked);
                var member = new CommitteeMember(request, MemberKind.Expert, expert.Id, expert.Code, "A01", null, i + 1, identity, expert.Employer,
                    "system:demo", b.StartsAt.AddDays(-2));
                db.CommitteeMembers.Add(member);
                db.ExpertEngagements.AddRange(ExpertEngagement.For(member));
                if (i < plan.Accepted) db.Entry(member).Property(m => m.Outcome).CurrentValue = CallOutcome.Accepted;
                if (i < plan.Admitted)
                    db.GateAdmissions.Add(new GateAdmission(b.Id, s.Room.Id, day, PersonKind.Expert, member.Id, null, identity.IdFingerprint,
                        identity.IdMasked, i + 1, null, null, "system:demo", Earlier(b.StartsAt, now, 40 - i)));
            }
            if (plan.AgencyInside)
                db.GateAdmissions.Add(new GateAdmission(b.Id, s.Room.Id, day, PersonKind.AgencyStaff, null, null, $"demo-agency-{plan.Room}".PadRight(64, '0'),
                    "530102********0031", null, null, null, "system:demo", Earlier(b.StartsAt, now, 60)));
            if (plan.DoorRefusal)
                db.GateEvents.Add(new GateEvent(GateEventKind.DoorRefused, null, s.Room.Id, PersonKind.Expert, $"demo-door-{plan.Room}".PadRight(64, '0'),
                    "530102********0058", null, null, "system:demo", GateRefusal.Reason(GateRefusal.WrongRoom, "非本评标室名单人员"), now.AddMinutes(-6)));
            seeded++;
        }
        await db.SaveChangesAsync(ct);
        return seeded;
    }

    /// <summary>A moment before the session's start (or before now, whichever is earlier).</summary>
    private static DateTimeOffset Earlier(DateTimeOffset startsAt, DateTimeOffset now, int minutes) =>
        (startsAt < now ? startsAt : now).AddMinutes(-minutes);
}
