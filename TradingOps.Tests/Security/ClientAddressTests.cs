using System.Net;
using Microsoft.EntityFrameworkCore;
using TradingOps.Core.Devices;
using TradingOps.Tests.Fixtures;
using TradingOps.Web.Identity;

namespace TradingOps.Tests.Security;

/// <summary>
/// A real Kestrel server on loopback whose configured reverse proxy is some other network (10.0.0.0/8): the test
/// client (127.0.0.1) is an unconfigured hop, like a visitor sending the header themselves. Loopback, which the
/// framework would trust by default, is not trusted unless configured.
/// </summary>
public sealed class UntrustedHopServer() : TradingOpsServer(new Dictionary<string, string>
{
    ["Network:KnownNetworks"] = "10.0.0.0/8",
    ["Security:PublicPerMinute"] = "3",
});

/// <summary>A real Kestrel server whose configured reverse proxy is the test client's address (loopback).</summary>
public sealed class TrustedProxyServer() : TradingOpsServer(new Dictionary<string, string>
{
    ["Network:KnownProxies"] = "127.0.0.1,::1",
    ["Security:PublicPerMinute"] = "3",
});

internal static class Forwarded
{
    public static async Task<HttpStatusCode> GetAsync(HttpClient client, string path, string? forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await client.SendAsync(request)).StatusCode;
    }
}

[FullLane]
public sealed class UntrustedHopTests(UntrustedHopServer server) : IClassFixture<UntrustedHopServer>
{
    [Fact]
    public async Task X_Forwarded_For_from_an_unconfigured_hop_is_ignored_and_its_clients_share_the_hop_address_limit()
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, await Forwarded.GetAsync(client, "/api/public/occupancy", $"203.0.113.{i + 1}"));
        // A fourth "client" named in the header is still the same connection address: refused.
        Assert.Equal(HttpStatusCode.TooManyRequests, await Forwarded.GetAsync(client, "/api/public/occupancy", "203.0.113.99"));
    }
}

[FullLane]
public sealed class TrustedProxyTests(TrustedProxyServer server) : IClassFixture<TrustedProxyServer>
{
    [Fact]
    public async Task X_Forwarded_For_from_a_configured_proxy_is_honoured_and_each_client_behind_it_gets_its_own_limit()
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, await Forwarded.GetAsync(client, "/api/public/occupancy", "198.51.100.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Forwarded.GetAsync(client, "/api/public/occupancy", "198.51.100.1"));
        // Another visitor behind the same proxy has a limit of their own.
        Assert.Equal(HttpStatusCode.OK, await Forwarded.GetAsync(client, "/api/public/occupancy", "198.51.100.2"));
        // A client cannot pick its address by prepending one: the proxy appends the real one, which counts.
        Assert.Equal(HttpStatusCode.TooManyRequests, await Forwarded.GetAsync(client, "/api/public/occupancy", "198.51.100.77, 198.51.100.1"));
    }

    [Theory]
    [InlineData("/public/occupancy", 11)]
    [InlineData("/doorplate/K201", 12)]
    [InlineData("/public/satisfaction", 13)]
    [InlineData("/queue/hall", 14)]
    [InlineData("/queue/kiosk", 15)]
    [InlineData("/queue/pad/1", 16)]
    [InlineData("/devices/pair", 17)]
    [InlineData("/complaints", 18)]          // issue 20: showing the form is a public page (posting it has its own hourly limit)
    [InlineData("/complaints/track", 19)]    // without a code: no lookup, the public page limit
    public async Task A_public_html_page_is_rate_limited_per_real_client_like_the_public_feeds(string page, int client)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var visitor = $"192.0.2.{client}"; // each case its own visitor behind the proxy
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, await Forwarded.GetAsync(http, page, visitor));
        var request = new HttpRequestMessage(HttpMethod.Get, page);
        request.Headers.Add("X-Forwarded-For", visitor);
        var refused = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("请求过于频繁", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_paired_hall_display_has_a_limit_of_its_own_instead_of_its_address_limit()
    {
        var paired = await DeviceKit.PairAsync(server.Services, DeviceKind.HallDisplay, "大厅叫号屏");
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        const string hall = "192.0.2.50"; // the hall's NAT address, shared with a visitor's phone
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, await Forwarded.GetAsync(http, "/api/queue/hall", hall));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Forwarded.GetAsync(http, "/api/queue/hall", hall));

        using var display = new HttpClient { BaseAddress = server.BaseAddress };
        display.DefaultRequestHeaders.Add("Cookie", $"{TradingOps.Web.Devices.DeviceCookie.Name}={DeviceSecret.Normalize(paired.Secret)}");
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await Forwarded.GetAsync(display, "/queue/hall", hall));
            Assert.Equal(HttpStatusCode.OK, await Forwarded.GetAsync(display, "/api/queue/hall", hall));
        }
    }

    [Fact]
    public async Task The_audit_trail_records_the_real_client_address_forwarded_by_a_configured_proxy()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.23");
        await TradingOpsApp.SignInAsync(client, "nobody-here", "wrong-password-0");
        await using var db = await server.Services.NewContextAsync();
        var entry = await db.AuditEntries.Where(e => e.Entity == "SignIn" && e.Key == "nobody-here").SingleAsync();
        Assert.Contains("198.51.100.23", entry.Changes);
    }
}
