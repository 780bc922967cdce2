using System.Security.Cryptography;
using TradingOps.Core.Common;
using TradingOps.Core.Floor;
using TradingOps.Core.Notifications;

namespace TradingOps.Core.Witness;

/// <summary>
/// 好差评 for a session (national 10.5, Yunnan 9.3): the secret link (/rate/session/{token}) by which the agency and the
/// initiator rate the venue service and the witness service of one session, once each. Made when the session ends (the
/// invitation goes to the agency contact through the outbox in the same transaction) and printed on the certificate.
/// </summary>
public sealed class SessionRatingInvite : Entity
{
    public const int TokenLength = 32;

    private SessionRatingInvite() { Token = ProjectCode = ""; }

    public SessionRatingInvite(RoomBooking booking, DateTimeOffset at)
    {
        BookingId = booking.Id;
        ProjectCode = booking.ProjectCode;
        Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(TokenLength / 2));
        CreatedAt = at.ToUniversalTime();
    }

    public Guid BookingId { get; private set; }
    public string ProjectCode { get; private set; }
    public string Token { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static string PathOf(string token) => $"/rate/session/{token}";

    /// <summary>Only a well-formed token is looked up (32 lower-case hex digits).</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: TokenLength } && token.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}

/// <summary>The invitation to rate a session (SMS and e-mail to the booking's contact): the one composer of its text.</summary>
public static class SessionRatingNotices
{
    public static IReadOnlyList<OutboxMessage> For(RoomBooking booking, string roomName, string centerName, string link, DateTimeOffset now)
    {
        var kind = CertificateRules.KindName(booking.Purpose);
        var day = CenterTime.ToLocal(booking.StartedAt ?? booking.StartsAt);
        var subject = $"请评价：{booking.ProjectCode} {roomName} {day:yyyy-MM-dd} {kind}的场地与见证服务";
        var sms = $"【{centerName}】{booking.Agency ?? booking.ContactName ?? ""}：项目 {booking.ProjectCode} 于 {day:yyyy-MM-dd} 在{roomName}的{kind}已结束，"
                  + $"欢迎对场地服务和见证服务作出评价（好差评）：{link}";
        var body = string.Join('\n',
            $"{booking.ContactName ?? booking.Agency ?? "您好"}：",
            "",
            $"项目 {booking.ProjectCode} {booking.ProjectName} 于 {day:yyyy-MM-dd HH:mm} 在{roomName}的{kind}已结束。",
            "欢迎代理机构和交易发起方对本场次的场地服务和见证服务分别作出评价（非常满意、满意、基本满意、不满意、非常不满意），",
            "差评将由中心回访整改。",
            $"评价链接：{link}",
            "",
            $"{centerName}");
        var recipient = booking.ContactName ?? booking.Agency ?? booking.ProjectCode;
        var messages = new List<OutboxMessage>(2);
        if (!string.IsNullOrEmpty(booking.ContactPhone))
            messages.Add(new OutboxMessage(NotificationKind.RatingInvited, NotificationChannel.Sms, recipient, booking.ContactPhone, subject, sms, booking.Id, booking.Agency, now));
        if (!string.IsNullOrEmpty(booking.ContactEmail))
            messages.Add(new OutboxMessage(NotificationKind.RatingInvited, NotificationChannel.Email, recipient, booking.ContactEmail, subject, body, booking.Id, booking.Agency, now));
        return messages;
    }
}
