using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Data;

namespace TradingOps.Tests.Fixtures;

/// <summary>
/// A busy week for the week grid (issue 17: 20 rooms, 150 bookings): a zone of its own with 20 rooms (opening,
/// evaluation, negotiation), 150 bookings spread over Monday to Sunday in every status a future booking can have
/// (requested, confirmed, changed, extended), and one afternoon's outage. Deterministic. Shared by the browser
/// test and the week-grid bench (linked into the bench project).
/// </summary>
public static class WeekGridData
{
    public const int Rooms = 20, Bookings = 150;

    public sealed record Week(Guid ZoneId, DateOnly Monday, IReadOnlyList<Room> Rooms, IReadOnlyList<RoomBooking> Bookings, RoomOutage Outage);

    private static readonly (int From, int To)[] Slots = [(9 * 60, 11 * 60), (13 * 60 + 30, 15 * 60 + 30), (17 * 60 + 30, 19 * 60)];

    private static readonly string[] Works =
        ["市政道路提升改造工程", "第二人民医院医疗设备采购", "智慧校园信息化建设", "污水管网改造工程监理", "公共图书馆物业服务",
         "农村饮水安全巩固提升", "高新区标准厂房施工", "体育中心照明改造", "城市绿道景观工程", "政务云服务采购"];

    private static readonly string[] Agencies = ["华信招标代理有限公司", "中诚工程咨询有限公司", "金桥项目管理有限公司", "恒远招标有限公司"];

    /// <summary>Adds the zone, rooms, bookings and outage of the week holding <paramref name="anyDay"/> to the first center (saved).</summary>
    public static async Task<Week> SeedAsync(TradingOpsDbContext db, DateOnly anyDay, DateTimeOffset now, CancellationToken ct = default)
    {
        var monday = ScheduleGrid.WeekOf(anyDay);
        var center = db.Centers.OrderBy(c => c.Code).First();
        var zone = new Zone(center.Id, "东区开评标中心", ZoneKind.BidOpening, "5F");
        db.Zones.Add(zone);
        var rooms = new List<Room>();
        for (var i = 0; i < 8; i++) rooms.Add(new Room(zone.Id, $"E{501 + i}", $"东区第{i + 1}开标室", RoomType.BidOpeningRoom, 40 + 10 * (i % 3), 0));
        for (var i = 0; i < 8; i++) rooms.Add(new Room(zone.Id, $"E{521 + i}", $"东区第{i + 1}评标室", RoomType.EvaluationRoom, 13 + 2 * (i % 4), 9 + 2 * (i % 4)));
        for (var i = 0; i < 4; i++) rooms.Add(new Room(zone.Id, $"E{541 + i}", $"东区第{i + 1}谈判室", RoomType.NegotiationRoom, 12, 0));
        db.Rooms.AddRange(rooms);

        var outageDay = monday.AddDays(2);
        var outage = new RoomOutage(rooms[4], CenterTime.At(outageDay, new TimeOnly(13, 0)), CenterTime.At(outageDay, new TimeOnly(16, 0)),
            null, "空调系统检修", "venue", now);
        db.RoomOutages.Add(outage);

        var random = new Random(17);
        var candidates = (from room in Enumerable.Range(0, Rooms) from day in Enumerable.Range(0, 7) from slot in Enumerable.Range(0, Slots.Length) select (room, day, slot))
            .OrderBy(_ => random.Next()).ToList();
        var bookings = new List<RoomBooking>();
        foreach (var (r, d, s) in candidates)
        {
            if (bookings.Count == Bookings) break;
            var room = rooms[r];
            var day = monday.AddDays(d);
            var starts = CenterTime.At(day, TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(Slots[s].From)));
            var ends = CenterTime.At(day, TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(Slots[s].To)));
            if (outage.RoomId == room.Id && outage.Covers(starts.AddMinutes(-15), ends.AddMinutes(45))) continue;
            var (purpose, people) = room.Type switch
            {
                RoomType.EvaluationRoom => (BookingPurpose.Evaluation, 5 + bookings.Count % 5),
                RoomType.NegotiationRoom => (BookingPurpose.Negotiation, 6),
                _ => (BookingPurpose.BidOpening, 20 + bookings.Count % 15),
            };
            var n = bookings.Count;
            var booking = new RoomBooking(room, null, $"ZB{monday:yyMMdd}-{n + 1:000}", Works[n % Works.Length], Agencies[n % Agencies.Length],
                purpose, people, starts, ends, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), "venue", now.AddDays(-3));
            switch (n % 6)
            {
                case 1: case 2: booking.Confirm(); break;
                case 3: booking.Confirm(); booking.Reschedule(starts, ends); break;
                case 4: booking.Confirm(); booking.Extend(ends.AddMinutes(30)); break;
            }
            bookings.Add(booking);
        }
        db.RoomBookings.AddRange(bookings);
        await db.SaveChangesAsync(ct);
        return new Week(zone.Id, monday, rooms, bookings, outage);
    }
}
