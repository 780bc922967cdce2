using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Notifications;

namespace TradingOps.Data.Seeding;

/// <summary>
/// The demo's planned outage: 第八开标室's sound system is overhauled on the next working morning, which hits a bid opening
/// booked there; the agency's contact has been offered the move (the outbox holds the offer), and the desk sees the
/// proposal on /venue/outages. Seeded once (while the demo has no outage).
/// </summary>
public static class OutageDemoSeeder
{
    public static async Task SeedAsync(TradingOpsDbContext db, WorkdayCalendar calendar, DateTimeOffset now, CancellationToken ct = default)
    {
        if (await db.RoomOutages.AnyAsync(ct)) return;
        var room = await db.Rooms.SingleOrDefaultAsync(r => r.Code == "K208", ct);
        if (room is null || !room.InService) return;
        var day = calendar.NextWorkingDayOnOrAfter(DateOnly.FromDateTime(CenterTime.ToLocal(now).DateTime).AddDays(1));
        var from = CenterTime.At(day, new TimeOnly(8, 30));
        var until = CenterTime.At(day, new TimeOnly(12, 0));
        var project = await db.TradingProjects.AsNoTracking().OrderBy(p => p.Code).FirstOrDefaultAsync(ct);
        if (project is null) return;

        var booking = new RoomBooking(room, project.Id, project.Code, project.Name, project.Agency ?? project.Initiator, BookingPurpose.BidOpening,
            Math.Min(25, room.Capacity), CenterTime.At(day, new TimeOnly(9, 30)), CenterTime.At(day, new TimeOnly(11, 0)),
            TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), "system:demo-seed", now.AddDays(-5));
        booking.SetContact("王晓明", "13800000000", "wangxm@example.com");
        booking.Confirm();
        var outage = new RoomOutage(room, from, until, null, "音响系统检修（更换功放，报修单 BX-0612）", "system:demo-seed", now.AddHours(-1));
        db.RoomBookings.Add(booking);
        db.RoomOutages.Add(outage);
        var center = await Floor.BookingOutbox.CenterNameAsync(db, ct);
        db.OutboxMessages.AddRange(BookingNotices.For(NotificationKind.ProposalOffered, booking, room.Name, center, now.AddHours(-1),
            $"{room.Name} 停用（{outage.Reason}），场地安排岗将提出调整建议"));
        await db.SaveChangesAsync(ct);
    }
}
