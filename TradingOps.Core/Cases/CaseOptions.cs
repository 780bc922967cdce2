namespace TradingOps.Core.Cases;

/// <summary>
/// Objections and complaints (section "Cases"): the center's own forwarding clock, the channels it publishes
/// (Liaoning 7.2.9, Yunnan 9.2, Beijing 9.3: 公布投诉方式（电话、信箱等）) and the public form's limits.
/// </summary>
public sealed class CaseOptions
{
    public const string Section = "Cases";

    /// <summary>
    /// The center's own service clock: a received case is forwarded to whoever must answer within this many working
    /// hours. The standards say 及时 (promptly) and give no count; 4 working hours is the center's policy, admins change it.
    /// </summary>
    public double ForwardWorkingHours { get; set; } = 4;

    /// <summary>Shown amber on the board and the desk when less working time than this is left.</summary>
    public int DueSoonMinutes { get; set; } = 60;

    /// <summary>The published channels (公开渠道页).</summary>
    public string ComplaintPhone { get; set; } = "0000-12345678";
    public string ComplaintMailbox { get; set; } = "tousu@example.gov.cn";
    public string MailboxAddress { get; set; } = "服务大厅一楼东侧 投诉举报意见箱";
    public string OfficeHoursText { get; set; } = "工作日 9:00–12:00，13:30–17:30";

    /// <summary>The public form: longest text accepted (characters), and how many forms and lookups one address may send.</summary>
    public int PublicTextMaxLength { get; set; } = 2000;
    public int PublicFormsPerHour { get; set; } = 5;
    public int TrackingLookupsPerMinute { get; set; } = 10;

    public bool IsValid =>
        ForwardWorkingHours is > 0 and <= 80
        && DueSoonMinutes is >= 0 and <= 480
        && !string.IsNullOrWhiteSpace(ComplaintPhone) && !string.IsNullOrWhiteSpace(ComplaintMailbox)
        && PublicTextMaxLength is >= 200 and <= Case.DetailsMaxLength
        && PublicFormsPerHour is >= 1 and <= 100
        && TrackingLookupsPerMinute is >= 1 and <= 100;
}
