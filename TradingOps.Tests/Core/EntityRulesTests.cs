using TradingOps.Core.Common;
using TradingOps.Core.Organisation;
using TradingOps.Core.Projects;

namespace TradingOps.Tests.Core;

public sealed class EntityRulesTests
{
    private static readonly Guid ZoneId = Guid.NewGuid();

    [Fact]
    public void Only_evaluation_area_rooms_can_have_evaluation_seats()
    {
        var error = Assert.Throws<DomainException>(() => new Room(ZoneId, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 5));
        Assert.Equal("Room.SeatsOutsideEvaluationArea", error.Code);
        Assert.Equal(9, new Room(ZoneId, "P301", "第一评标室", RoomType.EvaluationRoom, 13, 9).EvaluationSeats);
    }

    [Fact]
    public void A_room_cannot_have_more_seats_than_capacity() =>
        Assert.Throws<DomainException>(() => new Room(ZoneId, "P301", "第一评标室", RoomType.EvaluationRoom, 5, 9));

    [Fact]
    public void Taking_a_room_out_of_service_needs_a_reason_and_returning_it_clears_the_reason()
    {
        var room = new Room(ZoneId, "K201", "第一开标室", RoomType.BidOpeningRoom, 40, 0);
        Assert.Throws<DomainException>(() => room.TakeOutOfService("  "));
        room.TakeOutOfService("投影仪故障");
        Assert.False(room.InService);
        Assert.Throws<DomainException>(() => room.TakeOutOfService("再次停用"));
        room.ReturnToService();
        Assert.True(room.InService);
        Assert.Null(room.OutOfServiceReason);
    }

    [Fact]
    public void A_window_must_serve_at_least_one_service_type() =>
        Assert.Throws<DomainException>(() => new ServiceWindow(ZoneId, 1, "1号窗口", []));

    [Theory]
    [InlineData("")]
    [InlineData("AB")]
    [InlineData("1")]
    public void A_service_type_prefix_is_a_single_letter(string prefix) =>
        Assert.Throws<DomainException>(() => new ServiceType(prefix, "咨询", 1));

    [Fact]
    public void A_project_needs_a_responsible_staff_member_and_a_sane_amount()
    {
        var at = DateTimeOffset.UtcNow;
        Assert.Throws<DomainException>(() => new TradingProject("GC-1", "工程", TradingCategory.Engineering, TradingMethod.OpenTender,
            "教育局", null, 100, Guid.Empty, at));
        Assert.Throws<DomainException>(() => new TradingProject("GC-1", "工程", TradingCategory.Engineering, TradingMethod.OpenTender,
            "教育局", null, -1, Guid.NewGuid(), at));
    }

    [Fact]
    public void A_bid_opening_cannot_be_scheduled_before_the_project_was_registered()
    {
        var at = DateTimeOffset.UtcNow;
        var project = new TradingProject("GC-1", "工程", TradingCategory.Engineering, TradingMethod.OpenTender, "教育局", null, 100, Guid.NewGuid(), at);
        Assert.Throws<DomainException>(() => project.ScheduleBidOpening(at.AddDays(-1)));
    }

    [Fact]
    public void A_staff_member_links_to_only_one_account()
    {
        var staff = new Staff("SF001", "张伟", "交易服务部", null, null);
        staff.LinkAccount("user-1");
        Assert.Throws<DomainException>(() => staff.LinkAccount("user-2"));
    }
}
