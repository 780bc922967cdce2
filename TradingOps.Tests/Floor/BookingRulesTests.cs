using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using static TradingOps.Tests.Floor.FloorTestData;

namespace TradingOps.Tests.Floor;

public sealed class BookingRulesTests
{
    [Fact]
    public void A_booking_that_starts_inside_the_clean_up_buffer_of_another_clashes_and_the_message_names_it()
    {
        var room = OpeningRoom();
        var first = Booking(room, Nine, Nine.AddHours(1), code: "GC-2026-0001");
        var second = Booking(room, Nine.AddMinutes(80), Nine.AddMinutes(140), code: "GC-2026-0002"); // 10:20: 20 min gap < 15 + 15

        var clashes = BookingRules.Clashes(second, [first]);
        Assert.Equal([first], clashes);
        var error = BookingRules.ConflictError(second, clashes);
        Assert.Equal("Booking.Conflict", error.Code);
        // The first's clean-up runs to 10:15 and the second needs 15 minutes of set-up: 10:30 at the earliest.
        Assert.Equal("与已有预约冲突：与 GC-2026-0001（09:00-10:00，清场至 10:15）冲突（本预约布场 15 分钟，最早 10:30 开始）", error.Message);
    }

    [Fact]
    public void Bookings_separated_by_both_buffers_do_not_clash()
    {
        var room = OpeningRoom();
        var first = Booking(room, Nine, Nine.AddHours(1));
        var second = Booking(room, Nine.AddMinutes(90), Nine.AddMinutes(150));
        Assert.Empty(BookingRules.Clashes(second, [first]));
    }

    [Fact]
    public void Cancelled_bookings_and_other_rooms_never_clash()
    {
        var room = OpeningRoom();
        var cancelled = Booking(room, Nine, Nine.AddHours(1));
        cancelled.Cancel("项目终止", Nine);
        var elsewhere = Booking(EvaluationRoom(), Nine, Nine.AddHours(1), purpose: BookingPurpose.Evaluation, people: 5);
        Assert.Empty(BookingRules.Clashes(Booking(room, Nine, Nine.AddHours(1)), [cancelled, elsewhere]));
    }

    [Fact]
    public void More_people_than_the_room_holds_are_refused()
    {
        var error = Assert.Throws<DomainException>(() => Booking(OpeningRoom(capacity: 30), Nine, Nine.AddHours(1), people: 31));
        Assert.Equal("Booking.Capacity", error.Code);
    }

    [Fact]
    public void Evaluation_needs_an_evaluation_room_with_a_seat_per_expert()
    {
        Assert.Equal("Booking.RoomType", Assert.Throws<DomainException>(() =>
            Booking(OpeningRoom(), Nine, Nine.AddHours(3), purpose: BookingPurpose.Evaluation, people: 5)).Code);
        Assert.Equal("Booking.Seats", Assert.Throws<DomainException>(() =>
            Booking(EvaluationRoom(seats: 7), Nine, Nine.AddHours(3), purpose: BookingPurpose.Evaluation, people: 9)).Code);
        Assert.Equal(7, Booking(EvaluationRoom(seats: 7), Nine, Nine.AddHours(3), purpose: BookingPurpose.Evaluation, people: 7).Attendees);
    }

    [Fact]
    public void A_room_out_of_service_cannot_be_booked()
    {
        var room = OpeningRoom();
        room.TakeOutOfService("投影仪故障");
        Assert.Equal("Booking.RoomOutOfService", Assert.Throws<DomainException>(() => Booking(room, Nine, Nine.AddHours(1))).Code);
    }

    [Fact]
    public void Only_overnight_evaluation_may_run_longer_than_ten_hours()
    {
        var room = EvaluationRoom();
        Assert.Equal("Booking.TooLong", Assert.Throws<DomainException>(() =>
            Booking(room, Nine, Nine.AddHours(14), purpose: BookingPurpose.Evaluation, people: 5)).Code);
        Assert.Equal(BookingPurpose.OvernightEvaluation,
            Booking(room, Nine, Nine.AddHours(20), purpose: BookingPurpose.OvernightEvaluation, people: 5).Purpose);
    }

    [Fact]
    public void An_extension_shows_the_later_booking_it_would_hit()
    {
        var room = OpeningRoom();
        var morning = Booking(room, Nine, Nine.AddHours(1), code: "GC-2026-0001");
        var later = Booking(room, Nine.AddHours(2), Nine.AddHours(3), code: "GC-2026-0002");
        morning.Confirm();
        morning.Extend(Nine.AddMinutes(100));
        Assert.Equal(BookingStatus.Extended, morning.Status);
        Assert.Equal([later], BookingRules.Clashes(morning, [later]));
        Assert.Equal("Booking.ExtendEarlier", Assert.Throws<DomainException>(() => morning.Extend(Nine.AddMinutes(30))).Code);
    }

    [Fact]
    public void A_booking_goes_from_requested_to_confirmed_to_changed_and_a_started_one_can_no_longer_move_or_be_cancelled()
    {
        var b = Booking(OpeningRoom(), Nine, Nine.AddHours(1));
        Assert.Equal(BookingStatus.Requested, b.Status);
        Assert.Equal("Booking.NotConfirmed", Assert.Throws<DomainException>(() => b.CheckIn(Nine)).Code);
        b.Confirm();
        b.Reschedule(Nine.AddHours(1), Nine.AddHours(2));
        Assert.Equal(BookingStatus.Changed, b.Status);
        b.CheckIn(Nine.AddMinutes(50));
        Assert.Equal("Booking.AlreadyStarted", Assert.Throws<DomainException>(() => b.Reschedule(Nine, Nine.AddHours(1))).Code);
        Assert.Equal("Booking.AlreadyStarted", Assert.Throws<DomainException>(() => b.Cancel("取消", Nine)).Code);
    }

    [Fact]
    public void No_show_needs_a_reason_and_only_after_the_booked_start()
    {
        var b = Booking(OpeningRoom(), Nine, Nine.AddHours(1));
        b.Confirm();
        Assert.Equal("Booking.NoShowTooEarly", Assert.Throws<DomainException>(() => b.MarkNoShow("未到场", Nine.AddMinutes(-1))).Code);
        Assert.Throws<DomainException>(() => b.MarkNoShow(" ", Nine.AddMinutes(20)));
        b.MarkNoShow("代理机构未到场", Nine.AddMinutes(20));
        Assert.Equal(BookingStatus.NoShow, b.Status);
        Assert.False(b.HoldsRoom);
    }

    [Fact]
    public void A_session_is_checked_in_started_suspended_with_a_reason_resumed_and_ended()
    {
        var b = Booking(OpeningRoom(), Nine, Nine.AddHours(1));
        b.Confirm();
        Assert.Equal("Session.NotCheckedIn", Assert.Throws<DomainException>(() => b.Start(Nine)).Code);
        b.CheckIn(Nine.AddMinutes(-10));
        b.Start(Nine);
        Assert.Throws<DomainException>(() => b.Suspend("", Nine.AddMinutes(5)));
        b.Suspend("投标人提出异议", Nine.AddMinutes(5));
        Assert.Equal(SessionPhase.Suspended, b.Phase);
        b.Resume(Nine.AddMinutes(15));
        Assert.Null(b.SuspendReason);
        b.End(Nine.AddMinutes(50));
        Assert.Equal(BookingStatus.Completed, b.Status);
        Assert.Equal(Nine.AddMinutes(65), b.OccupiedUntil); // an early end frees the room after clean-up
    }

    [Fact]
    public void Experts_present_cannot_exceed_the_seats()
    {
        var room = EvaluationRoom(seats: 5);
        var b = Booking(room, Nine, Nine.AddHours(3), purpose: BookingPurpose.Evaluation, people: 5);
        b.RecordExpertsPresent(4, room.EvaluationSeats);
        Assert.Equal(4, b.ExpertsPresent);
        Assert.Throws<DomainException>(() => b.RecordExpertsPresent(6, room.EvaluationSeats));
    }
}
