namespace TradingOps.Core.Facilities;

/// <summary>Section "Facilities": the equipment register, inspections and faults (issue 21).</summary>
public sealed class FacilityOptions
{
    public const string Section = "Facilities";

    /// <summary>An open inspection task becomes an alert this many minutes after its due time.</summary>
    public int InspectionGraceMinutes { get; set; } = 30;

    /// <summary>
    /// How long the outage a fault opens is planned for (hours). It ends when the repair is recorded; the plan only
    /// says how far ahead bookings are hit and proposals made.
    /// </summary>
    public int FaultOutageHours { get; set; } = 24;

    public bool IsValid => InspectionGraceMinutes is >= 0 and <= 1440 && FaultOutageHours is >= 1 and <= 24 * 30;
}
