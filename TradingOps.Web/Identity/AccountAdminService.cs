using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Common;
using TradingOps.Data.Identity;

namespace TradingOps.Web.Identity;

public sealed record AccountRow(string Id, string UserName, string DisplayName, string? Role, bool IsDisabled, bool IsLockedOut);

/// <summary>
/// Admins manage sign-in accounts: create, change role, disable, unlock, reset password, revoke sessions.
/// Disabling or revoking changes the security stamp, so open sessions end within Security:RevalidateMinutes.
/// </summary>
public sealed class AccountAdminService(UserManager<ApplicationUser> users, TimeProvider clock)
{
    public async Task<IReadOnlyList<AccountRow>> ListAsync(CancellationToken ct = default)
    {
        var all = await users.Users.OrderBy(u => u.UserName).ToListAsync(ct);
        var rows = new List<AccountRow>(all.Count);
        foreach (var user in all)
        {
            var role = (await users.GetRolesAsync(user)).FirstOrDefault();
            rows.Add(new AccountRow(user.Id, user.UserName ?? "", user.DisplayName, role, user.IsDisabled,
                user.LockoutEnd is { } end && end > clock.GetUtcNow()));
        }
        return rows;
    }

    public async Task CreateAsync(string userName, string displayName, string role, string password)
    {
        if (!Roles.All.Contains(role)) throw new DomainException("Account.Role", "请选择角色");
        var user = new ApplicationUser
        {
            UserName = userName?.Trim(),
            DisplayName = Validate(displayName),
            EmailConfirmed = true,
        };
        Check(await users.CreateAsync(user, password ?? ""));
        Check(await users.AddToRoleAsync(user, role));
    }

    public async Task ChangeRoleAsync(string userId, string role)
    {
        if (!Roles.All.Contains(role)) throw new DomainException("Account.Role", "请选择角色");
        var user = await FindAsync(userId);
        if (role != Roles.Admin) await EnsureAnotherAdminAsync(user);
        Check(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)));
        Check(await users.AddToRoleAsync(user, role));
        Check(await users.UpdateSecurityStampAsync(user)); // sessions pick up the new role on next sign-in
    }

    public async Task SetDisabledAsync(string userId, bool disabled, string actingUserId)
    {
        if (disabled && userId == actingUserId) throw new DomainException("Account.SelfDisable", "不能停用自己的账号");
        var user = await FindAsync(userId);
        if (disabled) await EnsureAnotherAdminAsync(user);
        user.IsDisabled = disabled;
        Check(await users.UpdateAsync(user));
        Check(await users.UpdateSecurityStampAsync(user));
    }

    /// <summary>Ends every session of the account (a stolen wall screen, a shared password).</summary>
    public async Task RevokeSessionsAsync(string userId) => Check(await users.UpdateSecurityStampAsync(await FindAsync(userId)));

    public async Task UnlockAsync(string userId)
    {
        var user = await FindAsync(userId);
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
    }

    public async Task ResetPasswordAsync(string userId, string newPassword)
    {
        var user = await FindAsync(userId);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, newPassword ?? ""));
    }

    /// <summary>
    /// <see cref="LastAdminRule"/>: taking <paramref name="user"/> out of service must leave another enabled,
    /// unlocked administrator (a user who is not a usable admin takes nobody away).
    /// </summary>
    private async Task EnsureAnotherAdminAsync(ApplicationUser user)
    {
        var now = clock.GetUtcNow();
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        bool Usable(ApplicationUser u) => !u.IsDisabled && !(u.LockoutEnd is { } end && end > now);
        if (!admins.Any(a => a.Id == user.Id) || !Usable(user)) return;
        LastAdminRule.Check(admins.Count(a => a.Id != user.Id && Usable(a)));
    }

    private async Task<ApplicationUser> FindAsync(string userId) =>
        await users.FindByIdAsync(userId) ?? throw new DomainException("Account.NotFound", "账号不存在");

    private static string Validate(string displayName)
    {
        var name = displayName?.Trim() ?? "";
        if (name.Length == 0) throw new DomainException("Account.DisplayName", "请填写姓名");
        if (name.Length > ApplicationUser.DisplayNameMaxLength)
            throw new DomainException("Account.DisplayName", $"姓名不能超过 {ApplicationUser.DisplayNameMaxLength} 个字符");
        return name;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new DomainException("Account.Identity", string.Join("；", result.Errors.Select(e => e.Description)));
    }
}
