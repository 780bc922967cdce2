using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using TradingOps.Data.Floor;
using TradingOps.Web.Venue;
using static TradingOps.Tests.Floor.FloorTestData;

namespace TradingOps.Tests.Venue;

/// <summary>The schedule grid's rules (Core) and its address (what the URL says), without a database.</summary>
public sealed class ScheduleGridTests
{
    private static readonly OpeningHours Hours = OpeningHours.Parse("07:30", "21:30");
    private static readonly DateOnly Monday23 = new(2026, 11, 23);
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    [Theory]
    [InlineData("2026-11-23", "2026-11-23")] // Monday
    [InlineData("2026-11-26", "2026-11-23")]
    [InlineData("2026-11-29", "2026-11-23")] // Sunday belongs to the week before it
    [InlineData("2026-11-30", "2026-11-30")]
    public void A_week_runs_from_Monday_to_Sunday(string day, string monday)
    {
        Assert.Equal(DateOnly.Parse(monday), ScheduleGrid.WeekOf(DateOnly.Parse(day)));
        var days = ScheduleGrid.WeekDays(DateOnly.Parse(day));
        Assert.Equal(7, days.Count);
        Assert.Equal(DayOfWeek.Monday, days[0].DayOfWeek);
        Assert.Equal(DayOfWeek.Sunday, days[6].DayOfWeek);
    }

    [Fact]
    public void A_booking_is_shaded_by_its_status_until_its_session_runs_then_by_the_session_which_overruns_past_its_end()
    {
        var room = OpeningRoom();
        var requested = Booking(room, Nine, Nine.AddHours(1));
        Assert.Equal(ScheduleShade.Requested, ScheduleGrid.Shade(requested, Nine.AddHours(-3)));
        var confirmed = Booking(room, Nine, Nine.AddHours(1));
        confirmed.Confirm();
        Assert.Equal(ScheduleShade.Confirmed, ScheduleGrid.Shade(confirmed, Nine.AddHours(-3)));
        var extended = Booking(room, Nine, Nine.AddHours(1));
        extended.Confirm();
        extended.Extend(Nine.AddHours(2));
        Assert.Equal(ScheduleShade.Extended, ScheduleGrid.Shade(extended, Nine.AddHours(-3)));

        var running = Running(room, Nine, Nine.AddHours(1));
        Assert.Equal(ScheduleShade.InSession, ScheduleGrid.Shade(running, Nine.AddMinutes(30)));
        Assert.Equal(ScheduleShade.Overrunning, ScheduleGrid.Shade(running, Nine.AddMinutes(75)));
        Assert.Equal(Nine.AddMinutes(75), ScheduleGrid.ShownUntil(running, Nine.AddMinutes(75))); // the block grows with the overrun
        running.Suspend("专家休息", Nine.AddMinutes(80));
        Assert.Equal(ScheduleShade.Suspended, ScheduleGrid.Shade(running, Nine.AddMinutes(81)));
        running.Resume(Nine.AddMinutes(85));
        running.End(Nine.AddMinutes(90));
        Assert.Equal(ScheduleShade.Completed, ScheduleGrid.Shade(running, Nine.AddHours(3)));
        Assert.Equal((Nine.AddMinutes(-15), Nine.AddMinutes(105)), ScheduleGrid.ShownSpan(running, Nine.AddHours(3)));
    }

    [Fact]
    public void Free_cells_leave_out_a_booking_with_its_set_up_and_clean_up_buffers_and_the_past()
    {
        var room = OpeningRoom();
        var day = Monday23;
        var booking = Booking(room, Nine, Nine.AddHours(1)); // 09:00-10:00, occupies 08:45-10:15
        var now = CenterTime.At(day, new TimeOnly(7, 0));

        var cells = ScheduleGrid.FreeCells(room, day, [booking], [], Hours, Quarter, Quarter, now);
        var starts = cells.Select(c => CenterTime.ToLocal(c.CellStart).ToString("HH:mm")).ToList();

        Assert.Equal("07:30", starts[0]);
        Assert.Contains("08:00", starts); // a booking ending 08:30 cleans up by 08:45, when this one's set-up begins
        Assert.DoesNotContain("08:30", starts);
        Assert.DoesNotContain("09:00", starts);
        Assert.DoesNotContain("09:30", starts);
        Assert.DoesNotContain("10:00", starts); // clean-up to 10:15, then a new booking's set-up: free from 10:30
        var ten = cells.Single(c => CenterTime.ToLocal(c.CellStart).ToString("HH:mm") == "10:30");
        Assert.Equal(CenterTime.At(day, new TimeOnly(10, 30)), ten.From);
        Assert.Equal(ten.From.AddHours(1), ten.Until);
        Assert.Equal("21:00", CenterTime.ToLocal(cells[^1].CellStart).ToString("HH:mm"));

        var later = ScheduleGrid.FreeCells(room, day, [booking], [], Hours, Quarter, Quarter, CenterTime.At(day, new TimeOnly(14, 7)));
        Assert.Equal(CenterTime.At(day, new TimeOnly(14, 10)), later[0].From); // the past is never offered (from the next five minutes)
        Assert.Equal(CenterTime.At(day, new TimeOnly(14, 0)), later[0].CellStart);
    }

    [Fact]
    public void A_room_out_of_service_or_under_a_whole_room_outage_offers_no_free_cell_there()
    {
        var room = OpeningRoom();
        var day = Monday23;
        var now = CenterTime.At(day, new TimeOnly(7, 0));
        var outage = new RoomOutage(room, CenterTime.At(day, new TimeOnly(12, 0)), CenterTime.At(day, new TimeOnly(14, 0)), null, "空调检修", "venue", now);

        var cells = ScheduleGrid.FreeCells(room, day, [], [outage], Hours, Quarter, Quarter, now).Select(c => CenterTime.ToLocal(c.CellStart).ToString("HH:mm")).ToList();
        Assert.Contains("11:00", cells);
        Assert.DoesNotContain("12:00", cells);
        Assert.DoesNotContain("13:30", cells);
        Assert.Contains("14:30", cells);

        room.TakeOutOfService("投影仪故障");
        Assert.Empty(ScheduleGrid.FreeCells(room, day, [], [], Hours, Quarter, Quarter, now));
    }

    [Fact]
    public void The_schedule_address_reads_date_view_and_filters_from_the_query_and_writes_the_same_url_back()
    {
        var zone = Guid.NewGuid();
        var address = ScheduleAddress.Parse("2026-12-11", "week", zone.ToString(), "EvaluationRoom", "10", Monday23, out var bad);

        Assert.Null(bad);
        Assert.Equal(new DateOnly(2026, 12, 11), address.Date);
        Assert.Equal(ScheduleMode.Week, address.Mode);
        Assert.Equal(new ScheduleFilter(zone, RoomType.EvaluationRoom, 10), address.Filter);
        Assert.Equal($"/venue/schedule?date=2026-12-11&view=week&zone={zone}&type=EvaluationRoom&capacity=10", address.Url);
        Assert.Equal("/venue/schedule?date=2026-12-18&view=week&zone=" + zone + "&type=EvaluationRoom&capacity=10", address.Step(1).Url);
        Assert.Equal(new DateOnly(2026, 12, 10), (address with { Mode = ScheduleMode.Day }).Step(-1).Date);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("11/12/2026")]
    [InlineData("明天")]
    public void A_date_that_cannot_be_read_is_reported_and_today_shown(string date)
    {
        var address = ScheduleAddress.Parse(date, null, "not-a-guid", "Kitchen", "-3", Monday23, out var bad);
        Assert.Equal(date, bad);
        Assert.Equal(Monday23, address.Date);
        Assert.Equal(ScheduleMode.Day, address.Mode);
        Assert.Equal(ScheduleFilter.All, address.Filter);
    }

    [Fact]
    public void A_free_cell_opens_the_booking_form_prefilled_and_a_booking_opens_its_own_page()
    {
        var room = Guid.NewGuid();
        var from = CenterTime.At(new DateOnly(2026, 12, 11), new TimeOnly(9, 0));
        Assert.Equal($"/floor/book?date=2026-12-11&room={room}&from=09:00&until=10:00",
            ScheduleView.BookUrl(new DateOnly(2026, 12, 11), room, from, from.AddHours(1)));
        Assert.Equal($"/venue/bookings/{room}", ScheduleView.BookingUrl(room));
    }
}
