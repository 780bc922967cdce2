using TradingOps.Core.Common;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;
using TradingOps.Core.Statistics;

namespace TradingOps.Tests.Queue;

/// <summary>
/// Each queue rule has one home in Core (QueueRules, LiveQueueKpis, QueueFigures): the query form (an expression) and
/// the in-memory form used by the read models give the same answer on the same tickets.
/// </summary>
public sealed class QueueRuleHomeTests
{
    private static readonly DateOnly Day = new(2026, 11, 23);
    private static readonly DateTimeOffset Nine = CenterTime.At(Day, new TimeOnly(9, 0));
    private static readonly Guid TypeA = Guid.NewGuid(), TypeB = Guid.NewGuid();
    private static readonly Guid Window1 = Guid.NewGuid(), Window2 = Guid.NewGuid();

    private static QueueTicket Ticket(Guid type, int number, int minutesAfterNine, string prefix = "A", DateOnly? day = null) =>
        new(type, prefix, day ?? Day, number, Nine.AddMinutes(minutesAfterNine), TicketChannel.Kiosk);

    /// <summary>Tickets in every state, at window 1 or elsewhere.</summary>
    private static List<QueueTicket> EveryState()
    {
        var waiting = Ticket(TypeA, 1, 0);
        var called = Ticket(TypeA, 2, 1); called.CallTo(Window1, Nine.AddMinutes(5));
        var serving = Ticket(TypeB, 3, 2, "B"); serving.CallTo(Window1, Nine.AddMinutes(6)); serving.StartServing(Nine.AddMinutes(7));
        var held = Ticket(TypeA, 4, 3); held.CallTo(Window1, Nine.AddMinutes(8)); held.Hold("取材料", Nine.AddMinutes(9));
        var finished = Ticket(TypeA, 5, 4); finished.CallTo(Window1, Nine.AddMinutes(10)); finished.StartServing(Nine.AddMinutes(11));
        finished.Finish(ServiceOutcome.Completed, null, Nine.AddMinutes(20));
        var noShow = Ticket(TypeA, 6, 5); noShow.CallTo(Window1, Nine.AddMinutes(12)); noShow.MarkNoShow(Nine.AddMinutes(13));
        var elsewhere = Ticket(TypeA, 7, 6); elsewhere.CallTo(Window2, Nine.AddMinutes(14));
        var transferred = Ticket(TypeA, 8, 7); transferred.CallTo(Window2, Nine.AddMinutes(15)); transferred.Transfer(TypeB, Window1, Nine.AddMinutes(16));
        var yesterday = Ticket(TypeA, 9, 0, day: Day.AddDays(-1));
        return [waiting, called, serving, held, finished, noShow, elsewhere, transferred, yesterday];
    }

    [Fact]
    public void Window_busy_means_a_visitor_called_to_it_or_served_there_and_a_held_visitor_leaves_it_free()
    {
        var tickets = EveryState();
        var busyInQuery = tickets.AsQueryable().Where(QueueRules.OccupiesWindow(Window1)).Select(t => t.Code).Order().ToList();
        var busyInMemory = tickets.Where(t => QueueRules.Occupies(t.State(), Window1)).Select(t => t.Code).Order().ToList();

        Assert.Equal(["A002", "B003"], busyInQuery);
        Assert.Equal(busyInQuery, busyInMemory);
        Assert.Throws<DomainException>(() => QueueRules.EnsureWindowFree(true));
        QueueRules.EnsureWindowFree(false);
    }

    [Fact]
    public void Callable_rule_in_memory_is_the_query_rule_waiting_today_of_a_served_type_or_sent_to_the_window()
    {
        var tickets = EveryState();
        foreach (var (window, types) in new[] { (Window1, new[] { TypeA }), (Window1, [TypeB]), (Window2, [TypeA, TypeB]) })
        {
            var inQuery = tickets.AsQueryable().Where(QueueRules.CallableBy(window, types, Day)).InCallOrder().Select(t => t.Code).ToList();
            var inMemory = tickets.Select(t => t.State()).Where(t => QueueRules.IsCallableBy(t, window, types, Day)).InCallOrder().Select(t => t.Code).ToList();
            Assert.Equal(inQuery, inMemory);
        }
        // Sent to window 1 by name: window 1 calls it whatever it serves; window 2 does not, although it serves type B.
        Assert.Contains("A008", tickets.AsQueryable().Where(QueueRules.CallableBy(Window1, [TypeA], Day)).Select(t => t.Code));
        Assert.DoesNotContain("A008", tickets.AsQueryable().Where(QueueRules.CallableBy(Window2, [TypeB], Day)).Select(t => t.Code));
        Assert.DoesNotContain("A009", tickets.AsQueryable().Where(QueueRules.CallableBy(Window1, [TypeA], Day)).Select(t => t.Code)); // yesterday's
    }

    [Fact]
    public void Daily_numbering_continues_from_the_highest_number_of_the_prefix_today_and_restarts_on_a_new_day()
    {
        var tickets = EveryState();
        int? Highest(string prefix, DateOnly day) =>
            tickets.AsQueryable().Where(QueueRules.NumberedToday(prefix, day)).Max(t => (int?)t.Number);

        Assert.Equal(9, QueueRules.NextNumber(Highest("A", Day))); // A001…A008 today (a transferred ticket keeps its code)
        Assert.Equal(4, QueueRules.NextNumber(Highest("B", Day)));
        Assert.Equal(1, QueueRules.NextNumber(Highest("A", Day.AddDays(1))));
        Assert.Equal(1, QueueRules.NextNumber(Highest("C", Day)));
    }

    [Fact]
    public void Transfer_target_is_an_active_service_type_and_a_named_window_in_service()
    {
        var type = new ServiceType("A", "项目登记受理", 1);
        var inactive = new ServiceType("B", "停办业务", 2);
        inactive.Deactivate();
        var window = new ServiceWindow(Guid.NewGuid(), 1, "1号窗口", [type]);
        var closed = new ServiceWindow(Guid.NewGuid(), 2, "2号窗口", [type]);
        closed.Close();

        QueueRules.EnsureTransferTarget(type, null, null);
        QueueRules.EnsureTransferTarget(type, window.Id, window);
        Assert.Equal("Ticket.UnknownType", Assert.Throws<DomainException>(() => QueueRules.EnsureTransferTarget(null, null, null)).Code);
        Assert.Equal("Ticket.UnknownType", Assert.Throws<DomainException>(() => QueueRules.EnsureTransferTarget(inactive, null, null)).Code);
        Assert.Equal("ServiceWindow.Unknown", Assert.Throws<DomainException>(() => QueueRules.EnsureTransferTarget(type, Guid.NewGuid(), null)).Code);
        Assert.Equal("ServiceWindow.Unknown", Assert.Throws<DomainException>(() => QueueRules.EnsureTransferTarget(type, closed.Id, closed)).Code);
    }

    [Fact]
    public void Live_kpis_count_per_type_and_window_with_the_figures_definitions_and_the_no_show_rate_over_the_called()
    {
        var tickets = EveryState().Where(t => t.ServiceDate == Day).Select(t => t.State()).ToList();
        var now = Nine.AddMinutes(30);
        var kpis = LiveQueueKpis.Of(tickets, [new RatingFact(TypeA, Window1, RatingLevel.VerySatisfied)],
            [new KpiGroup(TypeA, "A", "项目登记受理"), new KpiGroup(TypeB, "B", "合同备案")],
            [new KpiGroup(Window1, "1", "1号窗口"), new KpiGroup(Window2, "2", "2号窗口")], now, 15);

        Assert.Equal(QueueFigures.Sum(tickets.Select(t => t.Facts), 15), kpis.Overall.Figures); // the figures' one definition
        Assert.Equal(8, kpis.Overall.Issued);
        Assert.Equal(1.0 / 7, kpis.Overall.NoShowRate!.Value, 9); // 1 no-show ÷ 7 called
        Assert.Equal(2, kpis.Overall.WaitingNow); // A001 waiting, A008 waiting again after its transfer (now type B)
        Assert.Equal(TimeSpan.FromMinutes(30), kpis.Overall.LongestWaitNow); // A001 since 9:00
        Assert.Equal(Math.Round(8 / 0.5, 1), kpis.Overall.TicketsPerHour); // 8 tickets in the half hour since the first
        Assert.Equal(6, kpis.ByType.Single(r => r.Key == "A").Issued);
        Assert.Equal(1, kpis.ByType.Single(r => r.Key == "A").Ratings);
        var window1 = kpis.ByWindow.Single(r => r.Key == "1");
        Assert.Equal(5, window1.Issued); // called, serving, held, finished, no-show at window 1
        Assert.Equal(window1, LiveQueueKpis.ForWindow(new KpiGroup(Window1, "1", "1号窗口"), tickets,
            [new RatingFact(TypeA, Window1, RatingLevel.VerySatisfied)], now, LiveQueueKpis.Hours(tickets, now), 15));
    }

    [Fact]
    public void Idle_rule_on_the_window_held_in_memory_is_the_entitys()
    {
        var type = new ServiceType("A", "项目登记受理", 1);
        var window = new ServiceWindow(Guid.NewGuid(), 1, "1号窗口", [type]);
        window.SignOn(new WindowClerk(Guid.NewGuid(), "0123 / 张三"), Nine);
        window.RecordAction(Nine.AddMinutes(10));
        var idle = TimeSpan.FromMinutes(30);
        foreach (var minutes in new[] { 20, 39, 40, 41, 90 })
            Assert.Equal(window.IsIdle(Nine.AddMinutes(minutes), idle), window.State().IsIdle(Nine.AddMinutes(minutes), idle));
        Assert.True(window.State().IsIdle(Nine.AddMinutes(40), idle));
        window.SignOff();
        Assert.False(window.State().IsIdle(Nine.AddMinutes(90), idle));
    }
}
