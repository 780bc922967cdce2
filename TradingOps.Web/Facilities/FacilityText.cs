using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Localization;
using TradingOps.Core.Common;
using TradingOps.Core.Facilities;
using TradingOps.Web.Identity;

namespace TradingOps.Web.Facilities;

/// <summary>What the equipment and inspection pages say in the user's language, and who may edit.</summary>
public static class FacilityText
{
    /// <summary><see cref="RoleSets.FacilityManagers"/> as a list: who edits the register and the schedules (the pages check it before every write).</summary>
    public static readonly string[] ManagerRoles = RoleSets.FacilityManagers.Split(',');

    /// <summary><see cref="RoleSets.FacilityStaff"/> as a list: who inspects (Observer and Display never reach the pages).</summary>
    public static readonly string[] InspectorRoles = RoleSets.FacilityStaff.Split(',');

    public static bool MayEdit(ClaimsPrincipal? user) => user is not null && ManagerRoles.Any(user.IsInRole);

    public static bool MayInspect(ClaimsPrincipal? user) => user is not null && InspectorRoles.Any(user.IsInRole);

    /// <summary>A refusal: the rule's Chinese message, or in English the translation of its code when there is one.</summary>
    public static string Error(IStringLocalizer localizer, DomainException error)
    {
        if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh") return error.Message;
        var dot = error.Code.IndexOf('.');
        var text = localizer[dot > 0 ? $"{error.Code[..dot]}.Error.{error.Code[(dot + 1)..]}" : $"Error.{error.Code}"]; // Equipment.Warranty → Equipment.Error.Warranty
        return text.ResourceNotFound ? error.Message : text.Value;
    }

    public static string Category(IStringLocalizer localizer, EquipmentCategory category) => localizer[$"Category.{category}"];

    public static string Frequency(IStringLocalizer localizer, InspectionFrequency frequency) => localizer[$"Frequency.{frequency}"];

    public static string State(IStringLocalizer localizer, EquipmentState state) => localizer[$"EquipmentState.{state}"];

    public static string Status(IStringLocalizer localizer, InspectionStatus status) => localizer[$"InspectionStatus.{status}"];

    public static MudBlazor.Color StatusColor(InspectionStatus status, bool overdue) => status switch
    {
        InspectionStatus.Passed => MudBlazor.Color.Success,
        InspectionStatus.Failed => MudBlazor.Color.Error,
        _ => overdue ? MudBlazor.Color.Warning : MudBlazor.Color.Default,
    };

    public static MudBlazor.Color StateColor(EquipmentState state) => state switch
    {
        EquipmentState.InService => MudBlazor.Color.Success,
        EquipmentState.Faulty => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), ["yyyy-MM-dd", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>Where a failed inspection reports its fault (the faults desk's page).</summary>
    public static string ReportFaultHref(Guid equipmentId, Guid taskId) => $"/facilities/faults/new?equipment={equipmentId}&inspection={taskId}";
}
