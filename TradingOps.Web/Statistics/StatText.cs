using System.Globalization;
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
}
