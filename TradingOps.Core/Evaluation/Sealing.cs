namespace TradingOps.Core.Evaluation;

/// <summary>Why a name is revealed (each reveal goes to the audit trail with who, when and why).</summary>
public enum RevealPurpose
{
    Call,          // 通知专家：一次一人，仅对通知人员
    Gate,          // 门禁核验身份
    CommitteeList, // 评标开始后：见证人员、科室负责人查看名单
    RoomView,      // 评标开始后：本评标室的名单
    Print,         // 评标开始后打印名单（开始前不得打印：Yunnan 5.5.2）
}

/// <summary>
/// The one home of the seal on expert names (Yunnan 5.5.1–5.5.2, Liaoning 6.6): before the session's evaluation start
/// nobody sees the list, except one name at a time to the caller and identity data to the gate; no print before the
/// start; from the start, the witness and supervisors, and the room's own view. The start is the scheduled start, or
/// the recorded start when the session began earlier.
/// </summary>
public static class Sealing
{
    public static DateTimeOffset OpensAt(DateTimeOffset startsAt, DateTimeOffset? startedAt) =>
        startedAt is { } s && s < startsAt ? s : startsAt;

    public static bool IsSealed(DateTimeOffset startsAt, DateTimeOffset? startedAt, DateTimeOffset now) => now < OpensAt(startsAt, startedAt);

    /// <summary>
    /// Null when a reveal for <paramref name="purpose"/> is allowed, else the reason it is refused (Chinese).
    /// <paramref name="overseer"/>: the person is a supervisor, duty manager, admin or the session's witness.
    /// </summary>
    public static string? Refusal(RevealPurpose purpose, bool isSealed, bool overseer) => purpose switch
    {
        RevealPurpose.Call or RevealPurpose.Gate => null,
        _ when isSealed => "评标开始前专家名单保密，不得查看或打印（云南 5.5.2）",
        RevealPurpose.CommitteeList or RevealPurpose.Print when !overseer => "评标开始后名单仅对见证人员和科室负责人开放",
        _ => null,
    };
}
