namespace TradingOps.Core.Common;

/// <summary>
/// The range of dates that makes sense for each kind of date field, so 0001-01-01 or 9999-12-31 is refused with a
/// clear message instead of reaching date arithmetic that overflows (a 500) or a query over ten thousand years.
/// </summary>
public static class SaneDates
{
    /// <summary>Reports and audit exports: nothing the center recorded is older than this.</summary>
    public static readonly DateOnly RecordsFrom = new(2000, 1, 1);

    /// <summary>Reports and audit exports: the last day a period may name.</summary>
    public static readonly DateOnly RecordsTo = new(2099, 12, 31);

    /// <summary>Planned dates (bid openings, room slots) lie at most this far ahead.</summary>
    public static readonly TimeSpan PlanningHorizon = TimeSpan.FromDays(730);

    /// <summary>A Chinese message when a reporting period leaves <see cref="RecordsFrom"/>..<see cref="RecordsTo"/>, else null.</summary>
    public static string? CheckRecordPeriod(DateOnly from, DateOnly to) =>
        from < RecordsFrom || to > RecordsTo || to < RecordsFrom || from > RecordsTo
            ? $"日期超出可查询范围（{RecordsFrom:yyyy-MM-dd} 至 {RecordsTo:yyyy-MM-dd}）"
            : null;

    /// <summary>A Chinese message when a planned instant lies more than <see cref="PlanningHorizon"/> after now, else null.</summary>
    public static string? CheckPlanned(DateTimeOffset at, DateTimeOffset now, string label) =>
        at - now > PlanningHorizon ? $"{label}不能晚于两年以后，请核对年份" : null;
}
