using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;

namespace TradingOps.Data.Evaluation;

/// <summary>
/// Demo of the live cross-checks, on top of the draw's demo (<see cref="DrawDemoSeeder"/>, which draws and calls today's
/// sessions through the draw service): today's sessions in P301, P302 and P306 get what the gate would have recorded,
/// such that the watch has something to say (P301 running one expert short with agency staff still inside, P302
/// complete with a door refusal and remote host seats, P306 starting within the quarter hour with its committee not yet
/// in). Deterministic; a session that is not drawn, or already has gate records, is left as it is. The alerts come from
/// the watch itself (<see cref="EvaluationWatch.RunAsync"/>), as in production.
/// </summary>
public static class WatchDemoSeeder
{
    /// <summary>Experts not admitted (counted from the end of the accepted list).</summary>
    private sealed record Plan(string Room, int NotAdmitted, bool AgencyInside, RemoteRole Remote, string? Partner, bool DoorRefusal);

    private static readonly Plan[] Plans =
    [
        new("P301", 1, AgencyInside: true, RemoteRole.None, null, DoorRefusal: false),
        new("P302", 0, AgencyInside: false, RemoteRole.Host, "曲靖市公共资源交易中心", DoorRefusal: true),
        new("P306", 2, AgencyInside: true, RemoteRole.Guest, "昆明市公共资源交易中心", DoorRefusal: false),
    ];

    /// <summary>Returns how many sessions were given gate records.</summary>
    public static async Task<int> SeedAsync(TradingOpsDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        var day = DateOnly.FromDateTime(CenterTime.ToLocal(now).DateTime);
        var (start, end) = CenterTime.DayBounds(day);
        var codes = Plans.Select(p => p.Room).ToList();
        var sessions = await db.RoomBookings.Where(RoomBooking.OnFloor(start, end))
            .Join(db.Rooms.Where(r => codes.Contains(r.Code)), b => b.RoomId, r => r.Id, (b, r) => new { Booking = b, Room = r })
            .Where(x => x.Booking.Purpose == BookingPurpose.Evaluation || x.Booking.Purpose == BookingPurpose.OvernightEvaluation)
            .Where(x => db.DrawRequests.Any(q => q.BookingId == x.Booking.Id && q.Status == DrawRequestStatus.Drawn))
            .Where(x => !db.GateAdmissions.Any(a => a.BookingId == x.Booking.Id))
            .ToListAsync(ct);
        var seeded = 0;
        foreach (var plan in Plans)
        {
            // The room's session running now, else its next one.
            if (sessions.Where(s => s.Room.Code == plan.Room && s.Booking.EndsAt > now && s.Booking.EndedAt == null)
                    .OrderBy(s => s.Booking.StartsAt).FirstOrDefault() is not { } s) continue;
            var b = s.Booking;
            var request = await db.DrawRequests.SingleAsync(q => q.BookingId == b.Id, ct);
            if (plan.Remote != RemoteRole.None && request.Remote == RemoteRole.None && s.Room.EvaluationSeats > 2)
                request.SetRemote(plan.Remote, plan.Partner, 2, s.Room.EvaluationSeats);
            var accepted = await db.CommitteeMembers.Where(m => m.BookingId == b.Id && m.Outcome == CallOutcome.Accepted)
                .OrderBy(m => m.Kind).ThenBy(m => m.Order).ToListAsync(ct);
            var admitted = accepted.Take(Math.Max(0, accepted.Count - plan.NotAdmitted)).ToList();
            for (var i = 0; i < admitted.Count; i++)
            {
                var m = admitted[i];
                db.GateAdmissions.Add(new GateAdmission(b.Id, s.Room.Id, day,
                    m.Kind == MemberKind.Expert ? PersonKind.Expert : PersonKind.InitiatorRepresentative, m.Id, null, m.IdFingerprint,
                    m.IdMasked, i + 1, null, null, "system:demo", Earlier(b.StartsAt, now, 40 - i)));
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
