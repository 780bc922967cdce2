namespace TradingOps.Core.Common;

/// <summary>
/// The console always keeps someone who can administer it: no change (disabling, another role) may leave
/// no enabled administrator. Outside demo mode there is no default account to fall back on.
/// </summary>
public static class LastAdminRule
{
    public const string Message = "不能停用或降级最后一位可用的管理员账号：请先为另一人开通管理员账号";

    /// <param name="enabledAdminsAfter">Enabled, unlocked administrators the change would leave.</param>
    public static void Check(int enabledAdminsAfter)
    {
        if (enabledAdminsAfter < 1) throw new DomainException("Account.LastAdmin", Message);
    }
}
