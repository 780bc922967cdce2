using TradingOps.Core.Common;
using TradingOps.Core.Queue;
using TradingOps.Core.Statistics;

namespace TradingOps.Tests.Statistics;

/// <summary>The one definition of each figure (Core/Statistics/Figures.cs), rule by rule.</summary>
public sealed class FigureDefinitionsTests
{
    private static readonly DateTimeOffset Nine = CenterTime.At(new DateOnly(2026, 11, 20), new TimeOnly(9, 0));

    private static TicketFacts Ticket(TicketStatus status, string? window = "1号窗口", double? calledAfter = null, double? servingAfter = null,
        double? finishedAfter = null, string type = "项目登记") =>
        new(type, window, null, Nine, calledAfter is { } c ? Nine.AddMinutes(c) : null, servingAfter is { } s ? Nine.AddMinutes(s) : null,
            finishedAfter is { } f ? Nine.AddMinutes(f) : null, status);

    /// <summary>A morning at one window: served, no-show, at the window now, transferred and waiting again, never called.</summary>
    private static readonly TicketFacts[] Morning =
    [
        Ticket(TicketStatus.Finished, calledAfter: 10, servingAfter: 11, finishedAfter: 21),
        Ticket(TicketStatus.Finished, calledAfter: 20, servingAfter: 20, finishedAfter: 26),
        Ticket(TicketStatus.NoShow, calledAfter: 5, finishedAfter: 8),
        Ticket(TicketStatus.Serving, calledAfter: 30, servingAfter: 31),
        Ticket(TicketStatus.Waiting, window: null, calledAfter: 2), // called, then transferred: waiting again, no window
        Ticket(TicketStatus.Waiting, window: null),
    ];

    [Fact]
    public void No_show_rate_is_no_shows_over_the_tickets_called_including_those_still_at_the_window()
    {
        var kpi = QueueFigures.Sum(Morning, 15);
        Assert.Equal(5, kpi.Called);
        Assert.Equal(1, kpi.NoShows);
        Assert.Equal(0.2m, kpi.NoShowRate); // 1 ÷ 5 called, not 1 ÷ (2 served + 1 no-show)
        Assert.Null(QueueFigures.Sum([Ticket(TicketStatus.Waiting)], 15).NoShowRate); // nobody called: no rate, not 0%
    }

    [Fact]
    public void Wait_is_from_taking_the_number_to_the_first_call_and_is_kept_across_a_transfer()
    {
        Assert.Equal(10m, QueueFigures.WaitMinutes(Morning[0]));
        Assert.Equal(2m, QueueFigures.WaitMinutes(Morning[4])); // transferred after its first call
        Assert.Null(QueueFigures.WaitMinutes(Morning[5]));
        var kpi = QueueFigures.Sum(Morning, 15);
        Assert.Equal(10 + 20 + 5 + 30 + 2, kpi.WaitMinutes);
        Assert.Equal(67m / 5, kpi.AverageWait);
        Assert.Equal(3, kpi.WithinTarget); // 10, 5 and 2 minutes are within 15
        Assert.Equal(0.6m, kpi.WithinTargetShare);
    }

    [Fact]
    public void Wait_P90_is_the_nearest_rank_90th_percentile_of_the_called_tickets_waits()
    {
        var waits = Enumerable.Range(1, 11).Select(m => Ticket(TicketStatus.Finished, calledAfter: m, servingAfter: m, finishedAfter: m + 1)).ToList();
        Assert.Equal(10m, QueueFigures.WaitP90(waits.Append(Ticket(TicketStatus.Waiting)))); // rank ceil(9.9) = 10; the waiting one is not counted
        Assert.Null(QueueFigures.WaitP90([Ticket(TicketStatus.Waiting)]));
    }

    [Fact]
    public void Service_time_counts_only_tickets_served_to_the_end()
    {
        var kpi = QueueFigures.Sum(Morning, 15);
        Assert.Equal(2, kpi.Served);
        Assert.Equal(10m + 6m, kpi.ServiceMinutes); // the one still being served is not counted yet
        Assert.Equal(8m, kpi.AverageService);
        Assert.Null(QueueFigures.ServiceMinutes(Morning[3]));
        Assert.Null(QueueFigures.ServiceMinutes(Morning[2])); // a no-show was never served
    }

    [Fact]
    public void Tickets_issued_count_every_ticket_and_the_windows_add_up_to_the_total_with_an_unassigned_row()
    {
        var figures = new List<(string Metric, string Dimension, string Key, decimal Value)>();
        DayFigures.Queue(Morning, 15, (m, d, k, v) => figures.Add((m, d, k, v)));
        decimal Sum(string metric, string dimension) => figures.Where(f => f.Metric == metric && f.Dimension == dimension).Sum(f => f.Value);

        Assert.Equal(Morning.Length, Sum(Metrics.QueueTickets, DailyStatistic.Total));
        Assert.Contains(figures, f => f.Metric == Metrics.QueueTickets && f.Dimension == Metrics.ByWindow && f.Key == QueueFigures.UnassignedWindow && f.Value == 2);
        foreach (var metric in new[] { Metrics.QueueTickets, Metrics.QueueCalled, Metrics.QueueWaitMinutes, Metrics.QueueNoShows, Metrics.QueueServed,
                     Metrics.QueueServiceMinutes, Metrics.QueueWithinTarget })
        {
            Assert.Equal(Sum(metric, DailyStatistic.Total), Sum(metric, Metrics.ByWindow));
            Assert.Equal(Sum(metric, DailyStatistic.Total), Sum(metric, Metrics.ByServiceType));
        }
    }

    [Fact]
    public void A_duration_is_measured_once_per_ticket_to_a_hundredth_of_a_minute_and_totals_add_the_measures()
    {
        Assert.Equal(1.33m, QueueFigures.Minutes(TimeSpan.FromSeconds(80)));
        var odd = Enumerable.Range(0, 3).Select(_ => new TicketFacts("A", "1号窗口", null, Nine, Nine.AddSeconds(80), null, null, TicketStatus.Called)).ToList();
        Assert.Equal(3.99m, QueueFigures.Sum(odd, 15).WaitMinutes); // three measures of 1.33, not 4.00 from the unrounded 4 minutes
    }

    [Fact]
    public void Room_hours_of_every_grouping_add_up_alike_because_each_session_is_measured_once()
    {
        // Three rooms each used 0.33334 h: rounded per room to 0.3333, the rooms add up to 0.9999 while the day's
        // total rounded on its own would be 1.0000. Measured once per session, every grouping gives 0.9999.
        var day = new DateOnly(2026, 11, 20);
        var (start, end) = CenterTime.DayBounds(day);
        var used = TimeSpan.FromTicks((long)(0.33334m * TimeSpan.TicksPerHour));
        var at = CenterTime.At(day, new TimeOnly(9, 0));
        var bookings = new[] { "K201", "K202", "K203" }
            .Select(room => new BookingFacts(room, "EvaluationRoom", at, at.Add(used), at, at.Add(used))).ToList();
        var figures = new List<(string Metric, string Dimension, string Key, decimal Value)>();
        DayFigures.Rooms(bookings, bookings.Select(b => (b.Room, b.RoomType)).ToList(), 7.5m, start, end, end, (m, d, k, v) => figures.Add((m, d, k, v)));
        decimal Sum(string metric, string dimension) => figures.Where(f => f.Metric == metric && f.Dimension == dimension).Sum(f => f.Value);

        foreach (var metric in new[] { Metrics.RoomUsedHours, Metrics.RoomBookedHours })
        {
            Assert.Equal(0.9999m, Sum(metric, DailyStatistic.Total));
            Assert.Equal(Sum(metric, DailyStatistic.Total), Sum(metric, Metrics.ByRoom));
            Assert.Equal(Sum(metric, DailyStatistic.Total), Sum(metric, Metrics.ByRoomType));
        }
        Assert.Equal(0.3333m, RoomFigures.Hours(used));
    }

    [Fact]
    public void Hours_are_rounded_only_where_shown_and_alike_on_the_pages_and_in_the_workbooks()
    {
        // 204.435 h summed from unrounded measures: one rounding, half away from zero, as a spreadsheet shows it.
        Assert.Equal("204.44", TradingOps.Web.Statistics.StatText.Hours(204.435m));
        Assert.Equal("1,204.43", TradingOps.Web.Statistics.StatText.Hours(1204.4349m));
        Assert.Equal("#,##0.00", TradingOps.Web.Reports.SheetSpec<int>.Format(TradingOps.Web.Reports.CellKind.Money));
    }

    [Fact]
    public void Overrun_is_the_time_past_the_booked_end_counted_on_the_day_the_session_ended()
    {
        var day = new DateOnly(2026, 11, 20);
        var (start, end) = CenterTime.DayBounds(day);
        var at = CenterTime.At(day, new TimeOnly(9, 0));
        Assert.Equal(12.5m, RoomFigures.OverrunMinutes(at.AddHours(2), at, at.AddHours(2).AddMinutes(12.5), end));
        Assert.Equal(0m, RoomFigures.OverrunMinutes(at.AddHours(2), at, at.AddHours(1), end));
        Assert.Equal(0m, RoomFigures.OverrunMinutes(at.AddHours(2), null, null, end)); // never held
        Assert.Equal(0.25m, RoomFigures.Utilization(1.875m, 7.5m));
        Assert.Null(RoomFigures.Utilization(1m, 0m));
        var late = new BookingFacts("K201", "BidOpeningRoom", at, at.AddHours(2), at, at.AddHours(2).AddMinutes(30));
        var figures = new List<(string Metric, string Dimension, string Key, decimal Value)>();
        DayFigures.Rooms([late], [("K201", "BidOpeningRoom")], 7.5m, start, end, end, (m, d, k, v) => figures.Add((m, d, k, v)));
        Assert.Contains(figures, f => f is { Metric: Metrics.RoomOverrunMinutes, Dimension: DailyStatistic.Total, Value: 30m });
        Assert.Contains(figures, f => f is { Metric: Metrics.RoomUsedHours, Dimension: DailyStatistic.Total, Value: 2.5m });
    }

    [Fact]
    public void The_query_forms_of_called_and_bad_rating_are_the_same_rules_as_in_memory()
    {
        var called = QueueFigures.Called.Compile();
        var type = Guid.NewGuid();
        var waiting = new QueueTicket(type, "A", new DateOnly(2026, 11, 20), 1, Nine, TicketChannel.Kiosk);
        var calledTicket = new QueueTicket(type, "A", new DateOnly(2026, 11, 20), 2, Nine, TicketChannel.Kiosk);
        calledTicket.CallTo(Guid.NewGuid(), Nine.AddMinutes(3));
        var transferred = new QueueTicket(type, "A", new DateOnly(2026, 11, 20), 3, Nine, TicketChannel.Kiosk);
        transferred.CallTo(Guid.NewGuid(), Nine.AddMinutes(4));
        transferred.Transfer(Guid.NewGuid(), null, Nine.AddMinutes(5));
        foreach (var t in new[] { waiting, calledTicket, transferred })
            Assert.Equal(QueueFigures.IsCalled(new TicketFacts("A", null, null, t.ArrivedAt, t.FirstCalledAt, t.ServingStartedAt, t.FinishedAt, t.Status)),
                called(t));
        Assert.True(called(transferred));

        var bad = SatisfactionRules.BadRating.Compile();
        foreach (var level in SatisfactionRules.Levels)
        {
            var ticket = new QueueTicket(type, "A", new DateOnly(2026, 11, 20), 10 + (int)level, Nine, TicketChannel.Kiosk);
            ticket.CallTo(Guid.NewGuid(), Nine.AddMinutes(1));
            ticket.StartServing(Nine.AddMinutes(2));
            ticket.Finish(ServiceOutcome.Completed, null, Nine.AddMinutes(5));
            var rating = new SatisfactionRating(ticket, level, null, null, RatingChannel.QrCode, Nine.AddMinutes(6));
            Assert.Equal(SatisfactionRating.IsBad(level), bad(rating));
        }
    }

    [Fact]
    public void The_event_log_replay_counts_with_the_same_definitions_as_the_statistics()
    {
        var type = Guid.NewGuid();
        var window = Guid.NewGuid();
        var tickets = Enumerable.Range(1, 4).Select(n => new QueueTicket(type, "A", new DateOnly(2026, 11, 20), n, Nine, TicketChannel.Kiosk)).ToList();
        tickets[0].CallTo(window, Nine.AddMinutes(10)); tickets[0].StartServing(Nine.AddMinutes(11)); tickets[0].Finish(ServiceOutcome.Completed, null, Nine.AddMinutes(21));
        tickets[1].CallTo(window, Nine.AddMinutes(20)); tickets[1].MarkNoShow(Nine.AddMinutes(22));
        tickets[2].CallTo(window, Nine.AddMinutes(25)); tickets[2].StartServing(Nine.AddMinutes(26));
        // Served at one window, sent to another and served there: the service time is the last window's, as on the ticket.
        tickets[3].CallTo(window, Nine.AddMinutes(30)); tickets[3].StartServing(Nine.AddMinutes(31));
        tickets[3].Transfer(type, null, Nine.AddMinutes(35));
        tickets[3].CallTo(Guid.NewGuid(), Nine.AddMinutes(40)); tickets[3].StartServing(Nine.AddMinutes(41));
        tickets[3].Finish(ServiceOutcome.Completed, null, Nine.AddMinutes(47));
        var events = tickets.SelectMany(t => t.TakeEvents()).ToList();
        var facts = tickets.Select(t => new TicketFacts("A", null, null, t.ArrivedAt, t.FirstCalledAt, t.ServingStartedAt, t.FinishedAt, t.Status));
        var kpi = QueueFigures.Sum(facts, 15);
        var replayed = TicketEventReplay.Figures(events, TimeSpan.FromMinutes(15));
        Assert.Equal((4, 2, 1), (replayed.Issued, replayed.Served, replayed.NoShows));
        Assert.Equal(((int)kpi.Tickets, (int)kpi.Served, (int)kpi.NoShows), (replayed.Issued, replayed.Served, replayed.NoShows));
        Assert.Equal(TimeSpan.FromMinutes((double)kpi.AverageWait!.Value), replayed.AverageWait);
        Assert.Equal(TimeSpan.FromMinutes(8), replayed.AverageService); // (10 + 6) ÷ 2
        Assert.Equal(TimeSpan.FromMinutes((double)kpi.AverageService!.Value), replayed.AverageService);
        Assert.Equal((double?)kpi.WithinTargetShare, replayed.WithinTargetShare);
    }
}
