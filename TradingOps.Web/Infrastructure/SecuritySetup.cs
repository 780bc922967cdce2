using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using TradingOps.Web.Devices;

namespace TradingOps.Web.Infrastructure;

/// <summary>Section "Security".</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Cookies only over HTTPS (off only for local development and tests over plain HTTP).</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>Staff roles are signed out after this much time without a request.</summary>
    public int StaffIdleMinutes { get; set; } = 30;

    /// <summary>How often a live page reports keyboard/pointer activity (session-activity.js), at most.</summary>
    public int ActivityPingSeconds { get; set; } = 60;

    /// <summary>Wall and door-plate screens (Display role) stay signed in this long; admins revoke them at will.</summary>
    public int DisplaySessionDays { get; set; } = 30;

    /// <summary>How often signed-in sessions are checked against the account (disabled, revoked, roles changed).</summary>
    public int RevalidateMinutes { get; set; } = 2;

    /// <summary>Sign-in attempts per client address per minute.</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Requests to public (anonymous) pages and endpoints per client address per minute.</summary>
    public int PublicPerMinute { get; set; } = 120;

    /// <summary>Requests to public pages and endpoints per paired device (pad, kiosk, hall display) per minute.</summary>
    public int DevicePerMinute { get; set; } = 300;

    public long MaxRequestBodyBytes { get; set; } = 1_048_576;
}

public static class SecuritySetup
{
    public const string SignInPolicy = "sign-in";
    public const string PublicPolicy = "public";
    public const string ComplaintFormPolicy = "complaint-form";
    public const string TrackingLookupPolicy = "tracking-lookup";

    public static IServiceCollection AddTradingOpsSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section))
            .Validate(o => o.StaffIdleMinutes is >= 5 and <= 720, "Security:StaffIdleMinutes 必须在 5 到 720 之间")
            .Validate(o => o.DisplaySessionDays is >= 1 and <= 365, "Security:DisplaySessionDays 必须在 1 到 365 之间")
            .Validate(o => o.RevalidateMinutes is >= 1 and <= 60, "Security:RevalidateMinutes 必须在 1 到 60 之间")
            .Validate(o => o.ActivityPingSeconds >= 1 && o.ActivityPingSeconds * 2 < o.StaffIdleMinutes * 60, "Security:ActivityPingSeconds 必须大于 0 且小于空闲时限的一半")
            .Validate(o => o.SignInPerMinute >= 1 && o.PublicPerMinute >= 1 && o.DevicePerMinute >= 1, "Security:SignInPerMinute、PublicPerMinute、DevicePerMinute 必须大于 0")
            .ValidateOnStart();
        var options = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();

        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = options.MaxRequestBodyBytes);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
            o.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        // Hub messages from clients are small commands (join a group): refuse anything large.
        services.Configure<Microsoft.AspNetCore.SignalR.HubOptions>(o => o.MaximumReceiveMessageSize = 32 * 1024);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                // Says when to come back: hall displays, door plates and walls wait that long before retrying.
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.HttpContext.Response.ContentType = "application/problem+json; charset=utf-8";
                await context.HttpContext.Response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "请求过于频繁，请稍后再试",
                }, ct);
            };
            // Only posted sign-in attempts count; showing the form does not. Counted per real client address
            // (the connection's, or the forwarded one when the hop is a configured proxy: NetworkSetup).
            o.AddPolicy(SignInPolicy, http => HttpMethods.IsPost(http.Request.Method)
                ? PerMinute($"address:{http.Connection.RemoteIpAddress?.ToString() ?? "unknown"}", Current(http).SignInPerMinute)
                : RateLimitPartition.GetNoLimiter("form"));
            // Public pages and feeds: a paired device has a limit of its own, anyone else one per client address.
            o.AddPolicy(PublicPolicy, http => http.PairedDevice() is not null
                ? PerMinute(http.ClientKey(), Current(http).DevicePerMinute)
                : PerMinute(http.ClientKey(), Current(http).PublicPerMinute));
            // Issue 20, the public complaint form: each posted form counts per client per hour (CaseOptions.PublicFormsPerHour);
            // showing the page is limited as any public page. The tracking lookup: every lookup (a code in the query,
            // well-formed or not) counts per client per minute, so codes cannot be guessed in bulk.
            o.AddPolicy(ComplaintFormPolicy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter($"form:{http.ClientKey()}", _ => new FixedWindowRateLimiterOptions
                    { PermitLimit = Cases(http).PublicFormsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 })
                : PerMinute(http.ClientKey(), Current(http).PublicPerMinute));
            o.AddPolicy(TrackingLookupPolicy, http => http.Request.Query.ContainsKey("code")
                ? PerMinute($"lookup:{http.ClientKey()}", Cases(http).TrackingLookupsPerMinute)
                : PerMinute(http.ClientKey(), Current(http).PublicPerMinute));
        });
        return services;
    }

    private static SecurityOptions Current(HttpContext http) =>
        http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value;

    private static TradingOps.Core.Cases.CaseOptions Cases(HttpContext http) =>
        http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<TradingOps.Core.Cases.CaseOptions>>().Value;

    private static RateLimitPartition<string> PerMinute(string key, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    /// <summary>
    /// Headers on every response. Blazor Server needs same-origin scripts and WebSockets only; MudBlazor sets
    /// inline styles, hence 'unsafe-inline' for styles and nothing else.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
            "font-src 'self' data:; connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'self'; " +
            "form-action 'self'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        await next();
    });
}
