namespace TradingOps.Core.Registrations;

/// <summary>Where a registration is in the desk's flow (national 6.2, Liaoning 6.2, Yunnan 5.3).</summary>
public enum RegistrationStatus
{
    Submitted,   // 已提交
    InReview,    // 审核中
    Returned,    // 已退回 (一次性告知)
    Resubmitted, // 已补正
    Accepted,    // 已办结
    Rejected,    // 不予受理
}

/// <summary>登记方式: 网上登记 (through the API) or 现场登记 (at the window).</summary>
public enum RegistrationChannel
{
    Online,
    Window,
}

/// <summary>How close a pending registration is to its service deadline.</summary>
public enum RegistrationUrgency
{
    None,    // not waiting on the center (returned, finished)
    Fresh,
    DueSoon, // less than an hour of office time left
    Overdue,
}

/// <summary>What is wrong with a material in a deficiency notice.</summary>
public enum DeficiencyKind
{
    Missing, // 缺少
    Wrong,   // 不符合要求
}

public static class RegistrationStatuses
{
    /// <summary>States in which the center owes the next step (the clock runs).</summary>
    public static bool IsWaitingOnCenter(this RegistrationStatus s) =>
        s is RegistrationStatus.Submitted or RegistrationStatus.InReview or RegistrationStatus.Resubmitted;

    public static bool IsOpen(this RegistrationStatus s) =>
        s is not (RegistrationStatus.Accepted or RegistrationStatus.Rejected);

    public static string Chinese(this RegistrationStatus s) => s switch
    {
        RegistrationStatus.Submitted => "已提交",
        RegistrationStatus.InReview => "审核中",
        RegistrationStatus.Returned => "已退回",
        RegistrationStatus.Resubmitted => "已补正",
        RegistrationStatus.Accepted => "已办结",
        RegistrationStatus.Rejected => "不予受理",
        _ => s.ToString(),
    };
}
