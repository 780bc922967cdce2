using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using static TradingOps.Tests.Floor.FloorTestData;

namespace TradingOps.Tests.Floor;

/// <summary>The refusals of a new booking (BookingCheck) and the conflict message naming the blocking buffer.</summary>
public sealed class BookingCheckTests
{
    private static readonly DateOnly Day = new(2026, 11, 23);
    private static readonly OpeningHours Hours = OpeningHours.Parse("07:30", "21:30");
    private static readonly DateTimeOffset Dawn = new(2026, 11, 22, 16, 0, 0, TimeSpan.Zero); // 00:00 local on the day

    private static DateTimeOffset At(int h, int m = 0, int days = 0) => CenterTime.At(Day.AddDays(days), new(h, m));

    private static IReadOnlyList<DomainException> Check(Room room, DateTimeOffset from, DateTimeOffset to, IEnumerable<RoomBooking>? bookings = null,
        IEnumerable<RoomOutage>? outages = null, BookingPurpose purpose = BookingPurpose.BidOpening, int people = 20, DateTimeOffset? now = null) =>
        BookingCheck.Refusals(room, purpose, people, from, to, 15, 15, bookings ?? [], outages ?? [], Hours, now ?? Dawn);

    [Fact]
    public void A_booking_ending_in_the_set_up_of_a_later_one_is_refused_naming_its_set_up_and_the_latest_end()
    {
        var room = OpeningRoom();
        var later = Booking(room, At(11), At(12), code: "GC-2026-0002");
        var error = Assert.Single(Check(room, At(9), At(10, 40), [later]));
        Assert.Equal("Booking.Conflict", error.Code);
        Assert.Equal("与已有预约冲突：与 GC-2026-0002（11:00-12:00，布场自 10:45）冲突（本预约清场 15 分钟，最晚 10:30 结束）", error.Message);
        Assert.Empty(Check(room, At(9), At(10, 30), [later]));
    }

    [Fact]
    public void Overlapping_times_are_named_as_an_overlap_and_every_clashing_booking_is_listed()
    {
        var room = OpeningRoom();
        var first = Booking(room, At(9), At(10), code: "GC-2026-0001");
        var second = Booking(room, At(11), At(12), code: "GC-2026-0002");
        var error = Assert.Single(Check(room, At(9, 30), At(10, 50), [second, first]));
        Assert.Equal("与已有预约冲突：与 GC-2026-0001（09:00-10:00）时间重叠；与 GC-2026-0002（11:00-12:00，布场自 10:45）冲突（本预约清场 15 分钟，最晚 10:30 结束）",
            error.Message);
    }

    [Fact]
    public void A_past_date_is_refused_naming_the_date_and_a_span_already_over_today_as_past()
    {
        var room = OpeningRoom();
        var noonNextDay = At(12, days: 1);
        var yesterday = Check(room, At(9), At(10), now: noonNextDay);
        Assert.Equal("Booking.PastDate", Assert.Single(yesterday).Code);
        Assert.Contains("2026-11-23", yesterday[0].Message);
        Assert.Equal("Booking.InPast", Assert.Single(Check(room, At(9), At(10), now: At(10, 5))).Code);
        Assert.Empty(Check(room, At(10), At(11), now: At(10, 5))); // a session that started a few minutes ago may still be recorded
    }

    [Fact]
    public void An_end_before_the_start_is_refused_and_nothing_else_is_checked()
    {
        var refusals = Check(OpeningRoom(), At(10), At(9));
        Assert.Equal("Booking.EndBeforeStart", Assert.Single(refusals).Code);
        Assert.Equal("结束时间必须晚于开始时间", refusals[0].Message);
    }

    [Fact]
    public void Times_outside_opening_hours_are_refused_naming_the_hours_except_overnight_evaluation()
    {
        var refusals = Check(OpeningRoom(), At(20, 30), At(22));
        Assert.Equal("Booking.OutsideOpeningHours", Assert.Single(refusals).Code);
        Assert.Contains("07:30-21:30", refusals[0].Message);
        Assert.Empty(Check(EvaluationRoom(), At(20), At(8, days: 1), purpose: BookingPurpose.OvernightEvaluation, people: 5));
    }

    [Fact]
    public void A_room_out_of_service_and_attendees_over_capacity_or_seats_are_refused_naming_the_room()
    {
        var closed = OpeningRoom();
        closed.TakeOutOfService("音响改造");
        var outOfService = Assert.Single(Check(closed, At(9), At(10)));
        Assert.Equal("Booking.RoomOutOfService", outOfService.Code);
        Assert.Contains("音响改造", outOfService.Message);

        var capacity = Assert.Single(Check(OpeningRoom(capacity: 30), At(9), At(10), people: 31));
        Assert.Equal("第一开标室 最多容纳 30 人，申请 31 人", capacity.Message);
        var seats = Assert.Single(Check(EvaluationRoom(seats: 7), At(9), At(10), purpose: BookingPurpose.Evaluation, people: 8));
        Assert.Equal("Booking.Seats", seats.Code);
    }

    [Fact]
    public void An_outage_covering_the_buffers_is_refused_naming_its_period_and_reason()
    {
        var room = OpeningRoom();
        var outage = new RoomOutage(room, At(12), At(14), null, "空调维修", "desk", Dawn);
        // 10:00-11:50 clears the outage by itself but its clean-up (to 12:05) runs into it.
        var refusals = Check(room, At(10), At(11, 50), outages: [outage]);
        Assert.Equal("Booking.RoomOutOfService", Assert.Single(refusals).Code);
        Assert.Equal("第一开标室 在 11-23 12:00 至 11-23 14:00 停用：空调维修", refusals[0].Message);
        Assert.Empty(Check(room, At(10), At(11, 45), outages: [outage]));
    }

    [Fact]
    public void Every_reason_is_listed_at_once_room_first_then_hours_outage_and_conflict()
    {
        var room = OpeningRoom(capacity: 30);
        var evening = Booking(room, At(19), At(20, 30), code: "GC-2026-0009");
        var outage = new RoomOutage(room, At(21), At(23), null, "线路检修", "desk", Dawn);
        var refusals = Check(room, At(20), At(22), [evening], [outage], people: 31);
        Assert.Equal(["Booking.Capacity", "Booking.OutsideOpeningHours", "Booking.RoomOutOfService", "Booking.Conflict"], refusals.Select(r => r.Code));
    }
}
