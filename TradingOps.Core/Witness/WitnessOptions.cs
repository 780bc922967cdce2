namespace TradingOps.Core.Witness;

/// <summary>Witnessing settings (section "Witness"); each part adds its own with a default and a check in <see cref="IsValid"/>.</summary>
public sealed class WitnessOptions
{
    public const string Section = "Witness";

    /// <summary>Where the signed daily digest files (the anchors outside the database) are written; relative to the content root.</summary>
    public string AnchorFolder { get; set; } = "App_Data/witness-anchors";

    /// <summary>The supervising department (监督部门) reports go to: name, phone for SMS, mailbox.</summary>
    public string DepartmentName { get; set; } = "市公共资源交易监督管理局";
    public string? DepartmentPhone { get; set; } = "13800000000";
    public string? DepartmentEmail { get; set; } = "jianguan@example.gov.cn";

    /// <summary>
    /// The console's public address as the public reaches it: the certificate's QR code and the rating links sent to
    /// agencies are absolute URLs on it (an absolute http/https address, no path needed).
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>An absolute URL on <see cref="PublicBaseUrl"/> for a path such as "/verify/JZ2026-000001".</summary>
    public string PublicUrl(string path) => PublicBaseUrl.TrimEnd('/') + "/" + path.TrimStart('/');

    public bool IsValid => !string.IsNullOrWhiteSpace(AnchorFolder) && !string.IsNullOrWhiteSpace(DepartmentName)
        && Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps);
}
