using TradingOps.Core.Common;

namespace TradingOps.Core.Archives;

public enum ArchiveAccessScope { View, Download }

public enum ArchiveRequestState { Pending, Approved, Refused, Withdrawn }

/// <summary>
/// 档案查阅申请 (Liaoning 6.9.5, national 6.8): access to a locked archive is asked by one person and approved by another,
/// for a limited time; every view and download under it is in the audit trail.
/// </summary>
public sealed class ArchiveAccessRequest : Entity
{
    public const int ReasonMaxLength = 500;

    private ArchiveAccessRequest() { ProjectCode = RequestedBy = Reason = ""; }

    public ArchiveAccessRequest(Guid archiveId, string projectCode, ArchiveAccessScope scope, string reason, string requestedBy, DateTimeOffset at)
    {
        ArchiveId = archiveId;
        ProjectCode = projectCode;
        Scope = scope;
        Reason = Guard.Text(reason, ReasonMaxLength, "查阅事由");
        RequestedBy = Guard.Text(requestedBy, ProjectArchive.ActorMaxLength, "申请人");
        RequestedAt = at.ToUniversalTime();
    }

    public Guid ArchiveId { get; private set; }
    public string ProjectCode { get; private set; }
    public ArchiveAccessScope Scope { get; private set; }
    public string Reason { get; private set; }
    public string RequestedBy { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public ArchiveRequestState State { get; private set; } = ArchiveRequestState.Pending;
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionNote { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }

    public void Approve(string by, DateTimeOffset at, TimeSpan validFor, string? note)
    {
        EnsurePending();
        if (string.Equals(by, RequestedBy, StringComparison.OrdinalIgnoreCase))
            throw new DomainException("Archive.SelfApproval", "查阅申请须由申请人以外的另一人审批");
        if (validFor <= TimeSpan.Zero || validFor > TimeSpan.FromDays(30))
            throw new DomainException("Archive.Validity", "查阅有效期须在 30 天以内");
        DecidedBy = Guard.Text(by, ProjectArchive.ActorMaxLength, "审批人");
        DecidedAt = at.ToUniversalTime();
        DecisionNote = Guard.OptionalText(note, ReasonMaxLength, "审批意见");
        ExpiresAt = DecidedAt + validFor;
        State = ArchiveRequestState.Approved;
    }

    public void Refuse(string by, DateTimeOffset at, string reason)
    {
        EnsurePending();
        DecidedBy = Guard.Text(by, ProjectArchive.ActorMaxLength, "审批人");
        DecidedAt = at.ToUniversalTime();
        DecisionNote = Guard.Text(reason, ReasonMaxLength, "不予批准的原因");
        State = ArchiveRequestState.Refused;
    }

    public void Withdraw(string by, DateTimeOffset at)
    {
        EnsurePending();
        if (!string.Equals(by, RequestedBy, StringComparison.OrdinalIgnoreCase))
            throw new DomainException("Archive.NotRequester", "只有申请人可以撤回申请");
        DecidedBy = by;
        DecidedAt = at.ToUniversalTime();
        State = ArchiveRequestState.Withdrawn;
    }

    /// <summary>Whether <paramref name="user"/> may use this approval for <paramref name="scope"/> at <paramref name="now"/> (a download approval covers viewing).</summary>
    public bool Grants(string user, ArchiveAccessScope scope, DateTimeOffset now) =>
        State == ArchiveRequestState.Approved && now < ExpiresAt && string.Equals(user, RequestedBy, StringComparison.OrdinalIgnoreCase)
        && (Scope == ArchiveAccessScope.Download || scope == ArchiveAccessScope.View);

    private void EnsurePending()
    {
        if (State != ArchiveRequestState.Pending)
            throw new DomainException("Archive.RequestDecided", "该申请已经处理");
    }
}

/// <summary>
/// 档案销毁申请: only after the retention period, asked by one person and approved by another; never automatic. The
/// archive's record and this request stay after the stored content is destroyed.
/// </summary>
public sealed class ArchiveDestructionRequest : Entity
{
    private ArchiveDestructionRequest() { ProjectCode = RequestedBy = Reason = ""; }

    public ArchiveDestructionRequest(Guid archiveId, string projectCode, string reason, string requestedBy, DateTimeOffset at)
    {
        ArchiveId = archiveId;
        ProjectCode = projectCode;
        Reason = Guard.Text(reason, ArchiveAccessRequest.ReasonMaxLength, "销毁理由");
        RequestedBy = Guard.Text(requestedBy, ProjectArchive.ActorMaxLength, "申请人");
        RequestedAt = at.ToUniversalTime();
    }

    public Guid ArchiveId { get; private set; }
    public string ProjectCode { get; private set; }
    public string Reason { get; private set; }
    public string RequestedBy { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public ArchiveRequestState State { get; private set; } = ArchiveRequestState.Pending;
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionNote { get; private set; }

    /// <summary>The manifest hash of what was destroyed (kept as proof of what existed).</summary>
    public string? DestroyedLockHash { get; private set; }
    public DateTimeOffset? CarriedOutAt { get; private set; }

    public void Approve(string by, DateTimeOffset at, string? note)
    {
        if (State != ArchiveRequestState.Pending) throw new DomainException("Archive.RequestDecided", "该申请已经处理");
        if (string.Equals(by, RequestedBy, StringComparison.OrdinalIgnoreCase))
            throw new DomainException("Archive.SelfApproval", "销毁申请须由申请人以外的另一人审批");
        DecidedBy = Guard.Text(by, ProjectArchive.ActorMaxLength, "审批人");
        DecidedAt = at.ToUniversalTime();
        DecisionNote = Guard.OptionalText(note, ArchiveAccessRequest.ReasonMaxLength, "审批意见");
        State = ArchiveRequestState.Approved;
    }

    public void Refuse(string by, DateTimeOffset at, string reason)
    {
        if (State != ArchiveRequestState.Pending) throw new DomainException("Archive.RequestDecided", "该申请已经处理");
        DecidedBy = Guard.Text(by, ProjectArchive.ActorMaxLength, "审批人");
        DecidedAt = at.ToUniversalTime();
        DecisionNote = Guard.Text(reason, ArchiveAccessRequest.ReasonMaxLength, "不予批准的原因");
        State = ArchiveRequestState.Refused;
    }

    public void CarriedOut(string lockHash, DateTimeOffset at)
    {
        if (State != ArchiveRequestState.Approved) throw new DomainException("Archive.NotApproved", "销毁申请尚未批准");
        if (CarriedOutAt is not null) throw new DomainException("Archive.AlreadyDestroyed", "档案已经销毁");
        DestroyedLockHash = lockHash;
        CarriedOutAt = at.ToUniversalTime();
    }
}

/// <summary>Archives (section "Archives"): retention per trading category (years, with the source shown), how long an access approval lasts.</summary>
public sealed class ArchiveOptions
{
    public const string Section = "Archives";

    /// <summary>Years kept after the lock, per <see cref="Projects.TradingCategory"/> name. 政府采购法 §42: at least 15 years from the end of the procurement; the rest follow the center's archive rules (configurable).</summary>
    public Dictionary<string, int> RetentionYears { get; set; } = new()
    {
        ["Engineering"] = 15,
        ["GovernmentProcurement"] = 15,
        ["LandAndMiningRights"] = 30,
        ["StateAssets"] = 15,
        ["MedicalProcurement"] = 15,
        ["Other"] = 10,
    };

    public int AccessHours { get; set; } = 72;

    public int YearsFor(Projects.TradingCategory category) => RetentionYears.TryGetValue(category.ToString(), out var y) ? y : 15;

    public static string SourceFor(Projects.TradingCategory category) => category == Projects.TradingCategory.GovernmentProcurement
        ? "《政府采购法》第四十二条：采购文件自采购结束之日起至少保存十五年"
        : "中心档案管理制度（国家规范 6.6.3、辽宁 6.9.4：按有关规定的期限保存；可调整）";

    public bool IsValid => RetentionYears.Values.All(y => y is >= 1 and <= 100) && AccessHours is >= 1 and <= 720
        && (!RetentionYears.TryGetValue("GovernmentProcurement", out var gp) || gp >= 15);
}
