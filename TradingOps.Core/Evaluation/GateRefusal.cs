namespace TradingOps.Core.Evaluation;

/// <summary>
/// Why the gate (or a room door) refused someone: the code a <see cref="GateEvent"/> carries at the start of its
/// <see cref="GateEvent.Reason"/> ("recused: 该专家已回避") so the cross-checks can raise their alerts from the log
/// without parsing sentences. One list for the gate, the doors and the watch.
/// </summary>
public static class GateRefusal
{
    public const string NotOnList = "not-on-list";         // 不在今日名单
    public const string Recused = "recused";               // 已回避、被替换、拒绝参加或无法联系
    public const string AlreadyEntered = "already-entered"; // 已入场（一次入场）
    public const string OutsideWindow = "outside-window";  // 不在入场时段
    public const string WrongRoom = "wrong-room";          // 非本人评标室
    public const string DeviceCheck = "device-check";      // 通讯检测未通过
    public const string Replay = "replay";                 // 重复或过期的请求
    public const string InvalidIdentity = "invalid-id";    // 身份证号码无效
    public const string PassInvalid = "pass-invalid";      // 通行证无效或已过期

    /// <summary>The reason as the log stores it: "code: sentence".</summary>
    public static string Reason(string code, string sentence) => $"{code}: {sentence}";

    /// <summary>The code of a stored reason, or null.</summary>
    public static string? CodeOf(string? reason) =>
        reason is null ? null : reason.IndexOf(':') is var i and > 0 ? reason[..i] : null;
}
