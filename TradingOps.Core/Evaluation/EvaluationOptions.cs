namespace TradingOps.Core.Evaluation;

/// <summary>The evaluation area's settings (section "Evaluation"); admins edit them in configuration.</summary>
public sealed class EvaluationOptions
{
    public const string Section = "Evaluation";

    /// <summary>The gate admits a session's people from this many minutes before its start…</summary>
    public int GateOpensMinutesBefore { get; set; } = 90;

    /// <summary>…until this many minutes after it (late experts; later entries need a duty manager).</summary>
    public int LateEntryMinutes { get; set; } = 60;

    /// <summary>Default for a request: experts who served the same initiator within this many days are not drawn.</summary>
    public int RecentServiceDays { get; set; } = 90;

    /// <summary>The committee must be complete (accepted and entered) this many minutes before start, or an alert rises.</summary>
    public int CommitteeCheckMinutes { get; set; } = 15;

    /// <summary>Lockers outside the evaluation area (储物柜), numbered 1..N with <see cref="LockerPrefix"/>.</summary>
    public int LockerCount { get; set; } = 240;
    public string LockerPrefix { get; set; } = "A";

    /// <summary>A device's gate call older or newer than this (by its timestamp) is refused as a replay.</summary>
    public int ReplayWindowSeconds { get; set; } = 120;

    /// <summary>
    /// Key of the ID-number fingerprints (HMAC-SHA256), base64, at least 32 bytes; shared by every node. The default
    /// is for development and tests only: production refuses to start with it.
    /// </summary>
    public string FingerprintKey { get; set; } = DevelopmentFingerprintKey;

    public const string DevelopmentFingerprintKey = "ZGV2ZWxvcG1lbnQtb25seS1maW5nZXJwcmludC1rZXktMDAwMDAwMDA=";

    public bool IsValid =>
        GateOpensMinutesBefore is >= 0 and <= 480 && LateEntryMinutes is >= 0 and <= 480 && RecentServiceDays is >= 0 and <= DrawRequest.MaxRecentServiceDays
        && CommitteeCheckMinutes is >= 0 and <= 240 && LockerCount is >= 1 and <= 9999 && !string.IsNullOrWhiteSpace(LockerPrefix) && LockerPrefix.Length <= 5
        && ReplayWindowSeconds is >= 5 and <= 3600 && KeyBytes() is { Length: >= 32 };

    public byte[]? KeyBytes()
    {
        try { return Convert.FromBase64String(FingerprintKey ?? ""); }
        catch (FormatException) { return null; }
    }

    /// <summary>The locker label of number <paramref name="n"/> (1-based): "A-007".</summary>
    public string Locker(int n) => $"{LockerPrefix}-{n:D3}";
}
