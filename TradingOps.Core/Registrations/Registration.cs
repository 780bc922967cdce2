using TradingOps.Core.Common;
using TradingOps.Core.Projects;

namespace TradingOps.Core.Registrations;

/// <summary>
/// 项目登记 / 进场登记: a trading project asking to enter the center.
/// Submitted → InReview → (Returned with a one-time deficiency notice → Resubmitted → InReview)* →
/// Accepted (办结, possibly 容缺受理) or Rejected. Every other move is refused with a Chinese message.
/// </summary>
public sealed class Registration : Entity
{
    public const int CodeMaxLength = 30;
    public const int NameMaxLength = TradingProject.NameMaxLength;
    public const int PartyMaxLength = TradingProject.PartyMaxLength;
    public const int ContactMaxLength = 50;
    public const int TextMaxLength = 1000;
    public const int ReasonMaxLength = 500;
    public const int MaxSlots = 10;
    public const int MaxMaterials = 50;
    public const int OpenKeyLength = 64;

    private readonly List<RequestedRoomSlot> _slots = [];
    private readonly List<DeficiencyNotice> _notices = [];
    private readonly List<RegistrationSubmission> _submissions = [];

    private Registration() { Code = ProjectName = Initiator = SubmittedBy = ""; SubmittedMaterials = []; }

    public Registration(string code, RegistrationDraft draft, RegistrationChannel channel, string submittedBy,
        DateTimeOffset submittedAt, DateTimeOffset dueAt)
    {
        Code = Guard.Text(code, CodeMaxLength, "登记编号");
        ProjectName = Guard.Text(draft.ProjectName, NameMaxLength, "项目名称");
        Category = draft.Category ?? throw new DomainException("Registration.Category", "请选择交易类别");
        Method = draft.Method ?? throw new DomainException("Registration.Method", "请选择交易方式");
        Initiator = Guard.Text(draft.Initiator, PartyMaxLength, "招标人/采购人");
        Agency = Guard.OptionalText(draft.Agency, PartyMaxLength, "代理机构");
        ContactName = Guard.OptionalText(draft.ContactName, ContactMaxLength, "联系人");
        ContactPhone = Guard.OptionalText(draft.ContactPhone, ContactMaxLength, "联系电话");
        if (!PlainText.IsBlank(draft.ContactIdNumber))
            ContactIdNumber = IdNumber.Normalize(draft.ContactIdNumber, out var idError, DateOnly.FromDateTime(CenterTime.ToLocal(submittedAt).DateTime))
                              ?? throw new DomainException("Registration.ContactIdNumber", idError!);
        Amount = decimal.Round(draft.Amount ?? throw new DomainException("Registration.Amount", "请填写金额"), 2);
        BidOpeningAt = draft.BidOpeningAt?.ToUniversalTime();
        Channel = channel;
        SubmittedBy = Guard.Text(submittedBy, 50, "提交人");
        SubmittedAt = LastSubmittedAt = submittedAt.ToUniversalTime();
        DueAt = dueAt.ToUniversalTime();
        SubmittedMaterials = CleanMaterials(draft.Materials);
        _submissions.Add(new RegistrationSubmission(1, SubmittedAt, null, null, null));
        OpenKey = OpenKeyOf(Initiator, ProjectName, Category);
        foreach (var slot in draft.ToSlots()) AddSlot(slot);
        if (PlainText.Clean(draft.GreenChannelReason) is { } reason) GrantGreenChannel(reason);
    }

    public string Code { get; private set; }
    public string ProjectName { get; private set; }
    public TradingCategory Category { get; private set; }
    public TradingMethod Method { get; private set; }
    public string Initiator { get; private set; }
    public string? Agency { get; private set; }
    public string? ContactName { get; private set; }
    public string? ContactPhone { get; private set; }

    /// <summary>经办人身份证号: personal information, shown masked (<see cref="IdNumber.Mask"/>) except to the roles that need it.</summary>
    public string? ContactIdNumber { get; private set; }
    public decimal Amount { get; private set; }
    public DateTimeOffset? BidOpeningAt { get; private set; }
    public RegistrationChannel Channel { get; private set; }
    public string SubmittedBy { get; private set; }
    public RegistrationStatus Status { get; private set; } = RegistrationStatus.Submitted;

    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>The latest (re)submission: the service clock counts from here.</summary>
    public DateTimeOffset LastSubmittedAt { get; private set; }

    /// <summary>When the center must have finished; null while the agency holds the file (returned) .</summary>
    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>Names of the materials handed in (matched against the category's checklist).</summary>
    public List<string> SubmittedMaterials { get; private set; }

    /// <summary>绿色通道: major projects, emergency procurement (Yunnan 5.3.7); shown and handled first.</summary>
    public bool GreenChannel { get; private set; }
    public string? GreenChannelReason { get; private set; }

    public string? Reviewer { get; private set; }
    public DateTimeOffset? ReviewStartedAt { get; private set; }

    /// <summary>服务责任人 (national 6.2.4), assigned on acceptance.</summary>
    public Guid? ResponsibleStaffId { get; private set; }
    public string? PointsToObserve { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>容缺受理: accepted with materials still to come by this date.</summary>
    public DateTimeOffset? MissingMaterialsDueAt { get; private set; }
    public string? MissingMaterials { get; private set; }
    public DateTimeOffset? MissingMaterialsReceivedAt { get; private set; }

    public string? RejectionReason { get; private set; }

    /// <summary>The trading project created on acceptance.</summary>
    public Guid? ProjectId { get; private set; }

    /// <summary>
    /// While the registration is open (<see cref="RegistrationStatuses.IsOpen"/>): who asks for what, as
    /// <see cref="OpenKeyOf"/> gives it; null once accepted or rejected. Unique in the database, so a second open
    /// registration of the same project by the same initiator is refused even when both arrive at the same moment.
    /// </summary>
    public string? OpenKey { get; private set; }

    /// <summary>
    /// The identity of an obvious duplicate: same initiator, same project name, same category. Names are compared
    /// as people read them: width (ＡＢＣ/ABC), case, spaces and invisible characters do not count. A SHA-256 in hex,
    /// so the unique index stays small whatever the names' lengths.
    /// </summary>
    public static string OpenKeyOf(string initiator, string projectName, TradingCategory category)
    {
        static string Fold(string text) =>
            new string(text.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !PlainText.IsInvisible(c)).ToArray()).ToUpperInvariant();
        var identity = $"{category}\n{Fold(initiator)}\n{Fold(projectName)}";
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(identity)));
    }

    /// <summary>Gives a registration saved before <see cref="OpenKey"/> existed its key (null once closed).</summary>
    public void RestoreOpenKey() => OpenKey = Status.IsOpen() ? OpenKeyOf(Initiator, ProjectName, Category) : null;

    public IReadOnlyList<RequestedRoomSlot> Slots => _slots;
    public IReadOnlyList<DeficiencyNotice> Notices => _notices;
    public DeficiencyNotice? LatestNotice => _notices.MaxBy(n => n.Sequence);

    /// <summary>
    /// Every submission in order (issue 22): the first (its time is <see cref="SubmittedAt"/>, never overwritten) and
    /// each resubmission with the notice it answers, the materials that notice asked for and what was handed in.
    /// Empty for registrations saved before the list existed.
    /// </summary>
    public IReadOnlyList<RegistrationSubmission> Submissions => _submissions;

    public bool IsConditional => MissingMaterialsDueAt is not null;

    public void AddSlot(RequestedRoomSlot slot)
    {
        if (!Status.IsOpen())
            throw Illegal("修改场地预约");
        if (_slots.Count >= MaxSlots)
            throw new DomainException("Registration.TooManySlots", $"一次登记最多预约 {MaxSlots} 个场地时段");
        if (_slots.Any(s => s.Overlaps(slot.RoomId, slot.Start, slot.End)))
            throw new DomainException("Registration.SlotOverlap", "同一场地的预约时段不能相互重叠");
        _slots.Add(slot);
    }

    public void GrantGreenChannel(string reason)
    {
        if (!Status.IsOpen()) throw Illegal("开通绿色通道");
        GreenChannelReason = Guard.Text(reason, ReasonMaxLength, "绿色通道事由");
        GreenChannel = true;
    }

    /// <summary>A clerk takes the file up (Submitted or Resubmitted → InReview).</summary>
    public void StartReview(string reviewer, DateTimeOffset at)
    {
        if (Status is not (RegistrationStatus.Submitted or RegistrationStatus.Resubmitted))
            throw Illegal("开始审核");
        Reviewer = Guard.Text(reviewer, 50, "审核人");
        ReviewStartedAt = at.ToUniversalTime();
        Status = RegistrationStatus.InReview;
    }

    /// <summary>Return the file with one notice listing everything to add or correct (InReview → Returned).</summary>
    public DeficiencyNotice Return(IEnumerable<DeficiencyItem> items, string clerk, DateTimeOffset at, NoticeTerms? terms = null)
    {
        if (Status != RegistrationStatus.InReview)
            throw Illegal("退回并一次性告知");
        var notice = new DeficiencyNotice(Id, _notices.Count + 1, items, clerk, at, terms);
        _notices.Add(notice);
        Status = RegistrationStatus.Returned;
        DueAt = null;
        return notice;
    }

    /// <summary>Record that the latest notice reached the agency (送达).</summary>
    public void MarkNoticeSent(DateTimeOffset at)
    {
        if (Status != RegistrationStatus.Returned || LatestNotice is not { } notice)
            throw Illegal("登记告知书送达");
        notice.MarkSent(at);
    }

    /// <summary>The agency hands in the corrected materials (Returned → Resubmitted); the clock restarts.</summary>
    public void Resubmit(IEnumerable<string> materials, DateTimeOffset at, DateTimeOffset dueAt)
    {
        if (Status != RegistrationStatus.Returned)
            throw Illegal("补正提交");
        var added = CleanMaterials(materials);
        SubmittedMaterials = CleanMaterials(SubmittedMaterials.Concat(added));
        LastSubmittedAt = at.ToUniversalTime();
        if (_submissions.Count > 0) // a registration from before the list keeps none rather than a list without its first
            _submissions.Add(new RegistrationSubmission(_submissions.Count + 1, LastSubmittedAt, LatestNotice?.Sequence,
                LatestNotice is { } notice ? PlainText.Truncate(notice.RequestedMaterials, TextMaxLength) : null,
                added.Count == 0 ? null : PlainText.Truncate(string.Join("、", added), TextMaxLength)));
        DueAt = dueAt.ToUniversalTime();
        Status = RegistrationStatus.Resubmitted;
    }

    /// <summary>
    /// 办结 (InReview → Accepted): responsible staff, points to observe, the requested rooms confirmed (the caller
    /// books them through the booking rules in the same transaction). With <paramref name="conditional"/> it is
    /// 容缺受理: the listed materials must follow by the due date.
    /// </summary>
    public void Accept(Guid responsibleStaffId, string? pointsToObserve, ConditionalAcceptance? conditional, DateTimeOffset at)
    {
        if (Status != RegistrationStatus.InReview)
            throw Illegal("办结受理");
        if (responsibleStaffId == Guid.Empty)
            throw new DomainException("Registration.ResponsibleStaff", "办结时必须指定服务责任人");
        if (conditional is { } c)
        {
            if (c.DueAt.ToUniversalTime() <= at)
                throw new DomainException("Registration.ConditionalDue", "容缺材料的补齐期限必须晚于现在");
            MissingMaterials = Guard.Text(c.Materials, TextMaxLength, "容缺材料");
            MissingMaterialsDueAt = c.DueAt.ToUniversalTime();
        }
        ResponsibleStaffId = responsibleStaffId;
        PointsToObserve = Guard.OptionalText(pointsToObserve, TextMaxLength, "注意事项");
        CompletedAt = at.ToUniversalTime();
        foreach (var slot in _slots) slot.Confirm();
        Status = RegistrationStatus.Accepted;
        OpenKey = null;
    }

    public void LinkProject(Guid projectId)
    {
        if (Status != RegistrationStatus.Accepted) throw Illegal("关联交易项目");
        ProjectId = projectId;
    }

    /// <summary>容缺 materials arrived.</summary>
    public void ReceiveMissingMaterials(DateTimeOffset at)
    {
        if (Status != RegistrationStatus.Accepted || !IsConditional)
            throw new DomainException("Registration.NotConditional", $"登记 {Code} 不是容缺受理，无需补齐材料");
        if (MissingMaterialsReceivedAt is not null)
            throw new DomainException("Registration.MissingReceived", $"登记 {Code} 的容缺材料已补齐");
        MissingMaterialsReceivedAt = at.ToUniversalTime();
    }

    /// <summary>不予受理 with a reason (InReview → Rejected).</summary>
    public void Reject(string reason, DateTimeOffset at)
    {
        if (Status != RegistrationStatus.InReview)
            throw Illegal("不予受理");
        RejectionReason = Guard.Text(reason, ReasonMaxLength, "不予受理理由");
        CompletedAt = at.ToUniversalTime();
        Status = RegistrationStatus.Rejected;
        OpenKey = null;
    }

    public RegistrationUrgency UrgencyAt(DateTimeOffset now, Calendar.WorkdayCalendar calendar) =>
        Status.IsWaitingOnCenter() ? ServiceTimePolicy.UrgencyAt(DueAt, now, calendar) : RegistrationUrgency.None;

    private DomainException Illegal(string action) =>
        new($"Registration.Illegal.{Status}", $"登记 {Code} 当前状态为“{Status.Chinese()}”，不能{action}");

    private static List<string> CleanMaterials(IEnumerable<string>? materials)
    {
        var list = (materials ?? []).Select(PlainText.Clean).Where(m => m is not null)
            .Select(m => PlainText.Truncate(m!, DeficiencyItem.MaterialMaxLength))
            .DistinctBy(DeficiencyNotice.Normalize).ToList();
        if (list.Count > MaxMaterials)
            throw new DomainException("Registration.TooManyMaterials", $"材料最多 {MaxMaterials} 项");
        return list!;
    }
}

/// <summary>容缺受理 terms: what is still missing and by when.</summary>
public sealed record ConditionalAcceptance(string Materials, DateTimeOffset DueAt);

/// <summary>One submission of a registration: the first (number 1) or a resubmission answering a deficiency notice.</summary>
public sealed class RegistrationSubmission
{
    private RegistrationSubmission() { }

    internal RegistrationSubmission(int sequence, DateTimeOffset at, int? answersNotice, string? requestedMaterials, string? handedIn)
    {
        Sequence = sequence;
        At = at.ToUniversalTime();
        AnswersNotice = answersNotice;
        RequestedMaterials = requestedMaterials;
        HandedIn = handedIn;
    }

    public int Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>The sequence of the notice this resubmission answers; null for the first submission.</summary>
    public int? AnswersNotice { get; private set; }

    /// <summary>What that notice asked for (材料名称, joined with 、).</summary>
    public string? RequestedMaterials { get; private set; }

    /// <summary>The materials handed in with it.</summary>
    public string? HandedIn { get; private set; }
}
