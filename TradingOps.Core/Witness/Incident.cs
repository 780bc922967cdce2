using TradingOps.Core.Common;

namespace TradingOps.Core.Witness;

/// <summary>异常事件类别 (Yunnan 5.4.6–5.4.7, Liaoning 6.5.8–6.5.10).</summary>
public enum IncidentCategory
{
    SystemFailure,        // 系统故障
    ForceMajeure,         // 不可抗力
    SiteOrder,            // 现场秩序
    ObjectionOrComplaint, // 异议或投诉
    ExpertAbsent,         // 专家缺席
    Other,                // 其他
}

/// <summary>What an incident suspends: one session, or the whole project (every session of it).</summary>
public enum IncidentScope { Session, Project }

/// <summary>Where an incident stands. Open and Suspended are "open": a certificate waits for them.</summary>
public enum IncidentState { Open, Suspended, Resumed, Terminated, Closed }

/// <summary>
/// 异常事件: something abnormal in a session or a project, with what was done about it. The behaviour (checklists,
/// suspension, notifications, the report to the supervising department) lives in its own partial files.
/// </summary>
public sealed partial class Incident : Entity
{
    public const int TextMaxLength = 1000;

    private Incident() { ProjectCode = Description = OpenedBy = ""; }

    public Incident(string projectCode, Guid? projectId, Guid? bookingId, IncidentCategory category, IncidentScope scope,
        string description, string openedBy, DateTimeOffset openedAt)
    {
        ProjectCode = Guard.Text(projectCode, WitnessEntry.ChainKeyMaxLength, "项目编号");
        ProjectId = projectId;
        if (scope == IncidentScope.Session && bookingId is null)
            throw new DomainException("Incident.SessionRequired", "场次级异常事件必须指明场次");
        BookingId = bookingId;
        Category = category;
        Scope = scope;
        Description = Guard.Text(description, TextMaxLength, "事件描述");
        OpenedBy = Guard.Text(openedBy, WitnessEntry.ActorMaxLength, "记录人");
        OpenedAt = openedAt.ToUniversalTime();
    }

    /// <summary>Incidents in these states still block a witness certificate for the project.</summary>
    public static readonly IncidentState[] OpenStates = [IncidentState.Open, IncidentState.Suspended];

    public string ProjectCode { get; private set; }
    public Guid? ProjectId { get; private set; }
    public Guid? BookingId { get; private set; }
    public IncidentCategory Category { get; private set; }
    public IncidentScope Scope { get; private set; }
    public string Description { get; private set; }
    public string OpenedBy { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public IncidentState State { get; private set; } = IncidentState.Open;
    public bool IsOpen => OpenStates.Contains(State);
}
