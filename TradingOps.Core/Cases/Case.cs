using TradingOps.Core.Calendar;
using TradingOps.Core.Common;
using TradingOps.Core.Live;

namespace TradingOps.Core.Cases;

/// <summary>What a desk clerk (or the public form) enters to register a case.</summary>
public sealed record CaseIntake(CaseKind Kind, CaseChannel Channel, CaseStage Stage, string? ProjectCode, string Subject, string Details,
    string? RaisedByName, string? RaisedByPhone, string? RaisedByOrganisation, string? RaisedByEmail, string? AttachmentReferences);

/// <summary>
/// 异议/投诉/举报/服务投诉: one case on the register, from receipt to resolution. The center's own clock runs while it
/// owes the forwarding (<see cref="ForwardDueAt"/>); once forwarded, the responsible party's legal clock runs
/// (<see cref="ResponseDueAt"/>, from the preset chosen, citing its source). Who raised it is personal data: staff
/// screens show it masked, the public lookup never (<see cref="CaseProjection"/>). Every step is also a
/// <see cref="CaseEvent"/> on the case's timeline (the archive and the page read it).
/// </summary>
public sealed partial class Case : Entity
{
    public const int SubjectMaxLength = 100;
    public const int DetailsMaxLength = 4000;
    public const int NameMaxLength = 50;
    public const int OrganisationMaxLength = 100;
    public const int AttachmentsMaxLength = 1000;
    public const int TextMaxLength = 1000;
    public const int ActorMaxLength = 100;
    public const int PartyMaxLength = 100;
    public const int ReferenceMaxLength = 100;

    private Case() { Number = TrackingCode = Subject = Details = ReceivedBy = ""; }

    public Case(CaseNumber number, string trackingCode, CaseIntake intake, string? projectName, Guid? projectId,
        string receivedBy, string? handler, DateTimeOffset receivedAt, Deadline forwardDue)
    {
        Number = number.ToString();
        Year = number.Year;
        Serial = number.Serial;
        TrackingCode = trackingCode;
        Kind = intake.Kind;
        Channel = intake.Channel;
        Stage = intake.Stage;
        ProjectCode = Guard.OptionalText(intake.ProjectCode, Projects.TradingProject.CodeMaxLength, "项目编号")?.ToUpperInvariant();
        ProjectName = projectName;
        ProjectId = projectId;
        if (Kind != CaseKind.ServiceComplaint && ProjectCode is null && Kind != CaseKind.Report)
            throw new DomainException("Case.ProjectRequired", "异议和投诉须指明项目编号");
        Subject = Text(intake.Subject, SubjectMaxLength, "事由");
        Details = Text(intake.Details, DetailsMaxLength, "具体内容");
        RaisedByName = OptionalText(intake.RaisedByName, NameMaxLength, "提出人");
        RaisedByOrganisation = OptionalText(intake.RaisedByOrganisation, OrganisationMaxLength, "提出单位");
        if (!PlainText.IsBlank(intake.RaisedByPhone))
        {
            RaisedByPhone = PhoneNumber.Normalize(intake.RaisedByPhone, out var error);
            if (error is not null) throw new DomainException("Case.Phone", error);
        }
        RaisedByEmail = OptionalText(intake.RaisedByEmail, 100, "电子邮箱");
        if (RaisedByEmail is not null && !RaisedByEmail.Contains('@'))
            throw new DomainException("Case.Email", "电子邮箱格式不正确");
        if (Kind is CaseKind.Objection or CaseKind.Complaint && RaisedByName is null && RaisedByOrganisation is null)
            throw new DomainException("Case.RaisedBy", "异议和投诉须写明提出人或提出单位（举报可匿名）");
        AttachmentReferences = OptionalText(intake.AttachmentReferences, AttachmentsMaxLength, "附件");
        ReceivedBy = Guard.Text(receivedBy, ActorMaxLength, "受理人");
        Handler = handler;
        ReceivedAt = receivedAt.ToUniversalTime();
        ForwardDueAt = forwardDue.At.ToUniversalTime();
        ForwardDueProvisional = forwardDue.Provisional;
    }

    public string Number { get; private set; }
    public int Year { get; private set; }
    public int Serial { get; private set; }

    /// <summary>The public 查询码 (<see cref="Cases.TrackingCode"/>): random, never sequential.</summary>
    public string TrackingCode { get; private set; }

    public CaseKind Kind { get; private set; }
    public CaseChannel Channel { get; private set; }
    public CaseStage Stage { get; private set; }
    public string? ProjectCode { get; private set; }
    public string? ProjectName { get; private set; }
    public Guid? ProjectId { get; private set; }
    public string Subject { get; private set; }
    public string Details { get; private set; }

    // Personal data: masked on staff screens, never public.
    public string? RaisedByName { get; private set; }
    public string? RaisedByPhone { get; private set; }
    public string? RaisedByOrganisation { get; private set; }
    public string? RaisedByEmail { get; private set; }

    /// <summary>Attachments as references (材料编号、邮件、纸质件存放处), one per line: files are not stored here.</summary>
    public string? AttachmentReferences { get; private set; }

    public IReadOnlyList<string> Attachments =>
        AttachmentReferences is null ? [] : AttachmentReferences.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string ReceivedBy { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>The desk user handling the case (user name); null until someone takes a case from the public form.</summary>
    public string? Handler { get; private set; }

    public DateTimeOffset ForwardDueAt { get; private set; }
    public bool ForwardDueProvisional { get; private set; }

    // Routing: the preset chosen, who it went to and how, the responsible party's deadline.
    public string? PresetKey { get; private set; }
    public string? PresetName { get; private set; }
    public string? PresetSource { get; private set; }
    public CaseRoute? Route { get; private set; }
    public string? Awaiting { get; private set; }
    public string? ForwardedTo { get; private set; }
    public string? ForwardChannel { get; private set; }
    public string? ForwardReference { get; private set; }
    public DateTimeOffset? ForwardedAt { get; private set; }
    public string? ForwardedBy { get; private set; }
    public DateTimeOffset? ResponseDueAt { get; private set; }
    public bool ResponseDueProvisional { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }
    public string? AnsweredBy { get; private set; }
    public string? Answer { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? ResolvedBy { get; private set; }
    public string? Resolution { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawReason { get; private set; }

    /// <summary>The preset (or the handler) says the transaction is suspended until the answer; <see cref="IncidentId"/> is the suspension.</summary>
    public bool RequiresSuspension { get; private set; }
    public Guid? IncidentId { get; private set; }
    public DateTimeOffset? SuspendedAt { get; private set; }
    public DateTimeOffset? ResumedAt { get; private set; }
    public bool IsSuspending => SuspendedAt is not null && ResumedAt is null;

    public CaseState State { get; private set; } = CaseState.Received;
    public bool IsOpen => State.IsOpen();

    /// <summary>What the case waits for now and until when: the center's forwarding, then the responsible party's answer; none once answered.</summary>
    public (string? Awaiting, DateTimeOffset? DueAt, bool Provisional) Waiting => State switch
    {
        CaseState.Received => ("中心转交", ForwardDueAt, ForwardDueProvisional),
        CaseState.Forwarded => (Awaiting, ResponseDueAt, ResponseDueProvisional),
        _ => (null, null, false),
    };

    public void TakeOver(string handler) => Handler = Guard.Text(handler, ActorMaxLength, "承办人");

    /// <summary>
    /// 转交: routes the case by <paramref name="preset"/> to <paramref name="forwardedTo"/> (or to the center's own handling),
    /// recording how it went; the responsible party's deadline counts from now. Only a received case is forwarded, once.
    /// </summary>
    public void Forward(CaseClockPreset preset, string forwardedTo, string channel, string? reference, string by, DateTimeOffset at, WorkdayCalendar calendar)
    {
        if (State != CaseState.Received)
            throw new DomainException("Case.NotReceived", $"案件 {Number} 已经转交或办结，不能再次转交");
        if (preset.Kind != Kind)
            throw new DomainException("Case.PresetKind", $"时限预设“{preset.Name}”不适用于此类案件");
        if (!preset.Active)
            throw new DomainException("Case.PresetInactive", $"时限预设“{preset.Name}”已停用");
        PresetKey = preset.Key;
        PresetName = preset.Name;
        PresetSource = preset.Source;
        Route = preset.Route;
        Awaiting = preset.Awaiting;
        ForwardedTo = Text(forwardedTo, PartyMaxLength, "转交对象");
        ForwardChannel = Guard.Text(channel, 20, "转交方式");
        ForwardReference = OptionalText(reference, ReferenceMaxLength, "转交凭证");
        ForwardedAt = at.ToUniversalTime();
        ForwardedBy = Guard.Text(by, ActorMaxLength, "经办人");
        RequiresSuspension = preset.Suspends;
        if (preset.DueFrom(ForwardedAt.Value, calendar) is { } due)
        {
            ResponseDueAt = due.At.ToUniversalTime();
            ResponseDueProvisional = due.Provisional;
        }
        State = CaseState.Forwarded;
    }

    /// <summary>The responsible party's answer (or the center's own, for a service complaint), as received.</summary>
    public void RecordAnswer(string answer, string by, DateTimeOffset at)
    {
        if (State != CaseState.Forwarded)
            throw new DomainException("Case.NotForwarded", $"案件 {Number} 尚未转交或已答复");
        Answer = Text(answer, TextMaxLength, "答复内容");
        AnsweredBy = Guard.Text(by, ActorMaxLength, "记录人");
        AnsweredAt = at.ToUniversalTime();
        State = CaseState.Answered;
    }

    /// <summary>办结: closes an answered case; a suspension it caused must have been lifted first.</summary>
    public void Resolve(string resolution, string by, DateTimeOffset at)
    {
        if (State != CaseState.Answered)
            throw new DomainException("Case.NotAnswered", $"案件 {Number} 尚未答复，不能办结");
        if (IsSuspending)
            throw new DomainException("Case.StillSuspending", $"案件 {Number} 引起的暂停尚未恢复或终止，不能办结");
        Resolution = Text(resolution, TextMaxLength, "办结说明");
        ResolvedBy = Guard.Text(by, ActorMaxLength, "办结人");
        ResolvedAt = at.ToUniversalTime();
        State = CaseState.Resolved;
    }

    /// <summary>撤回/不予受理 with a reason, before an answer.</summary>
    public void Withdraw(string reason, string by, DateTimeOffset at)
    {
        if (State is not (CaseState.Received or CaseState.Forwarded))
            throw new DomainException("Case.CannotWithdraw", $"案件 {Number} 已答复或办结，不能撤回");
        if (IsSuspending)
            throw new DomainException("Case.StillSuspending", $"案件 {Number} 引起的暂停尚未恢复或终止，不能撤回");
        WithdrawReason = Text(reason, TextMaxLength, "撤回原因");
        ResolvedBy = Guard.Text(by, ActorMaxLength, "经办人");
        WithdrawnAt = at.ToUniversalTime();
        State = CaseState.Withdrawn;
    }

    /// <summary>The project was suspended for this case through an incident (the witnessing issue's mechanism).</summary>
    public void LinkSuspension(Guid incidentId, DateTimeOffset at)
    {
        if (!IsOpen) throw new DomainException("Case.Closed", $"案件 {Number} 已办结");
        if (ProjectCode is null) throw new DomainException("Case.NoProject", "案件未指明项目，无法暂停交易");
        if (IsSuspending) throw new DomainException("Case.AlreadySuspending", $"案件 {Number} 已引起暂停");
        IncidentId = incidentId;
        SuspendedAt = at.ToUniversalTime();
        ResumedAt = null;
    }

    /// <summary>The suspension was lifted (resumed or terminated through its incident).</summary>
    public void MarkResumed(DateTimeOffset at)
    {
        if (!IsSuspending) throw new DomainException("Case.NotSuspending", $"案件 {Number} 没有引起暂停");
        ResumedAt = at.ToUniversalTime();
    }

    public CaseRow ToRow()
    {
        var (awaiting, due, provisional) = Waiting;
        return new(Id, Number, Kind, Channel, ProjectCode, Subject, State, ReceivedAt, awaiting, due, provisional, Handler, IsSuspending);
    }

    /// <summary>Free text refused when it carries markup or script (a complaint form is a favourite place to try).</summary>
    internal static string Text(string? value, int max, string field) =>
        PlainText.LooksLikeMarkup(value) ? throw new DomainException("Case.Markup", $"{field} 不能包含网页代码或脚本（如 <script>）") : Guard.Text(value, max, field);

    internal static string? OptionalText(string? value, int max, string field) =>
        PlainText.LooksLikeMarkup(value) ? throw new DomainException("Case.Markup", $"{field} 不能包含网页代码或脚本（如 <script>）") : Guard.OptionalText(value, max, field);
}

/// <summary>A case on the register, the board and the wall (no personal data).</summary>
public sealed record CaseRow(Guid Id, string Number, CaseKind Kind, CaseChannel Channel, string? ProjectCode, string Subject, CaseState State,
    DateTimeOffset ReceivedAt, string? Awaiting, DateTimeOffset? DueAt, bool DueProvisional, string? Handler, bool Suspending)
{
    public bool IsOverdue(DateTimeOffset now) => DueAt is { } due && now > due && State.IsOpen();
}

/// <summary>A case changed (received, forwarded, answered, resolved, withdrawn, suspended, resumed): the board and the wall follow the row.</summary>
public sealed record CaseChanged(DateTimeOffset At, CaseRow Row) : LiveEvent(At);

/// <summary>One step on a case's timeline (append-only): what happened, when, by whom.</summary>
public sealed class CaseEvent : Entity
{
    private CaseEvent() { Code = Text = By = ""; }

    public CaseEvent(Guid caseId, string code, string text, string by, DateTimeOffset at)
    {
        CaseId = caseId;
        Code = code;
        Text = PlainText.Truncate(text, Case.TextMaxLength + 200);
        By = Guard.Text(by, Case.ActorMaxLength, "经办人");
        At = at.ToUniversalTime();
    }

    public Guid CaseId { get; private set; }
    public string Code { get; private set; }
    public string Text { get; private set; }
    public string By { get; private set; }
    public DateTimeOffset At { get; private set; }

    public const string Received = "received", Forwarded = "forwarded", Answered = "answered", Resolved = "resolved", Withdrawn = "withdrawn",
        Suspended = "suspended", Resumed = "resumed", Note = "note", TakenOver = "taken-over";
}
