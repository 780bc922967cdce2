using System.Security.Claims;
using TradingOps.Core.Witness;
using TradingOps.Data.Identity;

namespace TradingOps.Web.Witness;

/// <summary>What the incident pages share: who may act (operators; the Observer reads), and how a state is coloured.</summary>
public static class IncidentText
{
    /// <summary>Operators act on incidents; the supervising department (Observer) only reads. The service checks again on the server.</summary>
    public static bool MayAct(ClaimsPrincipal? user) =>
        user is not null && !user.IsInRole(Roles.Observer) &&
        (user.IsInRole(Roles.Staff) || user.IsInRole(Roles.DutyManager) || user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin));

    public static MudBlazor.Color StateColor(IncidentState state) => state switch
    {
        IncidentState.Suspended => MudBlazor.Color.Error,
        IncidentState.Open => MudBlazor.Color.Warning,
        IncidentState.Terminated => MudBlazor.Color.Dark,
        IncidentState.Resumed => MudBlazor.Color.Info,
        _ => MudBlazor.Color.Success,
    };
}
