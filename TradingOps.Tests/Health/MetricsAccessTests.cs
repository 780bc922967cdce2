using System.Net;
using TradingOps.Core.Health;
using TradingOps.Web.Health;

namespace TradingOps.Tests.Health;

/// <summary>Who may scrape /metrics (the rule; MetricsEndpointTests checks it on the real app).</summary>
public sealed class MetricsAccessTests
{
    private const string Token = "scrape-token-0123456789";
    private static readonly HealthOptions Options = new() { MetricsAllowedAddresses = ["10.20.30.40", "192.168.8.0/24"], MetricsToken = Token };

    [Fact]
    public void In_Development_anyone_may_scrape() =>
        Assert.Equal(MetricsDecision.Allowed, MetricsAccess.Decide(IPAddress.Parse("203.0.113.9"), null, new HealthOptions(), isDevelopment: true));

    [Theory]
    [InlineData("10.20.30.40")]
    [InlineData("192.168.8.77")]
    [InlineData("::ffff:10.20.30.40")]
    public void A_configured_address_or_network_may_scrape(string remote) =>
        Assert.Equal(MetricsDecision.Allowed, MetricsAccess.Decide(IPAddress.Parse(remote), null, Options, isDevelopment: false));

    [Theory]
    [InlineData("10.20.30.41")]
    [InlineData("192.168.9.1")]
    [InlineData("127.0.0.1")]
    public void Any_other_address_without_a_token_is_refused_with_403(string remote) =>
        Assert.Equal(MetricsDecision.AddressRefused, MetricsAccess.Decide(IPAddress.Parse(remote), null, Options, isDevelopment: false));

    [Fact]
    public void The_configured_bearer_token_opens_it_from_any_address() =>
        Assert.Equal(MetricsDecision.Allowed, MetricsAccess.Decide(IPAddress.Parse("203.0.113.9"), $"Bearer {Token}", Options, isDevelopment: false));

    [Theory]
    [InlineData("Bearer wrong-token-0123456789")]
    [InlineData("Bearer scrape-token-012345678")]
    public void A_wrong_token_is_refused_with_401_even_from_an_allowed_address(string header) =>
        Assert.Equal(MetricsDecision.TokenRefused, MetricsAccess.Decide(IPAddress.Parse("10.20.30.40"), header, Options, isDevelopment: false));

    [Fact]
    public void With_nothing_configured_the_endpoint_is_closed_outside_Development()
    {
        Assert.Equal(MetricsDecision.AddressRefused, MetricsAccess.Decide(IPAddress.Loopback, null, new HealthOptions(), isDevelopment: false));
        Assert.Equal(MetricsDecision.TokenRefused, MetricsAccess.Decide(IPAddress.Loopback, "Bearer anything-at-all-here", new HealthOptions(), isDevelopment: false));
        Assert.Equal(MetricsDecision.AddressRefused, MetricsAccess.Decide(null, null, Options, isDevelopment: false));
    }
}
