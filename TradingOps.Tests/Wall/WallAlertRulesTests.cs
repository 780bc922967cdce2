using TradingOps.Core.Projects;
using TradingOps.Core.Queue;
using TradingOps.Core.Registrations;
using TradingOps.Core.Wall;
using static TradingOps.Tests.Registrations.RegistrationTestData;

namespace TradingOps.Tests.Wall;

/// <summary>Which waits and which registrations are wall alerts (issue 22): the one rule, Core/Wall.</summary>
public sealed class WallAlertRulesTests
{
    private static readonly DateTimeOffset Now = At("2026-11-23 10:30"); // a Monday, office hours
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static TicketState Ticket(string code, TicketStatus status, TimeSpan waited, DateOnly? day = null) =>
        new(Guid.NewGuid(), code, int.Parse(code[1..]), day ?? Today, Guid.NewGuid(), status, false, null, Now - waited, Now - waited,
            null, null, null, null, 0, null, null, null, null, null);

    private static PendingRegistrationRow Registration(string code, RegistrationStatus status, DateTimeOffset? dueAt) =>
        new(Guid.NewGuid(), code, "项目", TradingCategory.Engineering, null, "发起人", status, RegistrationChannel.Online, false, null,
            Now.AddHours(-5), dueAt, 1m);

    [Fact]
    public void A_ticket_waiting_as_long_as_the_threshold_is_an_alert_and_one_minute_less_is_not()
    {
        var options = new WallAlertOptions { LongWaitMinutes = 20 };
        var alerts = WallAlertRules.LongWaits([Ticket("A001", TicketStatus.Waiting, TimeSpan.FromMinutes(20)), Ticket("A002", TicketStatus.Waiting, TimeSpan.FromMinutes(19))],
            Today, Now, options);
        Assert.Equal(["A001"], alerts.Select(a => a.Code));
        Assert.Equal(TimeSpan.FromMinutes(20), alerts[0].Waited);
    }

    [Fact]
    public void A_called_served_or_yesterdays_ticket_is_no_wait_alert_however_long_ago_it_arrived()
    {
        var hour = TimeSpan.FromHours(1);
        var alerts = WallAlertRules.LongWaits(
            [Ticket("A001", TicketStatus.Called, hour), Ticket("A002", TicketStatus.Serving, hour), Ticket("A003", TicketStatus.Finished, hour),
             Ticket("A004", TicketStatus.Waiting, hour, Today.AddDays(-1)), Ticket("A005", TicketStatus.Waiting, hour)],
            Today, Now, new WallAlertOptions());
        Assert.Equal(["A005"], alerts.Select(a => a.Code));
    }

    [Fact]
    public void The_longest_wait_comes_first()
    {
        var alerts = WallAlertRules.LongWaits([Ticket("B002", TicketStatus.Waiting, TimeSpan.FromMinutes(25)), Ticket("B001", TicketStatus.Waiting, TimeSpan.FromMinutes(50))],
            Today, Now, new WallAlertOptions());
        Assert.Equal(["B001", "B002"], alerts.Select(a => a.Code));
    }

    [Fact]
    public void A_registration_waiting_on_the_center_past_its_deadline_is_an_alert_and_one_due_later_or_with_the_agency_is_not()
    {
        var alerts = WallAlertRules.OverdueRegistrations(
            [Registration("DJ-1", RegistrationStatus.Submitted, Now.AddMinutes(-1)),
             Registration("DJ-2", RegistrationStatus.Submitted, Now.AddMinutes(30)),
             Registration("DJ-3", RegistrationStatus.Returned, Now.AddHours(-3)),
             Registration("DJ-4", RegistrationStatus.Submitted, null)],
            Now, Calendar2026, new WallAlertOptions());
        Assert.Equal(["DJ-1"], alerts.Select(a => a.Code));
        Assert.Equal(TimeSpan.FromMinutes(1), alerts[0].OverdueBy);
    }

    [Fact]
    public void With_a_grace_the_registration_becomes_an_alert_only_that_long_after_its_deadline()
    {
        var options = new WallAlertOptions { RegistrationOverdueMinutes = 30 };
        var alerts = WallAlertRules.OverdueRegistrations(
            [Registration("DJ-1", RegistrationStatus.Submitted, Now.AddMinutes(-29)), Registration("DJ-2", RegistrationStatus.Submitted, Now.AddMinutes(-30))],
            Now, Calendar2026, options);
        Assert.Equal(["DJ-2"], alerts.Select(a => a.Code));
    }

    [Theory]
    [InlineData(0, 0, "LongWaitMinutes")]
    [InlineData(20, -1, "RegistrationOverdueMinutes")]
    public void Thresholds_out_of_range_are_refused_with_the_setting_named(int longWait, int registrationGrace, string setting)
    {
        var problem = new WallAlertOptions { LongWaitMinutes = longWait, RegistrationOverdueMinutes = registrationGrace }.Problem();
        Assert.NotNull(problem);
        Assert.Contains(setting, problem);
        Assert.Null(new WallAlertOptions().Problem());
    }

    [Fact]
    public void A_list_of_pages_turns_its_page_with_the_clock_and_comes_round_to_every_page()
    {
        var seen = Enumerable.Range(0, 30).Select(s => WallPaging.PageAt(Now.AddSeconds(s * 10), 3, 10)).Distinct().Order();
        Assert.Equal([0, 1, 2], seen);
        Assert.Equal(0, WallPaging.PageAt(Now, 1, 10));
    }
}
