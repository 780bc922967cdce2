using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using static TradingOps.Tests.Floor.FloorTestData;

namespace TradingOps.Tests.Floor;

public sealed class ProposalsTests
{
    private static readonly DateOnly Day = new(2026, 11, 23);
    private static readonly OpeningHours Hours = OpeningHours.Parse("07:30", "21:30");
    private static readonly DateTimeOffset Eight = Nine.AddHours(-1);
    private static readonly Guid ZoneA = Guid.NewGuid();
    private static readonly Guid ZoneB = Guid.NewGuid();

    private static DateTimeOffset At(int hour, int minute = 0, int days = 0) => CenterTime.At(Day.AddDays(days), new(hour, minute));

    private static Room Opening(string code, Guid zone, int capacity) => new(zone, code, $"开标室{code}", RoomType.BidOpeningRoom, capacity, 0);

    private static RoomOutage Outage(Room room, DateTimeOffset from, DateTimeOffset until, int? seats = null) =>
        new(room, from, until, seats, "投影仪维修", "desk", Eight.AddDays(-1));

    private static string Text(Proposal p, IEnumerable<Room> rooms) =>
        $"{rooms.Single(r => r.Id == p.RoomId).Code} {CenterTime.ToLocal(p.StartsAt):MM-dd HH:mm}-{CenterTime.ToLocal(p.EndsAt):HH:mm} {p.Kind}";

    [Fact]
    public void The_same_time_in_another_room_comes_first_the_same_zone_then_the_closest_capacity()
    {
        var hitRoom = Opening("K201", ZoneA, 40);
        Room[] rooms = [hitRoom, Opening("K301", ZoneB, 40), Opening("K202", ZoneA, 100), Opening("K203", ZoneA, 45), new(ZoneA, "P301", "评标室", RoomType.EvaluationRoom, 40, 30)];
        var booking = Booking(hitRoom, Nine, Nine.AddHours(1));
        var proposal = Proposals.For(booking, rooms, [booking], [Outage(hitRoom, At(8), At(12))], Hours, Eight);
        Assert.Equal("K203 11-23 09:00-10:00 SameTimeOtherRoom", Text(proposal!, rooms));
    }

    [Fact]
    public void A_room_too_small_or_of_another_type_is_never_proposed()
    {
        var hitRoom = Opening("K201", ZoneA, 40);
        Room[] rooms = [hitRoom, Opening("K202", ZoneA, 10), new(ZoneA, "P301", "评标室", RoomType.EvaluationRoom, 60, 30)];
        var booking = Booking(hitRoom, Nine, Nine.AddHours(1), people: 30);
        var proposal = Proposals.For(booking, rooms, [booking], [Outage(hitRoom, At(8), At(12))], Hours, Eight);
        // Neither K202 (10 seats) nor the evaluation room: K201 itself once the outage is over, 12:00 + set-up.
        Assert.Equal("K201 11-23 12:15-13:15 SameRoomOtherTime", Text(proposal!, rooms));
    }

    [Fact]
    public void With_no_room_free_at_the_same_time_the_nearest_free_time_that_day_keeps_both_buffers()
    {
        var hitRoom = Opening("K201", ZoneA, 40);
        var other = Opening("K202", ZoneA, 40);
        Room[] rooms = [hitRoom, other];
        var booking = Booking(hitRoom, Nine, Nine.AddHours(1));
        var blocker = Booking(other, Nine, Nine.AddHours(1), code: "GC-2026-0099");
        var proposal = Proposals.For(booking, rooms, [booking, blocker], [Outage(hitRoom, At(8), At(20))], Hours, Eight);
        // K202 is held 08:45-10:15 by the other booking; the moved one needs its own 15 minutes set-up: 10:30.
        Assert.Equal("K202 11-23 10:30-11:30 OtherRoomOtherTime", Text(proposal!, rooms));
        Assert.Empty(BookingRules.Clashes(Proposals.Placed(booking, proposal!), [blocker]));
    }

    [Fact]
    public void When_the_day_is_full_the_next_day_at_the_booked_time_is_proposed()
    {
        var room = Opening("K201", ZoneA, 40);
        var booking = Booking(room, Nine, Nine.AddHours(1));
        var proposal = Proposals.For(booking, [room], [booking], [Outage(room, At(7), At(22))], Hours, Eight);
        Assert.Equal("K201 11-24 09:00-10:00 LaterDay", Text(proposal!, [room]));
    }

    [Fact]
    public void Nothing_is_proposed_beyond_the_search_days_nor_for_a_session_already_started()
    {
        var room = Opening("K201", ZoneA, 40);
        var booking = Booking(room, Nine, Nine.AddHours(1));
        Assert.Null(Proposals.For(booking, [room], [booking], [Outage(room, At(7), At(7, days: Proposals.SearchDays + 2))], Hours, Eight));
        var running = Running(room, Nine, Nine.AddHours(1));
        Assert.Null(Proposals.For(running, [room, Opening("K202", ZoneA, 40)], [running], [Outage(room, At(8), At(12))], Hours, Eight));
    }

    [Fact]
    public void Proposals_for_several_hit_bookings_never_collide_the_earliest_is_placed_first()
    {
        var k201 = Opening("K201", ZoneA, 40);
        var k202 = Opening("K202", ZoneA, 40);
        var free = Opening("K203", ZoneA, 40);
        Room[] rooms = [k201, k202, free];
        var first = Booking(k201, Nine, Nine.AddHours(1), code: "GC-2026-0001");
        var second = Booking(k202, Nine.AddMinutes(10), Nine.AddMinutes(70), code: "GC-2026-0002");
        RoomOutage[] outages = [Outage(k201, At(8), At(20)), Outage(k202, At(8), At(20))];

        // Each on its own would take K203 at its own time: they would collide.
        var alone = Proposals.For(second, rooms, [first, second], outages, Hours, Eight);
        Assert.Equal("K203 11-23 09:10-10:10 SameTimeOtherRoom", Text(alone!, rooms));

        var plan = Proposals.Plan([second, first], rooms, [first, second], outages, Hours, Eight);
        Assert.Equal(["K203 11-23 09:00-10:00 SameTimeOtherRoom", "K203 11-23 10:30-11:30 OtherRoomOtherTime"], plan.Select(p => Text(p, rooms)));
        Assert.False(BookingRules.Clashes(Proposals.Placed(second, plan[1]), [Proposals.Placed(first, plan[0])]).Any());
    }

    [Fact]
    public void A_seat_outage_hits_only_evaluations_needing_the_seats_and_proposes_a_room_with_enough()
    {
        var room = new Room(ZoneA, "P301", "第一评标室", RoomType.EvaluationRoom, 13, 9);
        var small = new Room(ZoneA, "P302", "第二评标室", RoomType.EvaluationRoom, 10, 7);
        var big = new Room(ZoneB, "P401", "第三评标室", RoomType.EvaluationRoom, 13, 9);
        var five = Booking(room, Nine, Nine.AddHours(2), code: "PB-0005", purpose: BookingPurpose.Evaluation, people: 5);
        var eight = Booking(room, At(13), At(15), code: "PB-0008", purpose: BookingPurpose.Evaluation, people: 8);
        var seats = Outage(room, At(8), At(17), seats: 3);

        var hit = new[] { five, eight }.Where(b => Availability.BlockingOutage(b, room, [seats]) is not null).ToList();
        Assert.Equal("PB-0008", Assert.Single(hit).ProjectCode);
        var plan = Proposals.Plan(hit, [room, small, big], [five, eight], [seats], Hours, Eight);
        // P302 has 7 seats only: the 8 experts go to P401 at the same time.
        Assert.Equal("P401 11-23 13:00-15:00 SameTimeOtherRoom", Text(Assert.Single(plan), [room, small, big]));
    }

    [Fact]
    public void An_overrun_puts_at_risk_the_later_bookings_starting_before_its_projected_end_plus_clean_up()
    {
        var room = Opening("K201", ZoneA, 40);
        var other = Opening("K202", ZoneA, 40);
        var running = Running(room, At(8), At(9));
        var soon = Booking(room, At(9, 45), At(10, 45), code: "GC-2026-0002");
        var later = Booking(room, At(11), At(12), code: "GC-2026-0003");
        var now = At(9, 20);

        Assert.True(Proposals.Overruns(running, now));
        Assert.Empty(Proposals.AtRisk(running, [soon, later], At(8, 50)));
        // Projected end 09:20 + 30 minutes + 15 clean-up = 10:05: "soon" is held from 09:30, "later" from 10:45.
        Assert.Equal("GC-2026-0002", Assert.Single(Proposals.AtRisk(running, [soon, later], now)).ProjectCode);

        var projected = Proposals.AsProjected(running, now);
        var proposal = Proposals.For(soon, [room, other], [projected, soon, later], [], Hours, now);
        Assert.Equal("K202 11-23 09:45-10:45 SameTimeOtherRoom", Text(proposal!, [room, other]));
        // The room alone: the nearest time after the projected end, its clean-up and the moved booking's set-up.
        var alone = Proposals.For(soon, [room], [projected, soon], [], Hours, now);
        Assert.Equal("K201 11-23 10:20-11:20 SameRoomOtherTime", Text(alone!, [room]));
    }

    [Fact]
    public void A_target_taken_meanwhile_is_no_longer_free()
    {
        var room = Opening("K201", ZoneA, 40);
        var other = Opening("K202", ZoneA, 40);
        var booking = Booking(room, Nine, Nine.AddHours(1));
        var proposal = Proposals.For(booking, [room, other], [booking], [Outage(room, At(8), At(12))], Hours, Eight)!;
        Assert.True(Proposals.StillFree(proposal, booking, other, [booking], [], Hours, Eight));
        var taken = Booking(other, Nine.AddMinutes(30), Nine.AddMinutes(90), code: "GC-2026-0077");
        Assert.False(Proposals.StillFree(proposal, booking, other, [booking, taken], [], Hours, Eight));
    }
}
