using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TradingOps.Data.Identity;
using TradingOps.Web.Infrastructure;

namespace TradingOps.Web.Identity;

/// <summary>
/// Live circuits re-check their user every few minutes: an account that was disabled, whose sessions were
/// revoked (security stamp changed) or that no longer exists loses the page without waiting for a reload, and so
/// does a staff console left idle for Security:StaffIdleMinutes (Display screens are meant to run unattended).
/// </summary>
public sealed class RevalidatingIdentityStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<SecurityOptions> options, IOptions<IdentityOptions> identity,
    UserActivity activity)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(options.Value.RevalidateMinutes);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken) =>
        IsStillAllowedAsync(state.User);

    /// <summary>What each revalidation asks of a live circuit's user.</summary>
    public async Task<bool> IsStillAllowedAsync(ClaimsPrincipal user)
    {
        if (!user.IsInRole(Roles.Display) && activity.IsIdle(user, TimeSpan.FromMinutes(options.Value.StaffIdleMinutes)))
            return false;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await IsStillValidAsync(users, user, identity.Value.ClaimsIdentity.SecurityStampClaimType);
    }

    public static async Task<bool> IsStillValidAsync(UserManager<ApplicationUser> users, ClaimsPrincipal principal, string stampClaim)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || user.IsDisabled) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        return principal.FindFirstValue(stampClaim) == await users.GetSecurityStampAsync(user);
    }
}
