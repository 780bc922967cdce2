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
    /// Checklists per session kind (key: <see cref="WitnessSessionKind"/> name), replacing the default of that kind
    /// (<see cref="WitnessChecklist.Defaults"/>); kinds not listed keep theirs.
    /// </summary>
    public Dictionary<string, List<ChecklistStep>> Checklists { get; set; } = [];

    /// <summary>A step ticked more than this many minutes after it happened is flagged 补记 (late entry).</summary>
    public int LateEntryMinutes { get; set; } = 10;

    /// <summary>A recording reference must lie within the session's times widened by this many hours.</summary>
    public int RecordingMarginHours { get; set; } = 4;

    /// <summary>The anchors' signing key: ECDSA P-256, PKCS#8, base64, the same on every node. Production refuses the development key.</summary>
    public string AnchorSigningKey { get; set; } = DevelopmentAnchorSigningKey;

    /// <summary>Public keys (SubjectPublicKeyInfo, base64) of former signing keys whose anchors are still trusted after a key change.</summary>
    public List<string> AnchorTrustedKeys { get; set; } = [];

    /// <summary>Public (it is in the source): for development and the demo only.</summary>
    public const string DevelopmentAnchorSigningKey = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgk8wljl7rlfqEJL2Sp3tHu+zvXRLMIOXCoegPcciTPJahRANCAAQlvviOHYCKhOEsk7VAdaBGlFFTw7o116mRVeujZI9P7v+3nntu7l4SbZbDqxxF9JK58SbN868jkm3os6/gXVN6";

    /// <summary>
    /// Hours after an incident is raised by which its report to the supervising department is due (clock hours: Yunnan
    /// 5.4.7 asks for the report "同时", with the suspension; overdue reports show on the incident list and the wall).
    /// </summary>
    public int IncidentReportHours { get; set; } = 2;

    /// <summary>Misconduct goes to the department within this many working days after it was found (see <see cref="MisconductRules"/>: the standards say "promptly").</summary>
    public int MisconductReportWorkingDays { get; set; } = 1;

    /// <summary>
    /// The console's public address as the public reaches it: the certificate's QR code and the rating links sent to
    /// agencies are absolute URLs on it (an absolute http/https address, no path needed).
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>An absolute URL on <see cref="PublicBaseUrl"/> for a path such as "/verify/JZ2026-000001".</summary>
    public string PublicUrl(string path) => PublicBaseUrl.TrimEnd('/') + "/" + path.TrimStart('/');

    public bool IsValid => !string.IsNullOrWhiteSpace(AnchorFolder) && !string.IsNullOrWhiteSpace(DepartmentName) && AnchorKeyIsValid
        && WitnessChecklist.Problem(Checklists) is null && LateEntryMinutes is >= 1 and <= 240 && RecordingMarginHours is >= 0 and <= 24
        && IncidentReportHours is > 0 and <= 24 * 30
        && MisconductReportWorkingDays is >= 1 and <= 5
        && Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps);

    private bool AnchorKeyIsValid
    {
        get
        {
            try { using var _ = WitnessAnchorFile.SigningKey(AnchorSigningKey ?? ""); return true; }
            catch (ArgumentException) { return false; }
        }
    }
}
