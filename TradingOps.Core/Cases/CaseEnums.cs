namespace TradingOps.Core.Cases;

/// <summary>
/// What was raised (national 6.4.2/6.5.5, Liaoning 6.4.3/6.5.8/7.2.9, Yunnan 5.2.4/5.4.6/9.2, Beijing 5.4.2/5.5.5/9.3).
/// The center does not decide objections, complaints or reports: it receives them, passes them on in time and helps;
/// only complaints about its own service are handled by the center itself.
/// </summary>
public enum CaseKind
{
    Objection,        // 异议: to the initiator/agency (招标人/采购人/代理机构)
    Complaint,        // 投诉: to the supervising department (行政监督部门)
    Report,           // 举报: to the supervising department
    ServiceComplaint, // 服务投诉: about the center's own service; handled by the center
}

/// <summary>How it reached the center (the channels the center publishes: window, phone, mailbox, the public form).</summary>
public enum CaseChannel
{
    Window,     // 窗口
    Phone,      // 电话
    Mailbox,    // 信箱（意见箱/电子邮箱）
    PublicForm, // 网上表单（公开渠道页）
}

/// <summary>The stage of the transaction the case is about.</summary>
public enum CaseStage
{
    PrequalificationDocuments, // 资格预审文件
    TenderDocuments,           // 招标/采购文件
    BidOpening,                // 开标
    Evaluation,                // 评标/评审
    CandidatePublicity,        // 中标（成交）候选人公示
    ResultAndContract,         // 结果与合同
    CenterService,             // 中心服务
    Other,                     // 其他
}

/// <summary>Who must answer: the case is forwarded to them (or handled by the center itself for service complaints).</summary>
public enum CaseRoute
{
    InitiatorOrAgency, // 招标人/采购人或其代理机构
    Department,        // 行政监督部门
    Center,            // 中心自行处理
}

/// <summary>
/// Where a case stands. Received: the center owes the forwarding (its own service clock runs). Forwarded: awaiting the
/// responsible party's answer (the legal clock runs). Answered: the answer is recorded; the center closes the case
/// when what follows (resumption, notices) is done. Resolved and Withdrawn are final.
/// </summary>
public enum CaseState
{
    Received,  // 已受理（待转交）
    Forwarded, // 已转交（待答复）
    Answered,  // 已答复
    Resolved,  // 已办结
    Withdrawn, // 已撤回/不予受理
}

/// <summary>How a preset counts the responsible party's deadline.</summary>
public enum ClockCounting
{
    CalendarDays, // "日": calendar days (招标投标法实施条例); a last day on a holiday moves to the next working day (民法典 §203)
    WorkingDays,  // "工作日": counted on the holiday calendar (政府采购法)
    OnTheSpot,    // 当场答复 (实施条例 §44): due at close of office on the day received
    None,         // no legal deadline (the case is still tracked, without a due time)
}

public static class CaseStates
{
    /// <summary>Cases the center or someone else still owes something on.</summary>
    public static bool IsOpen(this CaseState s) => s is CaseState.Received or CaseState.Forwarded or CaseState.Answered;

    public static readonly CaseState[] Open = [CaseState.Received, CaseState.Forwarded, CaseState.Answered];
}
