namespace TradingOps.Data.Scheduling;

/// <summary>One execution of a scheduled job, for the admin page's "last run / last result".</summary>
public sealed class JobRun
{
    public const int NameMaxLength = 200;
    public const int ResultMaxLength = 2000;

    public long Id { get; set; }
    public string JobName { get; set; } = "";
    public string TriggerName { get; set; } = "";
    public string Node { get; set; } = "";
    public DateTimeOffset FiredAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public bool? Succeeded { get; set; }
    public string? Result { get; set; }
}
