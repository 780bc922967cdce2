using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Queue;

namespace TradingOps.Tests.Queue;

public sealed class QueueTicketRulesTests
{
    private static readonly DateOnly Day = new(2026, 11, 23);
    private static readonly DateTimeOffset Nine = CenterTime.At(Day, new TimeOnly(9, 0));
    private static readonly Guid TypeA = Guid.NewGuid(), TypeB = Guid.NewGuid();
    private static readonly Guid Window1 = Guid.NewGuid(), Window2 = Guid.NewGuid();

    private static QueueTicket Ticket(Guid type, int number, int minutesAfterNine, bool priority = false) =>
        new(type, type == TypeA ? "A" : "B", Day, number, Nine.AddMinutes(minutesAfterNine), TicketChannel.Kiosk, priority, priority ? "老年人" : null);

    private static QueueTicket? Next(IEnumerable<QueueTicket> tickets, Guid window, params Guid[] types) =>
        QueueRules.NextFor(tickets, window, types, Day);

    [Fact]
    public void A_priority_ticket_is_called_before_ordinary_tickets_that_arrived_earlier()
    {
        var early = Ticket(TypeA, 1, 0);
        var green = Ticket(TypeA, 2, 10, priority: true);
        Assert.Same(green, Next([early, green], Window1, TypeA));
    }

    [Fact]
    public void Among_equal_priority_the_longest_waiting_ticket_of_the_windows_types_goes_first()
    {
        var b = Ticket(TypeB, 1, 0);
        var a2 = Ticket(TypeA, 2, 5);
        var a1 = Ticket(TypeA, 1, 3);
        Assert.Same(a1, Next([b, a2, a1], Window1, TypeA));
        Assert.Same(b, Next([b, a2, a1], Window1, TypeA, TypeB));
    }

    [Fact]
    public void A_green_channel_ticket_needs_a_reason()
    {
        var ex = Assert.Throws<DomainException>(() => new QueueTicket(TypeA, "A", Day, 1, Nine, TicketChannel.Staff, priority: true));
        Assert.Equal("绿色通道原因.Required", ex.Code);
    }

    [Fact]
    public void A_transferred_ticket_keeps_its_arrival_time_and_goes_ahead_of_later_arrivals_of_the_new_type()
    {
        var transferred = Ticket(TypeA, 1, 0);
        var laterB = Ticket(TypeB, 1, 20);
        transferred.CallTo(Window1, Nine.AddMinutes(30));
        transferred.StartServing(Nine.AddMinutes(31));
        transferred.Transfer(TypeB, null, Nine.AddMinutes(40));

        Assert.Equal(TicketStatus.Waiting, transferred.Status);
        Assert.Equal(Nine, transferred.ArrivedAt);
        Assert.Equal("A001", transferred.Code);
        Assert.Same(transferred, Next([laterB, transferred], Window2, TypeB));
    }

    [Fact]
    public void A_ticket_transferred_to_a_window_is_called_only_by_that_window()
    {
        var ticket = Ticket(TypeA, 1, 0);
        ticket.CallTo(Window1, Nine.AddMinutes(1));
        ticket.Transfer(TypeA, Window2, Nine.AddMinutes(2));

        Assert.Null(Next([ticket], Window1, TypeA));
        Assert.Same(ticket, Next([ticket], Window2, TypeB)); // even when the window does not serve the type
        Assert.Throws<DomainException>(() => ticket.CallTo(Window1, Nine.AddMinutes(3)));
    }

    [Fact]
    public void Recalls_are_allowed_up_to_the_limit_then_the_ticket_becomes_a_no_show()
    {
        var ticket = Ticket(TypeA, 1, 0);
        ticket.CallTo(Window1, Nine.AddMinutes(1));
        Assert.True(ticket.Recall(maxRecalls: 2, Nine.AddMinutes(2)));
        Assert.True(ticket.Recall(maxRecalls: 2, Nine.AddMinutes(3)));
        Assert.False(ticket.Recall(maxRecalls: 2, Nine.AddMinutes(4)));

        Assert.Equal(TicketStatus.NoShow, ticket.Status);
        Assert.Equal([TicketEventKind.Issued, TicketEventKind.Called, TicketEventKind.Recalled, TicketEventKind.Recalled, TicketEventKind.NoShow],
            ticket.TakeEvents().Select(e => e.Kind));
        Assert.Throws<DomainException>(() => ticket.StartServing(Nine.AddMinutes(5)));
    }

    [Fact]
    public void A_held_ticket_resumes_serving_and_finishes_with_its_outcome_every_step_stored_with_its_time()
    {
        var ticket = Ticket(TypeA, 1, 0);
        ticket.CallTo(Window1, Nine.AddMinutes(1));
        ticket.StartServing(Nine.AddMinutes(2));
        ticket.Hold("回去取营业执照", Nine.AddMinutes(3));
        ticket.StartServing(Nine.AddMinutes(10));
        ticket.Finish(ServiceOutcome.Completed, null, Nine.AddMinutes(15));

        var events = ticket.TakeEvents();
        Assert.Equal(Nine.AddMinutes(2), ticket.ServingStartedAt);
        Assert.Equal(Nine.AddMinutes(1), ticket.FirstCalledAt);
        Assert.Equal([0, 1, 2, 3, 10, 15], events.Select(e => (int)(e.At - Nine).TotalMinutes));
        Assert.All(events, e => Assert.Equal(ticket.Id, e.TicketId));
    }

    [Fact]
    public void A_ticket_is_rated_once_and_only_after_it_was_finished()
    {
        var ticket = Ticket(TypeA, 1, 0);
        Assert.Equal("Ticket.NotFinished", Assert.Throws<DomainException>(() =>
            new SatisfactionRating(ticket, RatingLevel.Satisfied, null, null, RatingChannel.QrCode, Nine)).Code);
        ticket.CallTo(Window1, Nine.AddMinutes(1));
        ticket.StartServing(Nine.AddMinutes(2));
        ticket.Finish(ServiceOutcome.Completed, null, Nine.AddMinutes(5));

        var rating = new SatisfactionRating(ticket, RatingLevel.VerySatisfied, null, "很快", RatingChannel.QrCode, Nine.AddMinutes(6));
        Assert.Equal(Window1, rating.WindowId);
        Assert.Equal("Ticket.AlreadyRated", Assert.Throws<DomainException>(() =>
            new SatisfactionRating(ticket, RatingLevel.Dissatisfied, null, null, RatingChannel.Pad, Nine.AddMinutes(7))).Code);
    }

    [Fact]
    public void Reasons_are_only_for_bad_ratings_and_only_from_the_list()
    {
        QueueTicket Finished()
        {
            var t = Ticket(TypeA, 1, 0);
            t.CallTo(Window1, Nine); t.StartServing(Nine); t.Finish(ServiceOutcome.Completed, null, Nine.AddMinutes(1));
            return t;
        }
        Assert.Throws<DomainException>(() => new SatisfactionRating(Finished(), RatingLevel.Satisfied, ["等候时间长"], null, RatingChannel.Pad, Nine));
        Assert.Throws<DomainException>(() => new SatisfactionRating(Finished(), RatingLevel.Dissatisfied, ["随便写的"], null, RatingChannel.Pad, Nine));
        var bad = new SatisfactionRating(Finished(), RatingLevel.VeryDissatisfied, ["等候时间长", "服务态度差"], null, RatingChannel.Pad, Nine);
        Assert.Equal("等候时间长、服务态度差", bad.Reasons);
    }

    [Fact]
    public void A_bad_rating_on_the_eve_of_a_holiday_is_due_for_contact_and_resolution_on_working_days()
    {
        // Friday 2026-09-25 rated; Mon 09-28 and the National Day week (10-01..10-07) are holidays here,
        // Sunday 10-11 is a make-up workday.
        var holidays = Enumerable.Range(0, 7).Select(i => new CalendarDay(new DateOnly(2026, 10, 1).AddDays(i), CalendarDayKind.Holiday, "国庆节"))
            .Append(new CalendarDay(new DateOnly(2026, 9, 28), CalendarDayKind.Holiday, "调休"))
            .Append(new CalendarDay(new DateOnly(2026, 10, 11), CalendarDayKind.AdjustedWorkday, "国庆调休"));
        var calendar = new WorkdayCalendar(holidays, [2026]);
        var friday = new DateOnly(2026, 9, 25);
        var ticket = new QueueTicket(TypeA, "A", friday, 1, CenterTime.At(friday, new TimeOnly(15, 0)), TicketChannel.Kiosk);
        var at = CenterTime.At(friday, new TimeOnly(16, 0));
        ticket.CallTo(Window1, at); ticket.StartServing(at); ticket.Finish(ServiceOutcome.Completed, null, at);
        var rating = new SatisfactionRating(ticket, RatingLevel.Dissatisfied, ["等候时间长"], null, RatingChannel.QrCode, at.AddMinutes(5));

        var followUp = rating.OpenFollowUp(calendar, contactWorkingDays: 1, resolveWorkingDays: 15)!;

        Assert.Equal(CenterTime.At(new DateOnly(2026, 9, 29), new TimeOnly(17, 30)), followUp.ContactDueAt);
        // Working days after 09-25: 09-29, 09-30, 10-08, 10-09, 10-11, 10-12 ... the 15th is 10-23.
        Assert.Equal(CenterTime.At(new DateOnly(2026, 10, 23), new TimeOnly(17, 30)), followUp.ResolveDueAt);
        Assert.Null(new SatisfactionRating(FinishedAt(at), RatingLevel.Acceptable, null, null, RatingChannel.Pad, at).OpenFollowUp(calendar, 1, 15));
    }

    private static QueueTicket FinishedAt(DateTimeOffset at)
    {
        var t = new QueueTicket(TypeA, "A", Day, 2, at, TicketChannel.Kiosk);
        t.CallTo(Window1, at); t.StartServing(at); t.Finish(ServiceOutcome.Completed, null, at);
        return t;
    }
}
