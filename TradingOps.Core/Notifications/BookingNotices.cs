using TradingOps.Core.Common;
using TradingOps.Core.Floor;

namespace TradingOps.Core.Notifications;

/// <summary>
/// The one home of what the agency is told about its booking (SMS and e-mail text, in Chinese): every service that
/// confirms, changes, cancels or proposes calls <see cref="For"/> and adds the messages to the outbox in the
/// transaction of the change. A booking without a contact phone or mailbox produces no message for that channel.
/// </summary>
public static class BookingNotices
{
    public static IReadOnlyList<OutboxMessage> For(NotificationKind kind, RoomBooking booking, string roomName,
        string centerName, DateTimeOffset now, string? detail = null)
    {
        var what = Headline(kind);
        var slot = Slot(booking.StartsAt, booking.EndsAt);
        var tail = string.IsNullOrWhiteSpace(detail) ? "" : $"{detail.Trim().TrimEnd('。')}。";
        var sms = $"【{centerName}】{booking.Agency ?? booking.ContactName ?? ""}：项目 {booking.ProjectCode} 的场地预约{what}：{roomName} {slot}。{tail}如有疑问请联系场地安排岗。";
        var subject = $"场地预约{what}：{booking.ProjectCode} {roomName} {slot}";
        var body = string.Join('\n',
            $"{booking.ContactName ?? booking.Agency ?? "您好"}：",
            "",
            $"项目 {booking.ProjectCode} {booking.ProjectName} 的场地预约{what}。",
            $"场地：{roomName}",
            $"时间：{slot}（布场 {booking.SetupMinutes} 分钟、清场 {booking.CleanupMinutes} 分钟）",
            $"用途：{BookingRules.PurposeName(booking.Purpose)}，{booking.Attendees} 人",
            string.IsNullOrWhiteSpace(detail) ? "" : $"说明：{detail.Trim()}",
            "",
            $"{centerName} 场地安排岗");
        var messages = new List<OutboxMessage>(2);
        var recipient = booking.ContactName ?? booking.Agency ?? booking.ProjectCode;
        if (!string.IsNullOrEmpty(booking.ContactPhone))
            messages.Add(new OutboxMessage(kind, NotificationChannel.Sms, recipient, booking.ContactPhone, subject, sms, booking.Id, booking.Agency, now));
        if (!string.IsNullOrEmpty(booking.ContactEmail))
            messages.Add(new OutboxMessage(kind, NotificationChannel.Email, recipient, booking.ContactEmail, subject, body, booking.Id, booking.Agency, now));
        return messages;
    }

    public static string Headline(NotificationKind kind) => kind switch
    {
        NotificationKind.BookingReceived => "已受理，待确认",
        NotificationKind.BookingConfirmed => "已确认",
        NotificationKind.BookingChanged => "已变更",
        NotificationKind.BookingExtended => "已延时",
        NotificationKind.BookingShortened => "已缩短",
        NotificationKind.BookingSplit => "已拆分",
        NotificationKind.BookingCancelled => "已取消",
        NotificationKind.BookingNoShow => "记为爽约",
        NotificationKind.ProposalOffered => "需要调整（中心已提出建议）",
        NotificationKind.ProposalAccepted => "已按建议调整",
        NotificationKind.RequestReceived => "申请已受理",
        NotificationKind.RequestAnswered => "申请已处理",
        _ => "需主管审批",
    };

    /// <summary>"2026-12-11 09:00-11:30" (local time; the end's date is added when it is another day).</summary>
    public static string Slot(DateTimeOffset start, DateTimeOffset end)
    {
        var s = CenterTime.ToLocal(start);
        var e = CenterTime.ToLocal(end);
        return s.Date == e.Date ? $"{s:yyyy-MM-dd HH:mm}-{e:HH:mm}" : $"{s:yyyy-MM-dd HH:mm}-{e:yyyy-MM-dd HH:mm}";
    }
}
