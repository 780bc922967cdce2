using System.Security.Claims;
using TradingOps.Core.Floor;
using TradingOps.Data.Identity;

namespace TradingOps.Web.Floor;

/// <summary>Which audience a signed-in user's floor screen is for.</summary>
public static class FloorAudiences
{
    /// <summary>
    /// Staff only for people who operate the console; everyone else (anonymous, the Display role's wall and door-plate
    /// screens, an unknown role) is the public: a screen in a room shows what anyone in front of it may see.
    /// </summary>
    public static FloorAudience Of(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true
        && (user.IsInRole(Roles.Staff) || user.IsInRole(Roles.DutyManager) || user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin))
            ? FloorAudience.Staff
            : FloorAudience.Public;
}
