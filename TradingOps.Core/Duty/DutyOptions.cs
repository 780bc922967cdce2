namespace TradingOps.Core.Duty;

/// <summary>Section "Duty": the shifts of the duty roster and the escalation of alerts (issue 21).</summary>
public sealed class DutyOptions
{
    public const string Section = "Duty";

    /// <summary>The day shift of a working day starts here (local time); the evening shift at <see cref="EveningStarts"/>,
    /// running to the next day's <see cref="DayStarts"/>. A non-working day's holiday shift runs from its DayStarts to the next day's.</summary>
    public TimeOnly DayStarts { get; set; } = new(8, 30);
    public TimeOnly EveningStarts { get; set; } = new(17, 30);

    /// <summary>An alert nobody acknowledged this long after its assignee was told escalates to the next on the roster.</summary>
    public int EscalateAfterMinutes { get; set; } = 10;

    public bool IsValid => DayStarts < EveningStarts && EscalateAfterMinutes is >= 1 and <= 1440;
}
