using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingOps.Data;
using TradingOps.Data.Identity;

namespace TradingOps.Web.Identity;

/// <summary>
/// Roles always; the demo accounts in demo mode; otherwise the first admin from configuration.
/// </summary>
public sealed class IdentitySeeder(
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    IDbContextFactory<TradingOpsDbContext> factory,
    IOptions<DatabaseOptions> database,
    IOptions<BootstrapOptions> bootstrap,
    ILogger<IdentitySeeder> logger)
{
    /// <summary>Demo password of every demo account (README lists them). Demo mode only.</summary>
    public const string DemoPassword = "TradingOps2026demo";

    public static IReadOnlyList<(string UserName, string DisplayName, string Role)> DemoAccounts { get; } =
    [
        ("admin", "系统管理员", Roles.Admin),
        ("duty", "值班经理", Roles.DutyManager),
        ("supervisor", "科室负责人", Roles.Supervisor),
        ("staff", "窗口工作人员", Roles.Staff),
        ("display", "大屏显示", Roles.Display),
        ("observer", "市监管局（只读）", Roles.Observer),
    ];

    public async Task SeedAsync()
    {
        foreach (var role in Roles.All.Where(r => !roles.Roles.Any(x => x.Name == r)))
            Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");

        if (database.Value.SeedDemoData)
        {
            await SeedDemoAccountsAsync();
            return;
        }
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0) return;
        var (name, password) = (bootstrap.Value.AdminUserName, bootstrap.Value.AdminPassword);
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(password))
        {
            logger.LogWarning("No administrator account exists. Set Bootstrap:AdminUserName and Bootstrap:AdminPassword " +
                              "(12+ characters, with a digit and a lowercase letter) and restart to create the first one.");
            return;
        }
        await CreateAsync(name, "系统管理员", Roles.Admin, password);
        logger.LogInformation("First administrator {UserName} created from configuration", name);
    }

    private async Task SeedDemoAccountsAsync()
    {
        await using var db = await factory.CreateDbContextAsync();
        var staff = await db.Staff.Where(s => s.UserId == null).OrderBy(s => s.EmployeeNo).Take(DemoAccounts.Count).ToListAsync();
        var index = 0;
        foreach (var (userName, displayName, role) in DemoAccounts)
        {
            if (await users.FindByNameAsync(userName) is not null) continue;
            var user = await CreateAsync(userName, displayName, role, DemoPassword);
            // Center staff sign in; the wall belongs to no one, and the supervising department is not the center's staff.
            if (role is not (Roles.Display or Roles.Observer) && index < staff.Count) staff[index++].LinkAccount(user.Id);
        }
        await db.SaveChangesAsync();
    }

    private async Task<ApplicationUser> CreateAsync(string userName, string displayName, string role, string password)
    {
        var user = new ApplicationUser { UserName = userName, DisplayName = displayName, EmailConfirmed = true };
        Check(await users.CreateAsync(user, password), $"user {userName}");
        Check(await users.AddToRoleAsync(user, role), $"role {role} for {userName}");
        return user;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
