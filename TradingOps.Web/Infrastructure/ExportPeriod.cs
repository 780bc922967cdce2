using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace TradingOps.Web.Infrastructure;

/// <summary>A period of center days given as ?from=yyyy-MM-dd&amp;to=yyyy-MM-dd (both inclusive), checked for exports.</summary>
public static class ExportPeriod
{
    /// <summary>True, with a Chinese 400 problem, when the period is missing, inverted or longer than allowed.</summary>
    public static bool IsInvalid([NotNullWhen(false)] DateOnly? from, [NotNullWhen(false)] DateOnly? to, int maxDays,
        [NotNullWhen(true)] out IResult? problem)
    {
        var title = from is null || to is null ? "请指定起止日期（from、to，格式 yyyy-MM-dd）"
            : to < from ? "截止日期不能早于起始日期"
            : TradingOps.Core.Common.SaneDates.CheckRecordPeriod(from.Value, to.Value) is { } outOfRange ? outOfRange
            : to.Value.DayNumber - from.Value.DayNumber >= maxDays ? $"一次最多导出 {maxDays} 天"
            : null;
        problem = title is null ? null : Results.Problem(title: title, statusCode: StatusCodes.Status400BadRequest);
        return problem is not null;
    }

    /// <summary>
    /// The same check on the raw query values, so a malformed date (2026-13-01, 20261101) gets the same Chinese
    /// problem instead of the framework's empty 400.
    /// </summary>
    public static bool IsInvalid(string? from, string? to, int maxDays, out DateOnly start, out DateOnly end,
        [NotNullWhen(true)] out IResult? problem)
    {
        start = end = default;
        foreach (var (name, value) in new[] { ("from", from), ("to", to) })
            if (!string.IsNullOrWhiteSpace(value) && !DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                problem = Results.Problem(title: $"日期格式不正确（{name}={value}），应为 yyyy-MM-dd，例如 2026-11-01",
                    statusCode: StatusCodes.Status400BadRequest);
                return true;
            }
        DateOnly? Parsed(string? value) => string.IsNullOrWhiteSpace(value) ? null : DateOnly.ParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (f, t) = (Parsed(from), Parsed(to));
        if (IsInvalid(f, t, maxDays, out problem)) return true;
        (start, end) = (f.Value, t.Value);
        return false;
    }
}
