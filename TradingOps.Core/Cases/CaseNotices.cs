using TradingOps.Core.Common;
using TradingOps.Core.Notifications;
using TradingOps.Core.Witness;

namespace TradingOps.Core.Cases;

/// <summary>A contact of the project's agency (the latest registration's, or a booking's): where an objection is sent.</summary>
public sealed record CaseContact(string? Name, string? Phone, string? Email);

/// <summary>
/// The messages a desk step sends, written to the outbox in the step's transaction: to whoever must answer when a case is
/// forwarded (the supervising department; the project's agency contact for an objection), and to the raiser (an SMS
/// with the tracking code only: the case's content stays off a phone screen) when it is passed on and when answered.
/// The responsible party reads the case as written: it is theirs to answer.
/// </summary>
public static class CaseNotices
{
    public static IReadOnlyList<OutboxMessage> Forwarded(Case c, WitnessOptions department, CaseContact? agencyContact, string? agency,
        string centerName, DateTimeOffset now)
    {
        var messages = new List<OutboxMessage>();
        var kind = CaseRules.KindName(c.Kind);
        var subject = $"【{centerName}】转交{kind} {c.Number}{(c.ProjectCode is null ? "" : $"（项目 {c.ProjectCode}）")}";
        var due = c.ResponseDueAt is { } d ? $"，答复时限至 {CenterTime.ToLocal(d):yyyy-MM-dd HH:mm}（{c.PresetSource}）" : "";
        if (c.Route == CaseRoute.Department)
        {
            if (!PlainText.IsBlank(department.DepartmentEmail))
                messages.Add(new OutboxMessage(NotificationKind.CaseForwarded, NotificationChannel.Email, department.DepartmentName,
                    department.DepartmentEmail.Trim(), subject, Body(c, department.DepartmentName, centerName, due), null, agency, now));
            if (!PlainText.IsBlank(department.DepartmentPhone))
                messages.Add(new OutboxMessage(NotificationKind.CaseForwarded, NotificationChannel.Sms, department.DepartmentName,
                    department.DepartmentPhone.Trim(), subject,
                    $"【{centerName}】收到{kind}（{c.Number}，{c.Subject}），已转交贵单位{due}，详见电子邮件。", null, agency, now));
        }
        else if (c.Route == CaseRoute.InitiatorOrAgency && agencyContact is { } contact)
        {
            var to = contact.Name ?? agency ?? "项目联系人";
            if (!PlainText.IsBlank(contact.Email))
                messages.Add(new OutboxMessage(NotificationKind.CaseForwarded, NotificationChannel.Email, to, contact.Email.Trim(), subject,
                    Body(c, c.ForwardedTo ?? to, centerName, due), null, agency, now));
            if (!PlainText.IsBlank(contact.Phone))
                messages.Add(new OutboxMessage(NotificationKind.CaseForwarded, NotificationChannel.Sms, to, contact.Phone.Trim(), subject,
                    $"【{centerName}】项目 {c.ProjectCode} 收到{kind}（{c.Number}，{c.Subject}），已转交{c.ForwardedTo}{due}"
                    + (c.RequiresSuspension ? "；答复前暂停招标投标活动。" : "。"), null, agency, now));
        }
        if (!PlainText.IsBlank(c.RaisedByPhone))
            messages.Add(new OutboxMessage(NotificationKind.CaseForwarded, NotificationChannel.Sms, c.RaisedByName ?? "提出人", c.RaisedByPhone,
                $"【{centerName}】您的{kind}已转交",
                $"【{centerName}】您提出的{kind}已转交{c.ForwardedTo}办理。查询码 {c.TrackingCode}，可在中心网站“投诉与异议”页查询进度。",
                null, null, now));
        return messages;
    }

    public static IReadOnlyList<OutboxMessage> Answered(Case c, string centerName, DateTimeOffset now)
    {
        if (PlainText.IsBlank(c.RaisedByPhone)) return [];
        var kind = CaseRules.KindName(c.Kind);
        return [new OutboxMessage(NotificationKind.CaseAnswered, NotificationChannel.Sms, c.RaisedByName ?? "提出人", c.RaisedByPhone,
            $"【{centerName}】您的{kind}已有答复",
            $"【{centerName}】您提出的{kind}已由{c.ForwardedTo}答复，答复将按规定送达。查询码 {c.TrackingCode}。",
            null, null, now)];
    }

    private static string Body(Case c, string addressee, string centerName, string due) => $"""
        {addressee}：
        {centerName}收到以下{CaseRules.KindName(c.Kind)}，依职责转交贵单位{(c.Route == CaseRoute.Department ? "处理" : "答复")}{due}。
        案件编号：{c.Number}
        项目：{c.ProjectCode} {c.ProjectName}
        阶段：{StageName(c.Stage)}
        受理时间：{CenterTime.ToLocal(c.ReceivedAt):yyyy-MM-dd HH:mm}
        提出人：{string.Join(" ", new[] { c.RaisedByOrganisation, c.RaisedByName, c.RaisedByPhone, c.RaisedByEmail }.Where(s => s is not null))}
        事由：{c.Subject}
        具体内容：{c.Details}
        附件：{(c.Attachments.Count == 0 ? "无" : string.Join("；", c.Attachments))}
        转交凭证：{c.ForwardReference ?? "—"}
        {(c.RequiresSuspension ? "按规定，作出答复前应当暂停招标投标活动，中心已暂停本项目的交易场次。" : "")}
        """;

    public static string StageName(CaseStage stage) => stage switch
    {
        CaseStage.PrequalificationDocuments => "资格预审文件",
        CaseStage.TenderDocuments => "招标/采购文件",
        CaseStage.BidOpening => "开标",
        CaseStage.Evaluation => "评标/评审",
        CaseStage.CandidatePublicity => "中标（成交）候选人公示",
        CaseStage.ResultAndContract => "结果与合同",
        CaseStage.CenterService => "中心服务",
        _ => "其他",
    };
}
