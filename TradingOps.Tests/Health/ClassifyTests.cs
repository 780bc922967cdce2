using TradingOps.Core.Devices;
using TradingOps.Core.Health;

namespace TradingOps.Tests.Health;

/// <summary>How a device's heartbeat reads now (DeviceHealth.Classify / IsSilent): one home for the board, the alert and the metrics.</summary>
public sealed class ClassifyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly HealthOptions Options = new() { HeartbeatSeconds = 15, AmberAfterSeconds = 45, SilenceSeconds = 120, ErrorAmberMinutes = 10,
        SilenceSecondsByKind = new() { ["EvaluationGate"] = 300 } };

    private static DeviceHealthState Classify(DeviceKind kind, int? silentSeconds, int? errorMinutesAgo = null) =>
        DeviceHealth.Classify(kind, silentSeconds is { } s ? Now.AddSeconds(-s) : null, errorMinutesAgo is { } m ? Now.AddMinutes(-m) : null, Now, Options);

    [Theory]
    [InlineData(0, DeviceHealthState.Green)]
    [InlineData(45, DeviceHealthState.Green)]   // exactly at the amber threshold: not past it
    [InlineData(46, DeviceHealthState.Amber)]
    [InlineData(120, DeviceHealthState.Amber)]
    [InlineData(121, DeviceHealthState.Red)]
    public void A_door_plate_turns_amber_past_the_amber_threshold_and_red_past_its_silence_threshold(int silent, DeviceHealthState expected) =>
        Assert.Equal(expected, Classify(DeviceKind.DoorPlate, silent));

    [Fact]
    public void A_gate_has_its_own_longer_silence_threshold()
    {
        Assert.Equal(DeviceHealthState.Amber, Classify(DeviceKind.EvaluationGate, 200));
        Assert.False(DeviceHealth.IsSilent(DeviceKind.EvaluationGate, Now.AddSeconds(-200), Now, Options));
        Assert.True(DeviceHealth.IsSilent(DeviceKind.DoorPlate, Now.AddSeconds(-200), Now, Options));
        Assert.Equal(DeviceHealthState.Red, Classify(DeviceKind.EvaluationGate, 301));
    }

    [Fact]
    public void A_device_paired_but_never_seen_is_not_set_up_yet_rather_than_silent()
    {
        Assert.Equal(DeviceHealthState.NeverSeen, Classify(DeviceKind.HallDisplay, null));
        Assert.False(DeviceHealth.IsSilent(DeviceKind.HallDisplay, null, Now, Options));
    }

    [Fact]
    public void A_device_beating_on_time_with_a_recent_error_is_amber_and_green_once_the_error_is_old()
    {
        Assert.Equal(DeviceHealthState.Amber, Classify(DeviceKind.Kiosk, 5, errorMinutesAgo: 3));
        Assert.Equal(DeviceHealthState.Green, Classify(DeviceKind.Kiosk, 5, errorMinutesAgo: 11));
    }

    [Fact]
    public void The_board_row_classifies_through_the_same_rule_and_says_its_screen()
    {
        var pulse = new DevicePulse(Guid.NewGuid(), DeviceKind.Wall, "值班大屏", null, Now.AddSeconds(-130), "1.0", 1920, 1080, "/wall", null, null, null, null);
        Assert.Equal(DeviceHealthState.Red, pulse.StateAt(Now, Options));
        Assert.True(pulse.IsSilentAt(Now, Options));
        Assert.Equal("1920×1080", pulse.Screen);
        Assert.Equal("device-silent:" + pulse.DeviceId, DevicePulseText.AlertKey(pulse.DeviceId));
        Assert.Contains("监控大屏「值班大屏」", DevicePulseText.SilentTitle(pulse));
    }

    [Fact]
    public void A_reload_reads_requested_then_delivered_then_came_back()
    {
        var asked = new DeviceReload(Guid.NewGuid(), Now, "值班经理", null, null);
        Assert.Equal(ReloadStage.Requested, asked.Stage);
        Assert.Equal(ReloadStage.Delivered, (asked with { DeliveredAt = Now.AddSeconds(5) }).Stage);
        Assert.Equal(ReloadStage.CameBack, (asked with { DeliveredAt = Now.AddSeconds(5), CameBackAt = Now.AddSeconds(7) }).Stage);
    }
}
