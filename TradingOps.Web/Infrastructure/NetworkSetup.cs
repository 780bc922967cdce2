using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.Extensions.Options;

namespace TradingOps.Web.Infrastructure;

/// <summary>
/// Section "Network": the reverse proxies in front of the console. X-Forwarded-For and X-Forwarded-Proto are
/// believed only when the hop that sent them is one of these; from anyone else they are ignored, so a visitor
/// cannot pick the address their limits and audit entries are counted under.
/// </summary>
public sealed class NetworkOptions
{
    public const string Section = "Network";

    /// <summary>Proxy addresses, comma-separated (<c>10.0.0.5,10.0.0.6</c>). Empty: no forwarded headers are honoured.</summary>
    public string KnownProxies { get; set; } = "";

    /// <summary>Proxy networks in CIDR notation, comma-separated (<c>10.10.0.0/16</c>).</summary>
    public string KnownNetworks { get; set; } = "";

    public bool TryParse(out IReadOnlyList<IPAddress> proxies, out IReadOnlyList<IPNetwork> networks)
    {
        var addresses = new List<IPAddress>();
        var ranges = new List<IPNetwork>();
        proxies = addresses;
        networks = ranges;
        foreach (var item in Split(KnownProxies))
        {
            if (!IPAddress.TryParse(item, out var address)) return false;
            addresses.Add(address);
        }
        foreach (var item in Split(KnownNetworks))
        {
            if (!IPNetwork.TryParse(item, out var network)) return false;
            ranges.Add(network);
        }
        return true;
    }

    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public static class NetworkSetup
{
    public static IServiceCollection AddTradingOpsNetwork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NetworkOptions>().Bind(configuration.GetSection(NetworkOptions.Section))
            .Validate(o => o.TryParse(out _, out _),
                "Network:KnownProxies 应为逗号分隔的 IP 地址（如 10.0.0.5），Network:KnownNetworks 应为逗号分隔的 CIDR 网段（如 10.10.0.0/16）")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<NetworkOptions>>((forwarded, network) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default: nothing is trusted here unless configured.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            if (network.Value.TryParse(out var proxies, out var networks))
            {
                foreach (var proxy in proxies) forwarded.KnownProxies.Add(proxy);
                foreach (var range in networks) forwarded.KnownIPNetworks.Add(range);
            }
            // Walk back through every configured proxy in a chain; the first hop that is not one is the client.
            forwarded.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>First in the pipeline: everything after it (limits, audit, HTTPS cookies) sees the real client.</summary>
    public static IApplicationBuilder UseTrustedForwardedHeaders(this IApplicationBuilder app) => app.UseForwardedHeaders();
}
