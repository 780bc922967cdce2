using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingOps.Core.Duty;
using TradingOps.Data;
using TradingOps.Data.Duty;
using TradingOps.Tests.Fixtures;

namespace TradingOps.Tests.Health;

/// <summary>
/// The app on a real Kestrel port outside Development, its reverse proxy configured as 127.0.0.1, one scraper
/// address allowed (198.51.100.7, reached through that proxy) and a scrape token.
/// </summary>
public sealed class MetricsServer() : TradingOpsServer(new Dictionary<string, string>
{
    ["Network:KnownProxies"] = "127.0.0.1",
    ["Health:MetricsAllowedAddresses:0"] = "198.51.100.7",
    ["Health:MetricsToken"] = MetricsServer.Token,
})
{
    public const string Token = "prometheus-scrape-token-2026";

    public Uri Loopback => new($"http://127.0.0.1:{BaseAddress.Port}");
}

/// <summary>/metrics on the real app: the Prometheus text with the TradingOps meter to an allowed scraper, 403 / 401 to anyone else.</summary>
[FullLane]
public sealed class MetricsEndpointTests(MetricsServer server) : IClassFixture<MetricsServer>
{
    private HttpClient Client() => new() { BaseAddress = server.Loopback };

    private static HttpRequestMessage Scrape(string? forwardedFor = null, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static int Value(string body, string metric, string? label = null)
    {
        var match = Regex.Matches(body, $@"^{metric}(\{{(?<labels>[^}}]*)\}})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)
            .FirstOrDefault(m => label is null || m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal));
        Assert.True(match is not null, $"{metric} {label} in:\n{body}");
        return (int)double.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task An_allowed_scraper_behind_the_configured_proxy_reads_the_TradingOps_metrics_as_Prometheus_text()
    {
        await using (var scope = server.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<OpsAlertService>()
                .RaiseAsync(OpsAlertKind.DeviceSilent, $"test:metrics:{Guid.NewGuid():N}", "设备失联：测试门牌", null);
        int openAlerts, activeDevices;
        await using (var db = await server.Services.NewContextAsync())
        {
            openAlerts = await db.OpsAlerts.CountAsync(a => a.ClearedAt == null);
            activeDevices = await db.PairedDevices.CountAsync(d => d.RevokedAt == null);
        }

        using var client = Client();
        var response = await client.SendAsync(Scrape(forwardedFor: "198.51.100.7"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(openAlerts, Value(body, "tradingops_ops_alerts_open"));
        Assert.True(openAlerts >= 1);
        Assert.Equal(activeDevices, new[] { "green", "amber", "red", "never_seen" }.Sum(s => Value(body, "tradingops_devices", $"state=\"{s}\"")));
        Assert.Equal(1, Value(body, "tradingops_integration_up", "integration=\"database\""));
        Assert.Equal(1, Value(body, "tradingops_integration_up", "integration=\"node\""));
        Assert.DoesNotContain("integration=\"scheduler\"", body); // jobs are off in this app: not run here, not reported as down
        await using (var db = await server.Services.NewContextAsync())
        {
            var now = DateTimeOffset.UtcNow;
            var today = TradingOps.Core.Common.CenterTime.Today(TimeProvider.System);
            Assert.Equal(await db.OutboxMessages.CountAsync(m => m.State == TradingOps.Core.Notifications.DeliveryState.Pending && m.NextAttemptAt <= now),
                Value(body, "tradingops_outbox_backlog"));
            Assert.Equal(await db.QueueTickets.CountAsync(t => t.ServiceDate == today && t.Status == TradingOps.Core.Queue.TicketStatus.Waiting),
                Value(body, "tradingops_queue_waiting"));
        }
    }

    [Fact]
    public async Task The_scrape_token_opens_it_from_an_address_that_is_not_allowed()
    {
        using var client = Client();
        var response = await client.SendAsync(Scrape(token: MetricsServer.Token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("tradingops_integration_up", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_401_and_a_bearer_challenge()
    {
        using var client = Client();
        var response = await client.SendAsync(Scrape(forwardedFor: "198.51.100.7", token: "not-the-scrape-token-at-all"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.DoesNotContain("tradingops_", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_address_that_is_not_allowed_is_refused_with_403()
    {
        using var client = Client();
        var direct = await client.SendAsync(Scrape());
        var forwardedOther = await client.SendAsync(Scrape(forwardedFor: "198.51.100.8"));
        Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forwardedOther.StatusCode);
        Assert.DoesNotContain("tradingops_", await direct.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_allowed_address_claimed_by_a_hop_that_is_not_the_configured_proxy_is_refused()
    {
        // The client connects from 127.0.0.2: loopback, but not the configured proxy, so its X-Forwarded-For is ignored.
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
                    await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = server.Loopback };
        var response = await client.SendAsync(Scrape(forwardedFor: "198.51.100.7"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
