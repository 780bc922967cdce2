using TradingOps.Core.Calendar;
using TradingOps.Core.Cases;
using TradingOps.Core.Common;
using TradingOps.Core.Due;
using TradingOps.Tests.Registrations;

namespace TradingOps.Tests.Due;

/// <summary>The board's one ordering, urgency and filter rule (Core/Due/DueBoard), and the wall's projection of overdue cases.</summary>
public sealed class DueBoardRulesTests
{
    private static readonly WorkdayCalendar Calendar = RegistrationTestData.Calendar2026;
    private static DateTimeOffset At(string local) => RegistrationTestData.At(local);
    private static readonly DateTimeOffset Now = At("2026-09-29 10:00"); // Tuesday

    private static DueItem Item(DueKind kind, string reference, string? due, string since = "2026-09-28 09:00", string? owner = null,
        TimeSpan? dueSoon = null, bool waitingOnCenter = false) =>
        new(kind, Guid.NewGuid(), reference, "标题", owner, "中心", due is null ? null : At(due), false, "State", "/x", At(since),
            DueSoon: dueSoon, WaitingOnCenter: waitingOnCenter);

    [Fact]
    public void Overdue_come_first_most_overdue_on_top_then_by_time_left_then_no_deadline_oldest_first()
    {
        var items = new[]
        {
            Item(DueKind.Case, "later", "2026-09-30 17:30"),
            Item(DueKind.Registration, "no-due-newer", null, since: "2026-09-28 15:00"),
            Item(DueKind.IncidentReport, "overdue-30min", "2026-09-29 09:30"),
            Item(DueKind.VenueRequest, "soon", "2026-09-29 10:40"),
            Item(DueKind.MisconductReport, "overdue-1day", "2026-09-28 10:00"),
            Item(DueKind.Case, "no-due-older", null, since: "2026-09-20 09:00"),
            Item(DueKind.RatingFollowUp, "tomorrow", "2026-09-30 09:00"),
        };

        var ordered = DueBoard.Order(items, Now).Select(i => i.Reference).ToList();

        Assert.Equal(["overdue-1day", "overdue-30min", "soon", "tomorrow", "later", "no-due-older", "no-due-newer"], ordered);
    }

    [Fact]
    public void Equal_due_times_are_ordered_by_kind_then_reference_whatever_the_input_order()
    {
        var a = Item(DueKind.VenueRequest, "B-2", "2026-09-29 11:00");
        var b = Item(DueKind.Case, "Z-9", "2026-09-29 11:00");
        var c = Item(DueKind.VenueRequest, "A-1", "2026-09-29 11:00");
        var d = Item(DueKind.Registration, "same-since-2", null, since: "2026-09-28 09:00");
        var e = Item(DueKind.Registration, "same-since-1", null, since: "2026-09-28 09:00");

        Assert.Equal(["Z-9", "A-1", "B-2", "same-since-1", "same-since-2"], DueBoard.Order([a, d, b, e, c], Now).Select(i => i.Reference));
        Assert.Equal(["Z-9", "A-1", "B-2", "same-since-1", "same-since-2"], DueBoard.Order([e, c, d, b, a], Now).Select(i => i.Reference));
    }

    [Fact]
    public void An_item_due_exactly_now_is_overdue_and_sorts_before_every_upcoming_one()
    {
        var dueNow = Item(DueKind.Case, "now", "2026-09-29 10:00");
        var next = Item(DueKind.Case, "next", "2026-09-29 10:01");
        Assert.Equal(DueUrgency.Overdue, DueBoard.Urgency(dueNow, Now, Calendar, DueBoard.DefaultDueSoon));
        Assert.Equal(["now", "next"], DueBoard.Order([next, dueNow], Now).Select(i => i.Reference));
    }

    [Fact]
    public void Due_soon_is_judged_by_working_time_left_so_the_lunch_break_and_the_night_do_not_count()
    {
        // 11:45 → 14:00 is 2 h 15 min on the clock but 45 min of office time (08:30-12:00, 13:30-17:30).
        var overLunch = Item(DueKind.VenueRequest, "lunch", "2026-09-29 14:00");
        Assert.Equal(DueUrgency.DueSoon, DueBoard.Urgency(overLunch, At("2026-09-29 11:45"), Calendar, DueBoard.DefaultDueSoon));
        // 17:00 → next morning 09:30: 16.5 hours on the clock, 1 h 30 min of office time.
        var overnight = Item(DueKind.Case, "night", "2026-09-30 09:30");
        Assert.Equal(DueUrgency.OnTime, DueBoard.Urgency(overnight, At("2026-09-29 17:00"), Calendar, DueBoard.DefaultDueSoon));
        Assert.Equal(DueUrgency.DueSoon, DueBoard.Urgency(overnight, At("2026-09-29 17:00"), Calendar, TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromMinutes(90), DueBoard.TimeLeft(overnight, At("2026-09-29 17:00"), Calendar));
    }

    [Fact]
    public void A_kind_with_its_own_due_soon_window_is_judged_by_it()
    {
        var twoHoursLeft = Item(DueKind.VenueRequest, "r", "2026-09-29 12:00", dueSoon: TimeSpan.FromHours(3));
        Assert.Equal(DueUrgency.DueSoon, DueBoard.Urgency(twoHoursLeft, Now, Calendar, DueBoard.DefaultDueSoon));
        Assert.Equal(DueUrgency.OnTime, DueBoard.Urgency(twoHoursLeft with { DueSoon = null }, Now, Calendar, DueBoard.DefaultDueSoon));
    }

    [Fact]
    public void A_registration_the_center_owes_follows_the_registration_desks_own_rule()
    {
        // ServiceTimePolicy.UrgencyAt: due soon at one hour of office time left or less (inclusive), whatever window the board is given.
        var exactlyAnHour = Item(DueKind.Registration, "DJ-1", "2026-09-29 11:00", waitingOnCenter: true);
        Assert.Equal(DueUrgency.DueSoon, DueBoard.Urgency(exactlyAnHour, Now, Calendar, TimeSpan.FromMinutes(10)));
        var resubmission = exactlyAnHour with { WaitingOnCenter = false };
        Assert.Equal(DueUrgency.OnTime, DueBoard.Urgency(resubmission, Now, Calendar, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void Without_a_due_time_an_item_has_no_deadline_and_no_time_left()
    {
        var none = Item(DueKind.Registration, "DJ-2", null);
        Assert.Equal(DueUrgency.NoDeadline, DueBoard.Urgency(none, Now, Calendar, DueBoard.DefaultDueSoon));
        Assert.Null(DueBoard.TimeLeft(none, Now, Calendar));
    }

    [Fact]
    public void Overdue_time_is_counted_on_the_clock_not_in_office_hours()
    {
        var item = Item(DueKind.IncidentReport, "SJ", "2026-09-28 17:00");
        Assert.Equal(-TimeSpan.FromHours(17), DueBoard.TimeLeft(item, Now, Calendar));
    }

    [Fact]
    public void The_owner_filter_takes_mine_by_any_name_I_go_by_unassigned_or_one_user_and_kinds_narrow_it()
    {
        var mine = Item(DueKind.Case, "mine", "2026-09-30 09:00", owner: "clerk1");
        var mineByStaffName = Item(DueKind.Registration, "staff-name", "2026-09-30 09:00", owner: "王芳");
        var theirs = Item(DueKind.Case, "theirs", "2026-09-30 09:00", owner: "clerk2");
        var nobodys = Item(DueKind.RatingFollowUp, "nobody", "2026-09-30 09:00");
        DueItem[] all = [mine, mineByStaffName, theirs, nobodys];

        Assert.Equal(["mine", "staff-name"], DueBoard.Filter(all, new DueFilter(DueOwnerScope.Me, Me: ["CLERK1", "王芳"])).Select(i => i.Reference));
        Assert.Equal(["nobody"], DueBoard.Filter(all, new DueFilter(DueOwnerScope.Unassigned)).Select(i => i.Reference));
        Assert.Equal(["theirs"], DueBoard.Filter(all, new DueFilter(DueOwnerScope.User, User: "clerk2")).Select(i => i.Reference));
        Assert.Equal(4, DueBoard.Filter(all, DueFilter.Everything).Count());
        Assert.Equal(["mine", "theirs"], DueBoard.Filter(all, new DueFilter(Kinds: new HashSet<DueKind> { DueKind.Case })).Select(i => i.Reference));
        Assert.Empty(DueBoard.Filter(all, new DueFilter(DueOwnerScope.Me, new HashSet<DueKind> { DueKind.RatingFollowUp }, ["clerk1"])));
        Assert.Empty(DueBoard.Filter(all, new DueFilter(DueOwnerScope.Me))); // nobody signed in: nothing is "mine"
    }

    [Fact]
    public void Counts_list_every_kind_zero_included()
    {
        var counts = DueBoard.Counts([Item(DueKind.Case, "a", null), Item(DueKind.Case, "b", null), Item(DueKind.VenueRequest, "c", null)]);
        Assert.Equal(Enum.GetValues<DueKind>().Length, counts.Count);
        Assert.Equal(2, counts[DueKind.Case]);
        Assert.Equal(1, counts[DueKind.VenueRequest]);
        Assert.Equal(0, counts[DueKind.MisconductReport]);
    }

    private static CaseRow Row(string number, CaseState state, string? due, string? awaiting = "中心转交") =>
        new(Guid.NewGuid(), number, CaseKind.Complaint, CaseChannel.PublicForm, "GC-2026-0001", "机密事由", state, At("2026-09-28 09:00"),
            awaiting, due is null ? null : At(due), false, "clerk1", false);

    [Fact]
    public void The_wall_shows_open_cases_past_their_running_clock_most_overdue_first_with_nothing_but_kind_number_awaiting_and_lateness()
    {
        var alerts = CaseProjection.ForWall([
            Row("TS2026-000003", CaseState.Received, "2026-09-29 09:30"),
            Row("TS2026-000001", CaseState.Forwarded, "2026-09-28 17:30", "行政监督部门"),
            Row("TS2026-000002", CaseState.Received, "2026-09-29 11:00"),  // not yet due
            Row("TS2026-000004", CaseState.Answered, null, null),           // answered: no clock runs
            Row("TS2026-000005", CaseState.Resolved, "2026-09-28 12:00"),  // closed
        ], Now);

        Assert.Equal(["TS2026-000001", "TS2026-000003"], alerts.Select(a => a.Number));
        Assert.Equal("行政监督部门", alerts[0].Awaiting);
        Assert.Equal(TimeSpan.FromMinutes(30), alerts[1].OverdueBy);
        // What the wall may show is the record's shape: no subject, raiser, project or details can travel through it.
        Assert.Equal(["Kind", "Number", "Awaiting", "DueAt", "OverdueBy"], typeof(CaseWallAlert).GetProperties().Select(p => p.Name));
    }
}
