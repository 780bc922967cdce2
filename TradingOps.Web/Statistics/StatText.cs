using System.Globalization;
using Microsoft.Extensions.Localization;
using TradingOps.Core.Statistics;

namespace TradingOps.Web.Statistics;

/// <summary>How the statistics screens write rates, changes and averages (one place, so pages and tests agree).</summary>
public static class StatText
{
    public static string Rate(decimal? rate) => SatisfactionRules.RateText(rate);

    /// <summary>A change of a rate in percentage points, "—" when either side has no figure.</summary>
    public static string PointsChange(decimal? now, decimal? before) =>
        now is { } n && before is { } b ? ((n - b) * 100m).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " pp" : "—";

    /// <summary>A relative change of a count or amount, "—" when the previous period had nothing.</summary>
    public static string Change(decimal now, decimal before) =>
        before == 0 ? (now == 0 ? "0%" : "—") : ((now - before) / before).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture);

    public static string Minutes(decimal? minutes) => minutes is { } m ? m.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    public static string Percent(decimal? share) => share is { } s ? (s * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>Hours as the workbooks show them (#,##0.00): the unrounded sum, rounded here only.</summary>
    public static string Hours(decimal hours) => hours.ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// What a period is compared with, dates included: "较上月同期 11-01～11-04" for a month still running, "较上月 10-01～10-31"
    /// for a whole one (the comparison period itself is <see cref="Period.Previous"/>).
    /// </summary>
    /// <summary>The period in the page's language (Core's <see cref="Period.Label"/> is the Chinese of documents and workbooks).</summary>
    public static string PeriodLabel(IStringLocalizer s, Period period) =>
        string.Format(CultureInfo.CurrentCulture, s[period.Kind switch
        {
            PeriodKind.Day => "Period.Label.Day",
            PeriodKind.Month when !period.IsWhole => "Period.Label.MonthToDate",
            PeriodKind.Week => "Period.Label.Week",
            _ => "Period.Label.Month",
        }], period.Start, period.End);

    public static string CompareWith(IStringLocalizer s, Period period) =>
        s[$"Compare.{(period.IsWhole ? "Whole" : "Like")}.{period.Kind}", period.Previous.DayRange];
}
