using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Core.Venue;

namespace TradingOps.Data.Venue;

/// <summary>
/// The venue desk's demo, relative to the current time and the same on every start: agencies in the discipline ledger
/// (one under a supervisor's approval after three no-shows, one warned for overruns, one with a single late
/// cancellation) and the desk's request queue (one overdue, one due soon, fresh ones, a change and a cancellation).
/// Runs once (when no venue request exists); called from <see cref="Seeding.DemoDataSeeder"/>.
/// </summary>
public static class VenueDemoSeeder
{
    public const string ApprovalAgency = "明诚招标咨询有限公司";
    public const string WarnedAgency = "正衡建设咨询有限公司";
    public const string LateAgency = "恒通采购服务有限公司";

    public static async Task SeedAsync(TradingOpsDbContext db, WorkdayCalendar calendar, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.VenueRequests.AnyAsync(ct)) return;
        var rooms = await db.Rooms.Where(r => r.InService).ToDictionaryAsync(r => r.Code, ct);
        if (!rooms.TryGetValue("T321", out var negotiation) || !rooms.TryGetValue("K207", out var opening)) return; // K208 is the outage demo's room next morning
        var today = DateOnly.FromDateTime(CenterTime.ToLocal(now).DateTime);
        var bookings = new List<RoomBooking>();

        RoomBooking Past(Room room, string agency, string code, string name, int daysAgo, string from, string until)
        {
            var day = today.AddDays(-daysAgo);
            var b = new RoomBooking(room, null, code, name, agency, BookingPurpose.Negotiation, 6,
                CenterTime.At(day, TimeOnly.Parse(from)), CenterTime.At(day, TimeOnly.Parse(until)),
                TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), "system:demo-seed", CenterTime.At(day.AddDays(-7), new TimeOnly(10, 0)));
            b.SetContact("刘洋", "13700005678", null);
            bookings.Add(b);
            return b;
        }

        // 明诚: three no-shows within three months → new bookings need a supervisor's approval.
        foreach (var (days, code) in new[] { (62, "ZC-2026-0311"), (35, "ZC-2026-0388"), (6, "ZC-2026-0452") })
        {
            var b = Past(negotiation, ApprovalAgency, code, "办公设备采购竞争性磋商", days, "18:00", "19:30");
            b.Confirm();
            b.MarkNoShow("约定时间后 30 分钟无人到场，电话未接通", b.StartsAt.AddMinutes(30));
        }
        // 正衡: three overruns (warned).
        foreach (var (days, code, over) in new[] { (48, "GC-2026-0760", 40), (20, "GC-2026-0815", 25), (3, "GC-2026-0872", 55) })
        {
            var b = Past(negotiation, WarnedAgency, code, "道路照明工程施工谈判", days, "18:00", "19:30");
            b.Confirm();
            b.CheckIn(b.StartsAt.AddMinutes(-10));
            b.Start(b.StartsAt);
            b.End(b.EndsAt.AddMinutes(over));
        }
        // 恒通: one late cancellation (the evening before).
        var late = Past(negotiation, LateAgency, "ZC-2026-0470", "食堂食材配送服务谈判", 9, "18:00", "19:30");
        late.Cancel("采购人调整采购需求，项目暂停", late.StartsAt.AddHours(-15));

        // Tomorrow's (next working day's) booking of the agency under approval waits for a supervisor.
        var next = calendar.NextWorkingDayOnOrAfter(today.AddDays(1));
        var waiting = new RoomBooking(opening, null, "ZC-2026-0501", "档案数字化服务采购", ApprovalAgency, BookingPurpose.BidOpening, 20,
            CenterTime.At(next, new TimeOnly(9, 30)), CenterTime.At(next, new TimeOnly(11, 0)), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15),
            "system:demo-seed", now.AddHours(-1));
        waiting.SetContact("刘洋", "13700005678", null);
        bookings.Add(waiting);
        var toChange = new RoomBooking(opening, null, "GC-2026-0890", "城西污水管网改造工程施工", WarnedAgency, BookingPurpose.BidOpening, 30,
            CenterTime.At(next, new TimeOnly(14, 30)), CenterTime.At(next, new TimeOnly(16, 0)), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15),
            "system:demo-seed", now.AddDays(-5));
        toChange.Confirm();
        toChange.SetContact("周婷", "13600002468", null);
        bookings.Add(toChange);
        db.RoomBookings.AddRange(bookings);

        var options = new VenueRequestOptions();
        VenueRequest Request(VenueRequestKind kind, DateTimeOffset received, string code, string name, string agency, string contact, string phone,
            BookingPurpose? purpose, int? people, Room? room, DateTimeOffset? start, DateTimeOffset? end, Guid? booking, string details) =>
            new(kind, VenueRequestSource.Desk, code, name, agency, contact, phone, purpose, people, room?.Id, start, end, booking, details,
                "system:demo-seed", received, options.DueAt(kind, received, calendar));

        // Received early enough that its three working hours have run out (the first such moment going back by the hour).
        var overdueAt = now.AddHours(-4);
        while (options.DueAt(VenueRequestKind.Booking, overdueAt, calendar).At > now.AddMinutes(-20)) overdueAt = overdueAt.AddHours(-1);
        var later = calendar.NextWorkingDayOnOrAfter(next.AddDays(1));
        db.VenueRequests.AddRange(
            Request(VenueRequestKind.Booking, overdueAt, "GC-2026-0905", "滨江公园景观提升工程施工", "华诚工程咨询有限公司", "陈静", "13812345670",
                BookingPurpose.BidOpening, 40, opening, CenterTime.At(later, new TimeOnly(9, 0)), CenterTime.At(later, new TimeOnly(11, 0)), null,
                "开标室需要投影及录音录像"),
            Request(VenueRequestKind.Booking, now.AddMinutes(-150), "ZC-2026-0512", "市图书馆自助借还设备采购", "正信招标代理有限公司", "孙磊", "13987654321",
                BookingPurpose.Evaluation, 5, null, CenterTime.At(later, new TimeOnly(13, 30)), CenterTime.At(later, new TimeOnly(17, 0)), null,
                "评标专家 5 人"),
            Request(VenueRequestKind.Booking, now.AddMinutes(-20), "ZC-2026-0515", "社区卫生服务中心医疗设备采购", "中科招标有限公司", "吴倩", "13511112222",
                BookingPurpose.Negotiation, 8, negotiation, CenterTime.At(later, new TimeOnly(10, 0)), CenterTime.At(later, new TimeOnly(11, 30)), null,
                "竞争性谈判，供应商 3 家"),
            Request(VenueRequestKind.Change, now.AddMinutes(-90), toChange.ProjectCode, toChange.ProjectName, WarnedAgency, "周婷", "13600002468",
                toChange.Purpose, toChange.Attendees, opening, CenterTime.At(next, new TimeOnly(9, 0)), CenterTime.At(next, new TimeOnly(10, 30)), toChange.Id,
                "招标人要求提前至上午开标"),
            Request(VenueRequestKind.Cancellation, now.AddMinutes(-40), waiting.ProjectCode, waiting.ProjectName, ApprovalAgency, "刘洋", "13700005678",
                null, null, null, null, null, waiting.Id, "项目需求调整，撤回场地预约"));
        await db.SaveChangesAsync(ct);
    }
}
