using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TradingOps.Data;
using TradingOps.Data.Identity;

namespace TradingOps.Web.Identity;

public static class IdentitySetup
{
    public const string LoginPath = "/account/login";

    /// <summary>Sign-in, roles and accounts (not ASP.NET's generic AddIdentity&lt;TUser, TRole&gt;: this one takes the configuration).</summary>
    public static IServiceCollection AddIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BootstrapOptions>().Bind(configuration.GetSection(BootstrapOptions.Section));
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        var security = configuration.GetSection(Infrastructure.SecurityOptions.Section).Get<Infrastructure.SecurityOptions>()
                       ?? new Infrastructure.SecurityOptions();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.AccessDeniedPath = "/account/access-denied";
            // Staff: signed out after the idle time without a request (sliding).
            o.ExpireTimeSpan = TimeSpan.FromMinutes(security.StaffIdleMinutes);
            o.SlidingExpiration = true;
            o.Cookie.Name = "TradingOps.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = security.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            // API clients get 401/403 (ProblemDetails by the status-code pages), not a 302 to a sign-in page they cannot use.
            var toLogin = o.Events.OnRedirectToLogin;
            var toDenied = o.Events.OnRedirectToAccessDenied;
            o.Events.OnRedirectToLogin = context => ApiStatusOr(context, StatusCodes.Status401Unauthorized, toLogin);
            o.Events.OnRedirectToAccessDenied = context => ApiStatusOr(context, StatusCodes.Status403Forbidden, toDenied);
            o.Events.OnSigningIn = context =>
            {
                // Wall and door-plate screens run unattended for weeks: a fixed long session, revocable by admins.
                if (context.Principal?.IsInRole(Roles.Display) == true)
                {
                    context.Properties.IsPersistent = true;
                    context.Properties.ExpiresUtc = DateTimeOffset.UtcNow.AddDays(security.DisplaySessionDays);
                    context.Properties.AllowRefresh = false;
                }
                return Task.CompletedTask;
            };
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(security.RevalidateMinutes));
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o =>
        {
            o.Cookie.Name = "TradingOps.Antiforgery";
            o.Cookie.SecurePolicy = security.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<TradingOpsDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>()
            .AddDefaultTokenProviders();
        services.AddAuthorizationBuilder()
            // Every page and endpoint needs a signed-in user unless it says [AllowAnonymous].
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddSingleton<UserActivity>();
        services.AddScoped<IdentitySeeder>();
        services.AddScoped<AccountAdminService>();
        services.AddScoped<StaffAccountLinks>();
        services.AddScoped<PersonalDataAccess>();
        return services;
    }

    private static Task ApiStatusOr(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status,
        Func<RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>, Task> otherwise)
    {
        if (!context.Request.Path.StartsWithSegments("/api")) return otherwise(context);
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>The account endpoints: sign-out and the activity ping.</summary>
    public static void MapIdentity(this IEndpointRouteBuilder endpoints)
    {
        // Only the console's own form (with its antiforgery token) signs out: no cross-site sign-out.
        endpoints.MapPost("/account/logout", async (SignInManager<ApplicationUser> signIn, IAntiforgery antiforgery, HttpContext http,
            Data.Queue.QueueService queue) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Problem(title: "页面已过期，请刷新后再退出", statusCode: StatusCodes.Status400BadRequest);
            // Whoever signs out leaves their windows: nobody else is credited for work done there afterwards.
            if (http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId) await queue.SignOffUserAsync(userId, http.RequestAborted);
            await signIn.SignOutAsync();
            return Results.LocalRedirect(LoginPath);
        });
        // session-activity.js reports keyboard/pointer activity on live pages; the request itself counts
        // (UseUserActivity) and slides the cookie.
        endpoints.MapPost("/account/activity", () => Results.NoContent());
    }

    /// <summary>Every signed-in request counts as activity, except the circuit and hub transports (live traffic, not a person).</summary>
    public static void UseUserActivity(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (!http.Request.Path.StartsWithSegments("/_blazor") && !http.Request.Path.StartsWithSegments("/hubs"))
                http.RequestServices.GetRequiredService<UserActivity>().Touch(http.User);
            return next(http);
        });
}

/// <summary>Disabled accounts cannot sign in.</summary>
public sealed class AppSignInManager(
    UserManager<ApplicationUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<ApplicationUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes, IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ApplicationUser user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);
}

/// <summary>Adds the person's display name to the sign-in cookie.</summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        return identity;
    }
}

/// <summary>Section "Bootstrap": the first admin outside demo mode. There are no default passwords.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";
    public string? AdminUserName { get; set; }
    public string? AdminPassword { get; set; }
}
