using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Notifications;
using static TradingOps.Tests.Floor.FloorTestData;

namespace TradingOps.Tests.Floor;

public sealed class AvailabilityTests
{
    private static readonly DateOnly Day = new(2026, 11, 23);
    private static readonly OpeningHours Hours = OpeningHours.Parse("07:30", "21:30");
    private static readonly TimeSpan Buffer = TimeSpan.FromMinutes(15);
    private static readonly DateTimeOffset Dawn = new(2026, 11, 22, 16, 0, 0, TimeSpan.Zero); // 00:00 local

    private static string Text(IEnumerable<FreeSlot> slots) =>
        string.Join(",", slots.Select(s => $"{CenterTime.ToLocal(s.From):HH:mm}-{CenterTime.ToLocal(s.Until):HH:mm}"));

    [Fact]
    public void A_free_slot_keeps_both_buffers_clear_of_the_booking_before_and_after()
    {
        var room = OpeningRoom();
        var nineToTen = Booking(room, Nine, Nine.AddHours(1));
        var slots = Availability.FreeSlots(room, Day, [nineToTen], [], BookingPurpose.BidOpening, 20, Buffer, Buffer, Hours, Dawn);
        // Its occupied span is 08:45-10:15; a new booking needs its own 15 minutes each side: free until 08:30, from 10:30.
        Assert.Equal("07:30-08:30,10:30-21:30", Text(slots));
        Assert.Empty(BookingRules.Clashes(Booking(room, CenterTime.At(Day, new(10, 30)), CenterTime.At(Day, new(11, 0))), [nineToTen]));
        Assert.NotEmpty(BookingRules.Clashes(Booking(room, CenterTime.At(Day, new(10, 25)), CenterTime.At(Day, new(11, 0))), [nineToTen]));
    }

    [Fact]
    public void No_slot_starts_before_now_or_outside_opening_hours()
    {
        var room = OpeningRoom();
        var slots = Availability.FreeSlots(room, Day, [], [], BookingPurpose.BidOpening, 20, Buffer, Buffer, Hours, CenterTime.At(Day, new(13, 2)));
        Assert.Equal("13:05-21:30", Text(slots));
        Assert.Equal("Booking.OutsideOpeningHours", Assert.Throws<DomainException>(() => Availability.EnsureWithinOpeningHours(
            BookingPurpose.BidOpening, CenterTime.At(Day, new(21, 0)), CenterTime.At(Day, new(22, 0)), Hours)).Code);
        Availability.EnsureWithinOpeningHours(BookingPurpose.OvernightEvaluation, CenterTime.At(Day, new(21, 0)), CenterTime.At(Day, new(23, 0)), Hours);
    }

    [Fact]
    public void A_whole_room_outage_blocks_its_span_and_a_seat_outage_only_evaluations_needing_those_seats()
    {
        var room = EvaluationRoom(seats: 9);
        var seats = new RoomOutage(room, CenterTime.At(Day, new(12, 0)), CenterTime.At(Day, new(14, 0)), 3, "两台评标终端故障", "desk", Dawn);
        var six = Availability.FreeSlots(room, Day, [], [seats], BookingPurpose.Evaluation, 6, Buffer, Buffer, Hours, Dawn);
        var seven = Availability.FreeSlots(room, Day, [], [seats], BookingPurpose.Evaluation, 7, Buffer, Buffer, Hours, Dawn);
        Assert.Equal("07:30-21:30", Text(six));
        Assert.Equal("07:30-11:45,14:15-21:30", Text(seven));

        var whole = new RoomOutage(room, CenterTime.At(Day, new(8, 0)), CenterTime.At(Day, new(20, 0)), null, "空调维修", "desk", Dawn);
        Assert.Equal("07:30-07:45,20:15-21:30", Text(Availability.FreeSlots(room, Day, [], [whole], BookingPurpose.Evaluation, 5, Buffer, Buffer, Hours, Dawn)));
        var hit = Booking(room, CenterTime.At(Day, new(9, 0)), CenterTime.At(Day, new(11, 0)), purpose: BookingPurpose.Evaluation, people: 5);
        Assert.Same(whole, Availability.BlockingOutage(hit, room, [seats, whole]));
        Assert.Contains("空调维修", Availability.OutageError(room, whole).Message);

        whole.ReturnToService(CenterTime.At(Day, new(10, 0)));
        Assert.Equal("07:30-07:45,10:15-21:30", Text(Availability.FreeSlots(room, Day, [], [whole], BookingPurpose.Evaluation, 5, Buffer, Buffer, Hours, Dawn)));
    }

    [Fact]
    public void A_room_of_the_wrong_kind_or_too_small_has_no_free_slots()
    {
        Assert.Empty(Availability.FreeSlots(OpeningRoom(capacity: 10), Day, [], [], BookingPurpose.BidOpening, 11, Buffer, Buffer, Hours, Dawn));
        Assert.Empty(Availability.FreeSlots(OpeningRoom(), Day, [], [], BookingPurpose.Evaluation, 5, Buffer, Buffer, Hours, Dawn));
    }

    [Fact]
    public void Each_message_goes_to_the_bookings_contact_in_chinese_and_a_booking_without_contact_produces_none()
    {
        var room = OpeningRoom();
        var booking = Booking(room, Nine, Nine.AddHours(1), code: "GC-2026-0042");
        Assert.Empty(BookingNotices.For(NotificationKind.BookingConfirmed, booking, room.Name, "示例市公共资源交易中心", Dawn));

        booking.SetContact("李敏", "13812345678", "limin@example.cn");
        var messages = BookingNotices.For(NotificationKind.BookingCancelled, booking, room.Name, "示例市公共资源交易中心", Dawn, "项目暂停");
        Assert.Equal([NotificationChannel.Sms, NotificationChannel.Email], messages.Select(m => m.Channel));
        Assert.Contains("GC-2026-0042 的场地预约已取消：第一开标室 2026-11-23 09:00-10:00。项目暂停。", messages[0].Body);
        Assert.Equal("limin@example.cn", messages[1].Address);
        Assert.All(messages, m => Assert.Equal(DeliveryState.Pending, m.State));

        Assert.Equal("Booking.ContactEmail", Assert.Throws<DomainException>(() => booking.SetContact("李敏", null, "limin.example.cn")).Code);
        Assert.Equal("Booking.ContactPhone", Assert.Throws<DomainException>(() => booking.SetContact("李敏", "12345", null)).Code);
    }

    [Fact]
    public void A_failing_message_is_retried_later_each_time_and_given_up_after_the_last_attempt()
    {
        var message = new OutboxMessage(NotificationKind.BookingConfirmed, NotificationChannel.Sms, "李敏", "13812345678", "s", "b", null, null, Dawn);
        message.MarkFailed("网关超时", Dawn);
        Assert.Equal(Dawn.AddMinutes(1), message.NextAttemptAt);
        message.MarkFailed("网关超时", Dawn);
        Assert.Equal(Dawn.AddMinutes(2), message.NextAttemptAt);
        for (var i = 2; i < OutboxMessage.MaxAttempts; i++) message.MarkFailed("网关超时", Dawn);
        Assert.Equal(DeliveryState.GivenUp, message.State);
        message.Retry(Dawn);
        Assert.True(message.IsDue(Dawn));
        message.MarkSent(Dawn);
        Assert.Equal(DeliveryState.Sent, message.State);
    }
}
