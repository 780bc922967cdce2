using TradingOps.Core.Common;

namespace TradingOps.Core.Floor;

/// <summary>
/// 项目暂停 on a booking whose session has not started: when a whole project is suspended (an incident of project
/// scope), its running sessions are suspended (<see cref="Suspend"/>) and its upcoming bookings carry the project's
/// suspension, so the floor board, the wall, the door plate and the public page show "项目暂停" for them and the
/// session cannot start until the project resumes. A reason is not kept here: it stays on the incident.
/// </summary>
public sealed partial class RoomBooking
{
    /// <summary>When the booking's project was suspended (null: not suspended).</summary>
    public DateTimeOffset? ProjectSuspendedAt { get; private set; }

    public bool ProjectSuspended => ProjectSuspendedAt is not null;

    /// <summary>Marks an upcoming session (not started, still holding its room) as held by its project's suspension.</summary>
    public void MarkProjectSuspended(DateTimeOffset at)
    {
        EnsureOpen();
        if (Phase is not (SessionPhase.NotStarted or SessionPhase.CheckedIn))
            throw new DomainException("Session.AlreadyRunning", $"预约 {Label} 的会议已经开始：请暂停会议本身");
        ProjectSuspendedAt ??= at.ToUniversalTime();
    }

    public void ClearProjectSuspended() => ProjectSuspendedAt = null;

    /// <summary>
    /// 终止: the transaction ends on an incident. A running or suspended session is ended (its end is the termination);
    /// a session that has not started is cancelled with the termination as its reason.
    /// </summary>
    public void EndForTermination(string reason, DateTimeOffset at)
    {
        ProjectSuspendedAt = null;
        if (Phase is SessionPhase.InSession or SessionPhase.Suspended)
        {
            End(at);
            StatusReason = Guard.Text(reason, ReasonMaxLength, "终止原因");
            return;
        }
        if (Phase == SessionPhase.Ended) throw new DomainException("Session.Ended", $"预约 {Label} 的会议已经结束");
        EnsureOpen();
        StatusReason = Guard.Text(reason, ReasonMaxLength, "终止原因");
        Status = BookingStatus.Cancelled;
        ClosedAt = at.ToUniversalTime();
    }

    private void EnsureProjectNotSuspended()
    {
        if (ProjectSuspendedAt is not null)
            throw new DomainException("Session.ProjectSuspended", $"项目 {ProjectCode} 已暂停，恢复后才能开始会议");
    }
}
