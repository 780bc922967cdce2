using System.Globalization;
using Microsoft.Extensions.Localization;
using TradingOps.Core.Common;
using TradingOps.Core.Facilities;
using TradingOps.Data.Identity;

namespace TradingOps.Web.Facilities;

/// <summary>What the fault pages say in the user's language, and who may act on them.</summary>
public static class FaultText
{
    /// <summary>Who may record a repair (<see cref="Identity.RoleSets.FacilityManagers"/>); the service checks it again.</summary>
    public static bool MayRepair(System.Security.Claims.ClaimsPrincipal? user) =>
        user is not null && Data.Facilities.FaultService.RepairerRoles.Any(user.IsInRole);

    /// <summary>A refusal: the rule's own Chinese message, or in English the translation of its code (the message when none).</summary>
    public static string Error(IStringLocalizer localizer, DomainException error)
    {
        if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh") return error.Message;
        var text = localizer[$"Fault.Error.{error.Code}"];
        return text.ResourceNotFound ? error.Message : text.Value;
    }

    /// <summary>Hours with one decimal ("3.5"), "—" when none.</summary>
    public static string Hours(TimeSpan? span) => span is { } t ? t.TotalHours.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    public static MudBlazor.Color SeverityColor(FaultSeverity severity) => severity switch
    {
        FaultSeverity.Minor => MudBlazor.Color.Default,
        FaultSeverity.Major => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Error,
    };
}
