using TradingOps.Core.Common;
using TradingOps.Core.Evaluation;
using TradingOps.Core.Floor;

namespace TradingOps.Tests.Evaluation;

/// <summary>The seal rule (Yunnan 5.5.1–5.5.2, Liaoning 6.6) for every purpose, the remote settings' bounds, the room view's session.</summary>
public sealed class SealingTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 6, 0, 0, TimeSpan.Zero); // 14:00 in Shanghai

    [Fact]
    public void The_list_is_sealed_until_the_scheduled_start_or_an_earlier_recorded_start()
    {
        Assert.True(Sealing.IsSealed(Start, null, Start.AddTicks(-1)));
        Assert.False(Sealing.IsSealed(Start, null, Start));
        Assert.False(Sealing.IsSealed(Start, Start.AddMinutes(-20), Start.AddMinutes(-10)));   // began early: open from then
        Assert.False(Sealing.IsSealed(Start, Start.AddMinutes(30), Start.AddMinutes(10))); // a late recorded start does not re-seal
        Assert.Equal(Start.AddMinutes(-20), Sealing.OpensAt(Start, Start.AddMinutes(-20)));
        Assert.Equal(Start, Sealing.OpensAt(Start, Start.AddMinutes(5)));
    }

    [Theory]
    [InlineData(RevealPurpose.CommitteeList)]
    [InlineData(RevealPurpose.RoomView)]
    [InlineData(RevealPurpose.Print)]
    public void Before_the_start_the_list_the_room_view_and_the_print_are_refused_to_everyone(RevealPurpose purpose)
    {
        Assert.Contains("5.5.2", Sealing.Refusal(purpose, isSealed: true, overseer: true));
        Assert.Contains("5.5.2", Sealing.Refusal(purpose, isSealed: true, overseer: false));
    }

    [Theory]
    [InlineData(RevealPurpose.Call)]
    [InlineData(RevealPurpose.Gate)]
    public void The_caller_and_the_gate_see_one_identity_before_the_start(RevealPurpose purpose)
    {
        Assert.Null(Sealing.Refusal(purpose, isSealed: true, overseer: false));
        Assert.Null(Sealing.Refusal(purpose, isSealed: false, overseer: false));
    }

    [Theory]
    [InlineData(RevealPurpose.CommitteeList)]
    [InlineData(RevealPurpose.Print)]
    public void After_the_start_the_list_and_its_print_are_for_overseers_only(RevealPurpose purpose)
    {
        Assert.Null(Sealing.Refusal(purpose, isSealed: false, overseer: true));
        Assert.NotNull(Sealing.Refusal(purpose, isSealed: false, overseer: false));
    }

    [Fact]
    public void After_the_start_the_rooms_own_view_shows_names_to_the_desk_in_the_room()
    {
        Assert.Null(Sealing.Refusal(RevealPurpose.RoomView, isSealed: false, overseer: false));
    }

    private static DrawRequest Request() =>
        new(Guid.NewGuid(), Guid.NewGuid(), "PB-1", "测试项目", "测试局", "测试代理", Start, Start.AddHours(3), DrawSource.Local, 90, "desk", Start.AddDays(-1));

    [Fact]
    public void Remote_seats_are_at_most_the_rooms_seats_and_a_host_reserves_at_least_one()
    {
        var request = Request();
        request.ChangeRemote(RemoteRole.Host, "邻市公共资源交易中心", 3, roomSeats: 7, startedAt: null, now: Start.AddHours(-2));
        Assert.Equal((RemoteRole.Host, "邻市公共资源交易中心", 3), (request.Remote, request.RemotePartner, request.RemoteSeats));
        Assert.Throws<DomainException>(() => request.ChangeRemote(RemoteRole.Host, "邻市", 8, 7, null, Start.AddHours(-2)));
        Assert.Throws<DomainException>(() => request.ChangeRemote(RemoteRole.Host, "邻市", 0, 7, null, Start.AddHours(-2)));
        Assert.Throws<DomainException>(() => request.ChangeRemote(RemoteRole.Guest, "", 2, 7, null, Start.AddHours(-2)));
        Assert.Throws<DomainException>(() => request.ChangeRemote(RemoteRole.Guest, "邻市", -1, 7, null, Start.AddHours(-2)));
        request.ChangeRemote(RemoteRole.Guest, "邻市", 0, 7, null, Start.AddHours(-2));
        Assert.Equal(RemoteRole.Guest, request.Remote);
        request.ChangeRemote(RemoteRole.None, "ignored", 5, 7, null, Start.AddHours(-2));
        Assert.Equal((RemoteRole.None, null, 0), (request.Remote, request.RemotePartner, request.RemoteSeats));
    }

    [Fact]
    public void Remote_settings_are_refused_once_the_evaluation_started()
    {
        var request = Request();
        var e = Assert.Throws<DomainException>(() => request.ChangeRemote(RemoteRole.Host, "邻市", 2, 7, null, Start));
        Assert.Equal("Remote.Started", e.Code);
        e = Assert.Throws<DomainException>(() => request.ChangeRemote(RemoteRole.Host, "邻市", 2, 7, Start.AddMinutes(-30), Start.AddMinutes(-20)));
        Assert.Equal("Remote.Started", e.Code);
        Assert.Equal(RemoteRole.None, request.Remote);
    }

    [Fact]
    public void The_reserved_remote_seats_are_the_rooms_last_seats()
    {
        Assert.Equal([5, 6, 7], GateRules.RemoteSeatNumbers(7, 3));
        Assert.Empty(GateRules.RemoteSeatNumbers(7, 0));
        Assert.Equal(7, GateRules.RemoteSeatNumbers(7, 99).Count);
    }

    [Fact]
    public void The_room_view_shows_the_session_in_progress_else_the_current_or_next_one()
    {
        var past = new RoomSessionSlot(Guid.NewGuid(), Start.AddHours(-4), Start.AddHours(-2), SessionPhase.Ended);
        var overrunning = new RoomSessionSlot(Guid.NewGuid(), Start.AddHours(-3), Start.AddHours(-1), SessionPhase.InSession);
        var next = new RoomSessionSlot(Guid.NewGuid(), Start.AddHours(1), Start.AddHours(3), SessionPhase.NotStarted);
        var later = new RoomSessionSlot(Guid.NewGuid(), Start.AddHours(4), Start.AddHours(6), SessionPhase.NotStarted);
        Assert.Equal(overrunning, RoomSessions.Current([later, past, next, overrunning], Start));
        Assert.Equal(next, RoomSessions.Current([later, past, next], Start));
        Assert.Null(RoomSessions.Current([past], Start));
    }
}
