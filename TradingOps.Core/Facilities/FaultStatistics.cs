using TradingOps.Core.Common;
using TradingOps.Core.Statistics;

namespace TradingOps.Core.Facilities;

/// <summary>One category's faults in a period: reported, repaired, still open, and the mean time to repair of the repaired.</summary>
public sealed record FaultCategoryFigures(EquipmentCategory Category, int Reported, int Repaired, int Open, int TookRoomOut, TimeSpan? MeanTimeToRepair)
{
    /// <summary>MTTR in hours (one decimal), null when none was repaired.</summary>
    public decimal? MeanHours => MeanTimeToRepair is { } t ? Math.Round((decimal)t.TotalHours, 1) : null;
}

/// <summary>
/// Fault figures of a period (故障统计): the faults reported on the period's center-local days, per category, with the
/// mean time to repair of those of them repaired (<see cref="FaultRules.MeanTimeToRepair"/>, the one home of MTTR).
/// The statistics page and the monthly workbook both read them from here.
/// </summary>
public static class FaultStatistics
{
    /// <summary>Whether the fault was reported on one of the period's local days.</summary>
    public static bool InPeriod(Fault fault, Period period)
    {
        var day = FaultNumber.DayOf(fault.ReportedAt);
        return day >= period.Start && day <= period.End;
    }

    /// <summary>[from, until) of the period as UTC instants (for the query that loads its faults).</summary>
    public static (DateTimeOffset From, DateTimeOffset Until) Bounds(Period period) =>
        (CenterTime.DayBounds(period.Start).Start, CenterTime.DayBounds(period.End).End);

    /// <summary>Per category that had a fault in the period (category order); faults outside the period are left out.</summary>
    public static IReadOnlyList<FaultCategoryFigures> PerCategory(IEnumerable<Fault> faults, Period period) =>
        faults.Where(f => InPeriod(f, period)).GroupBy(f => f.Category).OrderBy(g => g.Key)
            .Select(g => Figures(g.Key, g.ToList())).ToList();

    /// <summary>All categories together.</summary>
    public static FaultCategoryFigures Total(IEnumerable<Fault> faults, Period period) =>
        Figures(null, faults.Where(f => InPeriod(f, period)).ToList());

    private static FaultCategoryFigures Figures(EquipmentCategory? category, IReadOnlyList<Fault> faults) => new(
        category ?? EquipmentCategory.Other,
        faults.Count,
        faults.Count(f => f.Status == FaultStatus.Repaired),
        faults.Count(f => f.Status == FaultStatus.Open),
        faults.Count(f => f.TakesRoomOut),
        FaultRules.MeanTimeToRepair(faults));
}
