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

    /// <summary>Misconduct goes to the department within this many working days after it was found (see <see cref="MisconductRules"/>: the standards say "promptly").</summary>
    public int MisconductReportWorkingDays { get; set; } = 1;

    public bool IsValid => !string.IsNullOrWhiteSpace(AnchorFolder) && !string.IsNullOrWhiteSpace(DepartmentName)
                           && MisconductReportWorkingDays is >= 1 and <= 5;
}
