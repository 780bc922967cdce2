using TradingOps.Data.Identity;

namespace TradingOps.Web.Identity;

/// <summary>Role lists for [Authorize(Roles = …)] (comma-separated, as ASP.NET Core expects).</summary>
public static class RoleSets
{
    /// <summary>People who operate the console (everyone but the read-only Display screens).</summary>
    public const string Operators = $"{Roles.Staff},{Roles.DutyManager},{Roles.Supervisor},{Roles.Admin}";
    public const string Admin = Roles.Admin;

    /// <summary>The registrations wall panel's own page: the duty manager and the read-only wall screens.</summary>
    public const string RegistrationWallViewers = $"{Roles.DutyManager},{Roles.Display}";
}
