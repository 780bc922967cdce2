using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Data.Floor;
using TradingOps.Web.Floor;
using static TradingOps.Tests.Floor.FloorTestData;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Floor;

public sealed class RoomTileTests : TradingOpsBunitContext
{

    private static FloorRoom Room(Room room, bool inService, params RoomBooking[] bookings) =>
        new(room.Id, room.Code, room.Name, room.Type, room.Capacity, room.EvaluationSeats, inService,
            inService ? null : "投影仪故障", Guid.NewGuid(), "开标区", "2F", bookings);

    public static TheoryData<string> States => new(Enum.GetNames<RoomState>());

    [Theory]
    [MemberData(nameof(States))]
    public void A_tile_shows_each_state_in_words_and_colour(string stateName)
    {
        var state = Enum.Parse<RoomState>(stateName);
        var room = OpeningRoom();
        var now = Nine.AddMinutes(30);
        var booking = Booking(room, Nine, Nine.AddHours(1), code: "GC-2026-0042");
        booking.Confirm();
        switch (state)
        {
            case RoomState.Upcoming: booking = Booking(room, now.AddMinutes(10), now.AddHours(1), code: "GC-2026-0042"); booking.Confirm(); break;
            case RoomState.Free: booking = Booking(room, now.AddHours(3), now.AddHours(4), code: "GC-2026-0042"); booking.Confirm(); break;
            case RoomState.InSession or RoomState.OutOfService: booking.CheckIn(Nine); booking.Start(Nine); break;
            case RoomState.Overrunning: booking.CheckIn(Nine); booking.Start(Nine); now = Nine.AddMinutes(75); break;
            case RoomState.Suspended: booking.CheckIn(Nine); booking.Start(Nine); booking.Suspend("投标人提出异议", Nine.AddMinutes(20)); break;
            case RoomState.Cleaning: booking.CheckIn(Nine); booking.Start(Nine); booking.End(Nine.AddMinutes(25)); break;
        }

        var tile = Render<RoomTile>(p => p
            .Add(t => t.Room, Room(room, state != RoomState.OutOfService, booking))
            .Add(t => t.Now, now)
            .Add(t => t.ShowActions, true));

        var root = tile.Find("[data-testid=tile-K201]");
        Assert.Equal(stateName, root.GetAttribute("data-state"));
        Assert.Contains(TradingOps.Web.Floor.FloorView.Color(state), root.GetAttribute("style"));
        Assert.Equal(TradingOps.Web.Floor.FloorView.StateText(state), tile.Find("[data-testid=state-K201]").TextContent.Trim());
        switch (state)
        {
            case RoomState.Overrunning: Assert.Contains("超时 15:00", tile.Markup); break;
            // A tile that does not say its audience is public: "暂停", never the reason (issue 19).
            case RoomState.Suspended: Assert.DoesNotContain("投标人提出异议", tile.Markup); Assert.Contains("暂停", tile.Markup); Assert.NotNull(tile.Find("[data-testid=Resume-K201]")); break;
            case RoomState.InSession: Assert.Contains("剩余 30:00", tile.Markup); Assert.NotNull(tile.Find("[data-testid=Suspend-K201]")); break;
            case RoomState.Upcoming: Assert.NotNull(tile.Find("[data-testid=CheckIn-K201]")); break;
            case RoomState.OutOfService: Assert.Contains("投影仪故障", tile.Markup); Assert.Empty(tile.FindAll("button")); break;
            case RoomState.Free: Assert.Contains("GC-2026-0042", tile.Markup); break;
        }
    }

    [Fact]
    public void An_evaluation_tile_shows_experts_present_against_seats()
    {
        var room = EvaluationRoom(seats: 7);
        var booking = Booking(room, Nine, Nine.AddHours(3), purpose: BookingPurpose.Evaluation, people: 7);
        booking.Confirm();
        booking.CheckIn(Nine);
        booking.Start(Nine);
        booking.RecordExpertsPresent(6, 7);
        var tile = Render<RoomTile>(p => p.Add(t => t.Room, Room(room, true, booking)).Add(t => t.Now, Nine.AddMinutes(10)));
        Assert.Equal("专家到场 6 / 7", tile.Find("[data-testid=experts-P301]").TextContent.Trim());
    }

    [Fact]
    public void A_tile_renders_again_only_when_what_it_shows_changes()
    {
        var room = OpeningRoom();
        var running = Booking(room, Nine, Nine.AddHours(1), code: "GC-2026-0042");
        running.Confirm();
        running.CheckIn(Nine);
        running.Start(Nine);
        var now = Nine.AddMinutes(10).AddMilliseconds(100);
        var tile = Render<RoomTile>(p => p.Add(t => t.Room, Room(room, true, running)).Add(t => t.Now, now));
        var renders = tile.RenderCount;

        // The floor read again after another room changed: a new room object, the same content, the same second.
        tile.Render(p => p.Add(t => t.Room, Room(room, true, running)).Add(t => t.Now, now.AddMilliseconds(400)));
        Assert.Equal(renders, tile.RenderCount);

        // A second later the elapsed and remaining times move.
        tile.Render(p => p.Add(t => t.Room, Room(room, true, running)).Add(t => t.Now, now.AddSeconds(1)));
        Assert.Equal(renders + 1, tile.RenderCount);
        Assert.Contains("剩余 49:58", tile.Markup);

        // This room's session suspended: shown at once.
        running.Suspend("投标人提出异议", now.AddSeconds(1));
        tile.Render(p => p.Add(t => t.Room, Room(room, true, running)).Add(t => t.Now, now.AddSeconds(1)));
        Assert.Equal(renders + 2, tile.RenderCount);
        Assert.Equal(nameof(RoomState.Suspended), tile.Find("[data-testid=tile-K201]").GetAttribute("data-state"));
    }

    [Fact]
    public void A_free_tile_does_not_render_for_the_clock_alone()
    {
        var room = OpeningRoom();
        var later = Booking(room, Nine.AddHours(3), Nine.AddHours(4), code: "GC-2026-0042");
        later.Confirm();
        var tile = Render<RoomTile>(p => p.Add(t => t.Room, Room(room, true, later)).Add(t => t.Now, Nine));
        var renders = tile.RenderCount;

        for (var s = 1; s <= 5; s++)
            tile.Render(p => p.Add(t => t.Room, Room(room, true, later)).Add(t => t.Now, Nine.AddSeconds(s)));

        Assert.Equal(renders, tile.RenderCount);
        Assert.Equal(nameof(RoomState.Free), tile.Find("[data-testid=tile-K201]").GetAttribute("data-state"));
    }
}
