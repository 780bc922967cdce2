using Microsoft.AspNetCore.Identity;

namespace TradingOps.Data.Identity;

public sealed class ApplicationUser : IdentityUser
{
    public const int DisplayNameMaxLength = 50;

    public string DisplayName { get; set; } = "";

    /// <summary>Disabled accounts cannot sign in; set by admins when someone leaves.</summary>
    public bool IsDisabled { get; set; }
}

public static class Roles
{
    public const string Staff = nameof(Staff);
    public const string DutyManager = nameof(DutyManager);
    public const string Supervisor = nameof(Supervisor);
    public const string Admin = nameof(Admin);
    /// <summary>Read-only screens: the wall and door plates.</summary>
    public const string Display = nameof(Display);
    /// <summary>监督部门: supervising departments, read-only over witness logs, incidents, misconduct and who viewed what.</summary>
    public const string Observer = nameof(Observer);

    public static IReadOnlyList<string> All { get; } = [Staff, DutyManager, Supervisor, Admin, Display, Observer];
}
