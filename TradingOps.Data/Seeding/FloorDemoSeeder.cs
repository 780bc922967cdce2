using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Core.Projects;

namespace TradingOps.Data.Seeding;

/// <summary>
/// Today's room bookings laid out around the moment the app starts, so the floor shows every state whatever the
/// hour: sessions running, one running late, one suspended, a room being cleaned, rooms about to start, free
/// rooms and the rooms already out of service, with finished sessions earlier and bookings later in the day.
/// </summary>
public static class FloorDemoSeeder
{
    private const int Setup = 15, Cleanup = 15;

    /// <summary>(room code, purpose, attendees, start, end relative to now in minutes, what happens).</summary>
    private static readonly (string Room, BookingPurpose Purpose, int People, int From, int To, Plan Plan)[] Layout =
    [
        ("K201", BookingPurpose.BidOpening, 30, -40, 50, Plan.Running),
        ("K202", BookingPurpose.BidOpening, 35, -120, -10, Plan.Running),
        ("K203", BookingPurpose.BidOpening, 45, -30, 60, Plan.Suspended),
        ("K204", BookingPurpose.BidOpening, 40, -95, -5, Plan.JustEnded),
        ("K205", BookingPurpose.BidOpening, 30, 20, 110, Plan.CheckedIn),
        ("K207", BookingPurpose.BidOpening, 20, 25, 115, Plan.Booked),
        ("K208", BookingPurpose.BidOpening, 25, 150, 240, Plan.Booked),
        ("K209", BookingPurpose.BidOpening, 80, -60, 30, Plan.Running),
        ("P301", BookingPurpose.Evaluation, 5, -50, 130, Plan.Running),
        ("P302", BookingPurpose.Evaluation, 5, -20, 160, Plan.Running),
        ("P303", BookingPurpose.Evaluation, 7, -200, -15, Plan.Running),
        ("P304", BookingPurpose.Evaluation, 7, -70, 110, Plan.Suspended),
        ("P305", BookingPurpose.Evaluation, 7, -150, -3, Plan.JustEnded),
        ("P306", BookingPurpose.Evaluation, 9, 15, 195, Plan.Booked),
        ("P307", BookingPurpose.OvernightEvaluation, 9, -180, 720, Plan.Running),
        ("P309", BookingPurpose.Evaluation, 11, 200, 380, Plan.Requested),
        ("T321", BookingPurpose.Negotiation, 8, -25, 65, Plan.Running),
        ("T322", BookingPurpose.Negotiation, 6, 10, 70, Plan.CheckedIn),
    ];

    private enum Plan { Requested, Booked, CheckedIn, Running, Suspended, JustEnded }

    public static async Task SeedTodayAsync(TradingOpsDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(CenterTime.ToLocal(now).DateTime);
        var (start, end) = CenterTime.DayBounds(today);
        if (await db.RoomBookings.AnyAsync(b => b.StartsAt >= start.AddHours(-12) && b.StartsAt < end, ct)) return;
        var rooms = await db.Rooms.ToDictionaryAsync(r => r.Code, ct);
        var projects = await db.TradingProjects.AsNoTracking()
            .Where(p => p.BidOpeningAt >= start && p.BidOpeningAt < end).OrderBy(p => p.BidOpeningAt).ToListAsync(ct);
        if (projects.Count == 0 || rooms.Count == 0) return;

        var n = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.FromMinutes(5).Ticks, TimeSpan.Zero);
        var next = 0;
        TradingProject Project() => projects[next++ % projects.Count];
        var bookings = new List<RoomBooking>();
        foreach (var (code, purpose, people, from, to, plan) in Layout)
        {
            if (!rooms.TryGetValue(code, out var room) || !room.InService) continue;
            bookings.Add(Make(room, Project(), purpose, people, n.AddMinutes(from), n.AddMinutes(to), plan, n));
            // A finished session earlier and a booking later give the timeline a shape.
            var earlierEnd = n.AddMinutes(from - Setup - Cleanup - 20);
            if (earlierEnd <= n)
                bookings.Add(Make(room, Project(), purpose, people, earlierEnd.AddMinutes(-90), earlierEnd, Plan.JustEnded, n));
            if (purpose != BookingPurpose.OvernightEvaluation)
            {
                var laterStart = n.AddMinutes(to + Setup + Cleanup + 30);
                bookings.Add(Make(room, Project(), purpose, people, laterStart, laterStart.AddMinutes(90), Plan.Booked, n));
            }
        }
        db.RoomBookings.AddRange(bookings);
        db.BookingChanges.AddRange(bookings.SelectMany(History));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The history a booking page shows for a demo booking: booked a week ahead, confirmed an hour later, and every
    /// fourth one not yet started moved back an hour at the agency's request two days before.
    /// </summary>
    private static IEnumerable<BookingChange> History(RoomBooking booking, int index)
    {
        const string by = "system:demo-seed";
        yield return BookingChange.Of(BookingChangeKind.Created, booking, null, null, by, booking.RequestedAt);
        if (booking.Status == BookingStatus.Requested) yield break;
        yield return BookingChange.Of(BookingChangeKind.Confirmed, booking, booking.Slot, null, by, booking.RequestedAt.AddHours(1));
        if (index % 4 != 0 || booking.Phase != SessionPhase.NotStarted) yield break;
        var before = new BookingSlot(booking.RoomId, booking.StartsAt.AddHours(-1), booking.EndsAt.AddHours(-1));
        booking.Reschedule(booking.StartsAt, booking.EndsAt); // now "changed"
        yield return BookingChange.Of(BookingChangeKind.Rescheduled, booking, before, "代理机构申请推迟一小时（投标截止时间顺延）", by, booking.RequestedAt.AddDays(5));
    }

    private static RoomBooking Make(Room room, TradingProject project, BookingPurpose purpose, int people,
        DateTimeOffset from, DateTimeOffset to, Plan plan, DateTimeOffset now)
    {
        var booking = new RoomBooking(room, project.Id, project.Code, project.Name, project.Agency ?? project.Initiator, purpose,
            Math.Min(people, purpose == BookingPurpose.BidOpening ? room.Capacity : Math.Max(1, room.EvaluationSeats)),
            from, to, TimeSpan.FromMinutes(Setup), TimeSpan.FromMinutes(Cleanup), "system:demo-seed", from.AddDays(-7));
        if (plan == Plan.Requested) return booking;
        booking.Confirm();
        if (plan == Plan.Booked) return booking;
        booking.CheckIn(Min(from.AddMinutes(-10), now));
        if (plan == Plan.CheckedIn) return booking;
        booking.Start(Min(from.AddMinutes(2), now));
        if (purpose is BookingPurpose.Evaluation or BookingPurpose.OvernightEvaluation)
            booking.RecordExpertsPresent(booking.Attendees - (room.Code == "P302" ? 1 : 0), room.EvaluationSeats);
        if (plan == Plan.Suspended) booking.Suspend(purpose == BookingPurpose.BidOpening ? "投标人对开标记录提出异议，暂停核实" : "专家回避，等待补抽专家", now.AddMinutes(-10));
        if (plan == Plan.JustEnded) booking.End(Min(to, now.AddMinutes(-2)));
        return booking;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
