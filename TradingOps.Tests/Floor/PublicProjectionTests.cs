using TradingOps.Core.Floor;
using TradingOps.Core.Organisation;
using static TradingOps.Tests.Floor.FloorTestData;

namespace TradingOps.Tests.Floor;

/// <summary>The one projection every public floor surface goes through (issue 15, item 1).</summary>
public sealed class PublicProjectionTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    public static TheoryData<RoomType> EvaluationAreaTypes => new(Enum.GetValues<RoomType>().Where(t => t.IsEvaluationArea()));
    public static TheoryData<RoomType> PublicTypes => new(Enum.GetValues<RoomType>().Where(t => !t.IsEvaluationArea()));

    private static Room RoomOf(RoomType type) => new(FloorTestData.Zone, "X101", "测试室", type, 30, type == RoomType.EvaluationRoom ? 9 : 0);

    private static RoomBooking RunningIn(Room room, DateTimeOffset from, DateTimeOffset to, string? reason = null)
    {
        var purpose = BookingRules.RoomTypesFor(BookingPurpose.BidOpening).Contains(room.Type) ? BookingPurpose.BidOpening
            : room.Type == RoomType.EvaluationRoom ? BookingPurpose.Evaluation : BookingPurpose.Negotiation;
        var b = new RoomBooking(room, null, "ZB-SECRET-0099", "机密评审项目", "某某招标代理有限公司", purpose, 5, from, to,
            TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), "clerk.wang", from.AddDays(-2));
        b.Confirm();
        b.CheckIn(from.AddMinutes(-5));
        b.Start(from);
        if (reason is not null) b.Suspend(reason, from.AddMinutes(10));
        return b;
    }

    private static RoomBooking Later(Room room, DateTimeOffset from, DateTimeOffset to)
    {
        var running = RunningIn(room, from, to); // same purpose rules
        var b = new RoomBooking(room, null, "ZB-SECRET-0100", "下一场机密项目", "另一招标代理有限公司", running.Purpose, 5, from, to,
            TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), "clerk.wang", from.AddDays(-2));
        b.Confirm();
        return b;
    }

    private static IEnumerable<string?> Texts(ShownRoom room) =>
        room.Today.Concat([room.Current, room.Next]).Where(b => b is not null)
            .SelectMany(b => new[] { b!.ProjectCode, b.ProjectName, b.Agency, b.SuspendReason });

    [Theory]
    [MemberData(nameof(EvaluationAreaTypes))]
    public void A_public_screen_never_names_the_project_agency_or_reason_of_an_evaluation_area_room(RoomType type)
    {
        var room = RoomOf(type);
        var running = RunningIn(room, Nine, Nine.AddHours(3), reason: "专家王某请假，电话13912345678");
        var next = Later(room, Nine.AddHours(4), Nine.AddHours(6));

        var shown = PublicProjection.Room(type, true, null, [running, next], Nine.AddMinutes(30), Window, FloorAudience.Public);

        Assert.True(shown.Withheld);
        Assert.All(Texts(shown), Assert.Null);
        Assert.All(shown.Today, b => Assert.True(b.Withheld));
    }

    [Theory]
    [MemberData(nameof(EvaluationAreaTypes))]
    public void A_public_screen_still_shows_the_state_and_times_of_an_evaluation_area_room(RoomType type)
    {
        var room = RoomOf(type);
        var running = RunningIn(room, Nine, Nine.AddHours(3));
        var next = Later(room, Nine.AddHours(4), Nine.AddHours(6));

        var shown = PublicProjection.Room(type, true, null, [running, next], Nine.AddMinutes(30), Window, FloorAudience.Public);

        Assert.Equal(RoomState.InSession, shown.State);
        Assert.Equal((Nine, Nine.AddHours(3)), (shown.Current!.StartsAt, shown.Current.EndsAt));
        Assert.Equal(SessionPhase.InSession, shown.Current.Phase);
        Assert.Equal((Nine.AddHours(4), Nine.AddHours(6)), (shown.Next!.StartsAt, shown.Next.EndsAt));
        Assert.Equal(2, shown.Today.Count);
    }

    [Theory]
    [MemberData(nameof(PublicTypes))]
    public void A_bid_opening_room_stays_public_with_its_project_and_agency(RoomType type)
    {
        var room = RoomOf(type);
        var shown = PublicProjection.Room(type, true, null, [RunningIn(room, Nine, Nine.AddHours(1))], Nine.AddMinutes(30), Window, FloorAudience.Public);

        Assert.False(shown.Withheld);
        Assert.Equal("ZB-SECRET-0099", shown.Current!.ProjectCode);
        Assert.Equal("机密评审项目", shown.Current.ProjectName);
        Assert.Equal("某某招标代理有限公司", shown.Current.Agency);
    }

    [Fact]
    public void Staff_at_their_own_screens_see_the_project_of_an_evaluation_area_room()
    {
        var room = EvaluationRoom();
        var shown = PublicProjection.Room(room.Type, true, null, [RunningIn(room, Nine, Nine.AddHours(3))], Nine.AddMinutes(30), Window, FloorAudience.Staff);

        Assert.False(shown.Withheld);
        Assert.Equal("ZB-SECRET-0099", shown.Current!.ProjectCode);
    }

    [Fact]
    public void A_public_screen_shows_a_suspension_without_its_reason_and_masks_numbers_in_an_out_of_service_note()
    {
        var room = OpeningRoom();
        var running = RunningIn(room, Nine, Nine.AddHours(1), reason: "投标人张某投诉，电话 13912345678，见 GC-2026-0001");

        var shown = PublicProjection.Room(room.Type, false, "维修电话 021-55501234", [running], Nine.AddMinutes(30), Window, FloorAudience.Public);

        Assert.Equal(SessionPhase.Suspended, shown.Current!.Phase);
        Assert.Null(shown.Current.SuspendReason);
        Assert.All(shown.Today, b => Assert.Null(b.SuspendReason));
        Assert.DoesNotContain("投诉", shown.ToString());
        Assert.Equal("ZB-SECRET-0099", shown.Current.ProjectCode); // a bid opening's project stays public, only the reason goes
        Assert.DoesNotContain("55501234", shown.OutOfServiceReason);
    }

    [Fact]
    public void Staff_screens_keep_the_suspension_reason()
    {
        var room = OpeningRoom();
        var running = RunningIn(room, Nine, Nine.AddHours(1), reason: "系统故障");
        var shown = PublicProjection.Booking(room.Type, running, FloorAudience.Staff);
        Assert.Equal("系统故障", shown.SuspendReason);
    }

    [Fact]
    public void A_project_suspension_shows_on_an_upcoming_booking_for_every_audience()
    {
        var room = OpeningRoom();
        var next = Later(room, Nine.AddHours(2), Nine.AddHours(3));
        next.MarkProjectSuspended(Nine);

        Assert.True(PublicProjection.Booking(room.Type, next, FloorAudience.Public).ProjectSuspended);
        Assert.True(PublicProjection.Booking(room.Type, next, FloorAudience.Staff).ProjectSuspended);
        var ex = Assert.Throws<TradingOps.Core.Common.DomainException>(() => { next.CheckIn(Nine.AddHours(2)); next.Start(Nine.AddHours(2)); });
        Assert.Equal("Session.ProjectSuspended", ex.Code);
    }

    [Fact]
    public void Who_booked_a_room_is_never_part_of_what_a_screen_may_show()
    {
        Assert.DoesNotContain(typeof(ShownBooking).GetProperties(), p => p.Name.Contains("Booked", StringComparison.Ordinal));
        var shown = PublicProjection.Booking(RoomType.BidOpeningRoom, RunningIn(OpeningRoom(), Nine, Nine.AddHours(1)), FloorAudience.Public);
        Assert.DoesNotContain("clerk.wang", shown.ToString());
    }

    [Fact]
    public void A_floor_hub_push_carries_the_room_and_the_kind_of_change_only()
    {
        // A change carries the booking's row (project, agency, who booked): the push keeps none of it.
        var change = new SessionChanged(Nine, RunningIn(OpeningRoom(), Nine, Nine.AddHours(1)).ToRow(), SessionStep.Started);
        var push = PublicProjection.Push(change);
        Assert.Equal(["RoomId", "BookingId", "Change", "At"], typeof(FloorPush).GetProperties().Select(p => p.Name));
        Assert.Equal((change.RoomId, "start"), (push.RoomId, push.Change));
    }

    [Fact]
    public void A_public_screen_names_a_requests_project_only_for_a_bid_opening_outside_the_evaluation_area()
    {
        Assert.False(PublicProjection.WithholdsRequest(BookingPurpose.BidOpening, RoomType.BidOpeningRoom, FloorAudience.Public));
        Assert.False(PublicProjection.WithholdsRequest(BookingPurpose.BidOpening, null, FloorAudience.Public));
        Assert.True(PublicProjection.WithholdsRequest(BookingPurpose.Evaluation, null, FloorAudience.Public));
        Assert.True(PublicProjection.WithholdsRequest(BookingPurpose.Negotiation, RoomType.MultiFunctionRoom, FloorAudience.Public));
        Assert.True(PublicProjection.WithholdsRequest(BookingPurpose.BidOpening, RoomType.ClarificationRoom, FloorAudience.Public));
        Assert.True(PublicProjection.WithholdsRequest(null, null, FloorAudience.Public)); // a change request: its purpose is not on the row
        Assert.False(PublicProjection.WithholdsRequest(BookingPurpose.Evaluation, RoomType.EvaluationRoom, FloorAudience.Staff));
    }
}
