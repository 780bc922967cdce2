using TradingOps.Core.Common;

namespace TradingOps.Core.Witness;

/// <summary>How an incident was reported to the supervising department (监督部门).</summary>
public enum IncidentReportChannel { Phone, Sms, Email, Document, Online }

/// <summary>
/// 异常事件的处置: suspension, resumption, termination and closing with their reasons, the ticks of the category's
/// checklist, and the report to the supervising department with its deadline and the department's feedback
/// (Yunnan 5.4.7 "同时向有关行政监督管理部门报告"; Liaoning 6.5.8–6.5.9). Every transition refuses what does not
/// follow from the state it is in, with a Chinese message; nothing changes on a refusal.
/// </summary>
public sealed partial class Incident
{
    public const int ReasonMaxLength = 500;
    public const int ReferenceMaxLength = 100;

    /// <summary>
    /// Raises an incident with its department-report deadline: <paramref name="reportWithin"/> after it was opened
    /// (<see cref="WitnessOptions.IncidentReportHours"/>, clock hours: Yunnan 5.4.7 asks for the report "同时", at the
    /// time of the suspension, so the clock does not wait for working days).
    /// </summary>
    public static Incident Raise(string projectCode, Guid? projectId, Guid? bookingId, IncidentCategory category, IncidentScope scope,
        string description, string openedBy, DateTimeOffset openedAt, TimeSpan reportWithin)
    {
        if (reportWithin <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(reportWithin));
        return new Incident(projectCode, projectId, bookingId, category, scope, description, openedBy, openedAt)
        {
            ReportDueAt = openedAt.ToUniversalTime() + reportWithin,
        };
    }

    private readonly List<IncidentTick> _ticks = [];

    /// <summary>The checklist items ticked so far (who, when).</summary>
    public IReadOnlyList<IncidentTick> Ticks => _ticks;

    public IReadOnlyList<IncidentChecklistItem> Checklist => IncidentChecklists.For(Category);

    public DateTimeOffset? SuspendedAt { get; private set; }
    public string? SuspendedBy { get; private set; }
    public string? SuspendReason { get; private set; }
    public DateTimeOffset? ResumedAt { get; private set; }
    public string? ResumedBy { get; private set; }
    public string? ResumeNote { get; private set; }
    public DateTimeOffset? TerminatedAt { get; private set; }
    public string? TerminatedBy { get; private set; }
    public string? TerminationReason { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }
    public string? ClosingNote { get; private set; }

    /// <summary>When the report to the supervising department is due.</summary>
    public DateTimeOffset ReportDueAt { get; private set; }
    public DateTimeOffset? ReportedAt { get; private set; }
    public string? ReportedBy { get; private set; }
    public IncidentReportChannel? ReportChannel { get; private set; }

    /// <summary>The department's file number, the e-mail's subject, the person who took the call…</summary>
    public string? ReportReference { get; private set; }

    public DateTimeOffset? FeedbackAt { get; private set; }
    public string? FeedbackRecordedBy { get; private set; }
    public string? Feedback { get; private set; }

    /// <summary>Has this incident ever suspended its session or project (its report is then required before closing).</summary>
    public bool HasSuspended => SuspendedAt is not null;

    public bool IsReported => ReportedAt is not null;

    /// <summary>The department report is late: not recorded and its deadline has passed.</summary>
    public bool IsReportOverdue(DateTimeOffset now) => ReportedAt is null && now > ReportDueAt;

    /// <summary>A short number people can say on the phone: the date it was opened and the id's last six digits.</summary>
    public string Number => $"SJ{CenterTime.ToLocal(OpenedAt):yyyyMMdd}-{Id.ToString("N")[^6..].ToUpperInvariant()}";

    /// <summary>暂停: from open or resumed (a second suspension after a resumption is a new spell of the same incident).</summary>
    public void Suspend(string reason, string by, DateTimeOffset at)
    {
        switch (State)
        {
            case IncidentState.Suspended: throw new DomainException("Incident.AlreadySuspended", "该异常事件已处于暂停状态");
            case IncidentState.Terminated: throw new DomainException("Incident.Terminated", "交易已终止，不能再暂停");
            case IncidentState.Closed: throw Closed();
        }
        SuspendReason = Guard.Text(reason, ReasonMaxLength, "暂停原因");
        SuspendedBy = Guard.Text(by, WitnessEntry.ActorMaxLength, "操作人");
        SuspendedAt = NotBeforeOpening(at);
        State = IncidentState.Suspended;
    }

    /// <summary>恢复: only what is suspended.</summary>
    public void Resume(string? note, string by, DateTimeOffset at)
    {
        if (State != IncidentState.Suspended)
            throw new DomainException("Incident.NotSuspended", State == IncidentState.Closed ? "异常事件已关闭，不能恢复" : "该异常事件没有暂停交易，无需恢复");
        ResumeNote = Guard.OptionalText(note, ReasonMaxLength, "恢复说明");
        ResumedBy = Guard.Text(by, WitnessEntry.ActorMaxLength, "操作人");
        ResumedAt = NotBeforeOpening(at);
        State = IncidentState.Resumed;
    }

    /// <summary>终止: the transaction ends here (the sessions are ended and the project terminated); a reason is required.</summary>
    public void Terminate(string reason, string by, DateTimeOffset at)
    {
        if (State == IncidentState.Terminated) throw new DomainException("Incident.Terminated", "交易已经终止");
        if (State == IncidentState.Closed) throw Closed();
        TerminationReason = Guard.Text(reason, ReasonMaxLength, "终止原因");
        TerminatedBy = Guard.Text(by, WitnessEntry.ActorMaxLength, "操作人");
        TerminatedAt = NotBeforeOpening(at);
        State = IncidentState.Terminated;
    }

    /// <summary>
    /// 关闭: the incident is handled. Refused while it (or any of its sessions, <paramref name="sessionsStillSuspended"/>)
    /// is suspended, and when it suspended the transaction but the department report is not recorded (Yunnan 5.4.7).
    /// </summary>
    public void Close(string? note, string by, DateTimeOffset at, int sessionsStillSuspended)
    {
        if (State == IncidentState.Closed) throw Closed();
        if (State == IncidentState.Suspended || sessionsStillSuspended > 0)
            throw new DomainException("Incident.StillSuspended",
                $"仍有 {Math.Max(sessionsStillSuspended, 1)} 个场次处于暂停状态：请先恢复或终止，再关闭异常事件");
        if (HasSuspended && !IsReported)
            throw new DomainException("Incident.ReportMissing", "交易曾暂停，须先记录向监督部门的报告，才能关闭异常事件");
        ClosingNote = Guard.OptionalText(note, ReasonMaxLength, "关闭说明");
        ClosedBy = Guard.Text(by, WitnessEntry.ActorMaxLength, "操作人");
        ClosedAt = NotBeforeOpening(at);
        State = IncidentState.Closed;
    }

    /// <summary>勾选处置清单的一项: once per item, not on a closed incident.</summary>
    public IncidentTick Tick(string itemCode, string by, DateTimeOffset at)
    {
        if (State == IncidentState.Closed) throw Closed();
        var item = IncidentChecklists.Item(Category, itemCode);
        if (_ticks.Any(t => t.ItemCode == item.Code))
            throw new DomainException("Incident.AlreadyTicked", $"“{item.Text}”已经勾选");
        var tick = new IncidentTick(Id, item.Code, Guard.Text(by, WitnessEntry.ActorMaxLength, "操作人"), NotBeforeOpening(at));
        _ticks.Add(tick);
        return tick;
    }

    /// <summary>向监督部门报告: once, with how and a reference the department can find it by.</summary>
    public void RecordReport(IncidentReportChannel channel, string reference, string by, DateTimeOffset at)
    {
        if (IsReported) throw new DomainException("Incident.AlreadyReported", "已经记录过向监督部门的报告");
        if (State == IncidentState.Closed) throw Closed();
        if (!Enum.IsDefined(channel)) throw new DomainException("Incident.ReportChannel", "请选择报告方式");
        ReportReference = Guard.Text(reference, ReferenceMaxLength, "报告编号或说明");
        ReportChannel = channel;
        ReportedBy = Guard.Text(by, WitnessEntry.ActorMaxLength, "报告人");
        ReportedAt = NotBeforeOpening(at);
    }

    /// <summary>监督部门反馈: after the report, once (a later word from the department is an observation in the log).</summary>
    public void RecordFeedback(string feedback, string by, DateTimeOffset at)
    {
        if (!IsReported) throw new DomainException("Incident.NotReported", "尚未向监督部门报告，不能记录反馈");
        if (FeedbackAt is not null) throw new DomainException("Incident.FeedbackRecorded", "已经记录过监督部门的反馈");
        Feedback = Guard.Text(feedback, ReasonMaxLength, "反馈内容");
        FeedbackRecordedBy = Guard.Text(by, WitnessEntry.ActorMaxLength, "记录人");
        FeedbackAt = NotBeforeOpening(at);
    }

    private DateTimeOffset NotBeforeOpening(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        if (utc < OpenedAt) throw new DomainException("Incident.BeforeOpening", "处置时间不能早于事件发生时间");
        return utc;
    }

    private static DomainException Closed() => new("Incident.Closed", "异常事件已关闭，不能再修改");
}

/// <summary>One checklist item ticked: which, who, when.</summary>
public sealed class IncidentTick : Entity
{
    private IncidentTick() { ItemCode = TickedBy = ""; }

    internal IncidentTick(Guid incidentId, string itemCode, string tickedBy, DateTimeOffset tickedAt)
    {
        IncidentId = incidentId;
        ItemCode = itemCode;
        TickedBy = tickedBy;
        TickedAt = tickedAt;
    }

    public Guid IncidentId { get; private set; }
    public string ItemCode { get; private set; }
    public string TickedBy { get; private set; }
    public DateTimeOffset TickedAt { get; private set; }
}

/// <summary>An outbox message an incident sent (to an agency, the department, the project's staff): the incident page lists them with their delivery state.</summary>
public sealed class IncidentNotice : Entity
{
    private IncidentNotice() { }

    public IncidentNotice(Guid incidentId, Guid messageId)
    {
        IncidentId = incidentId;
        MessageId = messageId;
    }

    public Guid IncidentId { get; private set; }
    public Guid MessageId { get; private set; }
}
