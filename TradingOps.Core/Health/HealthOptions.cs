using TradingOps.Core.Devices;

namespace TradingOps.Core.Health;

/// <summary>Section "Health": device heartbeats, when silence turns amber and red, and the Prometheus endpoint (issue 21).</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>How often a device page sends its heartbeat.</summary>
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>Silent longer than this: amber (a missed beat or two).</summary>
    public int AmberAfterSeconds { get; set; } = 45;

    /// <summary>Silent longer than this: red, and an alert is raised (per kind in <see cref="SilenceSecondsByKind"/>).</summary>
    public int SilenceSeconds { get; set; } = 120;

    /// <summary>Per-kind silence thresholds, by <see cref="DeviceKind"/> name (e.g. "EvaluationGate": 300).</summary>
    public Dictionary<string, int> SilenceSecondsByKind { get; set; } = [];

    /// <summary>An error reported within this many minutes shows the device amber.</summary>
    public int ErrorAmberMinutes { get; set; } = 10;

    /// <summary>/metrics outside Development: allowed client addresses (after trusted forwarded headers), or the bearer token.</summary>
    public List<string> MetricsAllowedAddresses { get; set; } = [];
    public string? MetricsToken { get; set; }

    /// <summary>How often each node probes its integrations (database, Redis, Quartz, the notification sender).</summary>
    public int IntegrationProbeSeconds { get; set; } = 30;

    /// <summary>An integration amber or red this long raises an operations alert (key <c>integration:{name}</c>).</summary>
    public int IntegrationDegradedAlertMinutes { get; set; } = 5;

    /// <summary>Outbox messages due and unsent longer than this: the notification sender is degraded.</summary>
    public int OutboxStaleMinutes { get; set; } = 10;

    /// <summary>The integration settings and the /metrics addresses (IPs or CIDR networks) and token read well.</summary>
    public bool IntegrationSettingsValid =>
        IntegrationProbeSeconds is >= 5 and <= 3600
        && IntegrationDegradedAlertMinutes is >= 1 and <= 1440
        && OutboxStaleMinutes is >= 1 and <= 1440
        && MetricsAllowedAddresses.All(IsAddressOrNetwork)
        && (string.IsNullOrEmpty(MetricsToken) || MetricsToken.Length >= 16);

    /// <summary>A full IPv4 (four parts: "10.0.0" is not taken for 10.0.0.0) or IPv6 address, or a CIDR network.</summary>
    public static bool IsAddressOrNetwork(string? entry) =>
        !string.IsNullOrWhiteSpace(entry)
        && (entry.Contains('/') ? System.Net.IPNetwork.TryParse(entry, out _)
            : System.Net.IPAddress.TryParse(entry, out _) && (entry.Contains(':') || entry.Count(c => c == '.') == 3));

    public int SilenceFor(DeviceKind kind) =>
        SilenceSecondsByKind.TryGetValue(kind.ToString(), out var s) && s > 0 ? s : SilenceSeconds;

    public bool IsValid =>
        HeartbeatSeconds is >= 2 and <= 600
        && AmberAfterSeconds > HeartbeatSeconds && SilenceSeconds > AmberAfterSeconds
        && SilenceSecondsByKind.Values.All(v => v > AmberAfterSeconds)
        && ErrorAmberMinutes is >= 0 and <= 1440;
}

/// <summary>绿 / 黄 / 红, and never seen since pairing.</summary>
public enum DeviceHealthState { Green, Amber, Red, NeverSeen }

/// <summary>How a device's heartbeat reads now: one home for the board, the alert and the metrics.</summary>
public static class DeviceHealth
{
    public static DeviceHealthState Classify(DeviceKind kind, DateTimeOffset? lastSeen, DateTimeOffset? lastErrorAt, DateTimeOffset now, HealthOptions options)
    {
        if (lastSeen is not { } seen) return DeviceHealthState.NeverSeen;
        var silent = now - seen;
        if (silent > TimeSpan.FromSeconds(options.SilenceFor(kind))) return DeviceHealthState.Red;
        if (silent > TimeSpan.FromSeconds(options.AmberAfterSeconds)) return DeviceHealthState.Amber;
        if (lastErrorAt is { } e && now - e <= TimeSpan.FromMinutes(options.ErrorAmberMinutes)) return DeviceHealthState.Amber;
        return DeviceHealthState.Green;
    }

    /// <summary>
    /// Seen once and silent past its kind's threshold since: the board's red, and the alert's condition. A device paired
    /// but never seen is not set up yet (the board shows it grey), not gone silent.
    /// </summary>
    public static bool IsSilent(DeviceKind kind, DateTimeOffset? lastSeen, DateTimeOffset now, HealthOptions options) =>
        lastSeen is { } seen && now - seen > TimeSpan.FromSeconds(options.SilenceFor(kind));
}
