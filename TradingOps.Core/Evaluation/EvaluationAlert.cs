using TradingOps.Core.Common;

namespace TradingOps.Core.Evaluation;

/// <summary>The cross-checks between draw, calls and gate (the item 6).</summary>
public enum EvaluationAlertKind
{
    CommitteeIncomplete, // 开始前 15 分钟评委会不足额
    ExpertNotCheckedIn,  // 开始时专家未签到入场
    AgencyStillInside,   // 评标开始后代理机构人员仍在评标区
    WrongRoom,           // 人员在非本人评标室门前刷证
    RecusedAtGate,       // 已回避或被替换的专家到门禁
    ExpertInTwoSessions, // 同一专家出现在两场评标名单
}

/// <summary>
/// An alert of the evaluation area. It stays until a person resolves it, saying how. It carries counts and room
/// codes only, never a name, so the wall may show it as it is. The unique (kind, booking, subject) makes raising
/// idempotent across nodes; the subject tells apart alerts of one kind in one session (e.g. the gate event's id).
/// </summary>
public sealed partial class EvaluationAlert : Entity
{
    public const int SubjectMaxLength = 100;
    public const int DetailMaxLength = 300;

    private EvaluationAlert() { RoomCode = Subject = Detail = RaisedBy = ""; }

    public EvaluationAlert(EvaluationAlertKind kind, Guid bookingId, Guid roomId, string roomCode, string subject, int count,
        string detail, string raisedBy, DateTimeOffset at)
    {
        Kind = kind;
        BookingId = bookingId;
        RoomId = roomId;
        RoomCode = Guard.Text(roomCode, Organisation.Room.CodeMaxLength, "场地编号");
        Subject = Guard.OptionalText(subject, SubjectMaxLength, "告警对象") ?? "";
        Count = count;
        Detail = PlainText.Truncate(Guard.Text(detail, 1000, "告警内容"), DetailMaxLength);
        RaisedBy = Guard.Text(raisedBy, 256, "告警来源");
        RaisedAt = at.ToUniversalTime();
    }

    public EvaluationAlertKind Kind { get; private set; }
    public Guid BookingId { get; private set; }
    public Guid RoomId { get; private set; }
    public string RoomCode { get; private set; }
    public string Subject { get; private set; }
    /// <summary>How many are concerned (experts missing, people still inside…).</summary>
    public int Count { get; private set; }
    /// <summary>What the alert says, without names (room codes, counts, masked numbers at most).</summary>
    public string Detail { get; private set; }
    public string RaisedBy { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? ResolvedBy { get; private set; }
    public string? Resolution { get; private set; }

    public bool Open => ResolvedAt is null;

    public void Resolve(string by, string resolution, DateTimeOffset at)
    {
        if (ResolvedAt is not null) throw new DomainException("Alert.Resolved", $"该告警已由 {ResolvedBy} 处理");
        Resolution = Guard.Text(resolution, 200, "处理说明");
        ResolvedBy = Guard.Text(by, 256, "处理人");
        ResolvedAt = at.ToUniversalTime();
    }
}
