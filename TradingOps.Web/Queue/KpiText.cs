using System.Globalization;

namespace TradingOps.Web.Queue;

/// <summary>How queue KPIs read on screen (minutes, percentages, "—" when there is nothing to measure).</summary>
public static class KpiText
{
    public static string Minutes(TimeSpan? span) =>
        span is { } s ? ((int)Math.Round(s.TotalMinutes)).ToString(CultureInfo.InvariantCulture) : "—";

    public static string Percent(double? share) =>
        share is { } v ? (v * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Rate(double perHour) => perHour.ToString("0.0", CultureInfo.InvariantCulture);
}
