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
    /// Hours after an incident is raised by which its report to the supervising department is due (clock hours: Yunnan
    /// 5.4.7 asks for the report "同时", with the suspension; overdue reports show on the incident list and the wall).
    /// </summary>
    public int IncidentReportHours { get; set; } = 2;

    public bool IsValid => !string.IsNullOrWhiteSpace(AnchorFolder) && !string.IsNullOrWhiteSpace(DepartmentName)
        && IncidentReportHours is > 0 and <= 24 * 30;
}
