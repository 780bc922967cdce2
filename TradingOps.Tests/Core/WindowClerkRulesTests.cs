using TradingOps.Core.Common;
using TradingOps.Core.Organisation;
using TradingOps.Core.Queue;

namespace TradingOps.Tests.Core;

/// <summary>The window's clerk rules in Core, without a database (fast lane).</summary>
public sealed class WindowClerkRulesTests
{
    private static readonly DateTimeOffset Nine = CenterTime.At(new DateOnly(2026, 11, 23), new TimeOnly(9, 0));
    private static readonly WindowClerk ZhangSan = new(Guid.NewGuid(), WindowClerk.LabelOf("0123", "张三"));
    private static readonly WindowClerk LiSi = new(Guid.NewGuid(), WindowClerk.LabelOf("0456", "李四"));

    private static ServiceWindow Window() => new(Guid.NewGuid(), 3, "3号窗口", [new ServiceType("A", "项目登记受理", 1)]);

    [Fact]
    public void Only_the_clerk_signed_on_operates_the_window_and_another_is_told_who_is()
    {
        var window = Window();
        window.SignOn(ZhangSan, Nine);
        Assert.Equal(ZhangSan, window.EnsureOperatedBy(ZhangSan.StaffId));
        var refused = Assert.Throws<DomainException>(() => window.EnsureOperatedBy(LiSi.StaffId));
        Assert.Equal("3 号窗口由 0123 / 张三 签到，只有本人可以叫号、重呼、转移、挂起和办结；如需接替，请值班经理接管该窗口", refused.Message);
        Assert.Equal("ServiceWindow.NotYourWindow", Assert.Throws<DomainException>(() => window.EnsureOperatedBy(null)).Code);
        Assert.Equal("ServiceWindow.OtherClerk", Assert.Throws<DomainException>(() => window.SignOn(LiSi, Nine)).Code);
    }

    [Fact]
    public void A_take_over_needs_a_reason_within_the_limit_and_names_both_clerks()
    {
        var window = Window();
        window.SignOn(ZhangSan, Nine);
        Assert.Contains("接管原因 不能超过 100 个字符", Assert.Throws<DomainException>(() => window.TakeOver(LiSi, new string('因', 101), Nine)).Message);
        Assert.Equal(ZhangSan, window.TakeOver(LiSi, "离岗", Nine));
        Assert.Equal((LiSi.StaffId, "0456 / 李四", "0123 / 张三 → 0456 / 李四：离岗"), (window.ClerkStaffId, window.ClerkName, window.TakeOverReason));
        Assert.Equal("ServiceWindow.NotSignedOn", Assert.Throws<DomainException>(() => Window().TakeOver(LiSi, "离岗", Nine)).Code);
    }

    [Fact]
    public void A_window_is_idle_once_the_configured_time_has_passed_since_the_clerks_last_action()
    {
        var window = Window();
        var idle = TimeSpan.FromMinutes(30);
        Assert.False(window.IsIdle(Nine.AddHours(5), idle)); // nobody signed on: nothing to sign off
        window.SignOn(ZhangSan, Nine);
        window.RecordAction(Nine.AddMinutes(10));
        Assert.False(window.IsIdle(Nine.AddMinutes(39), idle));
        Assert.True(window.IsIdle(Nine.AddMinutes(40), idle));
    }

    [Fact]
    public void The_query_form_of_idle_is_the_same_rule_as_in_memory()
    {
        var idle = TimeSpan.FromMinutes(30);
        var nobody = Window();
        var justSignedOn = Window();
        justSignedOn.SignOn(ZhangSan, Nine);
        var acted = Window();
        acted.SignOn(LiSi, Nine);
        acted.RecordAction(Nine.AddMinutes(10));
        foreach (var now in new[] { Nine, Nine.AddMinutes(29), Nine.AddMinutes(30), Nine.AddMinutes(39), Nine.AddMinutes(40), Nine.AddHours(5) })
        {
            var query = ServiceWindow.Idle(now, idle).Compile();
            foreach (var window in new[] { nobody, justSignedOn, acted })
                Assert.Equal(window.IsIdle(now, idle), query(window));
        }
    }

    [Fact]
    public void A_transfer_clears_the_credited_clerk_with_the_window_and_the_next_caller_is_credited()
    {
        var ticket = new QueueTicket(Guid.NewGuid(), "A", new DateOnly(2026, 11, 23), 1, Nine, TicketChannel.Kiosk);
        ticket.CallTo(Guid.NewGuid(), Nine.AddMinutes(1), ZhangSan);
        ticket.Transfer(ticket.ServiceTypeId, null, Nine.AddMinutes(2), ZhangSan);
        Assert.Equal((null, null), (ticket.ServedByStaffId, ticket.ServedByName));
        ticket.CallTo(Guid.NewGuid(), Nine.AddMinutes(3), LiSi);
        Assert.Equal(LiSi.StaffId, ticket.ServedByStaffId);
        Assert.All(ticket.TakeEvents().Where(e => e.Kind != TicketEventKind.Issued), e => Assert.NotNull(e.StaffId));
    }
}
