using System.Net;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingOps.Data.Identity;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;

namespace TradingOps.Tests.Security;

/// <summary>The app with a movable clock for session revalidation and a tight sign-in rate limit.</summary>
public sealed class HardenedApp : TradingOpsApp
{
    public FakeTimeProvider StampClock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.Configure<SecurityStampValidatorOptions>(o => o.TimeProvider = StampClock);
        services.AddSingleton(new UserActivity(StampClock));
    }
}

[FullLane]
public sealed class HardeningTests(HardenedApp app) : IClassFixture<HardenedApp>
{
    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        using var client = app.NewClient();
        var response = await client.GetAsync("/account/login");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Session_and_antiforgery_cookies_are_http_only_and_same_site()
    {
        using var client = app.NewClient();
        var login = await client.GetAsync("/account/login");
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("TradingOps.Antiforgery=") && c.Contains("httponly") && c.Contains("samesite=strict"));
        var signedIn = await TradingOpsApp.SignInAsync(client, "staff", IdentitySeeder.DemoPassword);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("TradingOps.Auth=") && c.Contains("httponly") && c.Contains("samesite=lax"));
    }

    [Fact]
    public async Task A_disabled_account_loses_its_open_session_at_the_next_revalidation()
    {
        var userName = $"leaver-{Guid.NewGuid():N}"[..20];
        string userId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<AccountAdminService>();
            await admin.CreateAsync(userName, "离职人员", Roles.Staff, "LeaverPassword2026");
            userId = (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByNameAsync(userName))!.Id;
        }
        using var client = app.NewClient();
        Assert.True(TradingOpsApp.SetsAuthCookie(await TradingOpsApp.SignInAsync(client, userName, "LeaverPassword2026")));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/projects")).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AccountAdminService>().SetDisabledAsync(userId, true, actingUserId: "someone-else");
        app.StampClock.Advance(TimeSpan.FromMinutes(3)); // past Security:RevalidateMinutes

        var after = await client.GetAsync("/projects");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        var again = await TradingOpsApp.SignInAsync(client, userName, "LeaverPassword2026");
        Assert.Contains("已停用", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Live_circuits_treat_a_revoked_or_disabled_account_as_signed_out()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var claims = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>();
        var stampClaim = new IdentityOptions().ClaimsIdentity.SecurityStampClaimType;
        var admin = scope.ServiceProvider.GetRequiredService<AccountAdminService>();
        var userName = $"wall-{Guid.NewGuid():N}"[..16];
        await admin.CreateAsync(userName, "大屏", Roles.Display, "WallScreenPass2026");
        var user = (await users.FindByNameAsync(userName))!;

        var principal = await claims.CreateAsync(user);
        Assert.True(await RevalidatingIdentityStateProvider.IsStillValidAsync(users, principal, stampClaim));
        await admin.RevokeSessionsAsync(user.Id);
        Assert.False(await RevalidatingIdentityStateProvider.IsStillValidAsync(users, principal, stampClaim));

        var fresh = await claims.CreateAsync((await users.FindByIdAsync(user.Id))!);
        Assert.True(await RevalidatingIdentityStateProvider.IsStillValidAsync(users, fresh, stampClaim));
        await admin.SetDisabledAsync(user.Id, true, actingUserId: "someone-else");
        Assert.False(await RevalidatingIdentityStateProvider.IsStillValidAsync(users, fresh, stampClaim));
    }

    [Fact]
    public async Task A_staff_circuit_left_idle_past_the_limit_is_signed_out_but_a_wall_screen_is_not()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (staff, display) = (await PrincipalAsync(scope, "staff"), await PrincipalAsync(scope, "display"));
        var provider = (RevalidatingIdentityStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var activity = app.Services.GetRequiredService<UserActivity>();
        activity.Touch(staff);
        activity.Touch(display);

        app.StampClock.Advance(TimeSpan.FromMinutes(29)); // Security:StaffIdleMinutes is 30
        Assert.True(await provider.IsStillAllowedAsync(staff));
        app.StampClock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(await provider.IsStillAllowedAsync(staff));
        Assert.True(await provider.IsStillAllowedAsync(display));
    }

    [Fact]
    public async Task Activity_reported_by_a_live_page_keeps_a_staff_circuit_signed_in()
    {
        using var client = app.NewClient();
        Assert.True(TradingOpsApp.SetsAuthCookie(await TradingOpsApp.SignInAsync(client, "staff", IdentitySeeder.DemoPassword)));
        await using var scope = app.Services.CreateAsyncScope();
        var staff = await PrincipalAsync(scope, "staff");
        var provider = (RevalidatingIdentityStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();

        for (var i = 0; i < 3; i++)
        {
            app.StampClock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/account/activity", null)).StatusCode);
        }
        app.StampClock.Advance(TimeSpan.FromMinutes(20));
        Assert.True(await provider.IsStillAllowedAsync(staff)); // 80 minutes in, 20 since the last activity
        app.StampClock.Advance(TimeSpan.FromMinutes(11));
        Assert.False(await provider.IsStillAllowedAsync(staff));
    }

    private static async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(AsyncServiceScope scope, string userName)
    {
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var claims = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>();
        return await claims.CreateAsync((await users.FindByNameAsync(userName))!);
    }

    [Fact]
    public async Task An_admin_cannot_disable_their_own_account()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = (await users.FindByNameAsync("admin"))!;
        var error = await Assert.ThrowsAsync<TradingOps.Core.Common.DomainException>(() =>
            scope.ServiceProvider.GetRequiredService<AccountAdminService>().SetDisabledAsync(admin.Id, true, admin.Id));
        Assert.Equal("不能停用自己的账号", error.Message);
    }

    [Fact]
    public async Task The_last_usable_admin_can_be_neither_disabled_nor_given_another_role_even_with_a_locked_or_disabled_second_admin()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountAdminService>();
        var admin = (await users.FindByNameAsync("admin"))!;
        // Two more admins, neither usable: one locked out, one disabled.
        await accounts.CreateAsync("admin-locked", "锁定的管理员", Roles.Admin, "LockedAdmin2026pw");
        await accounts.CreateAsync("admin-disabled", "停用的管理员", Roles.Admin, "DisabledAdmin2026pw");
        var locked = (await users.FindByNameAsync("admin-locked"))!;
        var disabled = (await users.FindByNameAsync("admin-disabled"))!;
        try
        {
            await users.SetLockoutEndDateAsync(locked, DateTimeOffset.UtcNow.AddHours(1));
            await accounts.SetDisabledAsync(disabled.Id, true, admin.Id);

            var disabling = await Assert.ThrowsAsync<TradingOps.Core.Common.DomainException>(() => accounts.SetDisabledAsync(admin.Id, true, actingUserId: locked.Id));
            var demoting = await Assert.ThrowsAsync<TradingOps.Core.Common.DomainException>(() => accounts.ChangeRoleAsync(admin.Id, Roles.Supervisor));

            Assert.Equal(TradingOps.Core.Common.LastAdminRule.Message, disabling.Message);
            Assert.Equal(TradingOps.Core.Common.LastAdminRule.Message, demoting.Message);
            var after = (await users.FindByNameAsync("admin"))!;
            Assert.False(after.IsDisabled);
            Assert.True(await users.IsInRoleAsync(after, Roles.Admin));
        }
        finally
        {
            await users.DeleteAsync((await users.FindByIdAsync(locked.Id))!);
            await users.DeleteAsync((await users.FindByIdAsync(disabled.Id))!);
        }
    }

    [Fact]
    public async Task With_another_usable_admin_an_admin_can_be_disabled_and_given_another_role()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountAdminService>();
        var admin = (await users.FindByNameAsync("admin"))!;
        await accounts.CreateAsync("admin-deputy", "副管理员", Roles.Admin, "DeputyAdmin2026pw");
        var deputy = (await users.FindByNameAsync("admin-deputy"))!;
        try
        {
            await accounts.SetDisabledAsync(deputy.Id, true, admin.Id);
            await accounts.SetDisabledAsync(deputy.Id, false, admin.Id);
            await accounts.ChangeRoleAsync(deputy.Id, Roles.Supervisor);
            Assert.True(await users.IsInRoleAsync((await users.FindByIdAsync(deputy.Id))!, Roles.Supervisor));
        }
        finally
        {
            await users.DeleteAsync((await users.FindByIdAsync(deputy.Id))!);
        }
    }
}

/// <summary>The app with the production sign-in limit.</summary>
public sealed class RateLimitedApp : TradingOpsApp
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.PostConfigure<TradingOps.Web.Infrastructure.SecurityOptions>(o => o.SignInPerMinute = 3);
    // (the other tests' fixture allows 100 a minute: they sign in many times from one address)
}

[FullLane]
public sealed class SignInRateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_per_minute_are_refused_with_429_in_Chinese()
    {
        using var client = app.NewClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await TradingOpsApp.SignInAsync(client, "nobody", "wrong-password-0")).StatusCode);
        var refused = await TradingOpsApp.SignInAsync(client, "nobody", "wrong-password-0");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("请求过于频繁", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode); // the form itself still shows
    }
}
