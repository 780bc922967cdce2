using TradingOps.Core.Common;

namespace TradingOps.Core.Organisation;

/// <summary>
/// The queue side of a window: the staff member signed on (bound to the window: only they act there), whether
/// calling is paused (with a reason), and when the clerk last acted (a window left idle is signed off).
/// </summary>
public sealed partial class ServiceWindow
{
    public const int ClerkMaxLength = WindowClerk.LabelMaxLength;
    public const int PauseReasonMaxLength = 100;
    public const int TakeOverReasonMaxLength = 100;

    /// <summary>The staff member signed on; null when nobody is.</summary>
    public Guid? ClerkStaffId { get; private set; }
    /// <summary>The signed-on clerk as shown everywhere: 工号 / 姓名.</summary>
    public string? ClerkName { get; private set; }
    public DateTimeOffset? SignedOnAt { get; private set; }
    /// <summary>The clerk's last action at the window (sign-on, call, serve, finish…): idle sign-off counts from it.</summary>
    public DateTimeOffset? LastActionAt { get; private set; }
    /// <summary>Set when a duty manager took the window over: from whom, and why (kept until the next sign-on or sign-off).</summary>
    public string? TakeOverReason { get; private set; }
    public string? PauseReason { get; private set; }
    public DateTimeOffset? PausedAt { get; private set; }
    public bool IsPaused => PausedAt is not null;
    public bool IsSignedOn => ClerkStaffId is not null;

    /// <summary>
    /// Binds the window to <paramref name="clerk"/>. A window someone else is signed on to is refused: only that
    /// person signs off, or a duty manager takes it over (<see cref="TakeOver"/>).
    /// </summary>
    public void SignOn(WindowClerk clerk, DateTimeOffset at)
    {
        if (!InService)
            throw new DomainException("ServiceWindow.Closed", $"{Number} 号窗口已停用，不能签到");
        if (ClerkStaffId is { } current && current != clerk.StaffId)
            throw new DomainException("ServiceWindow.OtherClerk",
                $"{Number} 号窗口已由 {ClerkName} 签到：请本人签退，或由值班经理接管");
        at = at.ToUniversalTime();
        if (ClerkStaffId is null) SignedOnAt = at;
        ClerkStaffId = clerk.StaffId;
        ClerkName = Guard.Text(clerk.Label, ClerkMaxLength, "窗口人员");
        LastActionAt = at;
        TakeOverReason = null;
    }

    /// <summary>
    /// A duty manager takes the window over from the clerk signed on (who left without signing off, fell ill…):
    /// the window is bound to <paramref name="by"/> from now on. Returns the clerk taken over from.
    /// </summary>
    public WindowClerk TakeOver(WindowClerk by, string reason, DateTimeOffset at)
    {
        var why = Guard.Text(reason, TakeOverReasonMaxLength, "接管原因");
        if (!InService)
            throw new DomainException("ServiceWindow.Closed", $"{Number} 号窗口已停用");
        if (ClerkStaffId is not { } current)
            throw new DomainException("ServiceWindow.NotSignedOn", $"{Number} 号窗口无人签到，直接签到即可");
        if (current == by.StaffId)
            throw new DomainException("ServiceWindow.AlreadyYours", $"您已在 {Number} 号窗口签到");
        var from = new WindowClerk(current, ClerkName!);
        at = at.ToUniversalTime();
        ClerkStaffId = by.StaffId;
        ClerkName = Guard.Text(by.Label, ClerkMaxLength, "窗口人员");
        SignedOnAt = LastActionAt = at;
        TakeOverReason = $"{from.Label} → {by.Label}：{why}";
        return from;
    }

    public void SignOff()
    {
        ClerkStaffId = null;
        ClerkName = null;
        SignedOnAt = null;
        LastActionAt = null;
        TakeOverReason = null;
    }

    /// <summary>
    /// Only the staff member signed on acts at the window (call, recall, no-show, serve, hold, transfer, finish,
    /// pause); returns them, to be credited with the action.
    /// </summary>
    public WindowClerk EnsureOperatedBy(Guid? staffId)
    {
        if (!InService)
            throw new DomainException("ServiceWindow.Closed", $"{Number} 号窗口已停用");
        if (ClerkStaffId is not { } clerk)
            throw new DomainException("ServiceWindow.NotSignedOn", $"{Number} 号窗口尚未签到，请先签到");
        if (staffId != clerk)
            throw new DomainException("ServiceWindow.NotYourWindow",
                $"{Number} 号窗口由 {ClerkName} 签到，只有本人可以叫号、重呼、转移、挂起和办结；如需接替，请值班经理接管该窗口");
        return new WindowClerk(clerk, ClerkName!);
    }

    /// <summary>The clerk acted at the window (idle time counts from here).</summary>
    public void RecordAction(DateTimeOffset at) => LastActionAt = at.ToUniversalTime();

    /// <summary>Signed on, and nothing done at the window for at least <paramref name="idle"/>.</summary>
    public bool IsIdle(DateTimeOffset now, TimeSpan idle) => IsIdleSince(ClerkStaffId, LastActionAt, SignedOnAt, now, idle);

    /// <summary>The idle rule on a window's fields, for windows held in memory (<see cref="Queue.WindowState"/>).</summary>
    public static bool IsIdleSince(Guid? clerkStaffId, DateTimeOffset? lastActionAt, DateTimeOffset? signedOnAt, DateTimeOffset now, TimeSpan idle) =>
        clerkStaffId is not null && (lastActionAt ?? signedOnAt) is { } since && since <= now - idle;

    /// <summary>The window's queue side as live events carry it (<see cref="Queue.WindowState"/>).</summary>
    public Queue.WindowState State() => new(Id, ClerkStaffId, ClerkName, PauseReason, PausedAt, SignedOnAt, LastActionAt, TakeOverReason);

    /// <summary>
    /// <see cref="IsIdle"/> as a query, so the clock tick's look for idle windows reads only the idle ones (usually
    /// none) instead of every signed-on window.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<ServiceWindow, bool>> Idle(DateTimeOffset now, TimeSpan idle)
    {
        var cutoff = now - idle;
        return w => w.ClerkStaffId != null && (w.LastActionAt ?? w.SignedOnAt) <= cutoff;
    }

    /// <summary>The usual reasons to pause calling at a window, offered as a list on the first click (issue 22); 其他 asks for words.</summary>
    public static readonly IReadOnlyList<string> PauseReasons = ["午间休息", "临时离开", "系统或设备故障", "业务咨询处理中", "其他"];

    public void Pause(string reason, DateTimeOffset at)
    {
        PauseReason = Guard.Text(reason, PauseReasonMaxLength, "暂停原因");
        PausedAt = at.ToUniversalTime();
    }

    public void Resume()
    {
        PauseReason = null;
        PausedAt = null;
    }

    /// <summary>Refuses to call when nobody is signed on or calling is paused.</summary>
    public void EnsureCanCall()
    {
        if (!InService)
            throw new DomainException("ServiceWindow.Closed", $"{Number} 号窗口已停用");
        if (ClerkStaffId is null)
            throw new DomainException("ServiceWindow.NotSignedOn", $"{Number} 号窗口尚未签到，不能叫号");
        if (IsPaused)
            throw new DomainException("ServiceWindow.Paused", $"{Number} 号窗口已暂停（{PauseReason}），恢复后才能叫号");
    }

    public bool Serves(Guid serviceTypeId) => ServiceTypes.Any(t => t.Id == serviceTypeId);
}
