using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Live;
using TradingOps.Core.Notifications;

namespace TradingOps.Core.Witness;

/// <summary>What an incident's action is, as messages and the log word it.</summary>
public enum IncidentAction { Raised, Suspended, Resumed, Terminated }

/// <summary>
/// The one home of what an incident tells people (Liaoning 6.5.8, Yunnan 5.4.6–5.4.7: "通知所有相关主体", "同时向有关行政
/// 监督管理部门报告"): the agency contact of each affected booking (SMS and e-mail), the supervising department (SMS and
/// e-mail, the full description: it is the department's business) and the project's responsible staff (SMS). Only the
/// department reads the reason as written; every other party gets it with phone and ID numbers masked
/// (<see cref="PublicProjection.MaskPersonalData"/>). Experts are never messaged here: their phones are protected.
/// </summary>
public static class IncidentNotices
{
    public static string CategoryName(IncidentCategory category) => category switch
    {
        IncidentCategory.SystemFailure => "系统故障",
        IncidentCategory.ForceMajeure => "不可抗力",
        IncidentCategory.SiteOrder => "现场秩序",
        IncidentCategory.ObjectionOrComplaint => "异议或投诉",
        IncidentCategory.ExpertAbsent => "专家缺席",
        _ => "其他",
    };

    public static NotificationKind KindOf(IncidentAction action) => action switch
    {
        IncidentAction.Resumed => NotificationKind.SessionResumed,
        IncidentAction.Terminated => NotificationKind.SessionTerminated,
        _ => NotificationKind.SessionSuspended,
    };

    private static string Verb(IncidentAction action) => action switch
    {
        IncidentAction.Suspended => "暂停",
        IncidentAction.Resumed => "恢复",
        IncidentAction.Terminated => "终止",
        _ => "发生异常事件",
    };

    /// <summary>The agency's messages about one of its bookings; none for a booking without a contact phone or mailbox.</summary>
    public static IReadOnlyList<OutboxMessage> ForAgency(IncidentAction action, Incident incident, RoomBooking booking, string roomName,
        string centerName, string? reason, DateTimeOffset now)
    {
        var kind = KindOf(action);
        var verb = Verb(action);
        var slot = BookingNotices.Slot(booking.StartsAt, booking.EndsAt);
        var what = BookingRules.PurposeName(booking.Purpose);
        var masked = PublicProjection.MaskPersonalData(reason?.Trim());
        var why = string.IsNullOrWhiteSpace(masked) ? "" : $"原因：{masked.TrimEnd('。')}。";
        var next = action == IncidentAction.Suspended ? "恢复时间另行通知，请通知本项目各投标人/相关主体。" : action == IncidentAction.Terminated ? "请按规定发布公告并通知各相关主体。" : "";
        var sms = $"【{centerName}】{booking.Agency ?? booking.ContactName ?? ""}：项目 {booking.ProjectCode} 在{roomName}（{slot}）的{what}已{verb}。{why}{next}事件编号 {incident.Number}。";
        var subject = $"{what}{verb}通知：{booking.ProjectCode} {roomName} {slot}";
        var body = string.Join('\n',
            $"{booking.ContactName ?? booking.Agency ?? "您好"}：", "",
            $"项目 {booking.ProjectCode} {booking.ProjectName} 的{what}已{verb}。",
            $"场地：{roomName}", $"时间：{slot}",
            $"事件：{incident.Number}（{CategoryName(incident.Category)}）",
            why.Length == 0 ? "" : why.TrimEnd('。'), next, "",
            $"{centerName} 交易见证岗");
        var recipient = booking.ContactName ?? booking.Agency ?? booking.ProjectCode;
        var messages = new List<OutboxMessage>(2);
        if (!string.IsNullOrEmpty(booking.ContactPhone))
            messages.Add(new OutboxMessage(kind, NotificationChannel.Sms, recipient, booking.ContactPhone, subject, sms, booking.Id, booking.Agency, now));
        if (!string.IsNullOrEmpty(booking.ContactEmail))
            messages.Add(new OutboxMessage(kind, NotificationChannel.Email, recipient, booking.ContactEmail, subject, body, booking.Id, booking.Agency, now));
        return messages;
    }

    /// <summary>The supervising department's SMS and e-mail (kind DepartmentReport): the incident as written, its sessions and the report deadline.</summary>
    public static IReadOnlyList<OutboxMessage> ForDepartment(IncidentAction action, Incident incident, WitnessOptions department,
        IReadOnlyList<string> sessions, string centerName, string? reason, DateTimeOffset now)
    {
        var verb = Verb(action);
        var scope = incident.Scope == IncidentScope.Project ? "整个项目" : "场次";
        var subject = $"异常事件报告：{incident.ProjectCode} {CategoryName(incident.Category)}（{scope}{(action == IncidentAction.Raised ? "" : "已" + verb)}）";
        var why = string.IsNullOrWhiteSpace(reason) ? "" : $"原因：{reason.Trim()}";
        var due = CenterTime.ToLocal(incident.ReportDueAt);
        var sms = $"【{centerName}】{department.DepartmentName}：项目 {incident.ProjectCode} 发生{CategoryName(incident.Category)}，{scope}{(action == IncidentAction.Raised ? "待处置" : "已" + verb)}。"
                  + $"{(why.Length == 0 ? "" : why + "。")}事件编号 {incident.Number}，书面报告随后报送。";
        var body = string.Join('\n', new[]
        {
            $"{department.DepartmentName}：", "",
            $"项目 {incident.ProjectCode} 发生异常事件（{CategoryName(incident.Category)}），{scope}{(action == IncidentAction.Raised ? "待处置" : "已" + verb)}。",
            $"事件编号：{incident.Number}",
            $"发生时间：{CenterTime.ToLocal(incident.OpenedAt):yyyy-MM-dd HH:mm}",
            $"事件描述：{incident.Description}",
            why,
            sessions.Count == 0 ? "" : $"涉及场次：{string.Join("；", sessions)}",
            $"报告时限：{due:yyyy-MM-dd HH:mm} 前（云南 5.4.7）", "",
            $"{centerName} 交易见证岗",
        }.Where(l => l is not null));
        var messages = new List<OutboxMessage>(2);
        if (!string.IsNullOrWhiteSpace(department.DepartmentPhone))
            messages.Add(new OutboxMessage(NotificationKind.DepartmentReport, NotificationChannel.Sms, department.DepartmentName, department.DepartmentPhone.Trim(), subject, sms, incident.BookingId, null, now));
        if (!string.IsNullOrWhiteSpace(department.DepartmentEmail))
            messages.Add(new OutboxMessage(NotificationKind.DepartmentReport, NotificationChannel.Email, department.DepartmentName, department.DepartmentEmail.Trim(), subject, body, incident.BookingId, null, now));
        return messages;
    }

    /// <summary>The project's responsible staff member (SMS when the staff record has a phone).</summary>
    public static OutboxMessage? ForStaff(IncidentAction action, Incident incident, string staffName, string? phone, string centerName,
        string? reason, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var masked = PublicProjection.MaskPersonalData(reason?.Trim());
        var subject = $"项目 {incident.ProjectCode} {Verb(action)}";
        var sms = $"【{centerName}】{staffName}：您负责的项目 {incident.ProjectCode} {(action == IncidentAction.Raised ? "发生" : "因")}{CategoryName(incident.Category)}"
                  + $"{(action == IncidentAction.Raised ? "" : "已" + Verb(action))}。{(string.IsNullOrWhiteSpace(masked) ? "" : $"原因：{masked}。")}事件编号 {incident.Number}。";
        return new OutboxMessage(KindOf(action), NotificationChannel.Sms, staffName, phone.Trim(), subject, sms, incident.BookingId, null, now);
    }
}

/// <summary>An incident as the wall and the list hold it (a plain record: it travels in <see cref="IncidentChanged"/>).</summary>
public sealed record IncidentRow(Guid Id, string Number, string ProjectCode, Guid? BookingId, IncidentCategory Category, IncidentScope Scope,
    IncidentState State, DateTimeOffset OpenedAt, DateTimeOffset ReportDueAt, DateTimeOffset? ReportedAt, DateTimeOffset? FeedbackAt)
{
    public bool IsReportOverdue(DateTimeOffset now) => ReportedAt is null && now > ReportDueAt;
}

/// <summary>An incident changed (raised, suspended, resumed, terminated, reported, closed): the wall's overdue-report count follows it.</summary>
public sealed record IncidentChanged(DateTimeOffset At, IncidentRow Row) : LiveEvent(At);

public sealed partial class Incident
{
    public IncidentRow ToRow() => new(Id, Number, ProjectCode, BookingId, Category, Scope, State, OpenedAt, ReportDueAt, ReportedAt, FeedbackAt);
}
