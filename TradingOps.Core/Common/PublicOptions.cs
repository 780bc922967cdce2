namespace TradingOps.Core.Common;

/// <summary>
/// How the public reaches the console and whose documents it prints (configuration section "Public", issue 22):
/// the QR on a ticket slip is an absolute URL on <see cref="BaseAddress"/> so a phone can open it, and printed
/// documents (the deficiency notice) carry <see cref="CenterName"/> in their letterhead.
/// </summary>
public sealed class PublicOptions
{
    public const string Section = "Public";
    public const string DefaultBaseAddress = "http://localhost:5080";

    /// <summary>The console's address as the public reaches it: an absolute http/https URL (a path prefix is allowed).</summary>
    public string BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>The center's name in letterheads; empty means the center recorded in the database.</summary>
    public string CenterName { get; set; } = "";

    public bool BaseAddressIsValid =>
        Uri.TryCreate(BaseAddress, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(u.Query) && string.IsNullOrEmpty(u.Fragment);

    /// <summary>The absolute URL of a path such as "/queue/rate/abc" on <see cref="BaseAddress"/>.</summary>
    public Uri Url(string path) => new(BaseAddress.TrimEnd('/') + "/" + path.TrimStart('/'), UriKind.Absolute);
}
