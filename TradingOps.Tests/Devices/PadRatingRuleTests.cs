using TradingOps.Core.Common;
using TradingOps.Core.Devices;
using TradingOps.Core.Queue;

namespace TradingOps.Tests.Devices;

/// <summary>The pad rule in Core (<see cref="PadRating"/>), without a database.</summary>
public sealed class PadRatingRuleTests
{
    private static readonly DateTimeOffset Now = CenterTime.At(new DateOnly(2026, 11, 23), new TimeOnly(10, 0));
    private static readonly Guid Window1 = Guid.NewGuid(), Window2 = Guid.NewGuid();

    private static PairedDevice Pad(Guid window) =>
        new(DeviceKind.RatingPad, "评价器", window, DeviceSecret.Hash(DeviceSecret.Normalize(DeviceSecret.New())!), "admin", Now.AddDays(-1));

    private static QueueTicket Finished(Guid window, DateTimeOffset at)
    {
        var ticket = new QueueTicket(Guid.NewGuid(), "A", QueueRules.ServiceDateOf(at), 1, at.AddMinutes(-10), TicketChannel.Kiosk);
        ticket.CallTo(window, at.AddMinutes(-5));
        ticket.StartServing(at.AddMinutes(-4));
        ticket.Finish(ServiceOutcome.Completed, null, at);
        return ticket;
    }

    private static string Refusal(PairedDevice pad, QueueTicket ticket, Guid? latest, DateTimeOffset now) =>
        Assert.Throws<DomainException>(() => PadRating.EnsureAllowed(pad, ticket, latest, now, 5)).Code;

    [Fact]
    public void A_pad_rates_the_ticket_just_finished_at_its_own_window()
    {
        var ticket = Finished(Window1, Now.AddMinutes(-1));
        PadRating.EnsureAllowed(Pad(Window1), ticket, ticket.Id, Now, 5);
    }

    [Fact]
    public void A_pad_of_window_2_cannot_rate_a_ticket_of_window_1()
    {
        var ticket = Finished(Window1, Now.AddMinutes(-1));
        Assert.Equal("Rating.OtherWindow", Refusal(Pad(Window2), ticket, ticket.Id, Now));
    }

    [Fact]
    public void A_pad_cannot_rate_a_ticket_finished_longer_ago_than_the_pad_rating_minutes()
    {
        var ticket = Finished(Window1, Now.AddMinutes(-6));
        Assert.Equal("Rating.TooLate", Refusal(Pad(Window1), ticket, ticket.Id, Now));
    }

    [Fact]
    public void A_pad_cannot_rate_an_earlier_ticket_once_a_later_one_finished_at_its_window()
    {
        var earlier = Finished(Window1, Now.AddMinutes(-3));
        var later = Finished(Window1, Now.AddMinutes(-1));
        Assert.Equal("Rating.NotLatest", Refusal(Pad(Window1), earlier, later.Id, Now));
    }

    [Fact]
    public void A_ticket_is_rated_once()
    {
        var ticket = Finished(Window1, Now.AddMinutes(-1));
        ticket.MarkRated(Now);
        Assert.Equal("Ticket.AlreadyRated", Refusal(Pad(Window1), ticket, ticket.Id, Now));
    }

    [Fact]
    public void A_revoked_pad_or_another_kind_of_device_rates_nothing()
    {
        var ticket = Finished(Window1, Now.AddMinutes(-1));
        var revoked = Pad(Window1);
        revoked.Revoke("admin", Now);
        Assert.Equal("Rating.NotAPad", Refusal(revoked, ticket, ticket.Id, Now));
        var kiosk = new PairedDevice(DeviceKind.Kiosk, "取号机", null, DeviceSecret.Hash(DeviceSecret.Normalize(DeviceSecret.New())!), "admin", Now);
        Assert.Equal("Rating.NotAPad", Refusal(kiosk, ticket, ticket.Id, Now));
    }

    [Fact]
    public void A_ticket_still_being_served_is_not_rated_at_the_pad()
    {
        var ticket = new QueueTicket(Guid.NewGuid(), "A", QueueRules.ServiceDateOf(Now), 2, Now.AddMinutes(-10), TicketChannel.Kiosk);
        ticket.CallTo(Window1, Now.AddMinutes(-2));
        Assert.Equal("Rating.OtherWindow", Refusal(Pad(Window1), ticket, null, Now));
    }
}
