using System.Globalization;
using System.Security.Claims;
using TradingOps.Core.Common;
using TradingOps.Core.Witness;
using TradingOps.Web.Identity;

namespace TradingOps.Web.Witness;

/// <summary>What the misconduct pages share: who may write (the services check again on the server), the state chip, time parsing.</summary>
public static class MisconductUi
{
    private static readonly string[] Recorders = RoleSets.Operators.Split(',');

    /// <summary>Operators record and report; the supervising departments (Observer) only read.</summary>
    public static bool MayRecord(ClaimsPrincipal user) => Recorders.Any(user.IsInRole);

    public static MudBlazor.Color StateColor(MisconductRecord r, DateTimeOffset now) =>
        r.IsOverdueAt(now) ? MudBlazor.Color.Error
        : r.State switch
        {
            MisconductState.Recorded => MudBlazor.Color.Warning,
            MisconductState.Reported => MudBlazor.Color.Info,
            MisconductState.FeedbackReceived => MudBlazor.Color.Success,
            _ => MudBlazor.Color.Default,
        };

    /// <summary>A center-local "yyyy-MM-dd HH:mm" (or "HH:mm" on <paramref name="day"/>) as an instant; null when it does not parse.</summary>
    public static DateTimeOffset? ParseLocal(string? text, DateOnly day)
    {
        if (PlainText.IsBlank(text)) return null;
        var t = text.Trim();
        if (DateTime.TryParseExact(t, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var full))
            return CenterTime.At(DateOnly.FromDateTime(full), TimeOnly.FromDateTime(full));
        foreach (var format in new[] { "HH:mm", "HH:mm:ss" })
            if (TimeOnly.TryParseExact(t, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
                return CenterTime.At(day, time);
        return null;
    }
}
