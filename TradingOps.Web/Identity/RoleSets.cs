using TradingOps.Data.Identity;

namespace TradingOps.Web.Identity;

/// <summary>Role lists for [Authorize(Roles = …)] (comma-separated, as ASP.NET Core expects).</summary>
public static class RoleSets
{
    /// <summary>People who operate the console (everyone but the read-only Display screens).</summary>
    public const string Operators = $"{Roles.Staff},{Roles.DutyManager},{Roles.Supervisor},{Roles.Admin}";
    public const string Admin = Roles.Admin;
    /// <summary>Wall screens: the duty manager and the read-only Display accounts (queue wall panel).</summary>
    public const string WallViewers = $"{Roles.Display},{Roles.DutyManager}";
    /// <summary>Who sees and closes bad-rating follow-ups.</summary>
    public const string QueueSupervisors = $"{Roles.Supervisor},{Roles.DutyManager},{Roles.Admin}";
}
