using TradingOps.Core.Common;

namespace TradingOps.Core.Notifications;

public enum NotificationChannel { Sms, Email }

/// <summary>Where a message stands: waiting (also after a failed attempt, until its next try), sent, or given up.</summary>
public enum DeliveryState { Pending, Sent, GivenUp }

/// <summary>Why the agency is told something.</summary>
public enum NotificationKind
{
    BookingReceived,   // 预约已受理（待确认）
    BookingConfirmed,  // 预约已确认
    BookingChanged,    // 改期/换场
    BookingExtended,   // 延时
    BookingShortened,  // 缩短
    BookingSplit,      // 拆分
    BookingCancelled,  // 取消
    BookingNoShow,     // 爽约
    ProposalOffered,   // 场地停用/超时：建议调整
    ProposalAccepted,  // 已按建议调整
    RequestReceived,   // 申请已受理
    RequestAnswered,   // 申请已处理
    ApprovalRequired,  // 需主管审批
    SessionSuspended,  // 暂停（异常事件）
    SessionResumed,    // 恢复
    SessionTerminated, // 终止
    DepartmentReport,  // 向监督部门报告（异常事件、不良行为）
    RatingInvited,     // 邀请评价场地与见证服务
    CaseForwarded,     // 异议/投诉已转交（答复方、提出人）
    CaseAnswered,      // 异议/投诉已答复（提出人）
    DutyAlert,         // 运维告警（值班人员，含升级）
}

/// <summary>
/// One message to one address (an SMS to a phone, an e-mail to a mailbox), written to the outbox in the same
/// transaction as the change it reports, so nothing is lost when the sender is down: a job sends what is pending
/// and retries failures with a growing delay until <see cref="MaxAttempts"/>.
/// </summary>
public sealed class OutboxMessage : Entity
{
    public const int AddressMaxLength = 200;
    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 2000;
    public const int ErrorMaxLength = 500;
    public const int MaxAttempts = 8;

    private OutboxMessage() { Address = Subject = Body = Recipient = ""; }

    public OutboxMessage(NotificationKind kind, NotificationChannel channel, string recipient, string address,
        string subject, string body, Guid? bookingId, string? agency, DateTimeOffset createdAt)
    {
        Kind = kind;
        Channel = channel;
        Recipient = PlainText.Truncate(recipient, 100);
        Address = Guard.Text(address, AddressMaxLength, channel == NotificationChannel.Sms ? "手机号" : "电子邮箱");
        Subject = PlainText.Truncate(subject, SubjectMaxLength);
        Body = PlainText.Truncate(body, BodyMaxLength);
        BookingId = bookingId;
        Agency = agency is null ? null : PlainText.Truncate(agency, 100);
        CreatedAt = NextAttemptAt = createdAt.ToUniversalTime();
    }

    public NotificationKind Kind { get; private set; }
    public NotificationChannel Channel { get; private set; }
    public string Recipient { get; private set; }
    public string Address { get; private set; }
    public string Subject { get; private set; }
    public string Body { get; private set; }
    public Guid? BookingId { get; private set; }
    public string? Agency { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DeliveryState State { get; private set; } = DeliveryState.Pending;
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }

    public bool IsDue(DateTimeOffset now) => State == DeliveryState.Pending && NextAttemptAt <= now;

    public void MarkSent(DateTimeOffset at)
    {
        Attempts++;
        State = DeliveryState.Sent;
        SentAt = at.ToUniversalTime();
        LastError = null;
    }

    /// <summary>A failed attempt: tried again after 1, 2, 4 … minutes (at most an hour), given up after <see cref="MaxAttempts"/>.</summary>
    public void MarkFailed(string error, DateTimeOffset at)
    {
        Attempts++;
        LastError = PlainText.Truncate(error, ErrorMaxLength);
        if (Attempts >= MaxAttempts) { State = DeliveryState.GivenUp; return; }
        NextAttemptAt = at.ToUniversalTime().AddMinutes(Math.Min(60, Math.Pow(2, Attempts - 1)));
    }

    /// <summary>An admin sends a given-up message again (after fixing the address or the sender).</summary>
    public void Retry(DateTimeOffset at)
    {
        if (State == DeliveryState.Sent)
            throw new DomainException("Outbox.AlreadySent", "该消息已发送");
        State = DeliveryState.Pending;
        Attempts = 0;
        NextAttemptAt = at.ToUniversalTime();
    }
}
