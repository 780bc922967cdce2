using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using static TradingOps.Tests.Floor.FloorTestData;

namespace TradingOps.Tests.Floor;

/// <summary>The rules of changing a booking (Core): shorten and split bounds, the no-show grace, the required reason.</summary>
public sealed class BookingChangeRulesTests
{
    private static readonly DateTimeOffset Seven = Nine.AddHours(-2);

    [Fact]
    public void Shortening_stays_inside_the_booking_and_refuses_a_later_end_an_earlier_start_or_no_change()
    {
        var booking = Booking(OpeningRoom(), Nine, Nine.AddHours(3));
        Assert.Equal("Booking.ShortenOutside", Assert.Throws<DomainException>(() => booking.Shorten(Nine, Nine.AddHours(4), Seven)).Code);
        Assert.Equal("Booking.ShortenOutside", Assert.Throws<DomainException>(() => booking.Shorten(Nine.AddMinutes(-30), Nine.AddHours(2), Seven)).Code);
        Assert.Equal("Booking.ShortenUnchanged", Assert.Throws<DomainException>(() => booking.Shorten(Nine, Nine.AddHours(3), Seven)).Code);

        booking.Shorten(Nine.AddMinutes(30), Nine.AddHours(2), Seven);
        Assert.Equal((Nine.AddMinutes(30), Nine.AddHours(2), BookingStatus.Changed), (booking.StartsAt, booking.EndsAt, booking.Status));
    }

    [Fact]
    public void Shortening_keeps_at_least_fifteen_minutes_and_never_ends_before_now()
    {
        var booking = Booking(OpeningRoom(), Nine, Nine.AddHours(3));
        Assert.Equal("Booking.ShortenTooShort", Assert.Throws<DomainException>(() => booking.Shorten(Nine, Nine.AddMinutes(14), Seven)).Code);
        Assert.Equal("Booking.ShortenInPast", Assert.Throws<DomainException>(() => booking.Shorten(Nine, Nine.AddHours(1), Nine.AddHours(1))).Code);
        booking.Shorten(Nine, Nine.AddMinutes(15), Seven);
        Assert.Equal(Nine.AddMinutes(15), booking.EndsAt);
    }

    [Fact]
    public void A_running_session_can_be_shortened_at_its_end_only()
    {
        var running = Running(OpeningRoom(), Nine, Nine.AddHours(3));
        var error = Assert.Throws<DomainException>(() => running.Shorten(Nine.AddMinutes(30), Nine.AddHours(3), Nine.AddMinutes(10)));
        Assert.Equal("Booking.AlreadyStarted", error.Code);
        running.Shorten(Nine, Nine.AddHours(2), Nine.AddMinutes(10));
        Assert.Equal(Nine.AddHours(2), running.EndsAt);
    }

    [Fact]
    public void A_split_leaves_at_least_fifteen_minutes_each_side_and_is_not_in_the_past()
    {
        var room = OpeningRoom();
        var booking = Booking(room, Nine, Nine.AddHours(2));
        var error = Assert.Throws<DomainException>(() => booking.SplitAt(Nine.AddMinutes(10), room, "staff", Seven));
        Assert.Equal("Booking.SplitOutside", error.Code);
        Assert.Contains("09:15 至 10:45", error.Message);
        Assert.Equal("Booking.SplitOutside", Assert.Throws<DomainException>(() => booking.SplitAt(Nine.AddMinutes(110), room, "staff", Seven)).Code);
        Assert.Equal("Booking.SplitInPast", Assert.Throws<DomainException>(() => booking.SplitAt(Nine.AddHours(1), room, "staff", Nine.AddHours(1))).Code);
        Assert.Equal(Nine.AddHours(2), booking.EndsAt); // nothing changed by the refusals
    }

    [Fact]
    public void The_second_part_of_a_split_is_the_same_project_agency_contact_purpose_and_attendees_in_the_chosen_room()
    {
        var morning = new Room(FloorTestData.Zone, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
        var afternoon = new Room(FloorTestData.Zone, "K301", "多功能厅", RoomType.MultiFunctionRoom, 80, 0);
        var booking = Booking(morning, Nine, Nine.AddHours(7));
        booking.SetContact("王芳", "13800138000", "wangfang@example.cn");
        booking.Confirm();

        var second = booking.SplitAt(Nine.AddHours(3), afternoon, "张明", Seven);

        Assert.Equal((Nine, Nine.AddHours(3), BookingStatus.Changed), (booking.StartsAt, booking.EndsAt, booking.Status));
        Assert.Equal((afternoon.Id, Nine.AddHours(3), Nine.AddHours(7)), (second.RoomId, second.StartsAt, second.EndsAt));
        Assert.Equal((booking.ProjectCode, booking.ProjectName, booking.Agency, booking.Purpose, booking.Attendees),
            (second.ProjectCode, second.ProjectName, second.Agency, second.Purpose, second.Attendees));
        Assert.Equal(("王芳", "13800138000", "wangfang@example.cn"), (second.ContactName, second.ContactPhone, second.ContactEmail));
        Assert.Equal((BookingStatus.Confirmed, "张明"), (second.Status, second.BookedBy));
        Assert.Equal((15, 15), (second.SetupMinutes, booking.CleanupMinutes)); // another room: both buffers kept
        Assert.NotEqual(booking.Id, second.Id);
    }

    [Fact]
    public void A_split_in_the_same_room_has_no_clean_up_and_set_up_between_its_parts_so_they_do_not_clash()
    {
        var room = OpeningRoom();
        var booking = Booking(room, Nine, Nine.AddHours(4));
        var second = booking.SplitAt(Nine.AddHours(2), room, "staff", Seven);
        Assert.Equal((0, 0), (booking.CleanupMinutes, second.SetupMinutes));
        Assert.Empty(BookingRules.Clashes(second, [booking]));
    }

    [Fact]
    public void A_split_into_a_room_that_does_not_fit_is_refused_and_changes_nothing()
    {
        var booking = Booking(OpeningRoom(), Nine, Nine.AddHours(4), people: 30);
        var small = new Room(FloorTestData.Zone, "K209", "小开标室", RoomType.BidOpeningRoom, 20, 0);
        var error = Assert.Throws<DomainException>(() => booking.SplitAt(Nine.AddHours(2), small, "staff", Seven));
        Assert.Equal("Booking.Capacity", error.Code);
        Assert.Equal((Nine.AddHours(4), BookingStatus.Requested), (booking.EndsAt, booking.Status));
    }

    [Fact]
    public void A_no_show_is_refused_before_start_plus_the_grace_naming_the_grace_and_the_time_it_becomes_possible()
    {
        var booking = Booking(OpeningRoom(), Nine, Nine.AddHours(1));
        var grace = TimeSpan.FromMinutes(15);
        var error = Assert.Throws<DomainException>(() => booking.MarkNoShow("无人到场", Nine.AddMinutes(14), grace));
        Assert.Equal("Booking.NoShowTooEarly", error.Code);
        Assert.Contains("15 分钟", error.Message);
        Assert.Contains("09:15", error.Message);
        Assert.Equal(Nine.AddMinutes(15), booking.NoShowFrom(grace));

        booking.MarkNoShow("无人到场", Nine.AddMinutes(15), grace);
        Assert.Equal((BookingStatus.NoShow, Nine.AddMinutes(15)), (booking.Status, booking.ClosedAt));
    }

    [Fact]
    public void Every_change_but_making_and_confirming_a_booking_requires_a_reason_named_in_chinese()
    {
        var booking = Booking(OpeningRoom(), Nine, Nine.AddHours(1));
        foreach (var kind in Enum.GetValues<BookingChangeKind>())
        {
            if (BookingChange.RequiresReason(kind))
            {
                var error = Assert.Throws<DomainException>(() => BookingChange.Of(kind, booking, booking.Slot, "  ", "staff", Nine));
                Assert.Equal($"{BookingChange.ReasonField(kind)} 不能为空", error.Message);
            }
            else
            {
                Assert.Null(BookingChange.Of(kind, booking, null, null, "staff", Nine).Reason);
            }
        }
        Assert.Equal([BookingChangeKind.Created, BookingChangeKind.Confirmed],
            Enum.GetValues<BookingChangeKind>().Where(k => !BookingChange.RequiresReason(k)));
        Assert.Equal("取消原因 不能为空", Assert.Throws<DomainException>(() => BookingChange.EnsureReason(BookingChangeKind.Cancelled, "")).Message);
    }

    [Fact]
    public void A_history_row_keeps_the_slot_before_and_after_and_calls_a_room_change_moved_room()
    {
        var from = OpeningRoom();
        var to = new Room(FloorTestData.Zone, "K202", "第二开标室", RoomType.BidOpeningRoom, 40, 0);
        var booking = Booking(from, Nine, Nine.AddHours(1));
        var before = booking.Slot;
        booking.MoveTo(to, Nine.AddHours(2), Nine.AddHours(3));

        var row = BookingChange.Of(BookingChange.MoveKind(before, booking), booking, before, "换场", "staff", Nine);

        Assert.Equal(BookingChangeKind.MovedRoom, row.Kind);
        Assert.Equal(new BookingSlot(from.Id, Nine, Nine.AddHours(1)), row.Before);
        Assert.Equal(new BookingSlot(to.Id, Nine.AddHours(2), Nine.AddHours(3)), row.After);
        Assert.Equal(BookingChangeKind.Rescheduled, BookingChange.MoveKind(booking.Slot, booking));
    }
}
