using TradingOps.Core.Common;
using TradingOps.Core.Notifications;

namespace TradingOps.Core.Witness;

/// <summary>
/// The report of a misconduct record to the supervising department (Yunnan 5.4.8): an e-mail with the whole record
/// and its evidence references, and a short SMS, to whichever of the department's addresses is configured. An
/// expert appears by code only.
/// </summary>
public static class MisconductNotice
{
    public static IReadOnlyList<OutboxMessage> For(MisconductRecord r, WitnessOptions department, string centerName, DateTimeOffset now)
    {
        var subject = $"【{centerName}】不良行为报告 {r.ProjectCode}（{r.ReportReference}）";
        var messages = new List<OutboxMessage>();
        if (!PlainText.IsBlank(department.DepartmentEmail))
            messages.Add(new OutboxMessage(NotificationKind.DepartmentReport, NotificationChannel.Email, department.DepartmentName,
                department.DepartmentEmail.Trim(), subject, EmailBody(r, department, centerName), r.BookingId, null, now));
        if (!PlainText.IsBlank(department.DepartmentPhone))
            messages.Add(new OutboxMessage(NotificationKind.DepartmentReport, NotificationChannel.Sms, department.DepartmentName,
                department.DepartmentPhone.Trim(), subject,
                $"【{centerName}】项目 {r.ProjectCode} 发现不良行为（{MisconductRules.Name(r.Category)}，{MisconductRules.Name(r.Party)} {r.PartyLabel}），报告文号 {r.ReportReference}，详见电子邮件。",
                r.BookingId, null, now));
        return messages;
    }

    private static string EmailBody(MisconductRecord r, WitnessOptions department, string centerName)
    {
        var evidence = r.EvidenceItems.Count == 0 ? "无"
            : string.Join("；", r.EvidenceItems.Select(e => e.Kind == EvidenceKind.Recording && e.From is { } f && e.Until is { } u
                ? $"录像 {e.Reference} {CenterTime.ToLocal(f):yyyy-MM-dd HH:mm:ss}–{CenterTime.ToLocal(u):HH:mm:ss}"
                : $"{MisconductRules.Name(e.Kind)} {e.Reference}"));
        return $"""
            {department.DepartmentName}：
            {centerName}在交易见证中发现不良行为，现报告如下（报告文号 {r.ReportReference}）。
            项目编号：{r.ProjectCode}
            发现时间：{CenterTime.ToLocal(r.FoundAt):yyyy-MM-dd HH:mm}
            当事人：{MisconductRules.Name(r.Party)} {r.PartyLabel}
            行为类别：{MisconductRules.Name(r.Category)}
            现场处置：{MisconductRules.Name(r.OnTheSpot)}
            情况描述：{r.Description}
            证据索引：{evidence}
            请将处理情况反馈我中心（云南 5.4.8）。
            """;
    }
}
