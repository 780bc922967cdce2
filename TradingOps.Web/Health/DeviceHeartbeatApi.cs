using System.Reflection;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TradingOps.Core.Auditing;
using TradingOps.Core.Health;
using TradingOps.Data.Health;
using TradingOps.Web.Devices;
using TradingOps.Web.Infrastructure;

namespace TradingOps.Web.Health;

/// <summary>What a device page posts (device-health.js): its boot id (random per page load), version, screen and last script error.</summary>
public sealed record HeartbeatCall(string? BootId, string? Version, int? Width, int? Height, string? Page, string? Error);

/// <summary>The answer: reload now or not, and when to beat next.</summary>
public sealed record HeartbeatReply(bool Reload, int HeartbeatSeconds);

/// <summary>
/// <c>POST /devices/heartbeat</c>: a paired device's page (or terminal) reports it is alive. The device is who its
/// pairing says (the HttpOnly pairing cookie, or <c>Authorization: Device …</c> for terminals), never an id or address
/// it claims: an unpaired or revoked caller is 401. Limited per device twice: the public limit of every device request,
/// and at most <see cref="BeatsPerMinute"/> heartbeats a minute (429 with Retry-After beyond). Answers with a pending
/// reload, which the page then does.
/// </summary>
public static class DeviceHeartbeatApi
{
    public const string Route = "/devices/heartbeat";

    /// <summary>Twice the configured rate plus room for a reload's first beat and a few retries.</summary>
    public static int BeatsPerMinute(HealthOptions options) => 2 * (60 / Math.Max(1, options.HeartbeatSeconds)) + 6;

    /// <summary>The build the server runs: what a page loaded now reports as its version.</summary>
    public static string AppVersion { get; } = Clip(typeof(DeviceHeartbeatApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                                                    ?? typeof(DeviceHeartbeatApi).Assembly.GetName().Version?.ToString() ?? "dev");

    /// <summary>"1.0.0+766b02f": the build's version and the first seven characters of its commit.</summary>
    private static string Clip(string version)
    {
        var plus = version.IndexOf('+');
        if (plus >= 0 && version.Length > plus + 8) version = version[..(plus + 8)];
        return version.Length > DeviceHeartbeat.VersionMaxLength ? version[..DeviceHeartbeat.VersionMaxLength] : version;
    }

    public static IEndpointRouteBuilder MapDeviceHeartbeat(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, BeatAsync).AllowAnonymous().RequireRateLimiting(SecuritySetup.PublicPolicy).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<Results<Ok<HeartbeatReply>, ProblemHttpResult>> BeatAsync(HeartbeatCall? call, HttpContext http,
        DeviceHealthService health, HeartbeatLimiter limiter, ICurrentActor actor, IOptions<HealthOptions> options, CancellationToken ct)
    {
        if (http.PairedDevice() is not { } device)
        {
            http.Response.Headers.WWWAuthenticate = DeviceWebSetup.AuthorizationScheme;
            return TypedResults.Problem(title: "设备未配对或已撤销", detail: "心跳须来自已配对的设备", statusCode: StatusCodes.Status401Unauthorized);
        }
        using var lease = limiter.Acquire(device.Id);
        if (!lease.IsAcquired)
        {
            http.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(title: "心跳过于频繁，请稍后再试", statusCode: StatusCodes.Status429TooManyRequests);
        }
        // The device is the actor of what its heartbeat changes (a reload taken, come back).
        if (actor is WebCurrentActor web) web.ActAs(Actor.System($"device:{device.Name}"));
        var report = new HeartbeatReport(call?.BootId, call?.Version, call?.Width, call?.Height, call?.Page, call?.Error);
        var answer = await health.BeatAsync(device.Id, report, http.Connection.RemoteIpAddress?.ToString(), ct);
        return TypedResults.Ok(new HeartbeatReply(answer.Reload, options.Value.HeartbeatSeconds));
    }
}

/// <summary>Heartbeats per device per minute, in this node (a device talks to one node at a time behind the balancer).</summary>
public sealed class HeartbeatLimiter(IOptions<HealthOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> _limiter = PartitionedRateLimiter.Create<Guid, Guid>(id =>
        RateLimitPartition.GetFixedWindowLimiter(id, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = DeviceHeartbeatApi.BeatsPerMinute(options.Value), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));

    public RateLimitLease Acquire(Guid deviceId) => _limiter.AttemptAcquire(deviceId);

    public void Dispose() => _limiter.Dispose();
}
