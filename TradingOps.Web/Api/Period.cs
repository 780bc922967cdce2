using System.Diagnostics.CodeAnalysis;

namespace TradingOps.Web.Api;

/// <summary>A period of center days given as ?from=yyyy-MM-dd&amp;to=yyyy-MM-dd (both inclusive), checked for exports.</summary>
public static class Period
{
    /// <summary>True, with a Chinese 400 problem, when the period is missing, inverted or longer than allowed.</summary>
    public static bool IsInvalid([NotNullWhen(false)] DateOnly? from, [NotNullWhen(false)] DateOnly? to, int maxDays,
        [NotNullWhen(true)] out IResult? problem)
    {
        var title = from is null || to is null ? "请指定起止日期（from、to，格式 yyyy-MM-dd）"
            : to < from ? "截止日期不能早于起始日期"
            : to.Value.DayNumber - from.Value.DayNumber >= maxDays ? $"一次最多导出 {maxDays} 天"
            : null;
        problem = title is null ? null : Results.Problem(title: title, statusCode: StatusCodes.Status400BadRequest);
        return problem is not null;
    }
}
