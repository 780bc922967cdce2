using TradingOps.Core.Health;

namespace TradingOps.Tests.Health;

/// <summary>The one rule behind the integrations' board, alerts and metrics (Core, no database).</summary>
public sealed class IntegrationRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 2, 0, 0, TimeSpan.Zero);
    private static readonly HealthOptions Options = new() { IntegrationProbeSeconds = 30, IntegrationDegradedAlertMinutes = 5, OutboxStaleMinutes = 10 };

    [Theory]
    [InlineData(ProbeOutcome.Ok, IntegrationState.Green)]
    [InlineData(ProbeOutcome.Degraded, IntegrationState.Amber)]
    [InlineData(ProbeOutcome.NotRunning, IntegrationState.NotRunning)]
    public void A_probe_that_answers_reads_green_degraded_amber_and_not_run_here_neither(ProbeOutcome outcome, IntegrationState expected) =>
        Assert.Equal(expected, IntegrationHealth.Classify(outcome, lastSuccess: T0.AddHours(-3), now: T0, Options));

    [Fact]
    public void A_failure_within_two_probe_intervals_of_the_last_success_is_amber_and_red_after()
    {
        Assert.Equal(IntegrationState.Amber, IntegrationHealth.Classify(ProbeOutcome.Failed, T0.AddSeconds(-60), T0, Options));
        Assert.Equal(IntegrationState.Red, IntegrationHealth.Classify(ProbeOutcome.Failed, T0.AddSeconds(-61), T0, Options));
    }

    [Fact]
    public void A_failure_that_never_succeeded_since_start_is_red() =>
        Assert.Equal(IntegrationState.Red, IntegrationHealth.Classify(ProbeOutcome.Failed, null, T0, Options));

    [Fact]
    public void The_unhealthy_streak_keeps_its_start_across_probes_and_ends_on_recovery()
    {
        var green = IntegrationHealth.Next(null, new(IntegrationKind.Database, ProbeOutcome.Ok, "ok", T0), Options);
        var failed = IntegrationHealth.Next(green, new(IntegrationKind.Database, ProbeOutcome.Failed, "down", T0.AddSeconds(30)), Options);
        var stillFailed = IntegrationHealth.Next(failed, new(IntegrationKind.Database, ProbeOutcome.Failed, "down", T0.AddSeconds(120)), Options);
        var back = IntegrationHealth.Next(stillFailed, new(IntegrationKind.Database, ProbeOutcome.Ok, "ok", T0.AddSeconds(150)), Options);

        Assert.Equal((IntegrationState.Green, (DateTimeOffset?)null, (DateTimeOffset?)T0), (green.State, green.UnhealthySince, green.LastSuccessAt));
        Assert.Equal((IntegrationState.Amber, (DateTimeOffset?)T0.AddSeconds(30), (DateTimeOffset?)T0), (failed.State, failed.UnhealthySince, failed.LastSuccessAt));
        Assert.Equal((IntegrationState.Red, (DateTimeOffset?)T0.AddSeconds(30), (DateTimeOffset?)T0), (stillFailed.State, stillFailed.UnhealthySince, stillFailed.LastSuccessAt));
        Assert.Equal((IntegrationState.Green, (DateTimeOffset?)null, (DateTimeOffset?)T0.AddSeconds(150)), (back.State, back.UnhealthySince, back.LastSuccessAt));
    }

    [Fact]
    public void An_integration_alerts_only_once_unhealthy_for_the_configured_minutes()
    {
        var status = new IntegrationStatus(IntegrationKind.RedisBus, IntegrationState.Red, "down", T0, null, UnhealthySince: T0);
        Assert.False(IntegrationHealth.ShouldAlert(status, T0.AddMinutes(5).AddSeconds(-1), Options));
        Assert.True(IntegrationHealth.ShouldAlert(status, T0.AddMinutes(5), Options));
        Assert.False(IntegrationHealth.ShouldAlert(status with { State = IntegrationState.NotRunning, UnhealthySince = null }, T0.AddHours(1), Options));
    }

    [Fact]
    public void The_outbox_is_degraded_when_a_due_message_has_waited_past_the_stale_minutes()
    {
        var fresh = IntegrationHealth.Outbox(new OutboxBacklog(3, T0.AddMinutes(-10), 0, null), T0, Options);
        var late = IntegrationHealth.Outbox(new OutboxBacklog(3, T0.AddMinutes(-10).AddSeconds(-1), 0, null), T0, Options);
        var empty = IntegrationHealth.Outbox(new OutboxBacklog(0, null, 2, T0.AddMinutes(-1)), T0, Options);

        Assert.Equal(ProbeOutcome.Ok, fresh.Outcome);
        Assert.Equal(ProbeOutcome.Degraded, late.Outcome);
        Assert.Contains("待发 3 条", late.Detail);
        Assert.Equal(ProbeOutcome.Ok, empty.Outcome);
        Assert.Contains("已放弃 2 条", empty.Detail);
    }

    [Fact]
    public void Each_integration_has_one_alert_key_and_its_alert_names_it_in_Chinese()
    {
        Assert.Equal(
            ["integration:database", "integration:redis", "integration:scheduler", "integration:notifications", "integration:node"],
            Enum.GetValues<IntegrationKind>().Select(IntegrationHealth.AlertKey));
        var (title, detail) = IntegrationHealth.AlertText(
            new IntegrationStatus(IntegrationKind.NotificationSender, IntegrationState.Amber, "发送滞后：待发 3 条", T0, T0.AddMinutes(-20), T0.AddMinutes(-6)), "web-1#42");
        Assert.Equal("外部接口异常：通知发送降级", title);
        Assert.Contains("web-1#42", detail);
        Assert.Contains("上次正常 12-04 09:40:00", detail); // center time
    }

    [Theory]
    [InlineData("10.0.0.5", null, true)]
    [InlineData("10.10.0.0/16", null, true)]
    [InlineData("10.0.0", null, false)]
    [InlineData("10.0.0.5", "short", false)]
    [InlineData("10.0.0.5", "a-token-of-sixteen+", true)]
    public void The_metrics_addresses_must_be_addresses_or_networks_and_the_token_long_enough(string address, string? token, bool valid) =>
        Assert.Equal(valid, new HealthOptions { MetricsAllowedAddresses = [address], MetricsToken = token }.IntegrationSettingsValid);

    [Theory]
    [InlineData(4, 5, 10, false)]
    [InlineData(30, 0, 10, false)]
    [InlineData(30, 5, 0, false)]
    [InlineData(30, 5, 10, true)]
    public void Probe_interval_alert_minutes_and_outbox_threshold_are_checked_at_start(int probe, int alertMinutes, int stale, bool valid) =>
        Assert.Equal(valid, new HealthOptions { IntegrationProbeSeconds = probe, IntegrationDegradedAlertMinutes = alertMinutes, OutboxStaleMinutes = stale }.IntegrationSettingsValid);
}
