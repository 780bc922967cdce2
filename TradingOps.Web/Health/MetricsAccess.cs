using System.Net;
using System.Security.Cryptography;
using System.Text;
using TradingOps.Core.Health;
using IPNetwork = System.Net.IPNetwork;

namespace TradingOps.Web.Health;

/// <summary>What /metrics answers a caller.</summary>
public enum MetricsDecision
{
    Allowed,
    /// <summary>403: the caller's address is not one of Health:MetricsAllowedAddresses and it offered no token.</summary>
    AddressRefused,
    /// <summary>401: it offered a bearer token that is not Health:MetricsToken.</summary>
    TokenRefused,
}

/// <summary>
/// Who may scrape /metrics: anyone in Development; elsewhere a client whose address (as the trusted forwarded
/// headers leave it: a forwarded address counts only from a configured proxy) is one of Health:MetricsAllowedAddresses
/// (addresses or CIDR networks), or that presents Health:MetricsToken as a bearer token. Nobody otherwise: with
/// nothing configured the endpoint is closed.
/// </summary>
public static class MetricsAccess
{
    public static MetricsDecision Decide(IPAddress? remote, string? authorization, HealthOptions options, bool isDevelopment)
    {
        if (isDevelopment) return MetricsDecision.Allowed;
        if (BearerToken(authorization) is { } offered)
            return TokenMatches(offered, options.MetricsToken) ? MetricsDecision.Allowed : MetricsDecision.TokenRefused;
        return remote is not null && AddressAllowed(remote, options.MetricsAllowedAddresses) ? MetricsDecision.Allowed : MetricsDecision.AddressRefused;
    }

    public static bool AddressAllowed(IPAddress remote, IEnumerable<string> allowed)
    {
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        foreach (var entry in allowed)
        {
            if (IPAddress.TryParse(entry, out var address))
            {
                if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
                if (address.Equals(remote)) return true;
            }
            else if (IPNetwork.TryParse(entry, out var network) && network.Contains(remote)) return true;
        }
        return false;
    }

    private static string? BearerToken(string? authorization) =>
        authorization is { } h && h.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && h[7..].Trim() is { Length: > 0 } t ? t : null;

    private static bool TokenMatches(string offered, string? expected) =>
        !string.IsNullOrEmpty(expected)
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(offered)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
