using Microsoft.Extensions.Time.Testing;
using TradingOps.Core.Floor;
using static TradingOps.Tests.Floor.FloorTestData;

namespace TradingOps.Tests.Floor;

public sealed class RoomStateTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    private static RoomState StateAt(FakeTimeProvider clock, IEnumerable<RoomBooking> bookings, bool inService = true) =>
        RoomStates.Derive(inService, bookings, clock.GetUtcNow(), Window).State;

    [Fact]
    public void A_running_session_becomes_overrunning_when_the_clock_passes_its_booked_end()
    {
        var clock = new FakeTimeProvider(Nine.AddMinutes(30));
        var booking = Running(OpeningRoom(), Nine, Nine.AddHours(1));
        Assert.Equal(RoomState.InSession, StateAt(clock, [booking]));
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(RoomState.InSession, StateAt(clock, [booking]));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(RoomState.Overrunning, StateAt(clock, [booking]));
    }

    [Fact]
    public void A_room_is_free_until_its_next_booking_comes_within_the_window_then_upcoming()
    {
        var clock = new FakeTimeProvider(Nine.AddMinutes(-45));
        var booking = Booking(OpeningRoom(), Nine, Nine.AddHours(1));
        booking.Confirm();
        var status = RoomStates.Derive(true, [booking], clock.GetUtcNow(), Window);
        Assert.Equal(RoomState.Free, status.State);
        Assert.Same(booking, status.Next);
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(RoomState.Upcoming, StateAt(clock, [booking]));
    }

    [Fact]
    public void A_checked_in_agency_makes_the_room_upcoming_whatever_the_window()
    {
        var clock = new FakeTimeProvider(Nine.AddMinutes(-50));
        var booking = Booking(OpeningRoom(), Nine, Nine.AddHours(1));
        booking.Confirm();
        booking.CheckIn(clock.GetUtcNow());
        Assert.Equal(RoomState.Upcoming, StateAt(clock, [booking]));
    }

    [Fact]
    public void A_suspended_session_shows_suspended_even_past_its_end()
    {
        var clock = new FakeTimeProvider(Nine.AddMinutes(70));
        var booking = Running(OpeningRoom(), Nine, Nine.AddHours(1));
        booking.Suspend("专家回避", Nine.AddMinutes(40));
        Assert.Equal(RoomState.Suspended, StateAt(clock, [booking]));
    }

    [Fact]
    public void After_a_session_ends_the_room_is_cleaning_for_the_clean_up_buffer_then_free()
    {
        var clock = new FakeTimeProvider(Nine.AddMinutes(50));
        var booking = Running(OpeningRoom(), Nine, Nine.AddHours(1));
        booking.End(clock.GetUtcNow());
        Assert.Equal(RoomState.Cleaning, StateAt(clock, [booking]));
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(RoomState.Free, StateAt(clock, [booking]));
    }

    [Fact]
    public void Out_of_service_wins_over_everything()
    {
        var clock = new FakeTimeProvider(Nine.AddMinutes(30));
        Assert.Equal(RoomState.OutOfService, StateAt(clock, [Running(OpeningRoom(), Nine, Nine.AddHours(1))], inService: false));
    }

    [Fact]
    public void A_room_with_nothing_booked_is_free()
    {
        var clock = new FakeTimeProvider(Nine);
        var status = RoomStates.Derive(true, [], clock.GetUtcNow(), Window);
        Assert.Equal(RoomState.Free, status.State);
        Assert.Null(status.Next);
    }
}
