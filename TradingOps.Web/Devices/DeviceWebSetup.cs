using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using TradingOps.Core.Devices;
using TradingOps.Data.Devices;
using TradingOps.Web.Infrastructure;

namespace TradingOps.Web.Devices;

/// <summary>The paired device a request comes from (set by <see cref="DeviceWebSetup.UsePairedDevices"/>).</summary>
public sealed record PairedDeviceFeature(DeviceIdentity Device);

/// <summary>
/// How a device presents its secret: the pairing screen (<c>DevicePairingForm</c>) takes the code once and keeps it
/// in a long-lived HttpOnly cookie, which the browser then sends with every page, feed and hub request of the
/// device (scripts never see it). The server checks it against the stored hash on every request that needs it, so a
/// revoked device is refused at once.
/// </summary>
public static class DeviceCookie
{
    public const string Name = "TradingOps.Device";

    /// <summary>Browsers keep a cookie at most 400 days; a device re-paired after that enters a new code.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(400);

    public static void Set(HttpContext http, string normalizedSecret, bool requireHttps, DateTimeOffset now) =>
        http.Response.Cookies.Append(Name, normalizedSecret, new CookieOptions
        {
            HttpOnly = true,
            Secure = requireHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Path = "/",
            Expires = now.Add(Lifetime),
        });
}

public static class DeviceHttp
{
    /// <summary>The paired device of this request, or null for any other browser.</summary>
    public static DeviceIdentity? PairedDevice(this HttpContext http) => http.Features.Get<PairedDeviceFeature>()?.Device;

    /// <summary>
    /// Whom a per-client limit counts: a paired device as itself (kiosks behind one NAT address do not share a
    /// limit), anyone else by the real client address (after trusted forwarded headers, see NetworkSetup).
    /// </summary>
    public static string ClientKey(this HttpContext http) =>
        http.PairedDevice() is { } device ? $"device:{device.Id}" : $"address:{http.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";

    /// <summary>The page a device of this kind shows once paired.</summary>
    public static string HomeOf(DeviceIdentity device) => device.Kind switch
    {
        DeviceKind.RatingPad => $"/queue/pad/{device.WindowNumber}",
        DeviceKind.Kiosk => "/queue/kiosk",
        DeviceKind.HallDisplay => "/queue/hall",
        DeviceKind.Wall => "/wall",
        _ => "/devices/pair",
    };
}

public static class DeviceWebSetup
{
    /// <summary>
    /// Recognises paired devices on the public surfaces (endpoints under the public rate limit: device pages,
    /// kiosk, hall display and feeds), before the rate limiter partitions the request.
    /// </summary>
    public static IApplicationBuilder UsePairedDevices(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (DeviceSecretOf(http) is { } secret && IsPublicSurface(http))
        {
            var device = await http.RequestServices.GetRequiredService<DeviceService>().AuthenticateAsync(secret, http.RequestAborted);
            if (device is not null) http.Features.Set(new PairedDeviceFeature(device));
        }
        await next();
    });

    /// <summary>The scheme of device API calls (gates, door readers, the draw terminal): <c>Authorization: Device &lt;secret&gt;</c>.</summary>
    public const string AuthorizationScheme = "Device";

    /// <summary>
    /// The secret a request presents: screens send the pairing cookie, terminals without a browser (gate, door reader,
    /// draw terminal) the <c>Authorization: Device …</c> header.
    /// </summary>
    private static string? DeviceSecretOf(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith(AuthorizationScheme + " ", StringComparison.OrdinalIgnoreCase))
            return header[(AuthorizationScheme.Length + 1)..].Trim();
        return http.Request.Cookies.TryGetValue(DeviceCookie.Name, out var secret) ? secret : null;
    }

    private static bool IsPublicSurface(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetOrderedMetadata<EnableRateLimitingAttribute>()
            .Any(a => a.PolicyName == SecuritySetup.PublicPolicy) == true;

    /// <summary>Security:RequireHttps decides whether the device cookie is HTTPS-only, as for the sign-in cookie.</summary>
    public static bool RequireHttps(this HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.RequireHttps;
}
