using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;

namespace TradingOps.Tests.Floor;

internal static class FloorTestData
{
    public static readonly DateTimeOffset Nine = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero); // 09:00 in Shanghai
    public static readonly Guid Zone = Guid.NewGuid();

    public static Room OpeningRoom(int capacity = 40) => new(Zone, "K201", "第一开标室", RoomType.BidOpeningRoom, capacity, 0);
    public static Room EvaluationRoom(int seats = 7) => new(Zone, "P301", "第一评标室", RoomType.EvaluationRoom, seats + 4, seats);

    public static RoomBooking Booking(Room room, DateTimeOffset from, DateTimeOffset to, string code = "GC-2026-0001",
        BookingPurpose purpose = BookingPurpose.BidOpening, int people = 20, int setup = 15, int cleanup = 15) =>
        new(room, null, code, "示范工程施工", "华信招标代理有限公司", purpose, people, from, to,
            TimeSpan.FromMinutes(setup), TimeSpan.FromMinutes(cleanup), "staff", from.AddDays(-3));

    public static RoomBooking Running(Room room, DateTimeOffset from, DateTimeOffset to)
    {
        var b = Booking(room, from, to);
        b.Confirm();
        b.CheckIn(from.AddMinutes(-10));
        b.Start(from);
        return b;
    }
}
