using TradingOps.Core.Common;

namespace TradingOps.Core.Evaluation;

/// <summary>Who passes the evaluation-area gate.</summary>
public enum PersonKind { Expert, InitiatorRepresentative, AgencyStaff }

/// <summary>
/// 入场: a person admitted to the evaluation area for a session, once (Liaoning 6.8.3, 7.4.2). The unique indexes
/// refuse a second admission of the same person to the session, two people on one seat of a session, and one locker
/// given twice on a day, also under parallel gate calls on several nodes.
/// </summary>
public sealed partial class GateAdmission : Entity
{
    public const int LockerMaxLength = 20;

    private GateAdmission() { IdFingerprint = IdMasked = By = ""; }

    public GateAdmission(Guid bookingId, Guid roomId, DateOnly day, PersonKind person, Guid? memberId, Guid? passId,
        string idFingerprint, string idMasked, int? seat, string? locker, Guid? deviceId, string by, DateTimeOffset at)
    {
        BookingId = bookingId;
        RoomId = roomId;
        Day = day;
        Person = person;
        MemberId = memberId;
        PassId = passId;
        IdFingerprint = idFingerprint;
        IdMasked = idMasked;
        Seat = seat;
        Locker = Guard.OptionalText(locker, LockerMaxLength, "储物柜");
        DeviceId = deviceId;
        By = Guard.Text(by, 256, "办理人");
        AdmittedAt = at.ToUniversalTime();
    }

    public Guid BookingId { get; private set; }
    public Guid RoomId { get; private set; }
    /// <summary>The center's day of the admission (lockers are given once a day).</summary>
    public DateOnly Day { get; private set; }
    public PersonKind Person { get; private set; }
    public Guid? MemberId { get; private set; }
    public Guid? PassId { get; private set; }
    public string IdFingerprint { get; private set; }
    public string IdMasked { get; private set; }
    /// <summary>评标工位 drawn at random among the room's free seats (experts and representatives; 1-based).</summary>
    public int? Seat { get; private set; }
    public string? Locker { get; private set; }
    /// <summary>The gate device that admitted (null: the manual gate page).</summary>
    public Guid? DeviceId { get; private set; }
    public string By { get; private set; }
    public DateTimeOffset AdmittedAt { get; private set; }
    public DateTimeOffset? ExitedAt { get; private set; }
    /// <summary>Entries after the first (duty manager overrides, agency re-entries under LN 6.8.5–6.8.7).</summary>
    public int ReEntries { get; private set; }

    public bool Inside => ExitedAt is null;
}

public enum GateEventKind
{
    Admitted,          // 准入
    Refused,           // 拒绝
    DeviceCheckFailed, // 通讯检测未通过
    ReEntry,           // 再次进入（值班经理核准 / 代理机构按规定返回）
    Exited,            // 离场
    DoorPassed,        // 评标室门禁通过
    DoorRefused,       // 评标室门禁拒绝（非本人评标室）
}

/// <summary>
/// The gate's log (门禁记录), append-only: every presentation with its outcome and reason, by device or by the person at
/// the manual gate. No name: the masked ID number and the fingerprint only. A device's request id is unique per device,
/// so a replayed call is recognised and refused.
/// </summary>
public sealed class GateEvent : Entity
{
    public const int RequestIdMaxLength = 64;

    private GateEvent() { IdFingerprint = IdMasked = By = ""; }

    public GateEvent(GateEventKind kind, Guid? bookingId, Guid? roomId, PersonKind? person, string idFingerprint, string idMasked,
        Guid? deviceId, string? requestId, string by, string? reason, DateTimeOffset at)
    {
        Kind = kind;
        BookingId = bookingId;
        RoomId = roomId;
        Person = person;
        IdFingerprint = idFingerprint;
        IdMasked = idMasked;
        DeviceId = deviceId;
        RequestId = Guard.OptionalText(requestId, RequestIdMaxLength, "请求编号");
        By = Guard.Text(by, 256, "办理人");
        Reason = reason is null ? null : PlainText.Truncate(reason, 300);
        At = at.ToUniversalTime();
    }

    public GateEventKind Kind { get; private set; }
    public Guid? BookingId { get; private set; }
    public Guid? RoomId { get; private set; }
    public PersonKind? Person { get; private set; }
    public string IdFingerprint { get; private set; }
    public string IdMasked { get; private set; }
    public Guid? DeviceId { get; private set; }
    public string? RequestId { get; private set; }
    public string By { get; private set; }
    public string? Reason { get; private set; }
    public DateTimeOffset At { get; private set; }
}

/// <summary>Why agency staff may be inside the evaluation area (Liaoning 6.8.4–6.8.7).</summary>
public enum PassReason
{
    Preparation,      // 评标前布置（6.8.4，评标开始即失效）
    Clarification,    // 澄清、说明（6.8.5）
    Samples,          // 样品查看（6.8.5）
    SecondOpening,    // 二次开标（6.8.5）
    SystemFault,      // 系统故障处理（6.8.6）
    SupervisedReview, // 监督下复核（6.8.6）
    AfterReport,      // 评标报告签署后（6.8.7）
}

/// <summary>
/// 代理机构人员通行证: agency staff admitted for one session. A preparation pass expires at the evaluation start; a later
/// pass is issued only for the cases of Liaoning 6.8.5–6.8.7, naming the supervisor present.
/// </summary>
public sealed partial class AgencyPass : Entity
{
    private AgencyPass() { ProtectedName = IdFingerprint = IdMasked = Agency = IssuedBy = ""; }

    public AgencyPass(Guid bookingId, PassReason reason, ProtectedIdentity identity, string agency, DateTimeOffset validFrom,
        DateTimeOffset validUntil, string? supervisor, string issuedBy, DateTimeOffset at)
    {
        if (!Enum.IsDefined(reason)) throw new DomainException("Pass.Reason", "请选择通行事由");
        if (validUntil <= validFrom) throw new DomainException("Pass.Validity", "通行证的失效时间须晚于生效时间");
        if (reason != PassReason.Preparation && PlainText.IsBlank(supervisor))
            throw new DomainException("Pass.Supervisor", "评标开始后代理机构人员进入须有监督人员在场，请填写监督人员");
        BookingId = bookingId;
        Reason = reason;
        ProtectedName = identity.ProtectedName;
        IdFingerprint = identity.IdFingerprint;
        IdMasked = identity.IdMasked;
        Agency = Guard.Text(agency, 100, "代理机构");
        ValidFrom = validFrom.ToUniversalTime();
        ValidUntil = validUntil.ToUniversalTime();
        Supervisor = Guard.OptionalText(supervisor, 50, "监督人员");
        IssuedBy = Guard.Text(issuedBy, 256, "签发人");
        IssuedAt = at.ToUniversalTime();
    }

    public Guid BookingId { get; private set; }
    public PassReason Reason { get; private set; }
    public string ProtectedName { get; private set; }
    public string IdFingerprint { get; private set; }
    public string IdMasked { get; private set; }
    public string Agency { get; private set; }
    public DateTimeOffset ValidFrom { get; private set; }
    public DateTimeOffset ValidUntil { get; private set; }
    public string? Supervisor { get; private set; }
    public string IssuedBy { get; private set; }
    public DateTimeOffset IssuedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public bool ValidAt(DateTimeOffset at) => RevokedAt is null && at >= ValidFrom && at < ValidUntil;
}
