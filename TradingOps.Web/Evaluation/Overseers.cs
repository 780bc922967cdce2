using System.Security.Claims;
using TradingOps.Web.Identity;

namespace TradingOps.Web.Evaluation;

/// <summary>
/// Who may see a session's list after its start and print it (Yunnan 5.5.2): supervisors, duty managers and admins
/// (the witness role comes with issue 19). <see cref="TradingOps.Core.Evaluation.Sealing"/> holds the rule; this is who.
/// </summary>
public static class Overseers
{
    public const string Roles = RoleSets.Supervisors;

    private static readonly string[] RoleList = Roles.Split(',');

    public static bool Is(ClaimsPrincipal user) => RoleList.Any(user.IsInRole);
}
