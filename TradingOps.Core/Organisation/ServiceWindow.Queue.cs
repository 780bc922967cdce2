using TradingOps.Core.Common;

namespace TradingOps.Core.Organisation;

/// <summary>The queue side of a window: who is signed on, and whether calling is paused (with a reason).</summary>
public sealed partial class ServiceWindow
{
    public const int ClerkMaxLength = 50;
    public const int PauseReasonMaxLength = 100;

    public string? ClerkName { get; private set; }
    public string? ClerkUserId { get; private set; }
    public DateTimeOffset? SignedOnAt { get; private set; }
    public string? PauseReason { get; private set; }
    public DateTimeOffset? PausedAt { get; private set; }
    public bool IsPaused => PausedAt is not null;

    public void SignOn(string? userId, string clerkName, DateTimeOffset at)
    {
        if (!InService)
            throw new DomainException("ServiceWindow.Closed", $"{Number} 号窗口已停用，不能签到");
        ClerkUserId = userId;
        ClerkName = Guard.Text(clerkName, ClerkMaxLength, "窗口人员");
        SignedOnAt = at.ToUniversalTime();
    }

    public void SignOff()
    {
        ClerkUserId = null;
        ClerkName = null;
        SignedOnAt = null;
    }

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
        if (ClerkName is null)
            throw new DomainException("ServiceWindow.NotSignedOn", $"{Number} 号窗口尚未签到，不能叫号");
        if (IsPaused)
            throw new DomainException("ServiceWindow.Paused", $"{Number} 号窗口已暂停（{PauseReason}），恢复后才能叫号");
    }

    public bool Serves(Guid serviceTypeId) => ServiceTypes.Any(t => t.Id == serviceTypeId);
}
